/**
 * Training data: in-memory {@link io.dense4j.data.Dataset}s checked once at the boundary and
 * copied batch by batch into a plan's planned input buffer.
 */
package io.dense4j.data;
