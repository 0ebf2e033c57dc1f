package io.nutrisage.predictor.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.nutrisage.predictor.model.GradePredictors;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The exhaustive sweep (every valid test.csv record, every constrained nutrient, 41 points over its physical range)
 * against the bundled model, in the Java evaluator the service uses.
 */
class MonotonicitySweepTest {
    @Test
    void theBundledSoftprobModelMovesGradesTheWrongWayAsMeasured() {
        // Documents today's state (issue #18), not the requirement: multi:softprob is only measured monotone
        // (decision 0013), and the sweep finds its wrong-way moves. This proves the sweep can fail.
        Map<MonotonicitySweep.Sweep, MonotonicitySweep.Result> results = MonotonicitySweep.run(
                GradePredictors.loadBundled(), TestData.testProducts(), MonotonicitySweep.DEFAULT_STEPS);
        assertThat(results.values()).allSatisfy(r -> assertThat(r.records()).isEqualTo(3382));
        assertThat(MonotonicitySweep.totalWrongWayMoves(results)).isEqualTo(1404);
    }
}
