package io.dense4j.model;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * For fuzz tests: one edit of a JSON tree, as a person editing a file by hand might make it: a
 * value replaced by a number, a text, true, null, an empty list or object, or a copy of another
 * value of the tree; a key or an element removed; an element repeated.
 */
public final class JsonEdits {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** A value's place: a key of an object, or an index of a list. */
    private record Place(JsonNode container, String key, int index) {
        JsonNode value() {
            return key != null ? container.get(key) : container.get(index);
        }

        void set(JsonNode value) {
            if (key != null) {
                ((ObjectNode) container).set(key, value);
            } else {
                ((ArrayNode) container).set(index, value);
            }
        }

        void remove() {
            if (key != null) {
                ((ObjectNode) container).remove(key);
            } else {
                ((ArrayNode) container).remove(index);
            }
        }
    }

    private JsonEdits() {
    }

    /** Makes one edit of {@code root}, chosen by {@code data}; none if {@code root} holds no value. */
    public static void apply(JsonNode root, FuzzedDataProvider data) {
        List<Place> places = new ArrayList<>();
        collect(root, places);
        if (places.isEmpty()) {
            return;
        }
        Place place = places.get(data.consumeInt(0, places.size() - 1));
        switch (data.consumeInt(0, 10)) {
            case 0 -> place.set(NODES.numberNode(data.consumeInt()));
            case 1 -> place.set(NODES.numberNode(data.consumeLong()));
            case 2 -> place.set(NODES.numberNode(data.consumeInt(-2, 3)));
            case 3 -> place.set(NODES.numberNode(data.consumeDouble()));
            case 4 -> place.set(NODES.textNode(data.consumeString(40)));
            case 5 -> place.set(NODES.booleanNode(data.consumeBoolean()));
            case 6 -> place.set(NODES.nullNode());
            case 7 -> place.remove();
            case 8 -> place.set(places.get(data.consumeInt(0, places.size() - 1)).value().deepCopy());
            case 9 -> place.set(data.consumeBoolean() ? NODES.arrayNode() : NODES.objectNode());
            default -> {
                if (place.key == null) {
                    ((ArrayNode) place.container).insert(place.index, place.value().deepCopy());
                } else {
                    place.set(NODES.arrayNode().add(place.value().deepCopy()));
                }
            }
        }
    }

    private static void collect(JsonNode node, List<Place> places) {
        if (node.isObject()) {
            node.fieldNames().forEachRemaining(key -> {
                places.add(new Place(node, key, -1));
                collect(node.get(key), places);
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                places.add(new Place(node, null, i));
                collect(node.get(i), places);
            }
        }
    }
}
