package io.nutrisage.predictor.training;

import io.nutrisage.predictor.model.Grade;
import io.nutrisage.predictor.record.ProductRecord;
import java.util.Objects;

/** One training or test example: a validated record, the grade Open Food Facts gave it, and the extract it came from. */
public record LabelledProduct(ProductRecord record, Grade grade, String source) {
    public LabelledProduct {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(grade, "grade");
        Objects.requireNonNull(source, "source");
    }
}
