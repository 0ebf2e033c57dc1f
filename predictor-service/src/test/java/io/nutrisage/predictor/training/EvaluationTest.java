package io.nutrisage.predictor.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import io.nutrisage.predictor.model.Grade;
import io.nutrisage.predictor.record.ProductRecords;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvaluationTest {

    private static LabelledProduct product(Grade grade, String source) throws Exception {
        return new LabelledProduct(ProductRecords.fromFields(Map.of("energy_100g", 100)), grade, source);
    }

    private static float[] sure(Grade grade, float confidence) {
        float[] p = new float[5];
        java.util.Arrays.fill(p, (1 - confidence) / 4);
        p[grade.ordinal()] = confidence;
        return p;
    }

    @Test
    void computesAccuracyMacroF1ConfusionAndPerSourceAccuracy() throws Exception {
        List<LabelledProduct> products = new ArrayList<>();
        List<float[]> probabilities = new ArrayList<>();
        // Every grade once, all right, from source "x"; then one A predicted as B from source "y".
        for (Grade g : Grade.values()) {
            products.add(product(g, "x"));
            probabilities.add(sure(g, 0.9f));
        }
        products.add(product(Grade.A, "y"));
        probabilities.add(sure(Grade.B, 0.9f));

        Evaluation e = Evaluation.of(products, probabilities.toArray(float[][]::new));

        assertThat(e.rows()).isEqualTo(6);
        assertThat(e.accuracy()).isCloseTo(5.0 / 6, offset(1e-12));
        assertThat(e.confusion()[0]).containsExactly(1, 1, 0, 0, 0);
        // A: precision 1, recall 1/2 -> F1 2/3; B: precision 1/2, recall 1 -> 2/3; C, D, E: 1.
        assertThat(e.f1ByGrade().get(Grade.A)).isCloseTo(2.0 / 3, offset(1e-12));
        assertThat(e.f1ByGrade().get(Grade.B)).isCloseTo(2.0 / 3, offset(1e-12));
        assertThat(e.macroF1()).isCloseTo((2.0 / 3 * 2 + 3) / 5, offset(1e-12));
        assertThat(e.bySource().get("x").accuracy()).isEqualTo(1.0);
        assertThat(e.bySource().get("y").accuracy()).isEqualTo(0.0);
        // All six predictions sit in the 0.9 bin, where 5 of 6 are right: ECE = |5/6 - 0.9|.
        assertThat(e.expectedCalibrationError()).isCloseTo(Math.abs(5.0 / 6 - 0.9), offset(1e-6));
    }
}
