package io.dense4j.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dense4j.data.Printable;
import io.dense4j.runtime.MachineKind;
import java.util.ArrayList;
import java.util.List;

/** The {@code trainingCommand} object of {@code model.json}: written from a {@link TrainingCommand}, read from an untrusted file. */
final class TrainingCommandJson {
    private TrainingCommandJson() {
    }

    /** Writes {@code command} into {@code node}, each optional field only when it says something, so a model file reads as before. */
    static void write(TrainingCommand command, ObjectNode node) {
        node.put("parts", command.parts());
        command.arguments().forEach(node.putArray("arguments")::add);
        if (!command.ended()) { // a checkpoint's
            node.put("ended", false);
        }
        if (command.resumedOtherwise()) { // a checkpoint's too: the model at the end keeps no line
            node.put("resumedOtherwise", true);
        }
        if (!command.machines().isEmpty()) {
            ArrayNode machines = node.putArray("machines");
            command.machines().forEach(kind -> machines.addObject().put("cpu", kind.cpu()).put("java", kind.java()));
        }
    }

    /** The command {@code node}, an untrusted {@code trainingCommand} object, holds; an error naming what is wrong. */
    static TrainingCommand read(JsonNode node) {
        JsonNode arguments = node.path("arguments");
        JsonNode ended = node.path("ended");
        JsonNode otherwise = node.path("resumedOtherwise");
        if (!arguments.isArray() || !node.path("parts").canConvertToInt() || arguments.size() > TrainingCommand.MOST_ARGUMENTS
                || !ended.isMissingNode() && !ended.isBoolean() || !otherwise.isMissingNode() && !otherwise.isBoolean()) {
            throw new IllegalArgumentException("its trainingCommand needs a list \"arguments\" (at most "
                    + TrainingCommand.MOST_ARGUMENTS + "), a whole number \"parts\" and, if any, true or false \"ended\" and "
                    + "\"resumedOtherwise\"");
        }
        List<String> given = new ArrayList<>();
        for (JsonNode argument : arguments) {
            if (!argument.isTextual()) {
                throw new IllegalArgumentException("its trainingCommand's arguments hold " + Printable.of(argument.toString())
                        + ", not a text");
            }
            given.add(argument.asText());
        }
        return new TrainingCommand(given, node.get("parts").asInt(), ended.asBoolean(true), otherwise.asBoolean(false),
                machines(node.path("machines")));
    }

    /** The kinds of machine a {@code trainingCommand} names: none where it names none, as files from before they were recorded. */
    private static List<MachineKind> machines(JsonNode node) {
        if (node.isMissingNode()) {
            return List.of();
        }
        if (!node.isArray() || node.size() > TrainingCommand.MOST_MACHINES) {
            throw new IllegalArgumentException("its trainingCommand's \"machines\" needs a list of at most " + TrainingCommand.MOST_MACHINES
                    + " kinds of machine");
        }
        List<MachineKind> kinds = new ArrayList<>();
        for (JsonNode kind : node) {
            JsonNode cpu = kind.path("cpu");
            JsonNode java = kind.path("java");
            if (!cpu.isTextual() || !java.isTextual() || !fits(cpu.asText()) || !fits(java.asText())) {
                throw new IllegalArgumentException("its trainingCommand's machines need a text \"cpu\" and \"java\" of 1 to "
                        + MachineKind.MOST_CHARS + " characters each, not " + Printable.of(kind.toString()));
            }
            kinds.add(new MachineKind(cpu.asText(), java.asText()));
        }
        return kinds;
    }

    private static boolean fits(String text) {
        return !text.isEmpty() && text.length() <= MachineKind.MOST_CHARS;
    }
}
