package io.dense4j.data.csv;

import io.dense4j.data.Printable;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Turns a CSV file's label cells into classes 0 and 1. Accepted: 0/1 (or −1/1), true/false (any
 * case), any two other numbers, which map in numeric order (1/2 and 2/4 as many public data sets
 * code their classes: the larger is class 1, as scikit-learn's LabelEncoder has it), or exactly
 * two names, which map in sorted order (so "no" → 0, "yes" → 1 whatever row comes first). While reading, each row gets a provisional class: 0 for the first name seen, 1 for the
 * second; {@link #flipped()} says whether the final mapping swaps them.
 */
public final class LabelMapping {
    private byte[][] names;
    private final int capacity;
    private int seen;
    /** Other spellings of a name seen ("0.0" after "0"), and the provisional class each stands for. */
    private final byte[][] aliases = new byte[MOST_ALIASES][];
    private final int[] aliasClasses = new int[MOST_ALIASES];
    private int aliased;

    /** The most other spellings kept: past them a spelling counts as a name of its own, and so as a third class. */
    private static final int MOST_ALIASES = 8;

    /** A mapping for a binary label: two names at most. */
    public LabelMapping() {
        this(2);
    }

    private LabelMapping(int capacity) {
        this.capacity = capacity;
        this.names = new byte[Math.min(capacity, 2)][];
    }

    /**
     * A mapping that only collects up to {@code capacity} distinct names, in first-seen order,
     * judging none: for a piece of a file, whose names are judged together with the other pieces'.
     */
    static LabelMapping collecting(int capacity) {
        return new LabelMapping(capacity);
    }

    /** The mapping that has seen these names, in this order (as a cache records them, or pieces of a file merge them). */
    public static LabelMapping restore(List<String> firstSeen) {
        LabelMapping mapping = new LabelMapping();
        for (String name : firstSeen) {
            byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
            mapping.provisionalClass(bytes, 0, bytes.length);
        }
        return mapping;
    }

    /**
     * The provisional class of the label in {@code bytes[start, end)}, or −1 for a third name.
     * Allocates only the first time each of the two names is seen.
     */
    int provisionalClass(byte[] bytes, int start, int end) {
        for (int i = 0; i < seen; i++) {
            if (Arrays.equals(names[i], 0, names[i].length, bytes, start, end)) {
                return i;
            }
        }
        for (int a = 0; a < aliased; a++) {
            if (Arrays.equals(aliases[a], 0, aliases[a].length, bytes, start, end)) {
                return aliasClasses[a];
            }
        }
        int same = collects() || aliased == MOST_ALIASES ? -1 : sameValueAs(new String(bytes, start, end - start, StandardCharsets.UTF_8));
        if (same >= 0) { // the same class by value, spelled another way: "0.0" after "0", "TRUE" after "true"
            aliases[aliased] = Arrays.copyOfRange(bytes, start, end);
            aliasClasses[aliased++] = same;
            return same;
        }
        if (seen == capacity) {
            return -1;
        }
        if (seen == names.length) {
            names = Arrays.copyOf(names, Math.min(capacity, names.length * 2));
        }
        names[seen] = Arrays.copyOfRange(bytes, start, end);
        return seen++;
    }

    /** The provisional class of a name seen whose value {@code name} has (the same number, or true or false in any case), or −1. */
    private int sameValueAs(String name) {
        for (int i = 0; i < seen; i++) {
            if (sameValue(new String(names[i], StandardCharsets.UTF_8), name)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Whether two labels are one value spelled two ways: equal numbers ("1", "1.0", "+1"), or true or
     * false in any case. Not two numbers that only mean the same class: "0" and "-1" together may be
     * three classes with "1", so they stay two names, which {@link #problem} refuses.
     */
    public static boolean sameValue(String a, String b) {
        double x = number(a);
        double y = number(b);
        if (!Double.isNaN(x) || !Double.isNaN(y)) {
            return x == y;
        }
        return (a.equalsIgnoreCase("true") || a.equalsIgnoreCase("false")) && a.equalsIgnoreCase(b);
    }

    /** The place in {@code names} (some may be null) of {@code name} or of another spelling of its value ({@link #sameValue}); −1 for neither. */
    public static int indexOfSameValue(List<String> names, String name) {
        for (int k = 0; k < names.size(); k++) {
            String known = names.get(k);
            if (known != null && (known.equals(name) || sameValue(known, name))) {
                return k;
            }
        }
        return -1;
    }

    /** Forgets the names seen after the first {@code count}: a rejected row's label must not count. */
    void keepFirst(int count) {
        for (int i = count; i < seen; i++) {
            names[i] = null;
        }
        seen = Math.min(seen, count);
    }

    /** How many distinct names have been seen (0, 1 or 2). */
    int seen() {
        return seen;
    }

    /** The label names seen so far, in first-seen order. */
    public String[] names() {
        String[] text = new String[seen];
        for (int i = 0; i < seen; i++) {
            text[i] = new String(names[i], StandardCharsets.UTF_8);
        }
        return text;
    }

    /** Whether this mapping collects names without judging them (see {@link #collecting}). */
    boolean collects() {
        return capacity > 2;
    }

    /** The name that means class 0 and the one that means class 1, once both have been seen. */
    public String[] classes() {
        String[] text = names();
        if (text.length == 1) {
            return canonical(text[0]) == 1 ? new String[] {null, text[0]} : new String[] {text[0], null};
        }
        return flipped() ? new String[] {text[1], text[0]} : text;
    }

    /** Whether the first-seen name means class 1, so provisional classes must be swapped. */
    public boolean flipped() {
        String[] text = names();
        if (text.length == 0) {
            return false;
        }
        if (text.length == 1) {
            return canonical(text[0]) == 1;
        }
        int first = canonical(text[0]);
        int second = canonical(text[1]);
        if (first >= 0 && second >= 0 && first != second) {
            return first == 1;
        }
        if (isNumber(text[0]) && isNumber(text[1])) {
            return number(text[0]) > number(text[1]);
        }
        return text[0].compareTo(text[1]) > 0; // two other names: sorted order
    }

    /** Whether a label names a missing value: NA, N/A or NaN (signed too), in any case; whole names only ("tenant" is a class). */
    public static boolean isMissing(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        String unsigned = lower.startsWith("+") || lower.startsWith("-") ? lower.substring(1) : lower;
        return lower.equals("na") || lower.equals("n/a") || unsigned.equals("nan");
    }

    /**
     * What is wrong with the names seen so far, or null: a missing value, a number mixed with a
     * name, or 0/1 or true/false mixed with another name.
     */
    public String problem() {
        String[] text = names();
        for (String name : text) {
            String lower = name.toLowerCase(Locale.ROOT);
            String unsigned = lower.startsWith("+") || lower.startsWith("-") ? lower.substring(1) : lower;
            if (isMissing(name)) {
                return "the label \"" + name + "\" is a missing value";
            }
            if (unsigned.equals("inf") || unsigned.equals("infinity")) {
                return "the label \"" + name + "\" is an infinite number, not a class";
            }
        }
        if (text.length == 2 && kind(text[0]) != kind(text[1]) && !(canonical(text[0]) >= 0 && canonical(text[1]) >= 0)) {
            return "the labels mix \"" + text[0] + "\" and \"" + text[1] + "\": use two numbers, true/false, or two names";
        }
        if (text.length == 2 && canonical(text[0]) >= 0 && canonical(text[0]) == canonical(text[1])) {
            return "the labels \"" + text[0] + "\" and \"" + text[1] + "\" both mean class " + canonical(text[0]);
        }
        return null;
    }

    /**
     * 0 or 1 for the names with a meaning of their own (false and true; numbers equal to 0 or −1,
     * and to 1, so "0.0", "-1" and "+1" say which class they are), else −1.
     */
    static int canonical(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.equals("false")) {
            return 0;
        }
        if (lower.equals("true")) {
            return 1;
        }
        double value = number(name);
        return value == 0 || value == -1 ? 0 : value == 1 ? 1 : -1;
    }

    /**
     * {@code classes} (class 0's name, class 1's) with {@code positive} as class 1: as they are when
     * it already is, swapped when it is class 0; matched as {@link #classOf} matches a label.
     *
     * @throws NotALabel when {@code positive} is neither class
     */
    public static List<String> withPositive(List<String> classes, String positive) {
        int index = classOf(classes, positive);
        if (index < 0) {
            throw new NotALabel("the positive class \"" + Printable.of(positive) + "\" is none of the labels \""
                    + Printable.of(classes.get(0)) + "\" and \"" + Printable.of(classes.get(1)) + "\"", caseHint(positive, classes));
        }
        return index == 1 ? classes : Arrays.asList(classes.get(1), classes.get(0));
    }

    /** The positive class asked for is neither label: the caller's flag or argument is wrong, not the data. */
    public static final class NotALabel extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final String problem;
        private final String hint;

        NotALabel(String problem, String hint) {
            super(problem + hint);
            this.problem = problem;
            this.hint = hint;
        }

        /** The message with the labels' place: "… and "ok" in t.csv (it differs …)". */
        public String in(String where) {
            return problem + " in " + where + hint;
        }
    }

    /**
     * Whether the classes are two names with no meaning of their own (not numbers, not true and
     * false), so that only their sorted order made one of them class 1.
     */
    public static boolean orderedByName(List<String> classes) {
        return classes.stream().allMatch(name -> name != null && kind(name) == 2);
    }

    /** What a label is: 0 for a number, 1 for true or false (any case), 2 for any other name. */
    private static int kind(String name) {
        return isNumber(name) ? 0 : canonical(name) >= 0 ? 1 : 2;
    }

    private static boolean isNumber(String name) {
        return !Double.isNaN(number(name));
    }

    /**
     * The name's value as a number, or NaN when it is not one. A decimal comma ("2,0", one comma
     * and no point) reads as a point, as a file read with {@code --decimal ','} writes it: a label
     * is judged by its value whatever the file's separator, and "1,0" is the class of "1".
     */
    private static double number(String name) {
        String pointed = name.indexOf('.') < 0 && name.indexOf(',') == name.lastIndexOf(',') ? name.replace(',', '.') : name;
        try {
            return Double.parseDouble(pointed);
        } catch (NumberFormatException notANumber) {
            return Double.NaN;
        }
    }

    /**
     * The place of the label {@code name} among a model's {@code classes}: the class of that very
     * name, or else of the same value (a model trained on "0.0" and "1.0" takes "0" and "1", one
     * trained on "false" and "true" takes "FALSE", one trained on "1" and "2" takes "2.0"), or
     * else of the same meaning where every class has one (a model trained on "false" and "true"
     * takes "0" and "1"), or else of the name with blanks at its ends (a model trained when a
     * quoted label kept them, "yes "); −1 for none.
     */
    public static int classOf(List<String> classes, String name) {
        int same = indexOfSameValue(classes, name);
        if (same < 0) {
            same = indexOfBlankPadded(classes, name);
        }
        if (same >= 0 || canonical(name) < 0) {
            return same;
        }
        for (String known : classes) {
            if (known != null && canonical(known) < 0) {
                return -1; // "1" means class 1 only among classes that all mean one: not beside "2"
            }
        }
        for (int k = 0; k < classes.size(); k++) {
            if (classes.get(k) != null && canonical(classes.get(k)) == canonical(name)) {
                return k;
            }
        }
        return -1;
    }

    /** The place among {@code classes} of the one that is {@code name} with spaces or tabs at its ends; −1 for none. */
    private static int indexOfBlankPadded(List<String> classes, String name) {
        for (int k = 0; k < classes.size(); k++) {
            String known = classes.get(k);
            if (known != null && known.length() > name.length() && known.strip().equals(name)
                    && (known.charAt(0) == ' ' || known.charAt(0) == '\t' || known.endsWith(" ") || known.endsWith("\t"))) {
                return k;
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        String[] classes = classes();
        return "0 = " + (classes[0] == null ? "(none)" : "\"" + Printable.of(classes[0]) + "\"")
                + ", 1 = " + (classes.length < 2 || classes[1] == null ? "(none)" : "\"" + Printable.of(classes[1]) + "\"");
    }

    /**
     * For a label that matched none of {@code names}: " (it differs from "Yes" only in case: labels
     * are compared exactly)" when it is one of them written in another case, else "". "yes" beside
     * "Yes" is a third class, as scikit-learn takes it, and a spreadsheet's mixed case is the likely cause.
     */
    public static String caseHint(String label, List<String> names) {
        for (String name : names) {
            if (name != null && name.equalsIgnoreCase(label) && !name.equals(label)) {
                return " (it differs from \"" + Printable.of(name) + "\" only in case: labels are compared exactly)";
            }
        }
        return "";
    }
}
