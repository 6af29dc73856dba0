package io.dense4j.data.csv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dense4j.data.RowSelection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rows of each class that selections hold, counted in one pass over a file's labels, from its cache or without one. */
class ClassCountsTest {
    @TempDir
    Path folder;

    @Test
    void eachFoldsClassesAreWhatItsSelectionCountsAndTheyAddUpToTheFile() throws IOException {
        StringBuilder text = new StringBuilder("x,label\n");
        for (int row = 0; row < 500; row++) {
            text.append(row % 11).append(',').append(row % 4 == 0 ? "yes" : "no").append('\n'); // 125 of class 1
        }
        Path file = Files.writeString(folder.resolve("rows.csv"), text);
        for (CsvSource.Options options : new CsvSource.Options[] {CsvSource.Options.defaults().withCacheDirectory(folder),
                CsvSource.Options.defaults().withoutCache()}) {
            CsvSource source = CsvSource.open(file, CsvFormat.defaults(), options);
            assertArrayEquals(new long[] {375, 125}, source.classTotals());
            for (boolean stratified : new boolean[] {false, true}) {
                for (int folds : new int[] {2, 7, 300}) {
                    List<RowSelection> heldOut = new ArrayList<>();
                    for (int fold = 0; fold < folds; fold++) {
                        RowSelection held = RowSelection.fold(folds, fold, 11, true);
                        heldOut.add(stratified ? held.stratify() : held);
                    }
                    long[][] counts = source.classCounts(heldOut);
                    long[] total = new long[2];
                    for (int fold = 0; fold < folds; fold++) {
                        assertEquals(heldOut.get(fold).count(375, 125), counts[fold][0] + counts[fold][1], folds + " folds, fold " + fold);
                        total[0] += counts[fold][0];
                        total[1] += counts[fold][1];
                    }
                    assertArrayEquals(new long[] {375, 125}, total, "every row is held out once");
                }
            }
        }
    }
}
