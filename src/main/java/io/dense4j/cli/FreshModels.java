package io.dense4j.cli;

import io.dense4j.data.Categories;
import io.dense4j.data.FeatureStatistics;
import io.dense4j.data.Printable;
import io.dense4j.data.RowSelection;
import io.dense4j.data.csv.CsvSource;
import io.dense4j.layer.Activation;
import io.dense4j.layer.Layer;
import io.dense4j.loss.BinaryCrossEntropy;
import io.dense4j.model.CompileOptions;
import io.dense4j.model.InputSchema;
import io.dense4j.model.Model;
import io.dense4j.model.Sequential;
import io.dense4j.optim.Optimizer;
import io.dense4j.train.BaseRateCheck;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The new models a train or cv command compiles from its flags: its layers, loss and optimizer,
 * with the statistics of the rows it trains on (standardization, missing numbers filled, the
 * classes' balance) and the output starting at their base rate. The notes about the columns and
 * classes come once a command, as cv makes a model per fold.
 */
final class FreshModels {

    private final TrainCommand train;
    /** The statistics of the training rows of the last model made, whose class counts later checks read. */
    private FeatureStatistics lastStatistics;
    private boolean notedRowNumbers;
    private boolean notedMajority;
    private boolean notedFilled;

    FreshModels(TrainCommand train) {
        this.train = train;
    }

    /** The statistics of the training rows of the last model made; null before the first. */
    FeatureStatistics lastStatistics() {
        return lastStatistics;
    }

    /** A new model for {@code source}'s rows, its statistics (standardization, fill, balance) from {@code trainingRows}. */
    Model of(Activation hidden, Optimizer chosen, CsvSource source, RowSelection trainingRows) {
        return of(hidden, chosen, source.featureNames(), train.columns.categories(source, trainingRows, train.status()),
                source.dateColumns(), source.rowNumberColumns(), source.classes(), source.labelName(), source::statistics,
                source.name(), trainingRows, source.missingValues());
    }

    /**
     * A new model for rows of {@code featureNames}, the {@code categories} of the categorical ones by
     * name, {@code dates} the columns of dates, {@code rowNumbers} those that count the rows, for a
     * note; {@code missingNumbers} were read in all the rows (-1: not known), for the note of those filled.
     */
    Model of(Activation hidden, Optimizer chosen, List<String> featureNames, Map<String, Categories> categories,
             List<String> dates, List<String> rowNumbers, List<String> classes, String labelName,
             Function<RowSelection, FeatureStatistics> statisticsOf, String file, RowSelection trainingRows, long missingNumbers) {
        InputSchema shape = new InputSchema(featureNames, classes, null, labelName, categories);
        train.architecture.checkSizes(shape.layout().encodedWidth());
        if (!notedRowNumbers) {
            ColumnOptions.noteRowNumbers(featureNames, rowNumbers, !train.csv.noHeader, train.csv.features != null, train.status());
            notedRowNumbers = true;
        }
        boolean numbers = shape.layout().numericCount() > 0; // nothing to standardize when every column is categorical
        Sequential model = new Sequential(train.architecture.layers(hidden, numbers).toArray(Layer[]::new));
        // one pass for the statistics of the rows fit trains on (a validation split's rows stay unseen)
        FeatureStatistics statistics = statisticsOf.apply(trainingRows);
        lastStatistics = statistics;
        TrainingClasses.checkBothTeach(statistics, classes, file, train.weightColumn, train.split.stratify);
        if (!train.positive.given() && !notedMajority) { // the first fold's share stands for cv's others
            notedMajority = TrainingClasses.noteMajorityIsClassOne(statistics, classes, train.status());
        }
        BinaryCrossEntropy loss = train.lossOptions.loss(statistics);
        train.judgement().expect(statistics, loss.classWeights());
        InputSchema schema = new InputSchema(featureNames, classes, train.fillMissing
                ? InputSchema.meansToFill(file, featureNames, statistics, categories.keySet()) : null, labelName, categories,
                train.csv.format().missingMarks(), train.csv.format().columnMissingMarks(), dates);
        if (train.fillMissing && !notedFilled) { // the first fold that fills any stands for cv's others
            notedFilled = FilledNumbers.noteTraining(featureNames, categories.keySet(), statistics, missingNumbers, train.status());
        }
        Model compiled = model.compile(schema, loss, chosen, CompileOptions.defaults().withSeed(train.seed));
        // the output starts at the (class- and row-weighted) base rate, so the untrained model's loss is the constant
        // prediction's rather than ln 2: on rare positives, no epochs spent unlearning a 50% guess
        compiled.bias(compiled.layers().size() - 1).assign(BaseRateCheck.constantPredictionLogit(statistics.negativeWeight(),
                statistics.positiveWeight(), loss.classWeights()));
        noteWeights(loss);
        if (train.architecture.standardize && numbers) {
            compiled.adapt(statistics);
        }
        noteConstant(compiled.startConstantFeaturesAtZero(statistics));
        return compiled;
    }

    private void noteWeights(BinaryCrossEntropy loss) {
        String weightColumn = train.weightColumn;
        if (loss.classWeights().isNone() && weightColumn == null) {
            return;
        }
        String weights = (loss.classWeights().isNone() ? ""
                : loss.classWeights() + (train.lossOptions.balanced() ? " (balanced on the training rows)" : ""))
                + (loss.classWeights().isNone() || weightColumn == null ? "" : " and ")
                + (weightColumn == null ? "" : "row weights from column \"" + weightColumn + "\"");
        train.status().printf(Locale.ROOT, "Training with %s: the training loss is weighted; validation loss and metrics are not%n", weights);
    }

    private void noteConstant(List<String> constant) {
        if (constant.isEmpty() || !train.architecture.standardize) { // unscaled, a constant input trains its row as a bias would
            return;
        }
        boolean one = constant.size() == 1;
        train.status().printf(Locale.ROOT, "Note: %s %s one value over the training rows, so the model learns nothing from %s; %s start at 0, "
                + "so that other values later do not move its predictions at random%n", Printable.whole(ColumnOptions.firstOf(constant)),
                one ? "holds" : "hold", one ? "it" : "them", one ? "its weights" : "their weights");
    }
}
