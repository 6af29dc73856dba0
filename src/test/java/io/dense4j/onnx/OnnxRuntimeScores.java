package io.dense4j.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An exported model's outputs as ONNX Runtime computes them, for tests that compare them with
 * dense4j's own.
 *
 * @param probability P(class 1) per row
 * @param label       the class name per row
 */
public record OnnxRuntimeScores(double[] probability, String[] label) {

    /**
     * Scores {@code rows} rows: {@code numbers} (float[][] or double[][], as the model's type; null
     * without numeric columns) and each categorical column's strings by input name.
     */
    public static OnnxRuntimeScores of(byte[] model, Object numbers, Map<String, String[]> categorical) throws OrtException {
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        Map<String, OnnxTensor> inputs = new LinkedHashMap<>();
        try (OrtSession session = environment.createSession(model, new OrtSession.SessionOptions())) {
            if (numbers != null) {
                inputs.put(OnnxExport.FEATURES, OnnxTensor.createTensor(environment, numbers));
            }
            for (Map.Entry<String, String[]> column : categorical.entrySet()) {
                inputs.put(column.getKey(), OnnxTensor.createTensor(environment, column.getValue()));
            }
            try (OrtSession.Result result = session.run(inputs)) {
                OnnxValue probabilities = result.get(OnnxExport.PROBABILITY).orElseThrow();
                OnnxValue labels = result.get(OnnxExport.LABEL).orElseThrow();
                String[][] names = (String[][]) labels.getValue();
                double[] p = new double[names.length];
                String[] label = new String[names.length];
                Object values = probabilities.getValue();
                for (int r = 0; r < names.length; r++) {
                    p[r] = values instanceof float[][] floats ? floats[r][0] : ((double[][]) values)[r][0];
                    label[r] = names[r][0];
                }
                return new OnnxRuntimeScores(p, label);
            }
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }
}
