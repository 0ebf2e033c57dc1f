package io.nutrisage.predictor.features;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CategorySignalsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Boissons, Boissons gazeuses, Sodas au cola                       |          | true  | false | false | false
            Beverages, Waters, Spring waters                                 |          | true  | true  | false | false
            Eaux minérales naturelles                                        |          | true  | true  | false | false
            Boissons, Eaux, Eaux aromatisées                                 |          | true  | false | false | false
            Bevande, Succhi di frutta                                        |          | true  | false | false | false
            Getränke, Säfte                                                  |          | true  | false | false | false
            Bebidas, Zumos de naranja                                        |          | true  | false | false | false
            Produits laitiers, Fromages, Fromages de vache                   |          | false | false | true  | false
            Latticini, Formaggi, Formaggi italiani                           |          | false | false | true  | false
            Milchprodukte, Käse                                              |          | false | false | true  | false
            Lácteos, Quesos                                                  |          | false | false | true  | false
            Produits laitiers, Fromages blancs                               |          | false | false | false | false
            Matières grasses, Huiles, Huiles d'olive                         |          | false | false | false | true
            Dairies, Butters                                                 |          | false | false | false | true
            Grasas, Aceites de oliva                                         |          | false | false | false | true
            Biscuits, Biscuits au beurre                                     |          | false | false | false | false
            Aliments et boissons à base de végétaux, Légumes et dérivés      |          | false | false | false | false
            Plant-based foods and beverages, Plant-based foods, Legumes      |          | false | false | false | false
            Pflanzliche Lebensmittel und Getränke, Gemüsekonserven           |          | false | false | false | false
            ,                                                                | Cheese   | false | false | true  | false
            ,                                                                | Fats     | false | false | false | true
            """)
    void recognisesTheNutriScoreSpecialCasesInFiveLanguages(
            String categories, String pnns2, boolean beverage, boolean water, boolean cheese, boolean addedFat) {
        CategorySignals signals = CategorySignals.detect(
                CategorySignals.normalise(categories),
                CategorySignals.normalise(""),
                CategorySignals.normalise(pnns2),
                CategorySignals.normalise(""));
        assertThat(signals.beverage()).as("beverage").isEqualTo(beverage);
        assertThat(signals.water()).as("water").isEqualTo(water);
        assertThat(signals.cheese()).as("cheese").isEqualTo(cheese);
        assertThat(signals.addedFat()).as("added fat").isEqualTo(addedFat);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Aliments à base de fruits et de légumes, Compotes         | true
            Cibi a base di frutta e verdura, Verdure in scatola        | true
            Frutas y verduras y sus productos                          | true
            Snacks sucrés, Biscuits                                    | false
            """)
    void flagsFruitAndVegetableProducts(String categories, boolean fruitVegetables) {
        CategorySignals signals = CategorySignals.detect(CategorySignals.normalise(categories), " ", " ", " ");
        assertThat(signals.fruitVegetables()).isEqualTo(fruitVegetables);
    }
}
