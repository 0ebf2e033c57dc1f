package io.nutrisage.predictor.features;

import static org.assertj.core.api.Assertions.assertThat;

import io.nutrisage.predictor.training.LabelledProduct;
import io.nutrisage.predictor.training.TestData;
import java.text.Normalizer;
import java.util.Locale;
import org.junit.jupiter.api.Test;
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

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Épinards, Légumes-feuilles   | ' epinards legumes feuilles '
            en:plant-based-foods         | ' en plant based foods '
            Jus d'orange 100% pur jus    | ' jus d orange 100% pur jus '
            Käse;  Œufs                  | ' kase ufs '
            '--'                         | '  '
            """)
    void normalisesToAccentFreeLowerCaseWords(String text, String expected) {
        assertThat(CategorySignals.normalise(text)).isEqualTo(expected);
    }

    @Test
    void fastNormalisationMatchesTheRegexDefinitionOnEveryTestRow() throws Exception {
        for (LabelledProduct p : TestData.testProducts()) {
            for (String text : new String[] {
                p.record().categories(),
                p.record().pnnsGroup2(),
                p.record().productName().orElse("")
            }) {
                assertThat(CategorySignals.normalise(text)).as(text).isEqualTo(reference(text));
            }
        }
    }

    @Test
    void keywordIndexFindsExactlyTheGroupsWhoseKeywordsTheTextContains() throws Exception {
        var index = new KeywordIndex(CategorySignals.GROUPS);
        for (LabelledProduct p : TestData.testProducts()) {
            for (String raw : new String[] {
                p.record().categories(),
                p.record().pnnsGroup1(),
                p.record().pnnsGroup2(),
                p.record().productName().orElse("")
            }) {
                String text = CategorySignals.normalise(raw);
                int expected = 0;
                for (int g = 0; g < CategorySignals.GROUPS.size(); g++) {
                    for (String keyword : CategorySignals.GROUPS.get(g)) {
                        if (text.contains(keyword)) {
                            expected |= 1 << g;
                        }
                    }
                }
                assertThat(index.match(text)).as(text).isEqualTo(expected);
            }
        }
    }

    /** The definition: NFD, drop combining marks, lower-case, runs of anything but [a-z0-9%] become one space. */
    private static String reference(String text) {
        if (text.isEmpty()) {
            return " ";
        }
        String stripped = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        return " "
                + stripped.toLowerCase(Locale.ROOT)
                        .replaceAll("[^a-z0-9%]+", " ")
                        .strip() + " ";
    }
}
