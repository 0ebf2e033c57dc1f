package io.nutrisage.loadgen.records;

/**
 * A row or object that could not be turned into a request, and why.
 *
 * @param line 1-based line or row, or 0 when the whole object was unreadable
 */
public record SkippedRecord(String origin, long line, String reason) {
    @Override
    public String toString() {
        return line > 0 ? origin + ":" + line + ": " + reason : origin + ": " + reason;
    }
}
