package io.dense4j.data.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dense4j.data.DataFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Archives and formats other than gzip are refused as what they are, not read as text that fails later. */
class PackedFormatTest {
    @TempDir
    Path folder;

    @Test
    void anArchiveOrAFileCompressedOtherwiseIsNamedAsWhatItIs() throws IOException {
        Path plain = Files.writeString(folder.resolve("rows.csv"), "x,label\n0.5,0\n1.5,1\n2.5,0\n");
        Path zip = folder.resolve("spirals.zip");
        try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new java.util.zip.ZipEntry("spirals.csv"));
            Files.copy(plain, out);
        }
        Path bzip2 = folder.resolve("spirals.csv.bz2");
        try (var out = new org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream(Files.newOutputStream(bzip2))) {
            Files.copy(plain, out);
        }
        Path tarGz = folder.resolve("spirals.tar.gz");
        try (var out = new org.apache.commons.compress.archivers.tar.TarArchiveOutputStream(
                new java.util.zip.GZIPOutputStream(Files.newOutputStream(tarGz)))) {
            var entry = new org.apache.commons.compress.archivers.tar.TarArchiveEntry("spirals.csv");
            entry.setSize(Files.size(plain));
            out.putArchiveEntry(entry);
            Files.copy(plain, out);
            out.closeArchiveEntry();
        }
        // an xz stream's header: its magic number, then flags and a CRC-32 that a reader checks later
        Path xz = Files.write(folder.resolve("spirals.csv.xz"), new byte[] {(byte) 0xFD, '7', 'z', 'X', 'Z', 0, 0, 4, (byte) 0xE6,
                (byte) 0xD6, (byte) 0xB4, 0x46});
        String plainOrGzip = ", not a CSV file: dense4j reads CSV files plain or gzip-compressed; ";
        Map<Path, String> expected = Map.of(
                zip, "is a zip archive" + plainOrGzip + "extract the CSV file from it first (unzip)",
                bzip2, "is bzip2-compressed" + plainOrGzip + "decompress it first (bunzip2), or compress it with gzip instead",
                tarGz, "is a tar archive inside gzip" + plainOrGzip + "extract the CSV file from it first (tar -xf)",
                xz, "is xz-compressed" + plainOrGzip + "decompress it first (unxz), or compress it with gzip instead");
        for (Map.Entry<Path, String> packed : expected.entrySet()) {
            for (CsvSource.Options options : List.of(CsvSource.Options.defaults(), CsvSource.Options.defaults().withoutCache())) {
                assertEquals(packed.getKey() + ": " + packed.getValue(), assertThrows(DataFileException.class,
                        () -> CsvSource.open(packed.getKey(), CsvFormat.defaults(), options)).getMessage());
            }
        }
        // bzip2's three letters alone, which commons-compress's detector takes for one, start a header here
        Path letters = Files.writeString(folder.resolve("letters.csv"), "BZh9,label\n1,0\n2,1\n");
        assertEquals(2, CsvSource.open(letters, CsvFormat.defaults(), CsvSource.Options.defaults().withoutCache()).rows());
    }
}
