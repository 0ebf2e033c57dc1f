package io.nutrisage.predictor.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.nutrisage.predictor.features.Feature;
import io.nutrisage.predictor.features.FeatureExtractor;
import io.nutrisage.predictor.record.ProductRecord;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The feature half of the ordinal model's monotonicity proof (docs/decisions/0079): along every sweep of {@link
 * MonotonicitySweep} (every valid test.csv record, each of the seven nutrients over its physical range), each column
 * with a {@link Feature#gradeDirection()} moves only in that direction times the nutrient's, and every free column
 * stays what it was. Missing must stay missing along a sweep, since XGBoost's monotone constraint orders only values.
 */
class FeatureGradeDirectionTest {
    @Test
    void everyColumnMovesWithEveryNutrientInItsGradeDirectionOrStays() {
        List<String> wrong = new ArrayList<>();
        long comparisons = 0;
        for (LabelledProduct product : TestData.testProducts()) {
            for (MonotonicitySweep.Sweep sweep : MonotonicitySweep.Sweep.values()) {
                float[] previous = null;
                for (ProductRecord record :
                        MonotonicitySweep.sweptRecords(product.record(), sweep, MonotonicitySweep.DEFAULT_STEPS)) {
                    float[] v = FeatureExtractor.extract(record);
                    if (previous != null) {
                        for (Feature f : Feature.values()) {
                            float before = previous[f.ordinal()];
                            float after = v[f.ordinal()];
                            comparisons++;
                            boolean ok;
                            if (Float.isNaN(before) || Float.isNaN(after)) {
                                ok = Float.isNaN(before) && Float.isNaN(after);
                            } else {
                                int allowed = f.gradeDirection() * sweep.direction;
                                ok = allowed == 0 ? after == before : (after - before) * allowed >= 0;
                            }
                            if (!ok && wrong.size() < 20) {
                                wrong.add(sweep + " " + f + " " + before + " -> " + after + " in " + record);
                            }
                        }
                    }
                    previous = v;
                }
            }
        }
        assertThat(comparisons).isEqualTo(3382L * 7 * MonotonicitySweep.DEFAULT_STEPS * FeatureExtractor.SIZE);
        assertThat(wrong).isEmpty();
    }
}
