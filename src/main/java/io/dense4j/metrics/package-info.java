/**
 * Binary classification metrics from predicted probabilities and 0/1 labels: log loss, ROC AUC,
 * average precision (PR AUC), the Brier score and calibration, and at a threshold accuracy,
 * precision, recall, F1, balanced accuracy, Matthews correlation and the confusion matrix; and
 * the decision threshold, chosen for a goal on validation rows.
 */
package io.dense4j.metrics;
