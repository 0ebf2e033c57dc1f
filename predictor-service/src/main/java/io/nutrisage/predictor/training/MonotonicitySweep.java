package io.nutrisage.predictor.training;

import io.nutrisage.predictor.model.GradePredictor;
import io.nutrisage.predictor.record.InvalidRecordException;
import io.nutrisage.predictor.record.Nutrient;
import io.nutrisage.predictor.record.ProductRecord;
import io.nutrisage.predictor.record.ProductRecords;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sweeps one nutrient of every record over its whole physical range through the whole serving pipeline (record
 * validation, features, trees) and counts the steps where the grade moves the wrong way.
 *
 * <p>For a record r and a nutrient n the sweep grades r with n set to each of {@code steps + 1} evenly spaced values
 * v_0 = 0 &lt; v_1 &lt; … &lt; v_steps = the nutrient's maximum (3,800 kJ for energy, the bound {@link ProductRecords}
 * enforces; 100 g per 100 g for masses; 100 % for fruit/vegetables). Every swept record is rebuilt from its fields
 * and re-validated by {@link ProductRecords#fromFields}, so the reconciliation the record layer applies holds at
 * each point: energy is set in kJ and its kcal value dropped (the record layer derives it), salt is set and its
 * sodium dropped (sodium = salt / 2.5), fruit/vegetables is set as the declared value and the estimate dropped. A
 * nutrient the record does not declare is swept all the same: missing is not a point of the order, so the first
 * grid value is where the sweep starts.
 *
 * <p>With g(v) the grade index (A = 0 … E = 4), a step i → i + 1 is a wrong-way move when g(v_{i+1}) &lt; g(v_i) for
 * a nutrient the Nutri-Score penalises (energy, sugars, saturated fat, salt: more can only worsen the grade) and
 * when g(v_{i+1}) &gt; g(v_i) for one it rewards (fibre, protein, fruit/vegetables). No wrong-way step on the grid
 * means the grade is monotone on it (the order is transitive); the category of a record never changes along its
 * sweep, and the 2017 rules are monotone in every one of these nutrients for every category (water is always A:
 * constant, so monotone), so the direction is demanded everywhere.
 */
public final class MonotonicitySweep {
    /** One swept nutrient: the field set, the fields dropped so the record layer derives them, the direction. */
    public enum Sweep {
        ENERGY(Nutrient.ENERGY_KJ, Nutrient.ENERGY_KCAL, 1),
        SUGARS(Nutrient.SUGARS, null, 1),
        SATURATED_FAT(Nutrient.SATURATED_FAT, null, 1),
        SALT(Nutrient.SALT, Nutrient.SODIUM, 1),
        FIBRE(Nutrient.FIBER, null, -1),
        PROTEINS(Nutrient.PROTEINS, null, -1),
        FRUIT_VEGETABLES(Nutrient.FRUITS_VEGETABLES_NUTS, Nutrient.FRUITS_VEGETABLES_NUTS_ESTIMATE, -1);

        final Nutrient nutrient;
        final Nutrient derived;
        /** +1: more of it can only worsen the grade; −1: more can only improve it. */
        final int direction;

        Sweep(Nutrient nutrient, Nutrient derived, int direction) {
            this.nutrient = nutrient;
            this.derived = derived;
            this.direction = direction;
        }

        /** Grid value i of {@code steps}: i / steps of the nutrient's maximum, the last one exactly the maximum. */
        double value(int i, int steps) {
            return i == steps ? nutrient.maximum() : nutrient.maximum() * i / steps;
        }
    }

    /** Per nutrient: records swept, points graded (records × (steps + 1)), and wrong-way steps. */
    public record Result(int records, int points, int wrongWayMoves) {}

    /** 40 steps: every 95 kJ, 2.5 g or 2.5 %, about 30 s for the whole test split through the pure-Java pipeline. */
    public static final int DEFAULT_STEPS = 40;

    private MonotonicitySweep() {}

    public static Map<Sweep, Result> run(GradePredictor predictor, List<LabelledProduct> products, int steps) {
        Map<Sweep, Result> results = new LinkedHashMap<>();
        for (Sweep sweep : Sweep.values()) {
            int records = 0;
            int points = 0;
            int wrongWay = 0;
            for (LabelledProduct product : products) {
                int previous = -1;
                List<ProductRecord> swept = sweptRecords(product.record(), sweep, steps);
                for (int i = 0; i < swept.size(); i++) {
                    int grade = predictor.predict(swept.get(i)).grade().ordinal();
                    if (i > 0 && (grade - previous) * sweep.direction < 0) {
                        wrongWay++;
                    }
                    previous = grade;
                    points++;
                }
                records++;
            }
            results.put(sweep, new Result(records, points, wrongWay));
        }
        return results;
    }

    /** The record at each of the {@code steps + 1} grid values of the sweep, re-validated as the class describes. */
    static List<ProductRecord> sweptRecords(ProductRecord record, Sweep sweep, int steps) {
        Map<String, Object> fields = MonotonicityCheck.fields(record);
        if (sweep.derived != null) {
            fields.remove(sweep.derived.column());
        }
        List<ProductRecord> records = new java.util.ArrayList<>(steps + 1);
        for (int i = 0; i <= steps; i++) {
            fields.put(sweep.nutrient.column(), sweep.value(i, steps));
            records.add(validated(fields));
        }
        return records;
    }

    public static int totalWrongWayMoves(Map<Sweep, Result> results) {
        return results.values().stream().mapToInt(Result::wrongWayMoves).sum();
    }

    private static ProductRecord validated(Map<String, Object> fields) {
        try {
            return ProductRecords.fromFields(fields);
        } catch (InvalidRecordException e) {
            // Every grid value lies inside the range the record layer accepts, and the other fields were valid.
            throw new IllegalStateException("swept record rejected: " + e.getMessage(), e);
        }
    }
}
