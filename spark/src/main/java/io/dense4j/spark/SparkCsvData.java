package io.dense4j.spark;

import io.dense4j.data.DataFileException;
import io.dense4j.data.FeatureStatistics;
import io.dense4j.data.Categories;
import io.dense4j.data.csv.CategoryCodes;
import io.dense4j.data.csv.CategoryDictionary;
import io.dense4j.data.csv.ColumnKinds;
import io.dense4j.data.RowSelection;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;
import scala.reflect.ClassTag$;

/**
 * CSV files parsed once into cached row blocks across the cluster, one per piece of a file, and
 * checked as a whole before any weight exists: every cell (by the executors, with dense4j's reader),
 * each file's header against the schema, the labels of all pieces together. Lost blocks are parsed
 * again from the files, as Spark recomputes any partition. Close it to free the cache.
 */
public final class SparkCsvData implements AutoCloseable {
    private final SparkCsvSource source;
    private final JavaRDD<RowBlock> blocks;
    private final Map<String, String> hadoopConfiguration;
    private final List<String> featureNames;
    private final List<String> classes;
    private final byte[][] classOf; // per piece: provisional class → class
    private final long[] firstRows;  // per piece: the global number of its first row
    private final long[][] ranksBefore; // per piece: the rows of class 0 and of class 1 before it, for stratified selections
    private final int[] readRows;    // per piece: the rows its reader delivered
    private final long rows;
    private final long skippedRows;
    private final List<String> firstSkipped;
    private final String firstSkippedProblem;
    private final long missingValues;
    private final MergedCategories categorical;
    private final io.dense4j.model.TrainingData trainingData;
    private final List<String> rowNumberColumns;

    private SparkCsvData(SparkCsvSource source, JavaRDD<RowBlock> blocks, Map<String, String> hadoopConfiguration,
                         List<RowBlock.PieceSummary> pieces, io.dense4j.model.TrainingData trainingData,
                         Map<String, Map<String, List<String>>> reserved, List<String> rowNumberColumns) {
        this.source = source;
        this.trainingData = trainingData;
        this.rowNumberColumns = List.copyOf(rowNumberColumns);
        this.blocks = blocks;
        this.hadoopConfiguration = hadoopConfiguration;
        this.firstRows = new long[pieces.size()];
        this.ranksBefore = new long[pieces.size()][];
        this.readRows = new int[pieces.size()];
        PieceLabels labels = new PieceLabels(source, pieces, this::linesBefore); // first: it reports the first problem in file order
        this.classOf = labels.classOf();
        this.featureNames = pieces.get(0).featureNames();
        long[] classRows = new long[2];
        for (RowBlock.PieceSummary piece : pieces) { // pieces come in file order
            ranksBefore[piece.piece()] = classRows.clone();
            for (int k = 0; k < piece.labelNames().size(); k++) {
                byte cls = classOf[piece.piece()][k];
                if (cls >= 0) {
                    classRows[cls] += piece.labelCounts().get(k);
                }
            }
        }
        long total = 0;
        long skipped = 0;
        long missing = 0;
        List<String> skippedAt = new ArrayList<>();
        String firstProblem = null;
        for (RowBlock.PieceSummary piece : pieces) {
            firstRows[piece.piece()] = total;
            readRows[piece.piece()] = (int) piece.rows();
            long rejected = labels.rejectedRows(piece);
            total += piece.rows() - rejected;
            skipped += piece.skippedRows() + rejected;
            missing += piece.missingValues();
            if (skippedAt.size() < 5 && (!piece.firstSkippedLines().isEmpty() || rejected > 0)) {
                long before = linesBefore(piece);
                List<Long> lines = new ArrayList<>(piece.firstSkippedLines());
                lines.addAll(labels.rejectedLines(piece)); // the first rows of each rejected name
                lines.sort(null);
                if (skippedAt.isEmpty() && !piece.firstSkippedLines().isEmpty() && lines.get(0).equals(piece.firstSkippedLines().get(0))) {
                    firstProblem = movedProblem(piece, before); // else a rejected label's row comes first: its problem is the driver's
                }
                for (long line : lines) {
                    if (skippedAt.size() < 5) {
                        skippedAt.add(piece.file() + ":" + (line + before));
                    }
                }
            }
        }
        this.rows = total;
        this.skippedRows = skipped;
        this.firstSkipped = List.copyOf(skippedAt);
        this.firstSkippedProblem = firstProblem;
        this.missingValues = missing;
        if (total == 0) {
            throw new DataFileException(Path.of(source.path()), skipped > 0
                    ? "has no good data row: all " + skipped + " were bad; the first at " + skippedAt.get(0)
                    : "has no data rows", null);
        }
        this.classes = labels.classes();
        this.categorical = new MergedCategories(source.path(), featureNames, pieces, reserved);
    }

    /** Parses and checks the files on the cluster, caching their rows (memory, then disk); the format names the categories. */
    public static SparkCsvData load(SparkSession spark, SparkCsvSource source) {
        return load(spark, source, null);
    }

    /**
     * As above, the categorical columns chosen by {@code kinds} (declared ones, and those with text
     * in any file's first rows, as on one machine), or by the format when {@code kinds} is null.
     */
    public static SparkCsvData load(SparkSession spark, SparkCsvSource source, ColumnKinds kinds) {
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Configuration conf = context.hadoopConfiguration();
        Map<String, String> shipped = new HashMap<>();
        conf.forEach(entry -> shipped.put(entry.getKey(), entry.getValue()));
        SparkFileSet found = SparkFileSet.of(source, conf);
        source = found.source();
        List<String> rowNumbers = List.of();
        if (kinds != null) {
            List<Piece> firsts = found.pieces().stream().filter(piece -> piece.start() == 0).toList(); // each file's first piece
            FirstRows.Settled settled = FirstRows.settled(source, kinds, firsts, conf);
            source = source.withFormat(settled.format());
            rowNumbers = settled.rowNumbers();
        }
        SparkCsvSource read = source;
        List<Piece> pieces = found.pieces();
        io.dense4j.model.TrainingData trainedOn;
        try {
            trainedOn = SparkTrainingData.of(pieces, read.path(), read.format(), conf);
        } catch (IOException failed) {
            throw new DataFileException(Path.of(read.path()), "cannot be read: " + failed.getMessage(), failed);
        }
        List<Tuple2<Piece, scala.collection.immutable.Seq<String>>> placed = new ArrayList<>();
        for (Piece piece : pieces) {
            placed.add(new Tuple2<>(piece, SparkFileSet.hosts(piece, conf)));
        }
        RDD<Piece> located = spark.sparkContext().makeRDD(
                scala.jdk.javaapi.CollectionConverters.asScala(placed).toList(), ClassTag$.MODULE$.apply(Piece.class));
        SparkCsvData data = read(located.toJavaRDD(), read, shipped, trainedOn, Map.of(), rowNumbers);
        Map<String, Map<String, List<String>>> reserved;
        try {
            reserved = data.frequentPastTheBound(context, pieces);
        } catch (RuntimeException failed) {
            data.close();
            throw failed;
        }
        if (reserved.isEmpty()) {
            return data;
        }
        data.close(); // read again, reserving them, as one machine's second pass
        return read(located.toJavaRDD(), read, shipped, trainedOn, reserved, rowNumbers);
    }

    /** The pieces parsed and cached, {@code reserved} values numbered past the bound too, and checked as a whole. */
    private static SparkCsvData read(JavaRDD<Piece> pieces, SparkCsvSource source, Map<String, String> shipped,
                                     io.dense4j.model.TrainingData trainedOn, Map<String, Map<String, List<String>>> reserved,
                                     List<String> rowNumbers) {
        JavaRDD<RowBlock> blocks = pieces
                .map(new PieceReader(CsvLayout.of(source.format()), source.skipBadRows(), source.fillMissing(), shipped, reserved))
                .setName("dense4j rows of " + source.path())
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            List<RowBlock.PieceSummary> summaries = new ArrayList<>(unwrap(() -> blocks.map(block -> block.summary).collect()));
            summaries.sort(Comparator.comparingInt(RowBlock.PieceSummary::piece));
            return new SparkCsvData(source, blocks, shipped, summaries, trainedOn, reserved, rowNumbers);
        } catch (RuntimeException failed) {
            blocks.unpersist(false);
            throw failed;
        }
    }

    /**
     * Per file some of whose values fell past their bound, per column, the values one machine's
     * first pass finds frequent there: each such file read whole, in order, by one task. Empty when
     * none has any (a column of identifiers, say).
     */
    private Map<String, Map<String, List<String>>> frequentPastTheBound(JavaSparkContext context, List<Piece> pieces) {
        java.util.Set<String> files = categorical.filesPastTheBound();
        if (files.isEmpty()) {
            return Map.of();
        }
        List<Piece> wholeFiles = pieces.stream().filter(piece -> piece.start() == 0 && files.contains(piece.uri()))
                .map(FrequentPastTheBound::wholeFileOf).toList();
        FrequentPastTheBound reader = new FrequentPastTheBound(CsvLayout.of(source.format()), source.skipBadRows(),
                source.fillMissing(), hadoopConfiguration);
        List<HashMap<String, ArrayList<String>>> found = unwrap(() -> context.parallelize(wholeFiles, wholeFiles.size())
                .map(reader).collect());
        Map<String, Map<String, List<String>>> reserved = new java.util.LinkedHashMap<>();
        for (int k = 0; k < wholeFiles.size(); k++) {
            if (!found.get(k).isEmpty()) {
                reserved.put(wholeFiles.get(k).uri(), Map.copyOf(found.get(k)));
            }
        }
        return reserved;
    }

    /** The lines before a piece's first line: a read of the file up to it, done only for the lines a message names. */
    private long linesBefore(RowBlock.PieceSummary piece) {
        return piece.dataStart() == 0 ? 0
                : PieceInput.linesBefore(piece.uri(), piece.dataStart(), PieceInput.configuration(hadoopConfiguration));
    }

    /**
     * Runs a Spark job, rethrowing a data problem an executor found as the problem itself. Spark's
     * own failures (a checked SparkException, thrown from Scala undeclared) pass through unchanged.
     */
    static <T> T unwrap(java.util.function.Supplier<T> job) {
        try {
            return job.get();
        } catch (Exception failed) {
            for (Throwable cause = failed; cause != null; cause = cause.getCause()) {
                if (cause instanceof DataFileException problem) {
                    throw problem;
                }
            }
            throw SparkCsvData.<RuntimeException>rethrow(failed);
        }
    }

    @SuppressWarnings("unchecked")
    private static <E extends Exception> E rethrow(Exception failed) throws E {
        throw (E) failed;
    }

    /** Feature statistics of the rows {@code selection} picks, gathered piece by piece and merged. */
    public FeatureStatistics statistics(RowSelection selection) {
        long[] first = firstRows;
        long[][] ranks = ranksBefore;
        byte[][] classes = classOf;
        List<FeatureStatistics> pieces = blocks.map(block -> block.statistics(selection, first[block.piece], ranks[block.piece],
                classes[block.piece])).collect();
        FeatureStatistics all = new FeatureStatistics(width());
        pieces.forEach(all::merge); // collect() keeps partition order: the same sums every run
        return all;
    }

    /** The feature columns read as categories, in feature order. */
    public List<String> categoricalColumns() {
        return categorical.names();
    }

    /** Categorical column {@code name}'s values and their rows over all the pieces, numbered in file order. */
    public CategoryDictionary categoryCounts(String name) {
        return categorical.counts(name);
    }

    /** Per categorical column, the rows whose value is not among {@code categories} (never seen, or "other"). */
    public Map<String, Long> unknownCategoryRows(Map<String, Categories> categories) {
        return categorical.unknownRows(categories);
    }

    /**
     * Each categorical column's {@code maxCategories} most frequent values among the rows of
     * {@code selection}, ties in first-seen order: counted on the executors, piece by piece, unless
     * the selection holds every row.
     */
    public Map<String, Categories> categories(int maxCategories, RowSelection selection) {
        if (categorical.names().isEmpty() || selection.everyRow()) {
            return categorical.encodings(maxCategories, null);
        }
        long[] first = firstRows;
        long[][] ranks = ranksBefore;
        byte[][] classes = classOf;
        int[] places = categorical.places();
        int[][] sizes = categorical.pieceSizes();
        List<long[][]> counts = blocks.map(block -> block.categoryCounts(places, sizes[block.piece], selection, first[block.piece],
                ranks[block.piece], classes[block.piece])).collect();
        return categorical.encodings(maxCategories, counts);
    }

    /** Per piece, how a model's {@code categories} code its cells (its own numbers for their values). */
    CategoryCodes[] codes(Map<String, Categories> categories) {
        return categorical.codes(categories);
    }

    JavaRDD<RowBlock> blocks() {
        return blocks;
    }

    byte[][] classOf() {
        return classOf;
    }

    long[] firstRows() {
        return firstRows;
    }

    /** Per piece, the rows of class 0 and of class 1 before it in file order. */
    long[][] ranksBefore() {
        return ranksBefore;
    }

    /** Each piece's rows as its reader delivered them (rows with a rejected label name included). */
    int[] pieceRows() {
        return readRows.clone();
    }

    public SparkCsvSource source() {
        return source;
    }

    public List<String> featureNames() {
        return featureNames;
    }

    public int width() {
        return featureNames.size();
    }

    /** The class names: class 0's, then class 1's. */
    public List<String> classes() {
        return classes;
    }

    /** Good rows in all the files. */
    public long rows() {
        return rows;
    }

    public int pieces() {
        return classOf.length;
    }

    public long skippedRows() {
        return skippedRows;
    }

    /**
     * The first skipped row's file, place and problem ({@code data.csv, line 9, column 2 ("b"): …}),
     * as one machine reports it; null when none was skipped or the first was a label the pieces
     * together reject.
     */
    public String firstSkippedProblem() {
        return firstSkippedProblem;
    }

    /** {@code piece}'s first skipped row's problem, its line moved past the {@code before} lines of its file before the piece. */
    private static String movedProblem(RowBlock.PieceSummary piece, long before) {
        String problem = piece.firstSkippedProblem();
        String line = "line " + piece.firstSkippedLines().get(0);
        if (problem == null || !problem.startsWith(line) || problem.length() > line.length()
                && Character.isDigit(problem.charAt(line.length()))) {
            return null; // a problem not placed at its row's line is not moved by guessing
        }
        return piece.file() + ", line " + (piece.firstSkippedLines().get(0) + before) + problem.substring(line.length());
    }

    /** file:line of the first few skipped rows. */
    public List<String> firstSkippedRows() {
        return firstSkipped;
    }

    public long missingValues() {
        return missingValues;
    }

    /**
     * The number feature columns whose first rows in some file count up by one, row by row, as a row
     * number does, read as one machine reads them; none when the format named the categories.
     */
    public List<String> rowNumberColumns() {
        return rowNumberColumns;
    }

    /** What a model records of these files: their size, ends and number format ({@link SparkTrainingData}). */
    public io.dense4j.model.TrainingData trainingData() {
        return trainingData;
    }

    /**
     * Frees the cached rows on the executors, and waits until they are gone: a context stopped
     * while the removal's replies are still on their way prints a stack trace of Spark's own.
     */
    @Override
    public void close() {
        blocks.unpersist(true);
    }
}
