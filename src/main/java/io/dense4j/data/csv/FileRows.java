package io.dense4j.data.csv;

/**
 * One file's rows as a pass over a set of files reads them: the file, whether its provisional
 * classes are swapped to the set's classes, and how its categorical cells are coded.
 */
record FileRows(CsvFile file, boolean flipLabels, CategoryCodes codes) {

    float label(float provisional) {
        return flipLabels ? 1 - provisional : provisional;
    }
}
