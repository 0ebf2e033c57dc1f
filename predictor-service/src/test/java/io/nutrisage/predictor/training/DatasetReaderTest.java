package io.nutrisage.predictor.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import blue.strategic.parquet.ParquetWriter;
import io.nutrisage.predictor.model.Grade;
import io.nutrisage.predictor.record.Nutrient;
import io.nutrisage.predictor.record.ProductRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetReaderTest {
    @TempDir
    Path dir;

    @Test
    void readsARawOffTsvExportWithHyphenatedColumnsAndKilojouleEnergy() throws Exception {
        Path tsv = dir.resolve("en.openfoodfacts.org.products.tsv");
        Files.writeString(
                tsv,
                String.join(
                        "\n",
                        "code\tproduct_name\tcategories\tenergy_100g\tenergy-kcal_100g\tfat_100g\tsaturated-fat_100g"
                                + "\tsugars_100g\tsodium_100g\tfiber_100g\tproteins_100g\tnutrition-score-fr_100g"
                                + "\tnutrition_grade_fr",
                        "3017620422003\tNutella \"pâte\"\tPâtes à tartiner\t2252\t\t30.9\t10.6\t56.3\t0.043\t\t6.3\t26\te",
                        "0000000000123\tEau\tBoissons, Eaux\t0\t0\t0\t0\t0\t0.001\t\t0\t0\ta",
                        ""));
        Dataset data = DatasetReader.read(tsv);
        assertThat(data.rowsRead()).isEqualTo(2);
        assertThat(data.dropped()).isZero();
        LabelledProduct nutella = data.products().get(0);
        assertThat(nutella.grade()).isEqualTo(Grade.E);
        assertThat(nutella.source()).isEqualTo("en.openfoodfacts.org.products");
        ProductRecord r = nutella.record();
        assertThat(r.productName()).contains("Nutella \"pâte\"");
        assertThat(r.value(Nutrient.ENERGY_KJ)).isEqualTo(2252);
        assertThat(r.value(Nutrient.ENERGY_KCAL)).isCloseTo(2252 / 4.184, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(r.value(Nutrient.SATURATED_FAT)).isEqualTo(10.6);
        assertThat(r.value(Nutrient.SALT)).isCloseTo(0.043 * 2.5, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(r.has(Nutrient.FIBER)).isFalse();
        assertThat(data.products().get(1).grade()).isEqualTo(Grade.A);
    }

    @Test
    void readsCommaSeparatedExportsWithEitherSpellingAndCountsImpossibleValuesByField() throws Exception {
        Path csv = dir.resolve("export.csv");
        Files.writeString(
                csv,
                String.join(
                        "\n",
                        "code,energy-kcal_100g,saturated-fat_100g,sugars_100g,salt_100g,nutriscore_grade,source_id",
                        "1,100,1,2,0.1,b,shop",
                        "2,100,-1,2,0.1,c,shop",
                        "3,100,1,120,0.1,c,shop",
                        "4,1000,1,2,0.1,d,shop",
                        "5,,,,,c,shop",
                        "6,100,1,2,0.1,,shop",
                        "7,100,1,2,0.1,unknown,shop",
                        "8,100,1,2,0.2,e,shop",
                        ""));
        Dataset data = DatasetReader.read(csv);
        assertThat(data.rowsRead()).isEqualTo(8);
        assertThat(data.products())
                .extracting(p -> p.record().code().orElseThrow())
                .containsExactly("1", "8");
        assertThat(data.products()).extracting(LabelledProduct::source).containsOnly("shop");
        assertThat(data.droppedByField())
                .containsOnly(
                        entry("saturated_fat_100g", 1),
                        entry("sugars_100g", 1),
                        entry("energy_kcal_100g", 1),
                        entry("record", 1),
                        entry("nutriscore_grade", 2));
        assertThat(data.dropped()).isEqualTo(6);
    }

    @Test
    void readsParquetWithTheSameColumns() throws Exception {
        MessageType schema = Types.buildMessage()
                .optional(PrimitiveTypeName.BINARY)
                .as(LogicalTypeAnnotation.stringType())
                .named("code")
                .optional(PrimitiveTypeName.BINARY)
                .as(LogicalTypeAnnotation.stringType())
                .named("categories")
                .optional(PrimitiveTypeName.DOUBLE)
                .named("energy_100g")
                .optional(PrimitiveTypeName.DOUBLE)
                .named("sugars_100g")
                .optional(PrimitiveTypeName.DOUBLE)
                .named("saturated-fat_100g")
                .optional(PrimitiveTypeName.BINARY)
                .as(LogicalTypeAnnotation.stringType())
                .named("nutriscore_grade")
                .named("product");
        Path parquet = dir.resolve("products.parquet");
        List<Map<String, Object>> rows = List.of(
                Map.of(
                        "code",
                        "42",
                        "categories",
                        "Fromages",
                        "energy_100g",
                        1500.0,
                        "sugars_100g",
                        0.5,
                        "saturated-fat_100g",
                        17.0,
                        "nutriscore_grade",
                        "d"),
                Map.of("code", "43", "energy_100g", 5000.0, "sugars_100g", 1.0, "nutriscore_grade", "c"));
        try (ParquetWriter<Map<String, Object>> writer =
                ParquetWriter.writeFile(schema, parquet.toFile(), (row, out) -> row.forEach(out::write))) {
            for (Map<String, Object> row : rows) {
                writer.write(row);
            }
        }
        Dataset data = DatasetReader.read(parquet);
        assertThat(data.rowsRead()).isEqualTo(2);
        assertThat(data.products()).hasSize(1);
        ProductRecord cheese = data.products().get(0).record();
        assertThat(cheese.code()).contains("42");
        assertThat(cheese.categories()).isEqualTo("Fromages");
        assertThat(cheese.value(Nutrient.ENERGY_KJ)).isEqualTo(1500.0);
        assertThat(cheese.value(Nutrient.SATURATED_FAT)).isEqualTo(17.0);
        assertThat(data.products().get(0).grade()).isEqualTo(Grade.D);
        assertThat(data.droppedByField()).containsOnly(entry("energy_kj_100g", 1));
    }

    @Test
    void theSharedTestSplitDropsOnlyItsImpossibleAndEmptyRows() throws Exception {
        Dataset test = DatasetReader.read(TestData.testCsv());
        assertThat(test.rowsRead()).isEqualTo(3391);
        assertThat(test.products().size() + test.dropped()).isEqualTo(test.rowsRead());
        assertThat(test.dropped()).isBetween(1, 20);
        assertThat(test.droppedByField()).doesNotContainKey("nutriscore_grade");
    }
}
