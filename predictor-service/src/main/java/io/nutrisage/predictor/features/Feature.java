package io.nutrisage.predictor.features;

/**
 * The model's input columns, in order. The order is part of the trained model: append new features at the end and
 * retrain; never reorder.
 *
 * <p>{@link #monotoneDirection()} is the direction the 2017 Nutri-Score implies for a raw nutrient: +1 where more
 * of it can only worsen the grade (energy, sugars, saturated fat, salt), −1 where more can only improve it (fibre,
 * protein, fruit/vegetables), 0 for derived and categorical columns.
 */
public enum Feature {
    ENERGY_KJ(1, 1),
    SUGARS(1, 1),
    SATURATED_FAT(1, 1),
    SALT(1, 1),
    FIBRE(-1, -1),
    PROTEINS(-1, -1),
    FRUIT_VEGETABLES_PERCENT(-1, -1),
    FAT(0, 0),
    SATURATED_FAT_RATIO(0, 1),
    FRUIT_VEGETABLES_SOURCE(0, 0),
    MISSING_NEGATIVE_NUTRIENTS(0, 0),
    IS_BEVERAGE(0, 0),
    IS_WATER(0, 0),
    IS_CHEESE(0, 0),
    IS_ADDED_FAT(0, 0),
    IS_FRUIT_VEGETABLE_PRODUCT(0, 0),
    IS_JUICE(0, 0),
    IS_NUTS(0, 0),
    IS_MILK(0, 0),
    HAS_SWEETENER(0, 0),
    ENERGY_POINTS(0, 1),
    SUGARS_POINTS(0, 1),
    SATURATED_FAT_POINTS(0, 1),
    SODIUM_POINTS(0, 1),
    FIBRE_POINTS(0, -1),
    PROTEIN_POINTS(0, -1),
    FRUIT_VEGETABLES_POINTS(0, -1),
    BEVERAGE_ENERGY_POINTS(0, 1),
    BEVERAGE_SUGARS_POINTS(0, 1),
    BEVERAGE_FRUIT_VEGETABLES_POINTS(0, -1),
    SATURATED_FAT_RATIO_POINTS(0, 1),
    FOOD_NEGATIVE_POINTS(0, 1),
    FOOD_POSITIVE_POINTS(0, -1),
    FOOD_SCORE(0, 1),
    CHEESE_SCORE(0, 1),
    ADDED_FAT_SCORE(0, 1),
    BEVERAGE_SCORE(0, 1),
    APPLICABLE_SCORE(0, 1),
    FOOD_RULE_GRADE(0, 1),
    APPLICABLE_RULE_GRADE(0, 1);

    private final int monotoneDirection;
    private final int gradeDirection;

    Feature(int monotoneDirection, int gradeDirection) {
        this.monotoneDirection = monotoneDirection;
        this.gradeDirection = gradeDirection;
    }

    /** The column name in the model card and in the feature-importance figure. */
    public String columnName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public int monotoneDirection() {
        return monotoneDirection;
    }

    /**
     * The direction of this column in the grade, derived columns included: +1 where a larger value can only worsen
     * the grade, −1 where it can only improve it, 0 where the column is free. It is +1 for the nutrients the 2017
     * Nutri-Score penalises (energy, sugars, saturated fat, salt) and for every column that is a non-decreasing
     * function of them and non-increasing in the rewarded ones: their points, N, the saturated-fat ratio and its
     * points, the four scores N − P and the rule grades. It is −1 for fibre, protein and fruit/vegetables, their
     * points, and P, which is non-decreasing in those three and non-increasing in the penalised nutrients (protein
     * stops counting once N reaches 11). The free columns (fat, the fruit/vegetable source, the count of missing
     * nutrients, the category signals) do not change when one of the seven nutrients changes value. So, every other
     * input fixed, each column moves with a penalised nutrient in its own sign (or stays) and against a rewarded
     * one: a model monotone in every column in these directions is monotone in every nutrient (the ordinal model of
     * docs/decisions/0079; {@code FeatureGradeDirectionTest} checks it column by column on the test split).
     */
    public int gradeDirection() {
        return gradeDirection;
    }
}
