package io.dense4j.data.csv;

import io.dense4j.data.Categories;
import io.dense4j.tensor.NativeArray;
import java.util.List;
import java.util.Map;

/**
 * Turns the numbers a file's categorical cells were read as (each value's place in the file's
 * {@link CategoryDictionary}, NaN for missing, −1 past the dictionary's bound) into a model's codes
 * for them (see {@link Categories}), as rows are copied into a batch: one table lookup per
 * categorical cell. Serializable, for a cluster's executors to code the pieces they read.
 */
public final class CategoryCodes implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    /** Codes for rows without categorical cells: nothing to do. */
    public static final CategoryCodes NONE = new CategoryCodes(new int[0], new int[0][], new float[0], new float[0]);

    private final int[] places;
    private final int[][] codeOf;
    private final float[] other;
    private final float[] missing;

    private CategoryCodes(int[] places, int[][] codeOf, float[] other, float[] missing) {
        this.places = places;
        this.codeOf = codeOf;
        this.other = other;
        this.missing = missing;
    }

    /**
     * The codes {@code categories} give the values of {@code dictionaries}, for the features
     * {@code featureNames} (each categorical one must have both).
     */
    public static CategoryCodes of(List<String> featureNames, Map<String, CategoryDictionary> dictionaries,
                            Map<String, Categories> categories) {
        if (!dictionaries.keySet().equals(categories.keySet())) {
            throw new IllegalArgumentException("the file's categorical columns are " + dictionaries.keySet()
                    + ", but categories are given for " + categories.keySet());
        }
        int count = dictionaries.size();
        int[] places = new int[count];
        int[][] codeOf = new int[count][];
        float[] other = new float[count];
        float[] missing = new float[count];
        int c = 0;
        for (int place = 0; place < featureNames.size(); place++) {
            Categories encoding = categories.get(featureNames.get(place));
            if (encoding == null) {
                continue;
            }
            List<String> values = dictionaries.get(featureNames.get(place)).values();
            places[c] = place;
            codeOf[c] = values.stream().mapToInt(encoding::code).toArray();
            other[c] = encoding.other();
            missing[c] = encoding.missing();
            c++;
        }
        return new CategoryCodes(places, codeOf, other, missing);
    }

    /**
     * Codes that take the numbers {@code renumber[c]} gives the values of the categorical cells at
     * {@code places[c]}: a file's numbers to a set of files' (see {@link FileCategories}). Missing
     * stays missing, and a number without a place reads as past the bound.
     */
    static CategoryCodes renumbering(int[] places, int[][] renumber) {
        float[] overflow = new float[places.length];
        float[] missing = new float[places.length];
        java.util.Arrays.fill(overflow, CategoryDictionary.OVERFLOW);
        java.util.Arrays.fill(missing, Float.NaN);
        return new CategoryCodes(places.clone(), renumber, overflow, missing);
    }

    /** Whether there are no categorical cells to code. */
    public boolean none() {
        return places.length == 0;
    }

    /** Recodes the categorical cells of the row at {@code values[offset..]}. */
    public void apply(float[] values, int offset) {
        for (int c = 0; c < places.length; c++) {
            values[offset + places[c]] = code(c, values[offset + places[c]]);
        }
    }

    /** Recodes the categorical cells of the row at {@code features[start..]}. */
    void apply(NativeArray features, int start) {
        for (int c = 0; c < places.length; c++) {
            features.set(start + places[c], code(c, (float) features.get(start + places[c])));
        }
    }

    private float code(int c, float read) {
        if (read != read) {
            return missing[c];
        }
        int id = (int) read;
        return id >= 0 && id < codeOf[c].length ? codeOf[c][id] : other[c];
    }
}
