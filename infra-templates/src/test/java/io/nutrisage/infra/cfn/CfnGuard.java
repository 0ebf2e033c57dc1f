package io.nutrisage.infra.cfn;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the cfn-guard binary: {@code cfn-guard validate -r <rules>... -d <template>}. */
public final class CfnGuard {
    /** cfn-guard's exit code when a rule fails. */
    public static final int VIOLATION = 19;

    private static final long TIMEOUT_SECONDS = 60;

    private final Path binary;

    public CfnGuard(Path binary) {
        this.binary = binary;
    }

    public record Result(int exitCode, String output) {
        public boolean passed() {
            return exitCode == 0;
        }
    }

    public Result validate(Path template, List<Path> rules) {
        List<String> command = new ArrayList<>(List.of(binary.toString(), "validate", "--show-summary", "fail"));
        for (Path rule : rules) {
            command.add("--rules");
            command.add(rule.toString());
        }
        command.add("--data");
        command.add(template.toString());
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            // Read to the end before waiting: a full pipe would block cfn-guard.
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(
                        "cfn-guard did not finish within " + TIMEOUT_SECONDS + " s: " + command);
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + binary + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running cfn-guard", e);
        }
    }
}
