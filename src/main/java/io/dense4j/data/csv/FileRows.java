package io.dense4j.data.csv;

/**
 * One file's rows as a pass over a set of files reads them: the file, whether its provisional
 * classes are swapped to the set's classes, and how its categorical cells are coded.
 */
record FileRows(CsvFile file, boolean flipLabels, CategoryCodes codes) {

    float label(float provisional) {
        if (provisional != 0 && provisional != 1 && (provisional != -1 || file.format().labeled())) { // −1: no label column
            throw file.editedCache("a row of class " + provisional);
        }
        return flipLabels ? 1 - provisional : provisional;
    }
}
