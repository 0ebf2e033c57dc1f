package io.nutrisage.predictor.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.nutrisage.predictor.model.Prediction;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class OrdinalTrainerTest {
    @Test
    void cutoffsMoveOnlyOnAStrictGainAndStayNearestHalfOnTies() {
        // Every row has S = (0.45, 0.1, 0.05, 0.01) and is a B: the 0.5 cut-offs say A (accuracy 0). Any c_0 below
        // 0.45 says B; the one nearest 0.5 on the grid is 0.445. The other cut-offs change nothing and stay 0.5.
        float[][] s = new float[10][];
        float[] labels = new float[10];
        for (int i = 0; i < s.length; i++) {
            s[i] = new float[] {0.45f, 0.1f, 0.05f, 0.01f};
            labels[i] = 1;
        }
        assertThat(OrdinalTrainer.score(s, labels, Prediction.medianCutoffs())[0])
                .isZero();
        double[] cutoffs = OrdinalTrainer.tuneCutoffs(s, labels);
        assertThat(cutoffs).containsExactly(0.445, 0.5, 0.5, 0.5);
        assertThat(OrdinalTrainer.score(s, labels, cutoffs)[0]).isEqualTo(1.0, within(1e-12));
    }

    @Test
    void anyFixedCutoffsGiveAGradeThatNeverFallsWhenTheCumulativeProbabilitiesRise() {
        // The proof's last step, checked on random points: raising any S_k (what more of a penalised nutrient
        // does to every booster) never lowers #{k : C_k > c_k}, whatever the fixed cut-offs, in order or not.
        var random = new SplittableRandom(18);
        for (int trial = 0; trial < 200_000; trial++) {
            double[] c = new double[4];
            float[] low = new float[4];
            float[] high = new float[4];
            for (int k = 0; k < 4; k++) {
                c[k] = 0.05 + 0.9 * random.nextDouble();
                low[k] = (float) random.nextDouble();
                high[k] = Math.min(1f, low[k] + (random.nextBoolean() ? 0f : (float) random.nextDouble()));
            }
            assertThat(Prediction.fromCumulative(high, c).grade())
                    .isGreaterThanOrEqualTo(Prediction.fromCumulative(low, c).grade());
        }
    }
}
