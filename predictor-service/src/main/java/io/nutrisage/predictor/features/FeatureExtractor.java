package io.nutrisage.predictor.features;

import io.nutrisage.predictor.features.NutriScore.Variant;
import io.nutrisage.predictor.record.Nutrient;
import io.nutrisage.predictor.record.ProductRecord;

/**
 * Turns a validated {@link ProductRecord} into the model's float32 feature vector (one slot per {@link Feature}).
 * Missing values stay {@link Float#NaN} so XGBoost's native missing-value handling applies; the derived Nutri-Score
 * points and scores follow {@link NutriScore}. Never uses OFF's own computed score. Stateless and thread-safe.
 */
public final class FeatureExtractor {
    /** Number of features, the length of every vector this class produces. */
    public static final int SIZE = Feature.values().length;

    /** Fruit/vegetable share assumed for a product whose categories say it is fruit, vegetables or legumes. */
    static final double FRUIT_VEGETABLE_PRODUCT_PERCENT = 85.0;

    private FeatureExtractor() {}

    public static float[] extract(ProductRecord record) {
        float[] out = new float[SIZE];
        extract(record, out);
        return out;
    }

    /** Fills {@code out} (length {@link #SIZE}) without allocating a vector, for the serving hot path. */
    public static void extract(ProductRecord record, float[] out) {
        CategorySignals signals = CategorySignals.of(record);
        double energy = record.value(Nutrient.ENERGY_KJ);
        double sugars = record.value(Nutrient.SUGARS);
        double saturated = record.value(Nutrient.SATURATED_FAT);
        double salt = record.value(Nutrient.SALT);
        double fibre = record.value(Nutrient.FIBER);
        double protein = record.value(Nutrient.PROTEINS);
        double fat = record.value(Nutrient.FAT);
        double sodiumMg = record.value(Nutrient.SODIUM) * 1000.0;

        double fruitVeg;
        double fruitVegSource;
        if (record.has(Nutrient.FRUITS_VEGETABLES_NUTS)) {
            fruitVeg = record.value(Nutrient.FRUITS_VEGETABLES_NUTS);
            fruitVegSource = 0;
        } else if (record.has(Nutrient.FRUITS_VEGETABLES_NUTS_ESTIMATE)) {
            fruitVeg = record.value(Nutrient.FRUITS_VEGETABLES_NUTS_ESTIMATE);
            fruitVegSource = 1;
        } else if (signals.fruitVegetables() || signals.juice()) {
            fruitVeg = FRUIT_VEGETABLE_PRODUCT_PERCENT;
            fruitVegSource = 2;
        } else {
            fruitVeg = Double.NaN;
            fruitVegSource = Double.NaN;
        }
        double ratio = fat > 0 && !Double.isNaN(saturated) ? Math.min(saturated / fat, 1.0) * 100 : Double.NaN;
        int missingNegative = (Double.isNaN(energy) ? 1 : 0)
                + (Double.isNaN(sugars) ? 1 : 0)
                + (Double.isNaN(saturated) ? 1 : 0)
                + (Double.isNaN(sodiumMg) ? 1 : 0);

        var inputs = new NutriScore.Inputs(energy, sugars, saturated, fat, sodiumMg, fibre, protein, fruitVeg);
        NutriScore food = NutriScore.compute(inputs, Variant.FOOD);
        NutriScore cheese = NutriScore.compute(inputs, Variant.CHEESE);
        NutriScore addedFat = NutriScore.compute(inputs, Variant.ADDED_FAT);
        NutriScore beverage = NutriScore.compute(inputs, Variant.BEVERAGE);
        Variant variant = signals.beverage()
                ? Variant.BEVERAGE
                : signals.cheese() ? Variant.CHEESE : signals.addedFat() ? Variant.ADDED_FAT : Variant.FOOD;
        double applicable =
                switch (variant) {
                    case BEVERAGE -> beverage.score();
                    case CHEESE -> cheese.score();
                    case ADDED_FAT -> addedFat.score();
                    case FOOD -> food.score();
                };
        int applicableGrade =
                signals.water() ? 0 : NutriScore.grade(applicable, variant).ordinal();

        set(out, Feature.ENERGY_KJ, energy);
        set(out, Feature.SUGARS, sugars);
        set(out, Feature.SATURATED_FAT, saturated);
        set(out, Feature.SALT, salt);
        set(out, Feature.FIBRE, fibre);
        set(out, Feature.PROTEINS, protein);
        set(out, Feature.FRUIT_VEGETABLES_PERCENT, fruitVeg);
        set(out, Feature.FAT, fat);
        set(out, Feature.SATURATED_FAT_RATIO, ratio);
        set(out, Feature.FRUIT_VEGETABLES_SOURCE, fruitVegSource);
        set(out, Feature.MISSING_NEGATIVE_NUTRIENTS, missingNegative);
        set(out, Feature.IS_BEVERAGE, signals.beverage());
        set(out, Feature.IS_WATER, signals.water());
        set(out, Feature.IS_CHEESE, signals.cheese());
        set(out, Feature.IS_ADDED_FAT, signals.addedFat());
        set(out, Feature.IS_FRUIT_VEGETABLE_PRODUCT, signals.fruitVegetables());
        set(out, Feature.IS_JUICE, signals.juice());
        set(out, Feature.IS_NUTS, signals.nuts());
        set(out, Feature.IS_MILK, signals.milk());
        set(out, Feature.HAS_SWEETENER, signals.sweetener());
        set(out, Feature.ENERGY_POINTS, NutriScorePoints.energy(energy));
        set(out, Feature.SUGARS_POINTS, NutriScorePoints.sugars(sugars));
        set(out, Feature.SATURATED_FAT_POINTS, NutriScorePoints.saturatedFat(saturated));
        set(out, Feature.SODIUM_POINTS, NutriScorePoints.sodium(sodiumMg));
        set(out, Feature.FIBRE_POINTS, NutriScorePoints.fibre(fibre));
        set(out, Feature.PROTEIN_POINTS, NutriScorePoints.protein(protein));
        set(out, Feature.FRUIT_VEGETABLES_POINTS, NutriScorePoints.fruitVegetables(fruitVeg));
        set(out, Feature.BEVERAGE_ENERGY_POINTS, NutriScorePoints.beverageEnergy(energy));
        set(out, Feature.BEVERAGE_SUGARS_POINTS, NutriScorePoints.beverageSugars(sugars));
        set(out, Feature.BEVERAGE_FRUIT_VEGETABLES_POINTS, NutriScorePoints.beverageFruitVegetables(fruitVeg));
        set(out, Feature.SATURATED_FAT_RATIO_POINTS, NutriScorePoints.saturatedFatRatio(ratio));
        set(out, Feature.FOOD_NEGATIVE_POINTS, food.negative());
        set(out, Feature.FOOD_POSITIVE_POINTS, food.positive());
        set(out, Feature.FOOD_SCORE, food.score());
        set(out, Feature.CHEESE_SCORE, cheese.score());
        set(out, Feature.ADDED_FAT_SCORE, addedFat.score());
        set(out, Feature.BEVERAGE_SCORE, beverage.score());
        set(out, Feature.APPLICABLE_SCORE, applicable);
        set(
                out,
                Feature.FOOD_RULE_GRADE,
                NutriScore.grade(food.score(), Variant.FOOD).ordinal());
        set(out, Feature.APPLICABLE_RULE_GRADE, applicableGrade);
    }

    private static void set(float[] out, Feature feature, double value) {
        out[feature.ordinal()] = (float) value;
    }

    private static void set(float[] out, Feature feature, boolean value) {
        out[feature.ordinal()] = value ? 1f : 0f;
    }
}
