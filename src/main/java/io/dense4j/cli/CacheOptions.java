package io.dense4j.cli;

import io.dense4j.data.csv.CsvSource;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Where train's and cv's rows come from on later epochs: a binary cache of the CSV, or the CSV parsed again through a shuffle buffer. */
final class CacheOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--no-cache", description = "Parse the CSV on every epoch instead of keeping a binary cache of it.")
    boolean noCache;

    @Option(names = "--cache-dir", description = "The folder for the binary cache (default: beside the CSV file, or "
            + "~/.cache/dense4j when its folder cannot be written).")
    Path cacheDirectory;

    @Option(names = "--shuffle-buffer", defaultValue = "65536",
            description = "Rows in the shuffle buffer when the CSV is parsed on every epoch (default: ${DEFAULT-VALUE}).")
    int shuffleBuffer;

    /** Checks --cache-dir before any data is read: a folder that can hold the cache, for data that is a file. */
    void checkFolder(String data) {
        Outputs.checkFolder(spec.commandLine(), "--cache-dir", cacheDirectory);
        if (cacheDirectory != null && data != null && StandardInput.named(data)) { // a cache named for a random copy: never reused
            throw new ParameterException(spec.commandLine(), "--cache-dir is for files: the copy of --data " + data + " and its cache "
                    + "go in java.io.tmpdir (JAVA_OPTS=-Djava.io.tmpdir=DIR puts them elsewhere) and are deleted when the command ends");
        }
    }

    /** {@code options} with the cache or shuffle buffer asked for. */
    CsvSource.Options applyTo(CsvSource.Options options) {
        if (shuffleBuffer < 1) {
            throw new ParameterException(spec.commandLine(), "--shuffle-buffer takes a number of rows >= 1, got " + shuffleBuffer);
        }
        if (noCache && cacheDirectory != null) {
            throw new ParameterException(spec.commandLine(), "--cache-dir and --no-cache contradict each other: give one");
        }
        CsvSource.Options shuffled = options.withShuffleBuffer(shuffleBuffer);
        if (noCache) {
            return shuffled.withoutCache();
        }
        return cacheDirectory == null ? shuffled : shuffled.withCacheDirectory(cacheDirectory);
    }

    /** Refuses --no-cache and --cache-dir on Spark, which caches the rows itself. */
    void refuseOnSpark() {
        if (noCache || cacheDirectory != null) {
            throw new ParameterException(spec.commandLine(), "--no-cache and --cache-dir are for one machine; Spark caches the rows itself");
        }
    }
}
