package io.nutrisage.loadgen.records;

import java.util.Objects;

/**
 * One request body: a JSON object serialised to UTF-8, with where it came from.
 *
 * @param json the UTF-8 JSON object (not copied: treat as read-only)
 * @param origin the file or object it was read from
 * @param line 1-based line (CSV/TSV/JSON lines) or row (Parquet) within {@code origin}
 */
public record LoadRecord(byte[] json, String origin, long line) {
    public LoadRecord {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(origin, "origin");
    }
}
