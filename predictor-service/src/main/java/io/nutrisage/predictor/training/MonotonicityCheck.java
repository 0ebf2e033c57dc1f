package io.nutrisage.predictor.training;

import io.nutrisage.predictor.model.GradePredictor;
import io.nutrisage.predictor.model.Prediction;
import io.nutrisage.predictor.record.InvalidRecordException;
import io.nutrisage.predictor.record.Nutrient;
import io.nutrisage.predictor.record.ProductRecord;
import io.nutrisage.predictor.record.ProductRecords;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Measures how often the whole pipeline (features + trees) moves a grade the wrong way when one nutrient moves in
 * the direction the Nutri-Score fixes: more energy, sugars, saturated fat or salt must never give a better grade;
 * more fibre, protein or fruit/vegetables must never give a worse one. XGBoost's monotone constraints apply one
 * direction to every class's margin under {@code multi:softprob}, which does not by itself make the grade
 * monotone, so this empirical check is what the model card reports (docs/decisions/0013).
 */
final class MonotonicityCheck {
    /** A perturbation: which nutrient, its direction (+1 = more is worse), and how much to add. */
    enum Probe {
        ENERGY(Nutrient.ENERGY_KJ, 1, 0.25, 200),
        SUGARS(Nutrient.SUGARS, 1, 0.25, 5),
        SATURATED_FAT(Nutrient.SATURATED_FAT, 1, 0.25, 2),
        SALT(Nutrient.SALT, 1, 0.25, 0.5),
        FIBRE(Nutrient.FIBER, -1, 0.25, 2),
        PROTEINS(Nutrient.PROTEINS, -1, 0.25, 3),
        FRUIT_VEGETABLES(Nutrient.FRUITS_VEGETABLES_NUTS, -1, 0, 30);

        final Nutrient nutrient;
        final int direction;
        final double relative;
        final double absolute;

        Probe(Nutrient nutrient, int direction, double relative, double absolute) {
            this.nutrient = nutrient;
            this.direction = direction;
            this.relative = relative;
            this.absolute = absolute;
        }
    }

    /** Per probe: rows checked, rows whose top grade moved the wrong way, rows whose expected grade did. */
    record Result(int checked, int gradeViolations, int expectedGradeViolations) {
        double gradeViolationRate() {
            return checked == 0 ? 0 : (double) gradeViolations / checked;
        }

        double expectedGradeViolationRate() {
            return checked == 0 ? 0 : (double) expectedGradeViolations / checked;
        }
    }

    /** A wrong-way move of the expected grade smaller than this is numerical noise, not a violation. */
    static final double EXPECTED_GRADE_TOLERANCE = 0.01;

    static Map<Probe, Result> run(GradePredictor predictor, List<LabelledProduct> products) {
        Map<Probe, Result> results = new LinkedHashMap<>();
        for (Probe probe : Probe.values()) {
            int checked = 0;
            int gradeViolations = 0;
            int expectedViolations = 0;
            for (LabelledProduct product : products) {
                ProductRecord record = product.record();
                ProductRecord moved = perturb(record, probe);
                if (moved == null) {
                    continue;
                }
                Prediction before = predictor.predict(record);
                Prediction after = predictor.predict(moved);
                checked++;
                int gradeMove = after.grade().ordinal() - before.grade().ordinal();
                double expectedMove = expectedGrade(after) - expectedGrade(before);
                // direction +1: the grade index (A=0 .. E=4) must not decrease; -1: must not increase.
                if (gradeMove * probe.direction < 0) {
                    gradeViolations++;
                }
                if (expectedMove * probe.direction < -EXPECTED_GRADE_TOLERANCE) {
                    expectedViolations++;
                }
            }
            results.put(probe, new Result(checked, gradeViolations, expectedViolations));
        }
        return results;
    }

    static double expectedGrade(Prediction p) {
        double[] probabilities = p.probabilities();
        double e = 0;
        for (int k = 0; k < probabilities.length; k++) {
            e += k * probabilities[k];
        }
        return e;
    }

    /** The record with the probe's nutrient moved, or null when the value is missing or would leave its range. */
    static ProductRecord perturb(ProductRecord record, Probe probe) {
        Nutrient nutrient = probe.nutrient;
        double base = record.value(nutrient);
        if (nutrient == Nutrient.FRUITS_VEGETABLES_NUTS && Double.isNaN(base)) {
            base = record.value(Nutrient.FRUITS_VEGETABLES_NUTS_ESTIMATE);
        }
        if (Double.isNaN(base)) {
            return null;
        }
        double value = Math.min(nutrient.maximum(), base * (1 + probe.relative) + probe.absolute);
        if (value <= base) {
            return null;
        }
        Map<String, Object> fields = fields(record);
        fields.put(nutrient.column(), value);
        switch (nutrient) {
            case ENERGY_KJ -> fields.put(Nutrient.ENERGY_KCAL.column(), value / ProductRecords.KJ_PER_KCAL);
            case SALT -> fields.put(Nutrient.SODIUM.column(), value / ProductRecords.SALT_PER_SODIUM);
            case FRUITS_VEGETABLES_NUTS -> fields.remove(Nutrient.FRUITS_VEGETABLES_NUTS_ESTIMATE.column());
            default -> {}
        }
        try {
            return ProductRecords.fromFields(fields);
        } catch (InvalidRecordException e) {
            return null;
        }
    }

    static Map<String, Object> fields(ProductRecord record) {
        Map<String, Object> fields = new HashMap<>();
        for (Nutrient n : Nutrient.values()) {
            if (record.has(n)) {
                fields.put(n.column(), record.value(n));
            }
        }
        fields.put("categories", record.categories());
        fields.put("pnns_groups_1", record.pnnsGroup1());
        fields.put("pnns_groups_2", record.pnnsGroup2());
        record.productName().ifPresent(name -> fields.put("product_name", name));
        record.code().ifPresent(code -> fields.put("code", code));
        return fields;
    }
}
