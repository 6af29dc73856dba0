package io.dense4j.onnx;

import io.dense4j.tensor.NativeArray;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import onnx.Onnx.AttributeProto;
import onnx.Onnx.GraphProto;
import onnx.Onnx.NodeProto;
import onnx.Onnx.TensorProto;
import onnx.Onnx.TensorShapeProto;
import onnx.Onnx.TypeProto;
import onnx.Onnx.ValueInfoProto;
import org.nd4j.shade.protobuf.ByteString;

/**
 * An ONNX graph under construction: inputs, outputs, constant tensors (initializers) and nodes,
 * each value named once. Inputs and outputs have the names given; every other value's name starts
 * with {@value #INTERNAL}, so no column name can collide with one. Every batch dimension is the
 * symbolic {@code N}, so one export scores any number of rows.
 */
final class OnnxGraph {
    static final String ML_DOMAIN = "ai.onnx.ml";
    static final String INTERNAL = "dense4j/";

    private final GraphProto.Builder graph = GraphProto.newBuilder();
    private final Set<String> names = new HashSet<>();
    /** The element type of every real-valued tensor: FLOAT or DOUBLE, as the model computes. */
    private final TensorProto.DataType real;
    private int nodes;

    OnnxGraph(String name, TensorProto.DataType real) {
        graph.setName(name);
        this.real = real;
    }

    TensorProto.DataType real() {
        return real;
    }

    /** Declares an input of {@code type}: [N, width], or [N] when width is 0. */
    String input(String name, TensorProto.DataType type, int width, String description) {
        graph.addInput(valueInfo(claim(name), type, width, description));
        return name;
    }

    /** Declares {@code value} an output of {@code type}, [N, width]. */
    void declareOutput(String value, TensorProto.DataType type, int width, String description) {
        graph.addOutput(valueInfo(value, type, width, description));
    }

    /** A constant of the real type, shaped {@code dims}, from {@code count} values of {@code source} starting at {@code from}. */
    String constant(String name, NativeArray source, int from, int count, long... dims) {
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            values[i] = source.get(from + i);
        }
        return constant(name, values, dims);
    }

    /** A constant of the real type from {@code values} (rounded to float32 in a float32 graph), shaped {@code dims}; none: a scalar. */
    String constant(String name, double[] values, long... dims) {
        boolean wide = real == TensorProto.DataType.DOUBLE;
        ByteBuffer bytes = ByteBuffer.allocate(values.length * (wide ? 8 : 4)).order(ByteOrder.LITTLE_ENDIAN);
        for (double value : values) {
            if (wide) {
                bytes.putDouble(value);
            } else {
                bytes.putFloat((float) value);
            }
        }
        bytes.flip();
        graph.addInitializer(TensorProto.newBuilder().setName(claim(INTERNAL + name)).setDataType(real.getNumber())
                .addAllDims(toList(dims)).setRawData(ByteString.copyFrom(bytes)));
        return INTERNAL + name;
    }

    /** A scalar string constant. */
    String constant(String name, String value) {
        graph.addInitializer(TensorProto.newBuilder().setName(claim(INTERNAL + name)).setDataType(TensorProto.DataType.STRING.getNumber())
                .addStringData(ByteString.copyFrom(value, StandardCharsets.UTF_8)));
        return INTERNAL + name;
    }

    /** Adds a node of standard op {@code op} reading {@code inputs}; returns its output's name, {@code output}. */
    String node(String op, String output, List<String> inputs, AttributeProto... attributes) {
        return node("", op, output, inputs, attributes);
    }

    /** The same for an op of {@code domain} ("" for the standard ops). */
    String node(String domain, String op, String output, List<String> inputs, AttributeProto... attributes) {
        return add(domain, op, INTERNAL + output, inputs, attributes);
    }

    /** Adds a node of standard op {@code op} whose output is the graph output {@code output}, so named. */
    String output(String op, String output, List<String> inputs) {
        return add("", op, output, inputs);
    }

    private String add(String domain, String op, String output, List<String> inputs, AttributeProto... attributes) {
        graph.addNode(NodeProto.newBuilder().setName(INTERNAL + op + "_" + nodes++).setOpType(op).setDomain(domain).addAllInput(inputs)
                .addOutput(claim(output)).addAllAttribute(List.of(attributes)));
        return output;
    }

    GraphProto build() {
        return graph.build();
    }

    static AttributeProto attribute(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    static AttributeProto strings(String name, List<String> values) {
        AttributeProto.Builder attribute = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRINGS);
        values.forEach(value -> attribute.addStrings(ByteString.copyFrom(value, StandardCharsets.UTF_8)));
        return attribute.build();
    }

    static AttributeProto integers(String name, List<Long> values) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS).addAllInts(values).build();
    }

    /** Reserves {@code name}: ONNX names each value once in a graph. */
    private String claim(String name) {
        if (!names.add(name)) {
            throw new IllegalStateException("the ONNX graph names \"" + name + "\" twice");
        }
        return name;
    }

    private static ValueInfoProto valueInfo(String name, TensorProto.DataType type, int width, String description) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder().addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("N"));
        if (width > 0) {
            shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(width));
        }
        TypeProto type2 = TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder().setElemType(type.getNumber()).setShape(shape))
                .build();
        return ValueInfoProto.newBuilder().setName(name).setType(type2).setDocString(description).build();
    }

    private static List<Long> toList(long[] dims) {
        return java.util.Arrays.stream(dims).boxed().toList();
    }
}
