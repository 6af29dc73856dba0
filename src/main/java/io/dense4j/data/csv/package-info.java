/**
 * The one way to read a CSV file for training, evaluation and prediction.
 * {@link io.dense4j.data.csv.CsvSource} checks every cell in a first pass and serves the rows from
 * a memory-mapped binary cache or a streaming reader, of one file or of several read as one table
 * ({@link io.dense4j.data.csv.CsvFiles}: a folder or a glob; {@code CsvFile} is one of them,
 * opened); {@link io.dense4j.data.csv.CsvReader} coordinates a pass, built from parts with one job each: {@code LineBuffer} (chunks, and rows that end
 * at line ends outside quoted fields), {@code ColumnLayout} (header, label and feature columns), {@code RowParser} with
 * {@code FieldScanner}, {@code CellParser} and {@code LabelParser} (a row's cells), and
 * {@code CsvProblems} (every error's file, line, column and text).
 */
package io.dense4j.data.csv;
