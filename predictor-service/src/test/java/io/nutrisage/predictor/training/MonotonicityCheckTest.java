package io.nutrisage.predictor.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.nutrisage.predictor.model.Grade;
import io.nutrisage.predictor.model.GradePredictor;
import io.nutrisage.predictor.model.Prediction;
import io.nutrisage.predictor.record.Nutrient;
import io.nutrisage.predictor.record.ProductRecord;
import io.nutrisage.predictor.record.ProductRecords;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MonotonicityCheckTest {

    @Test
    void perturbingSaltKeepsSodiumReconciled() throws Exception {
        ProductRecord record = ProductRecords.fromFields(Map.of("energy_100g", 500, "salt_100g", 1.0));
        ProductRecord moved = MonotonicityCheck.perturb(record, MonotonicityCheck.Probe.SALT);
        assertThat(moved.value(Nutrient.SALT)).isEqualTo(1.75);
        assertThat(moved.value(Nutrient.SODIUM)).isEqualTo(1.75 / 2.5);
        assertThat(moved.value(Nutrient.ENERGY_KJ)).isEqualTo(500);
    }

    @Test
    void missingNutrientsAreNotProbed() throws Exception {
        ProductRecord record = ProductRecords.fromFields(Map.of("energy_100g", 500));
        assertThat(MonotonicityCheck.perturb(record, MonotonicityCheck.Probe.SUGARS))
                .isNull();
    }

    @Test
    void aPredictorThatRewardsSugarIsCaughtAndTheRuleOneIsNot() throws Exception {
        var products = List.of(new LabelledProduct(
                ProductRecords.fromFields(Map.of("energy_100g", 500, "sugars_100g", 10)), Grade.C, "t"));
        GradePredictor backwards = predictor(r -> r.value(Nutrient.SUGARS) > 10 ? Grade.A : Grade.C);
        GradePredictor forwards = predictor(r -> r.value(Nutrient.SUGARS) > 10 ? Grade.E : Grade.C);
        assertThat(MonotonicityCheck.run(backwards, products)
                        .get(MonotonicityCheck.Probe.SUGARS)
                        .gradeViolations())
                .isEqualTo(1);
        assertThat(MonotonicityCheck.run(forwards, products)
                        .get(MonotonicityCheck.Probe.SUGARS)
                        .gradeViolations())
                .isZero();
    }

    private static GradePredictor predictor(java.util.function.Function<ProductRecord, Grade> rule) {
        return new GradePredictor() {
            @Override
            public Prediction predict(ProductRecord record) {
                double[] p = new double[5];
                p[rule.apply(record).ordinal()] = 1;
                return Prediction.fromProbabilities(p);
            }

            @Override
            public String modelVersion() {
                return "rule";
            }
        };
    }
}
