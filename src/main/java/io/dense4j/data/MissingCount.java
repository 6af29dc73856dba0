package io.dense4j.data;

import java.util.Locale;

/** How the line that reports a read says its missing cells, on one machine and on Spark alike. */
public final class MissingCount {
    private MissingCount() {
    }

    /**
     * ", 150 missing values" when there are some, and how many of them are categorical cells: those
     * take their column's missing slot where a number cell is filled or refused, so a user who
     * counts the file's empty cells finds them all here. {@code numbers}: the missing number cells.
     */
    public static String described(long numbers, long categorical) {
        long all = numbers + categorical;
        if (all == 0) {
            return "";
        }
        String which = categorical == 0 ? "" : categorical == all ? (all == 1 ? ", in a categorical column" : ", all in categorical columns")
                : String.format(Locale.ROOT, " (%,d in categorical columns)", categorical);
        return String.format(Locale.ROOT, ", %,d missing value%s%s", all, all == 1 ? "" : "s", which);
    }
}
