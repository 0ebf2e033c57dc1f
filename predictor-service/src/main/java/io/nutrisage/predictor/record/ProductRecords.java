package io.nutrisage.predictor.record;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Builds {@link ProductRecord}s from loosely typed fields: a JSON object posted to {@code /predict}, a CSV row of
 * the training data or a raw Open Food Facts export.
 *
 * <p>Accepted: either OFF spelling of a column ({@code saturated-fat_100g} or {@code saturated_fat_100g},
 * {@code energy_100g} in kJ, {@code energy-kcal_100g}); numbers or numeric strings; {@code null} or {@code ""} for
 * a missing value. Unknown fields are ignored, so a whole OFF row can be passed as it is. Rejected, with the field
 * named: values of the wrong type, negative values, values no food can hold, and records without any nutrient.
 *
 * <p>Stateless and thread-safe.
 */
public final class ProductRecords {
    /** kJ in one kcal (EU Regulation 1169/2011). */
    public static final double KJ_PER_KCAL = 4.184;
    /** Salt is 2.5 times sodium (EU Regulation 1169/2011). */
    public static final double SALT_PER_SODIUM = 2.5;

    private static final Map<String, Nutrient> NUTRIENT_BY_KEY = nutrientByKey();

    private ProductRecords() {}

    /**
     * Validates and reconciles one record.
     *
     * @param fields field name to value: {@link Number}, {@link String}, or {@code null}; anything else is a type
     *     error for a known field
     * @throws InvalidRecordException naming the first offending field
     */
    public static ProductRecord fromFields(Map<String, ?> fields) throws InvalidRecordException {
        Objects.requireNonNull(fields, "fields");
        double[] values = new double[Nutrient.values().length];
        Arrays.fill(values, Double.NaN);
        String code = null;
        String productName = null;
        String categories = null;
        String pnns1 = null;
        String pnns2 = null;
        for (Map.Entry<String, ?> entry : fields.entrySet()) {
            String key = normalizeKey(entry.getKey());
            Object raw = entry.getValue();
            Nutrient nutrient = NUTRIENT_BY_KEY.get(key);
            if (nutrient != null) {
                double value = number(entry.getKey(), raw);
                if (!Double.isNaN(value)) {
                    check(entry.getKey(), nutrient, value);
                    values[nutrient.ordinal()] = value;
                }
                continue;
            }
            switch (key) {
                case "code" -> code = identifier(entry.getKey(), raw);
                case "product_name" -> productName = text(entry.getKey(), raw);
                case "categories", "categories_en" -> categories = join(categories, text(entry.getKey(), raw));
                case "pnns_groups_1" -> pnns1 = text(entry.getKey(), raw);
                case "pnns_groups_2" -> pnns2 = text(entry.getKey(), raw);
                default -> {
                    // Unknown fields are ignored so a whole export row can be posted as it is.
                }
            }
        }
        reconcile(values);
        if (Arrays.stream(values).allMatch(Double::isNaN)) {
            throw new InvalidRecordException(
                    "record",
                    "no nutrient value given: send at least one of energy_100g, energy_kcal_100g, fat_100g, "
                            + "saturated_fat_100g, sugars_100g, salt_100g, sodium_100g, fiber_100g, proteins_100g");
        }
        return new ProductRecord(values, code, productName, categories, pnns1, pnns2);
    }

    /** Lower case, hyphens and spaces as underscores: the key under which both OFF spellings meet. */
    public static String normalizeKey(String key) {
        return key.strip().toLowerCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
    }

    private static void reconcile(double[] v) {
        int kj = Nutrient.ENERGY_KJ.ordinal();
        int kcal = Nutrient.ENERGY_KCAL.ordinal();
        if (Double.isNaN(v[kj]) && !Double.isNaN(v[kcal])) {
            v[kj] = v[kcal] * KJ_PER_KCAL;
        } else if (Double.isNaN(v[kcal]) && !Double.isNaN(v[kj])) {
            v[kcal] = v[kj] / KJ_PER_KCAL;
        }
        int salt = Nutrient.SALT.ordinal();
        int sodium = Nutrient.SODIUM.ordinal();
        if (Double.isNaN(v[salt]) && !Double.isNaN(v[sodium])) {
            v[salt] = v[sodium] * SALT_PER_SODIUM;
        } else if (Double.isNaN(v[sodium]) && !Double.isNaN(v[salt])) {
            v[sodium] = v[salt] / SALT_PER_SODIUM;
        }
    }

    private static void check(String field, Nutrient nutrient, double value) throws InvalidRecordException {
        if (Double.isInfinite(value)) {
            throw new InvalidRecordException(field, "must be a finite number");
        }
        if (value < 0) {
            throw new InvalidRecordException(field, "must not be negative, got " + plain(value));
        }
        if (value > nutrient.maximum()) {
            String unit =
                    switch (nutrient) {
                        case ENERGY_KJ -> " kJ";
                        case ENERGY_KCAL -> " kcal";
                        case FRUITS_VEGETABLES_NUTS, FRUITS_VEGETABLES_NUTS_ESTIMATE -> " %";
                        default -> " g";
                    };
            throw new InvalidRecordException(
                    field, "must be at most " + plain(nutrient.maximum()) + unit + " per 100 g, got " + plain(value));
        }
    }

    private static double number(String field, Object raw) throws InvalidRecordException {
        if (raw == null) {
            return Double.NaN;
        }
        if (raw instanceof Number n) {
            return n.doubleValue();
        }
        if (raw instanceof String s) {
            String t = s.strip();
            if (t.isEmpty()) {
                return Double.NaN;
            }
            try {
                double d = Double.parseDouble(t.replace(',', '.'));
                if (Double.isNaN(d)) {
                    throw new NumberFormatException();
                }
                return d;
            } catch (NumberFormatException e) {
                throw new InvalidRecordException(field, "expected a number, got \"" + abbreviate(t) + "\"");
            }
        }
        throw new InvalidRecordException(field, "expected a number, got " + typeName(raw));
    }

    private static String text(String field, Object raw) throws InvalidRecordException {
        if (raw == null) {
            return null;
        }
        if (raw instanceof String s) {
            return s.isBlank() ? null : s;
        }
        throw new InvalidRecordException(field, "expected a string, got " + typeName(raw));
    }

    private static String identifier(String field, Object raw) throws InvalidRecordException {
        if (raw instanceof Number n) {
            // Barcodes streamed from CSV arrive as numbers once numeric strings are converted.
            return n instanceof Double || n instanceof Float ? plain(n.doubleValue()) : n.toString();
        }
        return text(field, raw);
    }

    private static String join(String a, String b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : a + ", " + b;
    }

    private static String typeName(Object raw) {
        if (raw instanceof Boolean) {
            return "a boolean";
        }
        if (raw instanceof Map<?, ?>) {
            return "an object";
        }
        if (raw instanceof Iterable<?> || raw.getClass().isArray()) {
            return "an array";
        }
        if (raw instanceof Number) {
            return "a number";
        }
        return "a " + raw.getClass().getSimpleName();
    }

    private static String plain(double d) {
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }

    private static Map<String, Nutrient> nutrientByKey() {
        Map<String, Nutrient> map = new HashMap<>();
        for (Nutrient n : Nutrient.values()) {
            for (String spelling : n.spellings()) {
                map.put(spelling, n);
            }
        }
        return Map.copyOf(map);
    }
}
