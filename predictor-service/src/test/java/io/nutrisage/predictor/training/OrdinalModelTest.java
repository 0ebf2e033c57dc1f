package io.nutrisage.predictor.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.nutrisage.predictor.model.GradePredictor;
import io.nutrisage.predictor.model.GradePredictors;
import io.nutrisage.predictor.model.Prediction;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ordinal model of docs/decisions/0079, trained here as {@code exec:exec@train-ordinal -Dtrain.args=--budget=0}
 * trains it (a few seconds): monotone by construction, shown by the exhaustive sweep in the Java evaluator; the
 * Java evaluator equal to xgboost4j; and its measured quality, which is why it is not the bundled model.
 */
class OrdinalModelTest {
    @TempDir
    static Path dir;

    private static List<LabelledProduct> test;
    private static GradePredictor predictor;
    private static float[][] nativeCumulative;
    private static double[] cutoffs;

    @BeforeAll
    static void train() throws Exception {
        Dataset train = DatasetReader.read(TestData.trainCsv());
        test = TestData.testProducts();
        FeatureMatrix trainMatrix = FeatureMatrix.of(train.products());
        long seed = 20171031;
        var trainer = new XgboostTrainer(2, seed);
        int[] folds = XgboostTrainer.stratifiedFolds(trainMatrix.labels(), 3, seed);
        Map<String, Object> parameters = new LinkedHashMap<>(trainer.cumulativeParameters());
        parameters.putAll(OrdinalTrainer.SOFTPROB_TUNED);
        var fit = OrdinalTrainer.fit(trainer, trainMatrix, folds, 3, parameters, 250, 15, dir);
        Path model = dir.resolve("ordinal.json");
        new ObjectMapper().writeValue(model.toFile(), fit.bundle());
        predictor = GradePredictors.load(model, "ordinal-test");
        FeatureMatrix testMatrix = FeatureMatrix.of(test);
        nativeCumulative = new float[test.size()][fit.boosters().size()];
        for (int k = 0; k < fit.boosters().size(); k++) {
            float[][] s = XgboostTrainer.predict(fit.boosters().get(k), testMatrix);
            for (int i = 0; i < s.length; i++) {
                nativeCumulative[i][k] = s[i][0];
            }
        }
        fit.boosters().forEach(Booster::dispose);
        cutoffs = fit.cutoffs();
        assertThat(fit.rounds()).containsExactly(61, 68, 86, 54);
        // Chosen on the out-of-fold predictions of train.csv's 3 stratified folds, never on test.csv.
        assertThat(cutoffs).containsExactly(0.54, 0.525, 0.5, 0.435);
        assertThat(fit.medianCv()[0]).isCloseTo(0.9435, within(0.00005));
        assertThat(fit.tunedCv()[0]).isCloseTo(0.9445, within(0.00005));
    }

    @AfterAll
    static void release() {
        predictor = null;
    }

    @Test
    void theExhaustiveSweepFindsNoWrongWayMove() {
        var results = MonotonicitySweep.run(predictor, test, MonotonicitySweep.DEFAULT_STEPS);
        assertThat(results.values()).allSatisfy(r -> assertThat(r.records()).isEqualTo(3382));
        assertThat(results.values())
                .allSatisfy(r -> assertThat(r.wrongWayMoves()).isZero());
    }

    @Test
    void javaEvaluationMatchesXgboost4jOnEveryTestRow() {
        double worst = 0;
        for (int i = 0; i < test.size(); i++) {
            Prediction fromXgboost = Prediction.fromCumulative(nativeCumulative[i], cutoffs);
            assertThat(predictor.predict(test.get(i).record()).grade()).isEqualTo(fromXgboost.grade());
            double[] xgboost = fromXgboost.probabilities();
            double[] java = predictor.predict(test.get(i).record()).probabilities();
            for (int c = 0; c < java.length; c++) {
                worst = Math.max(worst, Math.abs(java[c] - xgboost[c]));
            }
        }
        assertThat(worst).isLessThanOrEqualTo(1e-6);
    }

    @Test
    void measuredQualityIsWhatDecision0079Reports() {
        // With the CV-chosen cut-offs (0.5 each gave 0.9536 / 0.9525 / 0.0105): still below the bundled model's
        // 0.9583 / 0.9570 and below issue #18's 0.956 bar: why it is not bundled.
        List<Prediction> predictions = new ArrayList<>();
        test.forEach(p -> predictions.add(predictor.predict(p.record())));
        Evaluation e = Evaluation.ofPredictions(test, predictions);
        assertThat(e.accuracy()).isCloseTo(0.9539, within(0.00005));
        assertThat(e.macroF1()).isCloseTo(0.9529, within(0.00005));
        assertThat(e.expectedCalibrationError()).isCloseTo(0.0101, within(0.00005));
    }
}
