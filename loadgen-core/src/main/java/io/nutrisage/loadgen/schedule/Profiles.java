package io.nutrisage.loadgen.schedule;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Built-in profiles and profile files. A file is YAML or JSON ({@code .json}), with the same schema:
 *
 * <pre>
 * name: step-up
 * phases:
 *   - {duration: 60s, rate: 5}          # hold
 *   - {duration: 2m, from: 5, to: 50}   # linear ramp
 * </pre>
 *
 * Durations are {@code 500ms}, {@code 90s}, {@code 2m}, {@code 1h}, an ISO-8601 duration ({@code PT2M}) or a number
 * of seconds. Phases may also be given inline as {@code 60s@5} (hold) or {@code 2m@5..50} (ramp). Errors name the
 * file and line (and, for a bad phase, the phase number and field), e.g. {@code profile step-up.yaml, line 4, phase
 * 2: 'rate' must be a number of requests/s, was "fast"}.
 */
public final class Profiles {
    private static final Map<String, RateProfile> BUILT_IN =
            Map.of(RateProfile.NUTRISAGE_DEMO.name(), RateProfile.NUTRISAGE_DEMO);
    private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)");
    private static final Pattern INLINE_PHASE =
            Pattern.compile("([^@]+)@\\s*(\\d+(?:\\.\\d+)?)\\s*(?:\\.\\.\\s*(\\d+(?:\\.\\d+)?))?\\s*(?:/s)?");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> PHASE_FIELDS = List.of("duration", "rate", "from", "to");

    private Profiles() {}

    /** Names of the built-in profiles. */
    public static List<String> builtInNames() {
        return List.copyOf(BUILT_IN.keySet());
    }

    /** A built-in profile by name, or the profile in the file at {@code nameOrPath}. */
    public static RateProfile resolve(String nameOrPath) {
        Objects.requireNonNull(nameOrPath, "nameOrPath");
        RateProfile builtIn = BUILT_IN.get(nameOrPath);
        if (builtIn != null) {
            return builtIn;
        }
        Path path = Path.of(nameOrPath);
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("unknown profile '" + nameOrPath + "': not a built-in profile "
                    + builtInNames() + " and no such file");
        }
        return load(path);
    }

    /**
     * Reads a YAML or JSON profile file ({@code .json} is read as strict JSON, anything else as YAML). Errors name the
     * file, the line and, for a bad phase, the phase and the field.
     */
    public static RateProfile load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read profile " + file + ": " + e.getMessage(), e);
        }
        String fileName = file.getFileName().toString();
        boolean json = fileName.toLowerCase(Locale.ROOT).endsWith(".json");
        return parse(text, file.toString(), fileName.replaceFirst("(?i)\\.(ya?ml|json)$", ""), json);
    }

    /**
     * Parses profile text: {@code source} names it in errors, {@code defaultName} is used when it has no
     * {@code name}.
     */
    public static RateProfile parse(String text, String source, String defaultName, boolean json) {
        ObjectMapper mapper = json ? JSON : YAML;
        String format = json ? "JSON" : "YAML";
        JsonNode root;
        List<PhaseLines> lines;
        try {
            root = mapper.readTree(text);
            lines = phaseLines(mapper.getFactory(), text);
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            throw new IllegalArgumentException(
                    "profile " + source
                            + (where == null || where.getLineNr() < 1
                                    ? ""
                                    : ", line " + where.getLineNr() + ", column " + where.getColumnNr())
                            + ": not valid " + format + ": " + problem(e.getOriginalMessage()),
                    e);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read profile " + source + ": " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("profile " + source + ": expected an object with 'phases'");
        }
        String name = root.path("name").asText(defaultName);
        JsonNode phases = root.path("phases");
        if (!phases.isArray() || phases.isEmpty()) {
            throw new IllegalArgumentException("profile " + source + ": 'phases' must be a non-empty list");
        }
        List<Phase> result = new ArrayList<>();
        for (int i = 0; i < phases.size(); i++) {
            PhaseLines at = i < lines.size() ? lines.get(i) : PhaseLines.UNKNOWN;
            try {
                result.add(phase(phases.get(i)));
            } catch (FieldException e) {
                throw new IllegalArgumentException(
                        "profile " + source + at.describe(e.field) + ", phase " + (i + 1) + ": " + e.getMessage(), e);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "profile " + source + at.describe(null) + ", phase " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return new RateProfile(name, result);
    }

    /**
     * The parser's own words on one line: SnakeYAML adds indented lines (position, the source line, a caret) that the
     * line and column already say.
     */
    private static String problem(String message) {
        return message == null
                ? "syntax error"
                : message.lines()
                        .filter(line -> !line.isBlank() && !Character.isWhitespace(line.charAt(0)))
                        .map(String::strip)
                        .collect(Collectors.joining("; "));
    }

    /** Where phase {@code i} and each of its fields start, from a second, streaming pass over the text. */
    private record PhaseLines(int line, Map<String, Integer> fields) {
        static final PhaseLines UNKNOWN = new PhaseLines(-1, Map.of());

        String describe(String field) {
            int at = field == null ? line : fields.getOrDefault(field, line);
            return at < 1 ? "" : ", line " + at;
        }
    }

    private static List<PhaseLines> phaseLines(JsonFactory factory, String text) throws IOException {
        try (JsonParser parser = factory.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return List.of();
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (!"phases".equals(field) || value != JsonToken.START_ARRAY) {
                    parser.skipChildren();
                    continue;
                }
                List<PhaseLines> result = new ArrayList<>();
                for (JsonToken t = parser.nextToken(); t != null && t != JsonToken.END_ARRAY; t = parser.nextToken()) {
                    int line = parser.currentTokenLocation().getLineNr();
                    Map<String, Integer> fields = new HashMap<>();
                    if (t == JsonToken.START_OBJECT) {
                        while (parser.nextToken() == JsonToken.FIELD_NAME) {
                            fields.putIfAbsent(
                                    parser.currentName(),
                                    parser.currentTokenLocation().getLineNr());
                            parser.nextToken();
                            parser.skipChildren();
                        }
                    } else {
                        parser.skipChildren();
                    }
                    result.add(new PhaseLines(line, fields));
                }
                return result;
            }
            return List.of();
        }
    }

    /** A problem with one field of a phase, so the error can point at that field's line. */
    private static final class FieldException extends IllegalArgumentException {
        final String field;

        FieldException(String field, String message, Throwable cause) {
            super(message, cause);
            this.field = field;
        }
    }

    private static Phase phase(JsonNode node) {
        if (node.isTextual()) {
            return parsePhase(node.asText());
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("expected {duration, rate} or {duration, from, to}");
        }
        for (var names = node.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!PHASE_FIELDS.contains(field)) {
                throw new FieldException(
                        field, "unknown field '" + field + "' (a phase has " + PHASE_FIELDS + ")", null);
            }
        }
        JsonNode durationNode = node.get("duration");
        if (durationNode == null) {
            throw new IllegalArgumentException("'duration' is missing");
        }
        Duration duration;
        try {
            duration = durationNode.isNumber()
                    ? Duration.ofNanos(Math.round(durationNode.asDouble() * 1e9))
                    : parseDuration(durationNode.asText());
        } catch (IllegalArgumentException e) {
            throw new FieldException("duration", "'duration': " + e.getMessage(), e);
        }
        if (node.has("rate")) {
            return Phase.hold(duration, number(node, "rate"));
        }
        if (node.has("from") && node.has("to")) {
            return Phase.ramp(duration, number(node, "from"), number(node, "to"));
        }
        throw new IllegalArgumentException("needs 'rate' (hold) or 'from' and 'to' (ramp)");
    }

    private static double number(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (!value.isNumber()) {
            throw new FieldException(field, "'" + field + "' must be a number of requests/s, was " + value, null);
        }
        return value.asDouble();
    }

    /** Parses {@code 60s@5} (hold 5/s for 60 s) or {@code 2m@5..50} (ramp from 5/s to 50/s over 2 minutes). */
    public static Phase parsePhase(String text) {
        Matcher m = INLINE_PHASE.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "phase '" + text + "' is not DURATION@RATE (60s@5) or DURATION@FROM..TO (2m@5..50)");
        }
        Duration duration = parseDuration(m.group(1));
        double from = Double.parseDouble(m.group(2));
        return m.group(3) == null
                ? Phase.hold(duration, from)
                : Phase.ramp(duration, from, Double.parseDouble(m.group(3)));
    }

    /** Parses {@code 500ms}, {@code 90s}, {@code 2m}, {@code 1h}, {@code 1.5s} or ISO-8601 ({@code PT2M}). */
    public static Duration parseDuration(String text) {
        String trimmed = text.trim().toLowerCase(Locale.ROOT);
        Matcher m = SIMPLE_DURATION.matcher(trimmed);
        if (m.matches()) {
            double value = Double.parseDouble(m.group(1));
            double nanosPerUnit =
                    switch (m.group(2)) {
                        case "ms" -> 1e6;
                        case "s" -> 1e9;
                        case "m" -> 60e9;
                        default -> 3600e9;
                    };
            return Duration.ofNanos(Math.round(value * nanosPerUnit));
        }
        try {
            return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (500ms, 90s, 2m, 1h or PT2M)", e);
        }
    }
}
