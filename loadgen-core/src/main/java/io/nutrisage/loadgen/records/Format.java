package io.nutrisage.loadgen.records;

import java.util.Locale;
import java.util.Optional;

/** File formats recognised by name; a trailing {@code .gz} means gzip-compressed (not for Parquet). */
enum Format {
    CSV,
    TSV,
    JSON_LINES,
    PARQUET;

    static Optional<Format> of(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".gz")) {
            lower = lower.substring(0, lower.length() - 3);
        }
        if (lower.endsWith(".csv")) {
            return Optional.of(CSV);
        }
        if (lower.endsWith(".tsv") || lower.endsWith(".tab")) {
            return Optional.of(TSV);
        }
        if (lower.endsWith(".jsonl") || lower.endsWith(".ndjson") || lower.endsWith(".json")) {
            return Optional.of(JSON_LINES);
        }
        if (lower.endsWith(".parquet")) {
            return Optional.of(PARQUET);
        }
        return Optional.empty();
    }

    static boolean gzipped(String name) {
        return name.toLowerCase(Locale.ROOT).endsWith(".gz");
    }
}
