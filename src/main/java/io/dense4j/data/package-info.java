/**
 * Training data, delivered a batch at a time ({@link io.dense4j.data.BatchSource}) into a plan's
 * input buffer: in-memory {@link io.dense4j.data.Dataset}s ({@link io.dense4j.data.DatasetBatches}),
 * and CSV files of any size ({@code data.csv}). {@link io.dense4j.data.RowSelection} is the one
 * rule for a validation split, {@link io.dense4j.data.EpochOrder} the one seeded order of an
 * epoch, and {@link io.dense4j.data.Synthetic} generates the benchmark workloads' data.
 */
package io.dense4j.data;
