/**
 * Training data, delivered a batch at a time ({@link io.dense4j.data.BatchSource}) into a plan's
 * input buffer: in-memory {@link io.dense4j.data.Dataset}s, and CSV files of any size
 * ({@link io.dense4j.data.CsvSource}: checked in a first pass, then read from a memory-mapped
 * binary cache or streamed by a background thread). {@link io.dense4j.data.CsvReader} parses;
 * {@link io.dense4j.data.Synthetic} generates the benchmark workloads' data.
 */
package io.dense4j.data;
