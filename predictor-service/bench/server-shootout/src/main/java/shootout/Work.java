package shootout;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;

/** The same per-request work for every server: parse the JSON record, write a prediction-sized JSON answer. */
final class Work {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Work() {}

    @SuppressWarnings("unchecked")
    static byte[] predict(byte[] body) throws IOException {
        Map<String, Object> record = MAPPER.readValue(body, Map.class);
        Object code = record.getOrDefault("code", "");
        return MAPPER.writeValueAsBytes(Map.of(
                "grade", "B",
                "confidence", 0.91,
                "probabilities", Map.of("A", 0.02, "B", 0.91, "C", 0.05, "D", 0.01, "E", 0.01),
                "model_version", "shootout",
                "code", String.valueOf(code)));
    }
}
