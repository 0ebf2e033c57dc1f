package io.nutrisage.loadgen.records;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.regex.Pattern;

/** Turns a text row into a JSON object: numeric strings become numbers, empty cells are left out. */
final class Rows {
    // Canonical JSON numbers only: "0123" (a barcode with a leading zero) stays a string, so no digit is lost.
    private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9]\\d{0,17})");
    private static final Pattern DECIMAL = Pattern.compile("-?(0|[1-9]\\d*)(\\.\\d+)?([eE][+-]?\\d+)?");
    static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private Rows() {}

    static ObjectNode toJson(String[] header, String[] cells) {
        ObjectNode object = NODES.objectNode();
        for (int i = 0; i < header.length; i++) {
            put(object, header[i], cells[i]);
        }
        return object;
    }

    static void put(ObjectNode object, String field, String cell) {
        if (cell == null) {
            return;
        }
        String value = cell.strip();
        if (value.isEmpty()) {
            return;
        }
        if (INTEGER.matcher(value).matches()) {
            object.put(field, Long.parseLong(value));
        } else if (DECIMAL.matcher(value).matches()) {
            object.put(field, new BigDecimal(value));
        } else {
            object.put(field, value);
        }
    }
}
