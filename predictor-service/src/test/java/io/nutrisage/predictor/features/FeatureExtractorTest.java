package io.nutrisage.predictor.features;

import static org.assertj.core.api.Assertions.assertThat;

import io.nutrisage.predictor.record.InvalidRecordException;
import io.nutrisage.predictor.record.ProductRecord;
import io.nutrisage.predictor.record.ProductRecords;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeatureExtractorTest {

    private static ProductRecord record(Map<String, Object> fields) throws InvalidRecordException {
        return ProductRecords.fromFields(fields);
    }

    private static float feature(float[] v, Feature f) {
        return v[f.ordinal()];
    }

    @Test
    void missingNutrientsStayNaNAndAreCounted() throws Exception {
        float[] v = FeatureExtractor.extract(record(Map.of("energy_100g", 1000, "proteins_100g", 5)));
        assertThat(v).hasSize(FeatureExtractor.SIZE);
        assertThat(feature(v, Feature.SUGARS)).isNaN();
        assertThat(feature(v, Feature.FIBRE)).isNaN();
        assertThat(feature(v, Feature.SALT)).isNaN();
        assertThat(feature(v, Feature.SUGARS_POINTS)).isNaN();
        assertThat(feature(v, Feature.MISSING_NEGATIVE_NUTRIENTS)).isEqualTo(3f);
        assertThat(feature(v, Feature.ENERGY_POINTS)).isEqualTo(2f);
    }

    @Test
    void declaredFruitVegetablesWinOverTheEstimateAndTheCategoryGuess() throws Exception {
        Map<String, Object> fields = new HashMap<>(Map.of(
                "energy_100g", 200,
                "categories", "Compotes",
                "fruits-vegetables-nuts_100g", 50,
                "fruits-vegetables-nuts-estimate_100g", 90));
        assertThat(feature(FeatureExtractor.extract(record(fields)), Feature.FRUIT_VEGETABLES_PERCENT))
                .isEqualTo(50f);
        fields.remove("fruits-vegetables-nuts_100g");
        float[] estimated = FeatureExtractor.extract(record(fields));
        assertThat(feature(estimated, Feature.FRUIT_VEGETABLES_PERCENT)).isEqualTo(90f);
        assertThat(feature(estimated, Feature.FRUIT_VEGETABLES_SOURCE)).isEqualTo(1f);
        fields.remove("fruits-vegetables-nuts-estimate_100g");
        float[] guessed = FeatureExtractor.extract(record(fields));
        assertThat(feature(guessed, Feature.FRUIT_VEGETABLES_PERCENT))
                .isEqualTo((float) FeatureExtractor.FRUIT_VEGETABLE_PRODUCT_PERCENT);
        assertThat(feature(guessed, Feature.FRUIT_VEGETABLES_POINTS)).isEqualTo(5f);
        fields.put("categories", "Biscuits");
        assertThat(feature(FeatureExtractor.extract(record(fields)), Feature.FRUIT_VEGETABLES_PERCENT))
                .isNaN();
    }

    @Test
    void beverageRecordsGetTheBeverageScoreAsApplicableScore() throws Exception {
        float[] v = FeatureExtractor.extract(record(Map.of(
                "categories",
                "Boissons, Sodas",
                "energy_100g",
                180,
                "sugars_100g",
                10.6,
                "saturated-fat_100g",
                0,
                "salt_100g",
                0.01)));
        assertThat(feature(v, Feature.IS_BEVERAGE)).isEqualTo(1f);
        assertThat(feature(v, Feature.APPLICABLE_SCORE)).isEqualTo(feature(v, Feature.BEVERAGE_SCORE));
        assertThat(feature(v, Feature.BEVERAGE_SCORE)).isEqualTo(14f);
        assertThat(feature(v, Feature.APPLICABLE_RULE_GRADE)).isEqualTo(4f);
        assertThat(feature(v, Feature.FOOD_RULE_GRADE)).isEqualTo(1f);
    }

    @Test
    void waterIsAlwaysRuleGradeA() throws Exception {
        float[] v = FeatureExtractor.extract(
                record(Map.of("categories", "Boissons, Eaux, Eaux minérales", "energy_100g", 0, "salt_100g", 0.02)));
        assertThat(feature(v, Feature.IS_WATER)).isEqualTo(1f);
        assertThat(feature(v, Feature.APPLICABLE_RULE_GRADE)).isZero();
    }

    @Test
    void offsComputedScoreNeverReachesTheFeatures() throws Exception {
        Map<String, Object> fields = new HashMap<>(Map.of("energy_100g", 1500, "sugars_100g", 30, "salt_100g", 1));
        float[] without = FeatureExtractor.extract(record(fields));
        fields.put("nutrition-score-fr_100g", 25);
        fields.put("nutrition_score_fr_100g", -10);
        assertThat(FeatureExtractor.extract(record(fields))).containsExactly(without);
    }

    @Test
    void monotoneDirectionsFollowTheNutriScore() {
        assertThat(Feature.SUGARS.monotoneDirection()).isEqualTo(1);
        assertThat(Feature.SALT.monotoneDirection()).isEqualTo(1);
        assertThat(Feature.FIBRE.monotoneDirection()).isEqualTo(-1);
        assertThat(Feature.FRUIT_VEGETABLES_PERCENT.monotoneDirection()).isEqualTo(-1);
        assertThat(Feature.FOOD_SCORE.monotoneDirection()).isZero();
    }
}
