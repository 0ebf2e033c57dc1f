package io.nutrisage.predictor.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nutrisage.predictor.features.FeatureExtractor;
import io.nutrisage.predictor.record.ProductRecords;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GradePredictorsTest {

    /** Two classes would not do; this builds a 5-class model with one stump per class on feature 0. */
    private static String stumpModel(int numFeature, String threshold, boolean defaultLeft) {
        StringBuilder trees = new StringBuilder();
        for (int k = 0; k < 5; k++) {
            if (k > 0) {
                trees.append(',');
            }
            // Class k's leaf is +k on the left (feature < threshold) and -k on the right.
            trees.append("{\"left_children\":[1,-1,-1],\"right_children\":[2,-1,-1],\"split_indices\":[0,0,0],")
                    .append("\"split_conditions\":[")
                    .append(threshold)
                    .append(',')
                    .append(k)
                    .append(',')
                    .append(-k)
                    .append("],\"default_left\":[")
                    .append(defaultLeft ? 1 : 0)
                    .append(",0,0],\"categories_nodes\":[]}");
        }
        return "{\"learner\":{\"feature_names\":[],\"learner_model_param\":{\"base_score\":\"5E-1\",\"num_class\":\"5\","
                + "\"num_feature\":\"" + numFeature + "\"},\"objective\":{\"name\":\"multi:softprob\"},"
                + "\"gradient_booster\":{\"name\":\"gbtree\",\"model\":{\"tree_info\":[0,1,2,3,4],\"trees\":["
                + trees + "]}}}}";
    }

    /** A logistic booster: one stump on feature 0, leaf +m below 1.5 and −m from 1.5 on, base_score b. */
    private static String logisticStump(String baseScore, double m) {
        return "{\"learner\":{\"feature_names\":[],\"learner_model_param\":{\"base_score\":\"" + baseScore
                + "\",\"num_class\":\"0\",\"num_feature\":\"" + FeatureExtractor.SIZE + "\"},"
                + "\"objective\":{\"name\":\"binary:logistic\"},\"gradient_booster\":{\"name\":\"gbtree\","
                + "\"model\":{\"tree_info\":[0],\"trees\":[{\"left_children\":[1,-1,-1],\"right_children\":[2,-1,-1],"
                + "\"split_indices\":[0,0,0],\"split_conditions\":[1.5," + m + "," + (-m) + "],"
                + "\"default_left\":[1,0,0],\"categories_nodes\":[]}]}}}}";
    }

    @Test
    void anOrdinalBundleIsFourLogisticBoostersOnTheLogitOfTheirBaseScore() throws Exception {
        // base_score 0.5 → margin 0; P(> k) = σ(±m_k). Below 1.5: σ(2), σ(1), σ(0) = 0.5, σ(−1): two of them
        // above 0.5, grade C. From 1.5 on: σ(−2), then the running minimum keeps σ(−2) < 0.5: grade A.
        String bundle = "{\"format\":\"" + GradePredictors.CUMULATIVE_FORMAT + "\",\"boosters\":["
                + logisticStump("5E-1", 2) + "," + logisticStump("5E-1", 1) + "," + logisticStump("5E-1", 0) + ","
                + logisticStump("5E-1", -1) + "]}";
        GradePredictor p = GradePredictors.load(
                new ByteArrayInputStream(bundle.getBytes(StandardCharsets.UTF_8)), "ordinal-stumps");
        TreeEnsemble ensemble = TreeEnsemble.readLogistic(java.util.List.of(
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(logisticStump("2E-1", 0))));
        float[] s = new float[1];
        ensemble.logistic(new float[FeatureExtractor.SIZE], s);
        assertThat((double) s[0]).isCloseTo(0.2, org.assertj.core.data.Offset.offset(1e-7));
        Prediction low = p.predict(ProductRecords.fromFields(Map.of("energy_100g", 1)));
        // Feature 0 is energy in kJ: 1 < 1.5 goes left.
        assertThat(low.grade()).isEqualTo(Grade.C);
        assertThat(low.probability(Grade.A)).isCloseTo(1 - sigmoid(2), org.assertj.core.data.Offset.offset(1e-6));
        Prediction high = p.predict(ProductRecords.fromFields(Map.of("energy_100g", 2)));
        assertThat(high.grade()).isEqualTo(Grade.A);
        assertThat(high.probability(Grade.E)).isCloseTo(sigmoid(-2), org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void anOrdinalBundleGradesWithItsStoredCutoffs() throws Exception {
        // Below 1.5: C = (σ(2), σ(1), σ(0), σ(−1)) = (0.881, 0.731, 0.5, 0.269). Cut-offs 0.9, 0.4, 0.4, 0.2: only
        // C_0 fails, C_1..C_3 pass, so the count is 3 (grade D) even though the set is not a prefix; the
        // probabilities are those of the 0.5 cut-offs.
        String boosters = logisticStump("5E-1", 2) + "," + logisticStump("5E-1", 1) + "," + logisticStump("5E-1", 0)
                + "," + logisticStump("5E-1", -1);
        String withCutoffs = "{\"format\":\"" + GradePredictors.CUMULATIVE_FORMAT + "\",\"boosters\":[" + boosters
                + "],\"cutoffs\":[0.9,0.4,0.4,0.2]}";
        String without = "{\"format\":\"" + GradePredictors.CUMULATIVE_FORMAT + "\",\"boosters\":[" + boosters + "]}";
        var record = ProductRecords.fromFields(Map.of("energy_100g", 1));
        Prediction tuned = GradePredictors.load(
                        new ByteArrayInputStream(withCutoffs.getBytes(StandardCharsets.UTF_8)), "cut")
                .predict(record);
        Prediction median = GradePredictors.load(
                        new ByteArrayInputStream(without.getBytes(StandardCharsets.UTF_8)), "median")
                .predict(record);
        assertThat(median.grade()).isEqualTo(Grade.C);
        assertThat(tuned.grade()).isEqualTo(Grade.D);
        assertThat(tuned.probabilities()).containsExactly(median.probabilities());
        assertThat(tuned.confidence()).isEqualTo(tuned.probability(Grade.D));
    }

    @Test
    void cutoffsOutsideZeroToOneOrOfTheWrongCountAreRefused() {
        String boosters = logisticStump("5E-1", 2) + "," + logisticStump("5E-1", 1) + "," + logisticStump("5E-1", 0)
                + "," + logisticStump("5E-1", -1);
        for (String cutoffs : new String[] {"[0.5,0.5,0.5]", "[0.5,0.5,0.5,1.0]", "[0.5,0.5,\"x\",0.5]", "0.5"}) {
            String bundle = "{\"format\":\"" + GradePredictors.CUMULATIVE_FORMAT + "\",\"boosters\":[" + boosters
                    + "],\"cutoffs\":" + cutoffs + "}";
            assertThatThrownBy(() -> GradePredictors.load(
                            new ByteArrayInputStream(bundle.getBytes(StandardCharsets.UTF_8)), "x"))
                    .as(cutoffs)
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("cut");
        }
    }

    @Test
    void anUnknownBundleFormatIsRefused() {
        String bundle = "{\"format\":\"something-else\",\"boosters\":[]}";
        assertThatThrownBy(() ->
                        GradePredictors.load(new ByteArrayInputStream(bundle.getBytes(StandardCharsets.UTF_8)), "x"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("something-else");
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    private static TreeEnsemble ensemble(String json) throws IOException {
        return TreeEnsemble.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void valuesBelowTheThresholdGoLeftAndEqualValuesGoRight() throws Exception {
        TreeEnsemble model = ensemble(stumpModel(FeatureExtractor.SIZE, "1.5", true));
        float[] margins = new float[5];
        float[] features = new float[FeatureExtractor.SIZE];
        features[0] = 1.4999999f;
        model.margins(features, margins);
        assertThat(margins).containsExactly(0.5f, 1.5f, 2.5f, 3.5f, 4.5f);
        features[0] = 1.5f;
        model.margins(features, margins);
        assertThat(margins).containsExactly(0.5f, -0.5f, -1.5f, -2.5f, -3.5f);
    }

    @Test
    void missingValuesFollowTheDefaultDirection() throws Exception {
        float[] features = new float[FeatureExtractor.SIZE];
        features[0] = Float.NaN;
        float[] left = new float[5];
        ensemble(stumpModel(FeatureExtractor.SIZE, "1.5", true)).margins(features, left);
        float[] right = new float[5];
        ensemble(stumpModel(FeatureExtractor.SIZE, "1.5", false)).margins(features, right);
        assertThat(left[4]).isEqualTo(4.5f);
        assertThat(right[4]).isEqualTo(-3.5f);
    }

    @Test
    void probabilitiesAreASoftmaxOfTheMargins() throws Exception {
        TreeEnsemble model = ensemble(stumpModel(FeatureExtractor.SIZE, "1.5", true));
        float[] p = new float[5];
        model.probabilities(new float[FeatureExtractor.SIZE], p);
        double sum = 0;
        for (int k = 0; k < 5; k++) {
            sum += Math.exp(k);
        }
        for (int k = 0; k < 5; k++) {
            assertThat((double) p[k]).isCloseTo(Math.exp(k) / sum, org.assertj.core.data.Offset.offset(1e-6));
        }
    }

    @Test
    void aModelForAnotherFeatureSetIsRejectedWithTheReason() {
        String json = stumpModel(3, "1.5", true);
        assertThatThrownBy(() ->
                        GradePredictors.load(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "v"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("model expects 3 features");
    }

    @Test
    void otherObjectivesAreRejected() {
        String json = stumpModel(FeatureExtractor.SIZE, "1.5", true).replace("multi:softprob", "reg:squarederror");
        assertThatThrownBy(() -> ensemble(json)).hasMessageContaining("unsupported XGBoost objective");
    }

    @Test
    void theBundledModelLoadsWithTheVersionOfItsModelCard() throws Exception {
        GradePredictor predictor = GradePredictors.loadBundled();
        String cardVersion;
        try (var card = GradePredictors.class.getResourceAsStream(GradePredictors.BUNDLED_CARD)) {
            cardVersion = GradePredictors.modelVersion(card);
        }
        assertThat(predictor.modelVersion()).isEqualTo(cardVersion).startsWith("nutrisage-xgb-");
        Prediction cola = predictor.predict(ProductRecords.fromFields(Map.of(
                "categories",
                "Boissons, Sodas au cola",
                "energy_100g",
                180,
                "sugars_100g",
                10.6,
                "saturated-fat_100g",
                0,
                "salt_100g",
                0.01)));
        assertThat(cola.grade()).isEqualTo(Grade.E);
        assertThat(cola.probabilities()).hasSize(5);
        assertThat(java.util.Arrays.stream(cola.probabilities()).sum())
                .isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-6));
    }
}
