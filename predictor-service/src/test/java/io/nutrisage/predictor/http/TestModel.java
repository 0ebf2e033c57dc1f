package io.nutrisage.predictor.http;

import io.nutrisage.predictor.model.GradePredictor;
import io.nutrisage.predictor.model.Prediction;
import io.nutrisage.predictor.record.Nutrient;
import io.nutrisage.predictor.record.ProductRecord;

/** The predictor the service tests run against. */
final class TestModel {
    private TestModel() {}

    static GradePredictor predictor() {
        // Placeholder until the bundled model is merged: grades by sugar alone.
        return new GradePredictor() {
            @Override
            public Prediction predict(ProductRecord record) {
                double sugars = record.has(Nutrient.SUGARS) ? record.value(Nutrient.SUGARS) : 0;
                double[] p = {0.05, 0.05, 0.05, 0.05, 0.05};
                p[(int) Math.min(4, sugars / 10)] = 0.8;
                return Prediction.fromProbabilities(p);
            }

            @Override
            public String modelVersion() {
                return "test-stub";
            }
        };
    }
}
