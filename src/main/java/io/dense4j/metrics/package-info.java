/**
 * Binary classification metrics from predicted probabilities and 0/1 labels: accuracy, precision,
 * recall, F1, ROC AUC, log loss and the confusion matrix, at a chosen threshold.
 */
package io.dense4j.metrics;
