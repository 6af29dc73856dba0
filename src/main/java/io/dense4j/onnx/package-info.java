/**
 * ONNX export: a trained model's whole prediction pipeline (missing-value fill, category lookup,
 * standardization, the layers, the sigmoid and the threshold) written as one ONNX graph, so that
 * ONNX Runtime and every other ONNX engine score rows as dense4j does. The protobuf classes are
 * the ONNX project's own, generated into ND4J's {@code nd4j-api}.
 */
package io.dense4j.onnx;
