package io.nutrisage.predictor.features;

import io.nutrisage.predictor.record.ProductRecord;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What the free text of a product says about the Nutri-Score special cases: beverage, water, cheese, added fat,
 * plus hints that matter for the fruit/vegetable points (fruit/vegetable/legume products, juices, nuts) and milk.
 *
 * <p>Read from the categories (free text in French, English, Italian, German or Spanish, or OFF tags such as
 * {@code en:cheeses}), the PNNS groups and the product name. Matching is on accent-free lower-case words, so
 * "Fromages", "fromage" and "en:cheeses" all count. The phrase "plant-based foods and beverages" and its
 * translations name a whole food family, not a drink, and are removed before looking for beverage words.
 */
public record CategorySignals(
        boolean beverage,
        boolean water,
        boolean cheese,
        boolean addedFat,
        boolean fruitVegetables,
        boolean juice,
        boolean nuts,
        boolean milk,
        boolean sweetener) {

    private static final Pattern NON_ALPHANUMERIC = Pattern.compile("[^a-z0-9%]+");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    private static final List<String> PLANT_FAMILY = List.of(
            " aliments et boissons a base de vegetaux ",
            " plant based foods and beverages ",
            " cibi e bevande a base vegetale ",
            " pflanzliche lebensmittel und getranke ",
            " alimentos y bebidas de origen vegetal ",
            " boissons a base de vegetaux ",
            " plant based beverages ");

    private static final List<String> BEVERAGE = List.of(
            " boisson",
            " beverage",
            " drink",
            " bevand",
            " getrank",
            " bebida",
            " jus ",
            " juice",
            " succo",
            " succhi",
            " saft",
            " zumo",
            " nectar",
            " soda",
            " sodas ",
            " limonade",
            " lemonade",
            " cola ",
            " colas ",
            " the ",
            " thes ",
            " tea ",
            " teas ",
            " tisane",
            " infusion",
            " cafe ",
            " coffee",
            " sirop",
            " syrup",
            " smoothie",
            " eaux ",
            " water",
            " acqua",
            " agua ",
            " aguas ",
            " wasser",
            " waters ",
            " non sugared beverages ",
            " sweetened beverages ");

    private static final List<String> WATER = List.of(
            " eaux minerales",
            " eau minerale",
            " eaux de source",
            " eau de source",
            " mineral water",
            " spring water",
            " acqua minerale",
            " acque minerali",
            " mineralwasser",
            " agua mineral",
            " eaux ",
            " en waters ",
            " waters ",
            " natural mineral waters ",
            " eaux plates",
            " eaux gazeuses");

    private static final List<String> FLAVOURED = List.of(
            " aromatis",
            " flavo",
            " arom",
            " sucre",
            " sweet",
            " limonade",
            " soda",
            " sirop",
            " syrup",
            " jus ",
            " juice",
            " the ",
            " tea ",
            " cola");

    private static final List<String> CHEESE = List.of(
            " fromage",
            " cheese",
            " formagg",
            " kase",
            " queso",
            " quesos ",
            " mozzarella",
            " parmigiano",
            " gouda",
            " emmental",
            " comte ",
            " camembert",
            " brie ",
            " roquefort",
            " feta ",
            " ricotta",
            " mascarpone",
            " gorgonzola",
            " cheddar");

    private static final List<String> NOT_CHEESE = List.of(" fromage blanc", " fromages blancs", " fromage frais");

    private static final List<String> ADDED_FAT = List.of(
            " matieres grasses",
            " matiere grasse",
            " huile",
            " oils ",
            " oil ",
            " vegetable oils",
            " olive oils",
            " olio ",
            " oli ",
            " ole ",
            " speiseol",
            " aceite",
            " beurre",
            " butter ",
            " butters ",
            " burro ",
            " mantequilla",
            " margarine",
            " margarina",
            " graisse",
            " fats ",
            " en fats ",
            " lard ",
            " saindoux",
            " ghee ",
            " matieres grasses vegetales",
            " matieres grasses a tartiner");

    private static final List<String> NOT_ADDED_FAT = List.of(
            " peanut butter",
            " beurre de cacahuete",
            " beurre d arachide",
            " cookies au beurre",
            " biscuits au beurre",
            " sables au beurre",
            " pur beurre",
            " au beurre",
            " butter cookies",
            " a l huile",
            " in oil",
            " sott olio",
            " al olio",
            " en aceite",
            " thon a l huile",
            " sardines a l huile",
            " a l huile d olive");

    private static final List<String> FRUIT_VEGETABLES = List.of(
            " fruits",
            " fruit ",
            " legumes",
            " vegetables",
            " vegetable ",
            " frutta",
            " verdur",
            " ortagg",
            " gemuse",
            " obst ",
            " fruchte",
            " frutas",
            " verduras",
            " hortalizas",
            " legumineuse",
            " legumi ",
            " leguminosas",
            " pulses",
            " compote",
            " puree de fruits",
            " tomates",
            " tomatoes",
            " pommes ",
            " apples",
            " epinard",
            " haricots",
            " beans ",
            " lentil",
            " pois ",
            " champignon",
            " mushroom",
            " salade",
            " salad",
            " carott",
            " carrot");

    private static final List<String> JUICE =
            List.of(" jus ", " juice", " succo", " succhi", " saft", " zumo", " nectar", " smoothie", " pur jus");

    private static final List<String> NUTS = List.of(
            " fruits a coque",
            " nuts ",
            " noci",
            " nusse",
            " frutos secos",
            " amande",
            " almond",
            " noisette",
            " hazelnut",
            " noix ",
            " walnut",
            " cacahuete",
            " peanut",
            " pistach");

    private static final List<String> MILK = List.of(
            " lait",
            " milk",
            " latte ",
            " milch",
            " leche ",
            " laits ",
            " yaourt",
            " yogurt",
            " joghurt",
            " produits laitiers",
            " dairies",
            " dairy",
            " latticini",
            " milchprodukte",
            " lacteos");

    private static final List<String> SWEETENER = List.of(
            " edulcor",
            " artificially sweetened",
            " light ",
            " zero ",
            " sans sucres",
            " sugar free",
            " diet ",
            " aspartame",
            " sucralose");

    /** Reads the signals from a record's categories, PNNS groups and product name. */
    public static CategorySignals of(ProductRecord record) {
        String categories = normalise(record.categories());
        String pnns1 = normalise(record.pnnsGroup1());
        String pnns2 = normalise(record.pnnsGroup2());
        String name = normalise(record.productName().orElse(""));
        return detect(categories, pnns1, pnns2, name);
    }

    static CategorySignals detect(String categories, String pnns1, String pnns2, String name) {
        String withoutPlantFamily = categories;
        for (String family : PLANT_FAMILY) {
            withoutPlantFamily = withoutPlantFamily.replace(family, " ");
        }
        String groups = pnns1 + pnns2;
        String all = categories + groups + name;

        boolean pnnsBeverage = pnns1.contains(" beverages ");
        boolean water = pnns2.contains(" waters and flavored waters ") && !anyOf(categories + name, FLAVOURED)
                || anyOf(categories, WATER) && !anyOf(categories + name, FLAVOURED);
        boolean beverage = pnnsBeverage || water || anyOf(withoutPlantFamily, BEVERAGE);
        boolean cheese = (anyOf(categories + pnns2, CHEESE) && !anyOf(categories, NOT_CHEESE));
        boolean addedFat =
                pnns2.contains(" fats ") || anyOf(categories, ADDED_FAT) && !anyOf(categories, NOT_ADDED_FAT);
        boolean fruitVeg = anyOf(categories + groups, FRUIT_VEGETABLES);
        boolean juice = anyOf(categories + pnns2, JUICE);
        boolean nuts = anyOf(categories + pnns2, NUTS);
        boolean milk = anyOf(categories + groups, MILK);
        boolean sweetener = pnns2.contains(" artificially sweetened ") || anyOf(categories + name, SWEETENER);
        return new CategorySignals(beverage, water, cheese, addedFat, fruitVeg, juice, nuts, milk, sweetener);
    }

    /** Accent-free lower-case words separated by single spaces, padded with a space at both ends. */
    static String normalise(String text) {
        if (text == null || text.isEmpty()) {
            return " ";
        }
        String stripped =
                MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("");
        String words =
                NON_ALPHANUMERIC.matcher(stripped.toLowerCase(Locale.ROOT)).replaceAll(" ");
        return " " + words.strip() + " ";
    }

    private static boolean anyOf(String text, List<String> needles) {
        for (String needle : needles) {
            if (text.contains(needle)) {
                return true;
            }
        }
        return false;
    }
}
