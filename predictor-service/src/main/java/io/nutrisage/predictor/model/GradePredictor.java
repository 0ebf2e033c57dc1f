package io.nutrisage.predictor.model;

import io.nutrisage.predictor.record.ProductRecord;

/**
 * Grades validated product records. Implementations are immutable and thread-safe: the HTTP service calls one
 * instance from many virtual threads at once.
 */
public interface GradePredictor {
    Prediction predict(ProductRecord record);

    /** Identifies the trained model (e.g. {@code nutrisage-xgb-2026-11-23-3f2a9c1}), as reported by the model card. */
    String modelVersion();
}
