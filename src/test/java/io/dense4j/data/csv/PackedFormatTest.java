package io.dense4j.data.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        Path tar = folder.resolve("spirals.tar");
        try (var out = new org.apache.commons.compress.archivers.tar.TarArchiveOutputStream(Files.newOutputStream(tar))) {
            var entry = new org.apache.commons.compress.archivers.tar.TarArchiveEntry("spirals.csv");
            entry.setSize(Files.size(plain));
            out.putArchiveEntry(entry);
            Files.copy(plain, out);
            out.closeArchiveEntry();
        }
        // the first bytes of each format, as their tools write them
        Path sevenZip = Files.write(folder.resolve("spirals.7z"), new byte[] {'7', 'z', (byte) 0xBC, (byte) 0xAF, 0x27, 0x1C, 0, 4});
        Path zstd = Files.write(folder.resolve("spirals.csv.zst"), new byte[] {0x28, (byte) 0xB5, 0x2F, (byte) 0xFD, 0x24, 0x1B});
        Path lz4 = Files.write(folder.resolve("spirals.csv.lz4"), new byte[] {0x04, 0x22, 0x4D, 0x18, 0x64, 0x40, (byte) 0xA7});
        String plainOrGzip = ", not a CSV file: dense4j reads CSV files plain or gzip-compressed; ";
        String recompress = "or compress it with gzip instead";
        assertEquals("is a 7z archive" + plainOrGzip + "extract the CSV file from it first (7z x)", refused(sevenZip));
        assertEquals("is zstd-compressed" + plainOrGzip + "decompress it first (unzstd), " + recompress, refused(zstd));
        assertEquals("is lz4-compressed" + plainOrGzip + "decompress it first (unlz4), " + recompress, refused(lz4));
        assertEquals("is a tar archive" + plainOrGzip + "extract the CSV file from it first (tar -xf)", refused(tar));
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
        // and tar's "ustar" at byte 257, inside a word of a text column, without the NUL that follows it in a tar header
        StringBuilder text = new StringBuilder("x,sauce,label\n");
        while (text.length() < 250) {
            text.append("1,ketchup,0\n");
        }
        text.append("2,").append("m".repeat(257 - text.length())).append("ustard,1\n3,mayo,0\n");
        assertEquals("ustar", text.substring(257, 262));
        Path mustard = Files.writeString(folder.resolve("mustard.csv"), text);
        assertEquals(text.chars().filter(c -> c == '\n').count() - 1,
                CsvSource.open(mustard, CsvFormat.defaults(), CsvSource.Options.defaults().withoutCache()).rows());
    }

    private static String refused(Path file) {
        String message = assertThrows(DataFileException.class,
                () -> CsvSource.open(file, CsvFormat.defaults(), CsvSource.Options.defaults().withoutCache())).getMessage();
        assertTrue(message.startsWith(file + ": "), message);
        return message.substring(file.toString().length() + 2);
    }
}
