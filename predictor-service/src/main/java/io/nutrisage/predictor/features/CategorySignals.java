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

    private static final int PLANT_FAMILY_GROUP = 0;
    private static final int BEVERAGE_GROUP = 1;
    private static final int WATER_GROUP = 2;
    private static final int FLAVOURED_GROUP = 3;
    private static final int CHEESE_GROUP = 4;
    private static final int NOT_CHEESE_GROUP = 5;
    private static final int ADDED_FAT_GROUP = 6;
    private static final int NOT_ADDED_FAT_GROUP = 7;
    private static final int FRUIT_VEGETABLES_GROUP = 8;
    private static final int JUICE_GROUP = 9;
    private static final int NUTS_GROUP = 10;
    private static final int MILK_GROUP = 11;
    private static final int SWEETENER_GROUP = 12;

    /** The keyword lists above, in the order of the group numbers. */
    static final List<List<String>> GROUPS = List.of(
            PLANT_FAMILY,
            BEVERAGE,
            WATER,
            FLAVOURED,
            CHEESE,
            NOT_CHEESE,
            ADDED_FAT,
            NOT_ADDED_FAT,
            FRUIT_VEGETABLES,
            JUICE,
            NUTS,
            MILK,
            SWEETENER);

    private static final KeywordIndex INDEX = new KeywordIndex(GROUPS);

    /** Reads the signals from a record's categories, PNNS groups and product name. */
    public static CategorySignals of(ProductRecord record) {
        String categories = normalise(record.categories());
        String pnns1 = normalise(record.pnnsGroup1());
        String pnns2 = normalise(record.pnnsGroup2());
        String name = normalise(record.productName().orElse(""));
        return detect(categories, pnns1, pnns2, name);
    }

    static CategorySignals detect(String categories, String pnns1, String pnns2, String name) {
        int inCategories = INDEX.match(categories);
        int inPnns1 = INDEX.match(pnns1);
        int inPnns2 = INDEX.match(pnns2);
        int inName = INDEX.match(name);
        int beverageWords = inCategories;
        if (has(inCategories, PLANT_FAMILY_GROUP)) {
            String withoutPlantFamily = categories;
            for (String family : PLANT_FAMILY) {
                withoutPlantFamily = withoutPlantFamily.replace(family, " ");
            }
            beverageWords = INDEX.match(withoutPlantFamily);
        }
        boolean flavoured = has(inCategories | inName, FLAVOURED_GROUP);
        boolean water =
                !flavoured && (pnns2.contains(" waters and flavored waters ") || has(inCategories, WATER_GROUP));
        boolean beverage = pnns1.contains(" beverages ") || water || has(beverageWords, BEVERAGE_GROUP);
        boolean cheese = has(inCategories | inPnns2, CHEESE_GROUP) && !has(inCategories, NOT_CHEESE_GROUP);
        boolean addedFat = pnns2.contains(" fats ")
                || has(inCategories, ADDED_FAT_GROUP) && !has(inCategories, NOT_ADDED_FAT_GROUP);
        boolean fruitVeg = has(inCategories | inPnns1 | inPnns2, FRUIT_VEGETABLES_GROUP);
        boolean juice = has(inCategories | inPnns2, JUICE_GROUP);
        boolean nuts = has(inCategories | inPnns2, NUTS_GROUP);
        boolean milk = has(inCategories | inPnns1 | inPnns2, MILK_GROUP);
        boolean sweetener = pnns2.contains(" artificially sweetened ") || has(inCategories | inName, SWEETENER_GROUP);
        return new CategorySignals(beverage, water, cheese, addedFat, fruitVeg, juice, nuts, milk, sweetener);
    }

    private static boolean has(int mask, int group) {
        return (mask & (1 << group)) != 0;
    }

    /** Accent-free lower-case words separated by single spaces, padded with a space at both ends. */
    static String normalise(String text) {
        if (text == null || text.isEmpty()) {
            return " ";
        }
        var words = new StringBuilder(text.length() + 2).append(' ');
        if (isLatin(text)) {
            // Per character: the same as decomposing the whole text, since only the marks it adds are dropped.
            for (int i = 0; i < text.length(); i++) {
                String folded = FOLDED[text.charAt(i)];
                for (int j = 0; j < folded.length(); j++) {
                    appendWordChar(words, folded.charAt(j));
                }
            }
        } else {
            String stripped = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD))
                    .replaceAll("");
            String lower = stripped.toLowerCase(Locale.ROOT);
            for (int i = 0; i < lower.length(); i++) {
                appendWordChar(words, lower.charAt(i));
            }
        }
        int last = words.length() - 1;
        if (last > 0 && words.charAt(last) == ' ') {
            words.setLength(last);
        }
        return words.append(' ').toString();
    }

    /** Appends a word character, or one space for a run of anything else (never a leading or doubled space). */
    private static void appendWordChar(StringBuilder words, char c) {
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '%') {
            words.append(c);
        } else if (words.length() > 1 && words.charAt(words.length() - 1) != ' ') {
            words.append(' ');
        }
    }

    private static boolean isLatin(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= FOLDED.length) {
                return false;
            }
        }
        return true;
    }

    /** For each Latin character: its canonical decomposition without combining marks, lower-cased. */
    private static final String[] FOLDED = foldedLatin();

    private static String[] foldedLatin() {
        String[] folded = new String[0x250];
        for (char c = 0; c < folded.length; c++) {
            String decomposed = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD);
            folded[c] = MARKS.matcher(decomposed).replaceAll("").toLowerCase(Locale.ROOT);
        }
        return folded;
    }
}
