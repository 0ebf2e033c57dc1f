package io.nutrisage.predictor.model;

import java.util.Arrays;
import java.util.Objects;

/**
 * One graded product: the grade, its probability as the confidence, and the probability of every grade indexed by
 * {@link Grade#ordinal()}. The grade is the most probable one ({@link #fromProbabilities}) or, for the ordinal
 * model, the median one ({@link #fromCumulative}).
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

    private static final double[] MEDIAN_CUTOFFS = {0.5, 0.5, 0.5, 0.5};

    /** The cut-offs of the median grade: 0.5 on every cumulative probability (a fresh array). */
    public static double[] medianCutoffs() {
        return MEDIAN_CUTOFFS.clone();
    }

    /**
     * From the cumulative probabilities S_k = P(grade &gt; k) of an ordinal model (k = 0 … 3): C_k, the running
     * minimum of S_0 … S_k, removes crossings; the grade is #{k : C_k &gt; 0.5} (the median grade), its confidence
     * p_grade, and p_A = 1 − C_0, p_k = C_{k−1} − C_k, p_E = C_3. Why that grade is monotone in the nutrients: see
     * {@code CumulativeGradePredictor}.
     */
    public static Prediction fromCumulative(float[] s) {
        return fromCumulative(s, MEDIAN_CUTOFFS);
    }

    /**
     * As {@link #fromCumulative(float[])} but the grade is #{k : C_k &gt; c_k} for fixed cut-offs c_0 … c_3 (chosen
     * on cross-validation by the trainer, stored in the ordinal bundle); the probabilities do not depend on them.
     */
    public static Prediction fromCumulative(float[] s, double[] cutoffs) {
        int thresholds = Grade.values().length - 1;
        if (s.length != thresholds) {
            throw new IllegalArgumentException("expected " + thresholds + " cumulative probabilities, got " + s.length);
        }
        if (cutoffs.length != thresholds) {
            throw new IllegalArgumentException("expected " + thresholds + " cut-offs, got " + cutoffs.length);
        }
        double[] p = new double[thresholds + 1];
        double previous = 1.0;
        int grade = 0;
        for (int k = 0; k < thresholds; k++) {
            double c = Math.min(previous, s[k]);
            p[k] = previous - c;
            if (c > cutoffs[k]) {
                grade++;
            }
            previous = c;
        }
        p[thresholds] = previous;
        return new Prediction(Grade.values()[grade], p[grade], p);
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
