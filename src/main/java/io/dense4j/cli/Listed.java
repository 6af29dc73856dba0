package io.dense4j.cli;

import java.util.List;

/** Items written into a sentence: "a", "a and b", "a, b and c". */
final class Listed {
    private Listed() {
    }

    /** {@code items} joined by commas, the last by "and"; at least one item. */
    static String inWords(List<String> items) {
        int last = items.size() - 1;
        return last == 0 ? items.get(0) : String.join(", ", items.subList(0, last)) + " and " + items.get(last);
    }
}
