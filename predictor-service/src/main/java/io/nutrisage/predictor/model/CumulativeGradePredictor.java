package io.nutrisage.predictor.model;

import io.nutrisage.predictor.features.FeatureExtractor;
import io.nutrisage.predictor.record.ProductRecord;

/**
 * Grades records with an ordinal model: four {@code binary:logistic} boosters, booster k (k = 0 … 3) estimating
 * S_k(x) = P(grade &gt; k), the probability that the grade is worse than A, B, C, D respectively (A = 0 … E = 4).
 * Every booster was trained with a monotone constraint on every feature that depends on a Nutri-Score nutrient,
 * +1 for those that can only worsen the grade and −1 for those that can only improve it ({@code
 * Feature.gradeDirection()}).
 *
 * <p><b>Why the grade is monotone by construction.</b> Let x move so that a penalised nutrient increases (or a
 * rewarded one decreases), everything else fixed. Each feature moves in the sense of its constraint or stays put
 * ({@code Feature}'s Javadoc), XGBoost guarantees that a booster's margin is non-decreasing in a +1 feature and
 * non-increasing in a −1 feature, and the sigmoid is increasing: so every S_k is non-decreasing along the move.
 * The cumulative probabilities may cross (S_{k+1} &gt; S_k is possible for independently trained boosters), so they
 * are made non-increasing in k by a running minimum:
 *
 * <pre>
 *   C_0 = S_0,   C_k = min(C_{k−1}, S_k)   (k = 1 … 3)
 * </pre>
 *
 * a minimum of non-decreasing functions is non-decreasing, so every C_k is too. The grade is
 *
 * <pre>
 *   g(x) = #{k : C_k(x) &gt; c_k}
 * </pre>
 *
 * for fixed cut-offs c_0 … c_3 in (0, 1), read from the bundle (0.5 each if it has none: then g is the median of
 * the distribution below). g is a sum of indicators 1[C_k(x) &gt; c_k]; each indicator of a non-decreasing
 * function against a fixed constant is non-decreasing, so g is non-decreasing: more of a penalised nutrient can
 * never give a better grade, more of a rewarded one never a worse one. That holds for any fixed cut-offs; the
 * trainer chooses them on out-of-fold cross-validation predictions of train.csv, never on the test split. When the
 * cut-offs are non-decreasing in k (as the 0.5s are), the set {k : C_k &gt; c_k} is a prefix {0 … g−1}, because C
 * is non-increasing in k: g is then the first k whose C_k fails its cut-off.
 *
 * <p><b>Probabilities.</b> p_A = 1 − C_0, p_k = C_{k−1} − C_k, p_E = C_3: non-negative and summing to 1. The
 * confidence is p_g, the probability of the grade reported (with the 0.5 cut-offs, the median grade is the top
 * grade whenever one grade holds more than half the mass, as on almost every record); its calibration is what the
 * model card's ECE measures. The probabilities do not depend on the cut-offs.
 */
final class CumulativeGradePredictor implements GradePredictor {
    /** The boosters P(grade &gt; A) … P(grade &gt; D), one output each. */
    static final int THRESHOLDS = Grade.values().length - 1;

    private final TreeEnsemble ensemble;
    private final String modelVersion;
    private final double[] cutoffs;

    CumulativeGradePredictor(TreeEnsemble ensemble, String modelVersion) {
        this(ensemble, modelVersion, Prediction.medianCutoffs());
    }

    CumulativeGradePredictor(TreeEnsemble ensemble, String modelVersion, double[] cutoffs) {
        if (cutoffs.length != THRESHOLDS) {
            throw new IllegalArgumentException("expected " + THRESHOLDS + " cut-offs, got " + cutoffs.length);
        }
        for (double c : cutoffs) {
            if (!(c > 0 && c < 1)) {
                throw new IllegalArgumentException("cut-off " + c + " is not in (0, 1)");
            }
        }
        this.cutoffs = cutoffs.clone();
        if (ensemble.numClass() != THRESHOLDS) {
            throw new IllegalArgumentException(
                    "expected " + THRESHOLDS + " cumulative boosters, got " + ensemble.numClass());
        }
        this.ensemble = ensemble;
        this.modelVersion = modelVersion;
    }

    @Override
    public Prediction predict(ProductRecord record) {
        float[] features = FeatureExtractor.extract(record);
        float[] cumulative = new float[THRESHOLDS];
        ensemble.logistic(features, cumulative);
        return Prediction.fromCumulative(cumulative, cutoffs);
    }

    @Override
    public String modelVersion() {
        return modelVersion;
    }

    /** The fixed cut-offs c_0 … c_3 of the grade #{k : C_k &gt; c_k}. */
    double[] cutoffs() {
        return cutoffs.clone();
    }

    /** S_0 … S_3 in float32 exactly as computed, for the equivalence check against xgboost4j. */
    float[] cumulative(float[] features) {
        float[] out = new float[THRESHOLDS];
        ensemble.logistic(features, out);
        return out;
    }
}
