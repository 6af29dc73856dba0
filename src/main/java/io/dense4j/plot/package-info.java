/**
 * PNG charts with XChart: loss curves from training histories, ROC curves, and the decision
 * boundary of a two-feature model.
 */
package io.dense4j.plot;
