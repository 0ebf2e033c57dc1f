package io.nutrisage.predictor.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PredictionTest {
    @Test
    void cumulativeProbabilitiesGiveTheMedianGradeAndItsProbability() {
        // P(>A) = 0.9, P(>B) = 0.7, P(>C) = 0.2, P(>D) = 0.05: p = (0.1, 0.2, 0.5, 0.15, 0.05), median C.
        Prediction p = Prediction.fromCumulative(new float[] {0.9f, 0.7f, 0.2f, 0.05f});
        assertThat(p.grade()).isEqualTo(Grade.C);
        assertThat(p.probabilities()).containsExactly(new double[] {0.1, 0.2, 0.5, 0.15, 0.05}, within(1e-7));
        assertThat(p.confidence()).isEqualTo(p.probability(Grade.C));
    }

    @Test
    void crossingsAreRemovedByTheRunningMinimum() {
        // P(>C) = 0.8 above P(>B) = 0.6 would give C a negative probability: C_2 = min(0.6, 0.8) = 0.6.
        Prediction p = Prediction.fromCumulative(new float[] {0.9f, 0.6f, 0.8f, 0.1f});
        assertThat(java.util.Arrays.stream(p.probabilities()).min().orElseThrow())
                .isGreaterThanOrEqualTo(0);
        assertThat(p.probability(Grade.C)).isEqualTo(0.0, within(1e-7));
        assertThat(java.util.Arrays.stream(p.probabilities()).sum()).isEqualTo(1.0, within(1e-12));
        assertThat(p.grade()).isEqualTo(Grade.D);
    }

    @Test
    void theMedianIsReportedEvenWhenAnotherGradeIsMoreProbable() {
        // p = (0.3, 0.25, 0.45, 0, 0): the median is B (P(<= B) = 0.55), C is the mode. The grade must be the
        // median: it is the rule that is monotone in the cumulative probabilities.
        Prediction p = Prediction.fromCumulative(new float[] {0.7f, 0.45f, 0f, 0f});
        assertThat(p.grade()).isEqualTo(Grade.B);
        assertThat(p.confidence()).isEqualTo(0.25, within(1e-7));
    }

    @Test
    void fixedCutoffsCountTheCumulativeProbabilitiesAboveThem() {
        // C = (0.9, 0.7, 0.2, 0.05): with cut-offs (0.5, 0.75, 0.5, 0.5) only C_0 exceeds its cut-off, grade B;
        // with (0.5, 0.5, 0.15, 0.5) three do, grade D. The probabilities do not change.
        float[] s = {0.9f, 0.7f, 0.2f, 0.05f};
        Prediction b = Prediction.fromCumulative(s, new double[] {0.5, 0.75, 0.5, 0.5});
        Prediction d = Prediction.fromCumulative(s, new double[] {0.5, 0.5, 0.15, 0.5});
        assertThat(b.grade()).isEqualTo(Grade.B);
        assertThat(b.confidence()).isEqualTo(0.2, within(1e-7));
        assertThat(d.grade()).isEqualTo(Grade.D);
        assertThat(d.confidence()).isEqualTo(0.15, within(1e-7));
        assertThat(d.probabilities())
                .containsExactly(Prediction.fromCumulative(s).probabilities());
        assertThat(Prediction.fromCumulative(s, Prediction.medianCutoffs())).isEqualTo(Prediction.fromCumulative(s));
    }
}
