package io.nutrisage.predictor.http;

import io.nutrisage.predictor.model.GradePredictor;
import io.nutrisage.predictor.model.GradePredictors;

/** The service tests run against the real bundled model, loaded once per test JVM. */
final class TestModel {
    private static final GradePredictor BUNDLED = GradePredictors.loadBundled();

    private TestModel() {}

    static GradePredictor predictor() {
        return BUNDLED;
    }
}
