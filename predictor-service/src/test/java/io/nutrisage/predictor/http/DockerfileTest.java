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

    /**
     * The image builds from the repository root, so its context would be the whole repository: BuildKit reads
     * {@code Dockerfile.dockerignore} beside the Dockerfile instead of a root {@code .dockerignore}. Its rules are
     * applied here as Docker applies them (in order, the last matching rule wins, {@code !} re-includes, a rule that
     * matches a directory matches everything under it) to this checkout's files.
     */
    @Test
    void theBuildContextHoldsWhatTheMavenBuildNeedsAndNothingElse() throws IOException {
        List<String> rules = Files.readAllLines(Path.of("Dockerfile.dockerignore")).stream()
                .map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .toList();
        Path root = Path.of("..").toAbsolutePath().normalize();

        assertThat(inContext(rules, "pom.xml")).isTrue();
        assertThat(inContext(rules, "mvnw")).isTrue();
        assertThat(inContext(rules, ".mvn/wrapper/maven-wrapper.properties")).isTrue();
        assertThat(inContext(rules, "predictor-service/pom.xml")).isTrue();
        assertThat(inContext(rules, "predictor-service/src/main/java/io/nutrisage/predictor/Main.java"))
                .isTrue();
        assertThat(inContext(rules, ".git/HEAD")).isTrue();
        // The reactor of the root pom needs every module's pom, none of their sources.
        try (var modules = Files.list(root)) {
            modules.filter(m -> Files.exists(m.resolve("pom.xml")))
                    .forEach(m -> assertThat(inContext(rules, m.getFileName() + "/pom.xml"))
                            .as(m.getFileName() + "/pom.xml")
                            .isTrue());
        }
        assertThat(inContext(rules, "app/src/main/java/io/nutrisage/app/Main.java"))
                .isFalse();
        assertThat(inContext(rules, "loadgen-core/src/main/java/x.java")).isFalse();
        assertThat(inContext(rules, "predictor-service/target/predictor-service.jar"))
                .isFalse();
        assertThat(inContext(rules, "docs/benchmarks.md")).isFalse();
        assertThat(inContext(rules, "runs/scenario/report.html")).isFalse();
    }

    /** Whether Docker sends {@code path} (relative to the context root) with these .dockerignore rules. */
    private static boolean inContext(List<String> rules, String path) {
        boolean included = true;
        for (String rule : rules) {
            boolean exception = rule.startsWith("!");
            String pattern = (exception ? rule.substring(1) : rule).replaceAll("/+$", "");
            java.nio.file.PathMatcher matcher =
                    java.nio.file.FileSystems.getDefault().getPathMatcher("glob:" + pattern);
            for (Path p = Path.of(path); p != null; p = p.getParent()) {
                if (matcher.matches(p) || (pattern.equals("**"))) {
                    included = exception;
                    break;
                }
            }
        }
        return included;
    }
}
