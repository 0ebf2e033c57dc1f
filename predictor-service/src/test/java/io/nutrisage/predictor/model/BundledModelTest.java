package io.nutrisage.predictor.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.nutrisage.predictor.features.FeatureExtractor;
import io.nutrisage.predictor.training.Dataset;
import io.nutrisage.predictor.training.DatasetReader;
import io.nutrisage.predictor.training.LabelledProduct;
import io.nutrisage.predictor.training.TestData;
import java.io.InputStream;
import java.util.List;
import java.util.zip.GZIPInputStream;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The committed model against the shared test split: the quality bar, and Java evaluation equal to xgboost4j's. */
class BundledModelTest {
    private static List<LabelledProduct> test;
    private static GradePredictor predictor;

    @BeforeAll
    static void load() throws Exception {
        Dataset dataset = DatasetReader.read(TestData.testCsv());
        test = dataset.products();
        predictor = GradePredictors.loadBundled();
    }

    @Test
    void meetsTheQualityBarOnTestCsv() {
        int k = Grade.values().length;
        int[][] confusion = new int[k][k];
        for (LabelledProduct product : test) {
            confusion[product.grade().ordinal()][
                    predictor.predict(product.record()).grade().ordinal()]++;
        }
        int correct = 0;
        double f1Sum = 0;
        for (int c = 0; c < k; c++) {
            correct += confusion[c][c];
            int actual = 0;
            int predicted = 0;
            for (int j = 0; j < k; j++) {
                actual += confusion[c][j];
                predicted += confusion[j][c];
            }
            f1Sum += 2.0 * confusion[c][c] / (actual + predicted);
        }
        double accuracy = (double) correct / test.size();
        double macroF1 = f1Sum / k;
        assertThat(test).hasSizeGreaterThan(3300);
        assertThat(accuracy).as("accuracy").isGreaterThanOrEqualTo(0.93);
        assertThat(macroF1).as("macro-F1").isGreaterThanOrEqualTo(0.93);
    }

    @Test
    void javaTreeEvaluationMatchesXgboost4jOnEveryTestRow() throws Exception {
        int n = test.size();
        float[] matrix = new float[n * FeatureExtractor.SIZE];
        for (int i = 0; i < n; i++) {
            System.arraycopy(
                    FeatureExtractor.extract(test.get(i).record()),
                    0,
                    matrix,
                    i * FeatureExtractor.SIZE,
                    FeatureExtractor.SIZE);
        }
        Booster booster;
        try (InputStream in =
                new GZIPInputStream(GradePredictors.class.getResourceAsStream(GradePredictors.BUNDLED_MODEL))) {
            booster = XGBoost.loadModel(in.readAllBytes());
        }
        DMatrix dmatrix = new DMatrix(matrix, n, FeatureExtractor.SIZE, Float.NaN);
        float[][] expected;
        try {
            expected = booster.predict(dmatrix);
        } finally {
            dmatrix.dispose();
            booster.dispose();
        }
        double worst = 0;
        for (int i = 0; i < n; i++) {
            double[] actual = predictor.predict(test.get(i).record()).probabilities();
            for (int c = 0; c < actual.length; c++) {
                double difference = Math.abs(actual[c] - expected[i][c]);
                assertThat(difference)
                        .as("row %d class %s", i, Grade.values()[c])
                        .isLessThanOrEqualTo(1e-6);
                worst = Math.max(worst, difference);
            }
        }
        assertThat(worst).isLessThanOrEqualTo(1e-6);
    }
}
