package io.nutrisage.predictor.model;

import java.util.Arrays;
import java.util.Objects;

/**
 * One graded product: the most probable grade, its probability as the confidence, and the probability of every
 * grade indexed by {@link Grade#ordinal()}.
 */
public record Prediction(Grade grade, double confidence, double[] probabilities) {
    public Prediction {
        Objects.requireNonNull(grade, "grade");
        if (probabilities.length != Grade.values().length) {
            throw new IllegalArgumentException("expected one probability per grade, got " + probabilities.length);
        }
        probabilities = probabilities.clone();
    }

    /** Picks the most probable grade. */
    public static Prediction fromProbabilities(double[] probabilities) {
        int best = 0;
        for (int i = 1; i < probabilities.length; i++) {
            if (probabilities[i] > probabilities[best]) {
                best = i;
            }
        }
        return new Prediction(Grade.values()[best], probabilities[best], probabilities);
    }

    public double probability(Grade g) {
        return probabilities[g.ordinal()];
    }

    @Override
    public double[] probabilities() {
        return probabilities.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Prediction p
                && grade == p.grade
                && Double.compare(confidence, p.confidence) == 0
                && Arrays.equals(probabilities, p.probabilities);
    }

    @Override
    public int hashCode() {
        return Objects.hash(grade, confidence, Arrays.hashCode(probabilities));
    }

    @Override
    public String toString() {
        return "Prediction[" + grade + ", confidence=" + confidence + ", probabilities="
                + Arrays.toString(probabilities) + "]";
    }
}
