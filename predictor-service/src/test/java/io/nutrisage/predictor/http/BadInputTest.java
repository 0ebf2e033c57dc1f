package io.nutrisage.predictor.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every client mistake gets a 4xx JSON error naming the problem (and the field), never a 5xx or a stack trace. */
class BadInputTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static PredictorServer server;
    private static HttpClient client;

    @BeforeAll
    static void start() {
        server = PredictorServer.start(ServerConfig.embedded(), TestModel.predictor());
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterAll
    static void stop() {
        server.stop();
        client.close();
    }

    private static HttpResponse<String> send(String method, String path, String contentType, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(10));
        if (!contentType.isEmpty()) {
            request.header("Content-Type", contentType);
        }
        request.method(
                method,
                body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            # case                   | method | path           | content type          | body                                     | status | error                  | field              | message contains
            malformed JSON           | POST   | /predict       | application/json      | `{"sugars_100g": 5,\n "fat_100g": }`     | 400    | malformed_json         |                    | line 2, column 14
            truncated JSON           | POST   | /predict       | application/json      | `{"sugars_100g": 5`                      | 400    | malformed_json         |                    | line 1
            trailing garbage         | POST   | /predict       | application/json      | `{"sugars_100g": 5} {}`                  | 400    | malformed_json         |                    | after the JSON object
            empty body               | POST   | /predict       | application/json      |                                          | 400    | empty_body             |                    | body is empty
            array to /predict        | POST   | /predict       | application/json      | `[{"sugars_100g": 5}]`                   | 400    | not_an_object          |                    | /predict/batch
            object to batch          | POST   | /predict/batch | application/json      | `{"sugars_100g": 5}`                     | 400    | not_an_array           |                    | JSON array
            string for a number      | POST   | /predict       | application/json      | `{"sugars_100g": "lots"}`                | 422    | invalid_record         | sugars_100g        | expected a number
            boolean for a number     | POST   | /predict       | application/json      | `{"fat_100g": true}`                     | 422    | invalid_record         | fat_100g           | expected a number, got a boolean
            object for a number      | POST   | /predict       | application/json      | `{"saturated-fat_100g": {"v": 1}}`       | 422    | invalid_record         | saturated-fat_100g | got an object
            number for a text field  | POST   | /predict       | application/json      | `{"sugars_100g": 1, "categories": 5}`    | 422    | invalid_record         | categories         | expected a string
            negative value           | POST   | /predict       | application/json      | `{"sugars_100g": -0.5}`                  | 422    | invalid_record         | sugars_100g        | must not be negative
            impossible mass          | POST   | /predict       | application/json      | `{"salt_100g": 120}`                     | 422    | invalid_record         | salt_100g          | at most 100 g
            impossible energy        | POST   | /predict       | application/json      | `{"energy_100g": 9000}`                  | 422    | invalid_record         | energy_100g        | at most 3800 kJ
            no nutrient at all       | POST   | /predict       | application/json      | `{"code": "1", "product_name": "x"}`     | 422    | invalid_record         | record             | no nutrient value
            form content type        | POST   | /predict       | application/x-www-form-urlencoded | `sugars_100g=5`              | 415    | unsupported_media_type |                    | must be application/json
            no content type          | POST   | /predict       |                       | `{"sugars_100g": 5}`                     | 415    | unsupported_media_type |                    | got none
            text content type batch  | POST   | /predict/batch | text/plain            | `[]`                                     | 415    | unsupported_media_type |                    | application/json
            unknown path             | GET    | /predikt       |                       |                                          | 404    | not_found              |                    | no such path: /predikt
            GET on /predict          | GET    | /predict       |                       |                                          | 405    | method_not_allowed     |                    | use POST
            POST on /health          | POST   | /health        | application/json      | `{}`                                     | 405    | method_not_allowed     |                    | use GET
            DELETE on /metrics       | DELETE | /metrics       |                       |                                          | 405    | method_not_allowed     |                    | use GET
            """)
    void clientMistakeGetsA4xxJsonErrorNamingProblemAndField(
            String name,
            String method,
            String path,
            String contentType,
            String body,
            int status,
            String error,
            String field,
            String message)
            throws Exception {
        HttpResponse<String> response = send(
                method, path, contentType == null ? "" : contentType, body == null ? "" : body.replace("\\n", "\n"));

        assertThat(response.statusCode()).as(name).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode json = JSON.readTree(response.body());
        assertThat(json.get("error").asText()).isEqualTo(error);
        if (field != null) {
            assertThat(json.get("field").asText()).isEqualTo(field);
        }
        assertThat(json.get("message").asText()).contains(message);
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
        if (status == 405) {
            assertThat(response.headers().firstValue("Allow"))
                    .hasValueSatisfying(v -> assertThat(v).isIn("GET", "POST"));
        }
    }

    @Test
    void malformedJsonReportsLineAndColumnAsNumbers() throws Exception {
        HttpResponse<String> response = send("POST", "/predict", "application/json", "{\n\"a\": 1,\n\"b\" 2}");

        JsonNode json = JSON.readTree(response.body());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json.get("line").asInt()).isEqualTo(3);
        assertThat(json.get("column").asInt()).isEqualTo(5);
    }

    @Test
    void bodyOverOneMebibyteIsRejectedWith413FromItsContentLengthWithoutBeingRead() throws Exception {
        // Announce 2 MiB but send only the headers: the answer must come before any body byte is sent.
        String answer = rawExchange("POST /predict HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + (2 * 1024 * 1024) + "\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 413");
        assertThat(answer).contains("\"error\":\"body_too_large\"").contains("1048576 bytes");
    }

    @Test
    void chunkedBodyOverOneMebibyteIsRejectedWith413() throws Exception {
        // A chunked body whose first chunk alone announces 2 MiB: rejected on the chunk header, not read.
        String answer = rawExchange("POST /predict/batch HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                + Integer.toHexString(2 * 1024 * 1024) + "\r\n[{\"sugars_100g\": 1}");

        assertThat(answer).startsWith("HTTP/1.1 413");
        assertThat(answer).contains("\"error\":\"body_too_large\"");
    }

    private static String rawExchange(String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return readResponse(socket.getInputStream());
        }
    }

    /** Status line, headers and a Content-Length body: the server may keep the connection open afterwards. */
    private static String readResponse(InputStream in) throws java.io.IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        java.util.regex.Matcher length =
                java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(head);
        byte[] body = length.find() ? in.readNBytes(Integer.parseInt(length.group(1))) : new byte[0];
        return head + new String(body, StandardCharsets.UTF_8);
    }
}
