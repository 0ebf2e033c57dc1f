package io.nutrisage.predictor.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

class TpeOptimizerTest {
    private static final SearchSpace SPACE = new SearchSpace(List.of(
            new SearchSpace.Dimension("x", -5, 5, false, false),
            new SearchSpace.Dimension("rate", 0.001, 1, true, false),
            new SearchSpace.Dimension("depth", 2, 12, false, true)));

    /** A bowl with its minimum at x = 1.5, rate = 0.03, depth = 7. */
    private static final ToDoubleFunction<Map<String, Double>> BOWL = p -> Math.pow(p.get("x") - 1.5, 2)
            + Math.pow(Math.log10(p.get("rate")) - Math.log10(0.03), 2)
            + Math.pow((p.get("depth") - 7) / 3, 2);

    @Test
    void theSameSeedGivesTheSameTrials() {
        var a = new TpeOptimizer(SPACE, 7, 8, 24, 0.25).minimise(30, BOWL);
        var b = new TpeOptimizer(SPACE, 7, 8, 24, 0.25).minimise(30, BOWL);
        assertThat(a).isEqualTo(b);
    }

    @Test
    void anotherSeedExploresOtherPoints() {
        var a = new TpeOptimizer(SPACE, 7, 8, 24, 0.25).minimise(10, BOWL);
        var b = new TpeOptimizer(SPACE, 8, 8, 24, 0.25).minimise(10, BOWL);
        assertThat(a.get(0).parameters()).isNotEqualTo(b.get(0).parameters());
    }

    @Test
    void parametersStayInsideTheirRangesAndIntegersAreWhole() {
        for (var trial : new TpeOptimizer(SPACE, 3, 5, 24, 0.25).minimise(40, BOWL)) {
            assertThat(trial.parameters().get("x")).isBetween(-5.0, 5.0);
            assertThat(trial.parameters().get("rate")).isBetween(0.001, 1.0);
            double depth = trial.parameters().get("depth");
            assertThat(depth).isBetween(2.0, 12.0).isEqualTo(Math.rint(depth));
        }
    }

    @Test
    void modelGuidedTrialsBeatPureRandomSearchOnTheSameBudget() {
        // Summed over ten seeds so one lucky random draw cannot decide the comparison.
        double tpe = 0;
        double random = 0;
        for (long seed = 1; seed <= 10; seed++) {
            tpe += TpeOptimizer.best(new TpeOptimizer(SPACE, seed, 8, 24, 0.25).minimise(40, BOWL))
                    .loss();
            var rng = new SplittableRandom(seed);
            double best = Double.POSITIVE_INFINITY;
            for (int i = 0; i < 40; i++) {
                best = Math.min(best, BOWL.applyAsDouble(SPACE.fromUnit(new double[] {
                    rng.nextDouble(), rng.nextDouble(), rng.nextDouble()
                })));
            }
            random += best;
        }
        assertThat(tpe).isLessThan(random * 0.7);
    }
}
