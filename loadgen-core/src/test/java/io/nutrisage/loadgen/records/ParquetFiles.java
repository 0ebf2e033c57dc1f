package io.nutrisage.loadgen.records;

import blue.strategic.parquet.ParquetWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

/** Writes small Parquet files of products for tests. */
final class ParquetFiles {
    record Product(String code, String name, Double fat, Long year) {}

    private static final MessageType SCHEMA = Types.buildMessage()
            .optional(PrimitiveTypeName.BINARY)
            .as(LogicalTypeAnnotation.stringType())
            .named("code")
            .optional(PrimitiveTypeName.BINARY)
            .as(LogicalTypeAnnotation.stringType())
            .named("product_name")
            .optional(PrimitiveTypeName.DOUBLE)
            .named("fat_100g")
            .optional(PrimitiveTypeName.INT64)
            .named("last_modified_year")
            .named("product");

    private ParquetFiles() {}

    static void write(Path file, List<Product> products) throws IOException {
        try (ParquetWriter<Product> writer = ParquetWriter.writeFile(SCHEMA, file.toFile(), (p, out) -> {
            if (p.code() != null) {
                out.write("code", p.code());
            }
            if (p.name() != null) {
                out.write("product_name", p.name());
            }
            if (p.fat() != null) {
                out.write("fat_100g", p.fat());
            }
            if (p.year() != null) {
                out.write("last_modified_year", p.year());
            }
        })) {
            for (Product p : products) {
                writer.write(p);
            }
        }
    }
}
