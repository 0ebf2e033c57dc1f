package io.nutrisage.predictor.model;

import io.nutrisage.predictor.features.FeatureExtractor;
import io.nutrisage.predictor.record.ProductRecord;

/** Grades records by evaluating the saved XGBoost trees in Java: no JNI, no native library, no shared state. */
final class TreeGradePredictor implements GradePredictor {
    private final TreeEnsemble ensemble;
    private final String modelVersion;

    TreeGradePredictor(TreeEnsemble ensemble, String modelVersion) {
        this.ensemble = ensemble;
        this.modelVersion = modelVersion;
    }

    @Override
    public Prediction predict(ProductRecord record) {
        float[] features = FeatureExtractor.extract(record);
        float[] probabilities = new float[ensemble.numClass()];
        ensemble.probabilities(features, probabilities);
        double[] asDouble = new double[probabilities.length];
        for (int k = 0; k < probabilities.length; k++) {
            asDouble[k] = probabilities[k];
        }
        return Prediction.fromProbabilities(asDouble);
    }

    @Override
    public String modelVersion() {
        return modelVersion;
    }

    /** The float32 probabilities exactly as computed, for the equivalence check against xgboost4j. */
    float[] probabilities(float[] features) {
        float[] out = new float[ensemble.numClass()];
        ensemble.probabilities(features, out);
        return out;
    }
}
