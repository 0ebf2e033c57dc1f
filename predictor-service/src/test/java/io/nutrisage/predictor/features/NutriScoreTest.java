package io.nutrisage.predictor.features;

import static org.assertj.core.api.Assertions.assertThat;

import io.nutrisage.predictor.features.NutriScore.Inputs;
import io.nutrisage.predictor.features.NutriScore.Variant;
import io.nutrisage.predictor.model.Grade;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NutriScoreTest {
    // A hard cheese: 1600 kJ (4), sugars 0 (0), saturated fat 18 g (10), sodium 600 mg (6): N = 20; protein 25 g (5).
    private static final Inputs CHEESE = new Inputs(1600, 0, 18, 28, 600, Double.NaN, 25, Double.NaN);

    @Test
    void proteinIsNotCountedForFoodsWithElevenNegativePointsOrMore() {
        NutriScore food = NutriScore.compute(CHEESE, Variant.FOOD);
        assertThat(food.negative()).isEqualTo(20);
        assertThat(food.positive()).isZero();
        assertThat(food.score()).isEqualTo(20);
    }

    @Test
    void cheeseAlwaysCountsProtein() {
        NutriScore cheese = NutriScore.compute(CHEESE, Variant.CHEESE);
        assertThat(cheese.positive()).isEqualTo(5);
        assertThat(cheese.score()).isEqualTo(15);
        assertThat(NutriScore.grade(cheese.score(), Variant.CHEESE)).isEqualTo(Grade.D);
    }

    @Test
    void maximumFruitVegetablePointsKeepProteinCounted() {
        var inputs = new Inputs(2400, 40, 1, Double.NaN, 100, 1, 9, 85);
        NutriScore food = NutriScore.compute(inputs, Variant.FOOD);
        // N = 7 + 8 + 0 + 1 = 16 >= 11, but fruit/veg earns its maximum 5, so protein (5) still counts.
        assertThat(food.negative()).isEqualTo(16);
        assertThat(food.positive()).isEqualTo(5 + 1 + 5);
    }

    @Test
    void addedFatsScoreTheSaturatedShareOfFatInsteadOfSaturatedFat() {
        // Olive oil: 3700 kJ (10), 14 g saturated of 100 g fat: ratio 14 % -> 1 point instead of 10.
        var oil = new Inputs(3700, 0, 14, 100, 0, 0, 0, Double.NaN);
        assertThat(NutriScore.compute(oil, Variant.FOOD).negative()).isEqualTo(20);
        assertThat(NutriScore.compute(oil, Variant.ADDED_FAT).negative()).isEqualTo(11);
    }

    @Test
    void beveragesUseBeverageTablesAndCutOffs() {
        // Cola: 180 kJ (6 for beverages, 0 for foods), 10.6 g sugars (8 vs 2).
        var cola = new Inputs(180, 10.6, 0, 0, 4, 0, 0, Double.NaN);
        NutriScore beverage = NutriScore.compute(cola, Variant.BEVERAGE);
        assertThat(beverage.score()).isEqualTo(14);
        assertThat(NutriScore.grade(beverage.score(), Variant.BEVERAGE)).isEqualTo(Grade.E);
        assertThat(NutriScore.compute(cola, Variant.FOOD).score()).isEqualTo(2);
    }

    @Test
    void missingFibreAndFruitVegetablesCountAsZeroPoints() {
        var inputs = new Inputs(300, 1, 0.5, 1, 10, Double.NaN, 1, Double.NaN);
        assertThat(NutriScore.compute(inputs, Variant.FOOD).score()).isZero();
    }

    @ParameterizedTest(name = "score {0} -> food {1}, beverage {2}")
    @CsvSource(textBlock = """
            -15, A, B
            -1,  A, B
            0,   B, B
            1,   B, B
            2,   B, C
            3,   C, C
            5,   C, C
            6,   C, D
            9,   C, D
            10,  C, E
            11,  D, E
            18,  D, E
            19,  E, E
            """)
    void gradeCutOffsFollowThe2017Tables(double score, Grade food, Grade beverage) {
        assertThat(NutriScore.grade(score, Variant.FOOD)).isEqualTo(food);
        assertThat(NutriScore.grade(score, Variant.BEVERAGE)).isEqualTo(beverage);
    }
}
