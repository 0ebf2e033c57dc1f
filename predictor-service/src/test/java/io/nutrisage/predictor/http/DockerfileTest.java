package io.nutrisage.predictor.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** No Docker engine runs here: the image recipe is checked against the service's own constants instead. */
class DockerfileTest {
    private static List<String> instructions;

    @BeforeAll
    static void parse() throws IOException {
        // Join continuation lines and drop comments, as Docker's parser does.
        String text = Files.readString(Path.of("Dockerfile")).replaceAll("\\\\\\r?\\n", " ");
        instructions = new ArrayList<>();
        for (String line : text.split("\\r?\\n")) {
            String l = line.strip();
            if (!l.isEmpty() && !l.startsWith("#")) {
                instructions.add(l);
            }
        }
    }

    private static List<String> all(String keyword) {
        return instructions.stream()
                .filter(l -> l.regionMatches(true, 0, keyword + " ", 0, keyword.length() + 1))
                .map(l -> l.substring(keyword.length()).strip())
                .toList();
    }

    /** Instructions of the last stage only: what the running image is made of. */
    private static List<String> runtime(String keyword) {
        int lastFrom = 0;
        for (int i = 0; i < instructions.size(); i++) {
            if (instructions.get(i).regionMatches(true, 0, "FROM ", 0, 5)) {
                lastFrom = i;
            }
        }
        return instructions.subList(lastFrom, instructions.size()).stream()
                .filter(l -> l.regionMatches(true, 0, keyword + " ", 0, keyword.length() + 1))
                .map(l -> l.substring(keyword.length()).strip())
                .toList();
    }

    @Test
    void isMultiStageWithAJdkBuildAndAJre21Runtime() {
        List<String> stages = all("FROM");
        assertThat(stages).hasSizeGreaterThanOrEqualTo(2);
        assertThat(stages.getFirst()).containsPattern("jdk").containsPattern("2[1-9]|[3-9][0-9]");
        assertThat(stages.getLast()).contains("21-jre");
    }

    @Test
    void exposesAndConfiguresTheServicePort() {
        assertThat(runtime("EXPOSE")).containsExactly(Integer.toString(ServerConfig.DEFAULT_PORT));
        assertThat(runtime("ENV")).anySatisfy(env -> assertThat(env).isEqualTo("PORT=" + ServerConfig.DEFAULT_PORT));
    }

    @Test
    void runsAsTheNonRootUserItCreates() {
        List<String> users = runtime("USER");
        assertThat(users).hasSize(1);
        String user = users.getFirst();
        assertThat(user).isNotIn("root", "0");
        assertThat(runtime("RUN"))
                .anySatisfy(run -> assertThat(run).contains("adduser").contains(user));
    }

    @Test
    void healthcheckHitsTheHealthRouteOnTheServicePort() {
        List<String> checks = runtime("HEALTHCHECK");
        assertThat(checks).hasSize(1);
        Matcher url = Pattern.compile("http://[^/\\s]+:(\\d+)(/\\S*)").matcher(checks.getFirst());
        assertThat(url.find()).isTrue();
        assertThat(Integer.parseInt(url.group(1))).isEqualTo(ServerConfig.DEFAULT_PORT);
        assertThat(url.group(2)).isEqualTo(PredictorService.HEALTH);
        // busybox wget exists on the Alpine JRE image; curl does not.
        assertThat(checks.getFirst()).contains("wget");
    }

    @Test
    void startsTheSameJarAsJavaDashJarInExecFormSoJavaReceivesSigterm() {
        List<String> entrypoints = runtime("ENTRYPOINT");
        assertThat(entrypoints).hasSize(1);
        assertThat(entrypoints.getFirst())
                .startsWith("[\"java\"")
                .contains("\"-jar\"")
                .contains("predictor-service.jar");
        assertThat(runtime("COPY"))
                .anySatisfy(copy -> assertThat(copy).contains("target/predictor-service.jar"))
                .anySatisfy(copy -> assertThat(copy).contains("target/lib/"));
    }
}
