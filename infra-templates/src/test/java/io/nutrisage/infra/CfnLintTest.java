package io.nutrisage.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * AWS's own linter, cfn-lint, over every template with the module's {@code .cfnlintrc.yaml}: any finding fails (an
 * E-level one always; a W-level one unless the config waives it with its reason). Where cfn-lint is not installed
 * the tests are skipped with that message, never passed.
 */
class CfnLintTest {
    private static final Path CONFIG = Stacks.MODULE.resolve(".cfnlintrc.yaml");

    record Finding(String level, String rule, String file, int line, String message) {
        @Override
        public String toString() {
            return level + " " + rule + " " + file + ":" + line + " " + message;
        }
    }

    @BeforeAll
    static void cfnLintIsInstalled() throws InterruptedException {
        boolean installed;
        try {
            Process version = new ProcessBuilder("cfn-lint", "--version")
                    .redirectErrorStream(true)
                    .start();
            installed = version.waitFor(60, TimeUnit.SECONDS) && version.exitValue() == 0;
        } catch (IOException e) {
            installed = false;
        }
        Assumptions.assumeTrue(
                installed,
                "cfn-lint is not on PATH: these checks did not run (install AWS's cfn-lint, e.g. pipx install cfn-lint)");
    }

    @Test
    void everyTemplateIsFreeOfFindings() throws Exception {
        List<Path> templates =
                Stacks.withOptional().stream().map(Stacks.Stack::template).toList();

        List<Finding> findings = lint(templates);

        assertThat(findings).isEmpty();
    }

    @Test
    void aBrokenTemplatesErrorsAndWarningsAreReported() throws Exception {
        List<Finding> findings = lint(List.of(Stacks.MODULE.resolve("src/test/resources/broken/lint-errors.yaml")));

        assertThat(findings)
                .extracting(Finding::level, Finding::rule, Finding::line)
                .contains(
                        org.assertj.core.api.Assertions.tuple("Error", "E3002", 7),
                        org.assertj.core.api.Assertions.tuple("Error", "E1020", 11),
                        org.assertj.core.api.Assertions.tuple("Warning", "W6001", 21));
    }

    private static List<Finding> lint(List<Path> templates) throws IOException, InterruptedException {
        List<String> command =
                new ArrayList<>(List.of("cfn-lint", "--config-file", CONFIG.toString(), "--format", "json", "--"));
        templates.forEach(t -> command.add(t.toString()));
        Process process = new ProcessBuilder(command)
                .directory(Stacks.MODULE.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("cfn-lint did not finish within 120 s");
        }
        String text = new String(out, StandardCharsets.UTF_8).strip();
        // Exit codes (cfn-lint docs): 0 none, 2 error, 4 warning, 8 informational, OR-ed; 1 is a failure of cfn-lint.
        assertThat(process.exitValue())
                .as("cfn-lint exit code; output: %s", text)
                .isNotEqualTo(1);
        List<Finding> findings = new ArrayList<>();
        for (JsonNode f : new ObjectMapper().readTree(text.isEmpty() ? "[]" : text)) {
            findings.add(new Finding(
                    f.path("Level").asText(),
                    f.path("Rule").path("Id").asText(),
                    Stacks.MODULE
                            .relativize(Path.of(f.path("Filename").asText()).toAbsolutePath())
                            .toString(),
                    f.path("Location").path("Start").path("LineNumber").asInt(),
                    f.path("Message").asText()));
        }
        return findings;
    }
}
