package io.nutrisage.predictor.record;

import java.util.List;

/**
 * The per-100 g nutrient fields a product record may carry, with every spelling Open Food Facts uses for them.
 *
 * <p>Keys are matched after {@link ProductRecords#normalizeKey(String) normalisation} (lower case, hyphens as
 * underscores), so {@code saturated-fat_100g} and {@code saturated_fat_100g} name the same nutrient.
 */
public enum Nutrient {
    ENERGY_KJ("energy_kj_100g", 3800.0, List.of("energy_100g", "energy_kj_100g")),
    ENERGY_KCAL("energy_kcal_100g", 3800.0 / ProductRecords.KJ_PER_KCAL, List.of("energy_kcal_100g")),
    FAT("fat_100g", 100.0, List.of("fat_100g")),
    SATURATED_FAT("saturated_fat_100g", 100.0, List.of("saturated_fat_100g")),
    SUGARS("sugars_100g", 100.0, List.of("sugars_100g")),
    SALT("salt_100g", 100.0, List.of("salt_100g")),
    SODIUM("sodium_100g", 100.0 / ProductRecords.SALT_PER_SODIUM, List.of("sodium_100g")),
    FIBER("fiber_100g", 100.0, List.of("fiber_100g", "fibers_100g", "fibre_100g")),
    PROTEINS("proteins_100g", 100.0, List.of("proteins_100g", "protein_100g")),
    FRUITS_VEGETABLES_NUTS(
            "fruits_vegetables_nuts_100g", 100.0, List.of("fruits_vegetables_nuts_100g", "fruits_vegetables_100g")),
    FRUITS_VEGETABLES_NUTS_ESTIMATE(
            "fruits_vegetables_nuts_estimate_100g",
            100.0,
            List.of(
                    "fruits_vegetables_nuts_estimate_100g",
                    "fruits_vegetables_nuts_estimate_from_ingredients_100g",
                    "fruits_vegetables_legumes_estimate_from_ingredients_100g"));

    private final String column;
    private final double maximum;
    private final List<String> spellings;

    Nutrient(String column, double maximum, List<String> spellings) {
        this.column = column;
        this.maximum = maximum;
        this.spellings = spellings;
    }

    /** The canonical column name, as in the project's training data ({@code saturated_fat_100g}). */
    public String column() {
        return column;
    }

    /**
     * The largest physically possible value: 100 g per 100 g for masses (40 g for sodium, as salt is 2.5 x sodium),
     * 3,800 kJ (about 908 kcal) for energy — pure fat holds 3,700.
     */
    public double maximum() {
        return maximum;
    }

    /** Every normalised key that names this nutrient. */
    public List<String> spellings() {
        return spellings;
    }
}
