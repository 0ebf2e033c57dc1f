package io.nutrisage.predictor.record;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * One validated product: per-100 g nutrients (missing ones are {@link Double#NaN}) and the free-text signals used
 * to recognise beverages, water, cheese and added fats. Immutable; built by {@link ProductRecords}.
 *
 * <p>Reconciliation is already applied: {@link Nutrient#ENERGY_KJ} is filled from kcal when only kcal was given,
 * {@link Nutrient#SALT} from sodium and {@link Nutrient#SODIUM} from salt.
 */
public final class ProductRecord {
    private static final int NUTRIENTS = Nutrient.values().length;

    private final double[] nutrients;
    private final String code;
    private final String productName;
    private final String categories;
    private final String pnnsGroup1;
    private final String pnnsGroup2;

    ProductRecord(
            double[] nutrients,
            String code,
            String productName,
            String categories,
            String pnnsGroup1,
            String pnnsGroup2) {
        if (nutrients.length != NUTRIENTS) {
            throw new IllegalArgumentException("expected " + NUTRIENTS + " nutrient slots, got " + nutrients.length);
        }
        this.nutrients = nutrients.clone();
        this.code = code;
        this.productName = productName;
        this.categories = categories == null ? "" : categories;
        this.pnnsGroup1 = pnnsGroup1 == null ? "" : pnnsGroup1;
        this.pnnsGroup2 = pnnsGroup2 == null ? "" : pnnsGroup2;
    }

    /** The value per 100 g (kJ or kcal for energy), or {@link Double#NaN} when the record does not declare it. */
    public double value(Nutrient nutrient) {
        return nutrients[nutrient.ordinal()];
    }

    public boolean has(Nutrient nutrient) {
        return !Double.isNaN(value(nutrient));
    }

    /** The barcode, when given. */
    public Optional<String> code() {
        return Optional.ofNullable(code);
    }

    public Optional<String> productName() {
        return Optional.ofNullable(productName);
    }

    /** Free-text categories in any language, or "" when absent. */
    public String categories() {
        return categories;
    }

    /** OFF's PNNS group 1 (e.g. "Beverages", "Fat and sauces"), or "" when absent. */
    public String pnnsGroup1() {
        return pnnsGroup1;
    }

    /** OFF's PNNS group 2 (e.g. "Cheese", "Non-sugared beverages"), or "" when absent. */
    public String pnnsGroup2() {
        return pnnsGroup2;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProductRecord other
                && Arrays.equals(nutrients, other.nutrients)
                && Objects.equals(code, other.code)
                && Objects.equals(productName, other.productName)
                && categories.equals(other.categories)
                && pnnsGroup1.equals(other.pnnsGroup1)
                && pnnsGroup2.equals(other.pnnsGroup2);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(nutrients), code, productName, categories, pnnsGroup1, pnnsGroup2);
    }

    @Override
    public String toString() {
        var sb = new StringBuilder("ProductRecord{");
        if (code != null) {
            sb.append("code=").append(code).append(", ");
        }
        for (Nutrient n : Nutrient.values()) {
            if (has(n)) {
                sb.append(n.column()).append('=').append(value(n)).append(", ");
            }
        }
        return sb.append("categories=").append(categories).append('}').toString();
    }
}
