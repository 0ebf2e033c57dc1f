package io.nutrisage.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.nutrisage.infra.contract.DeployedStacks;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every stack output scripts/deploy and scripts/delete read (to find the image repository, the console policy to
 * detach, the cluster and family of load-test tasks to stop, the bucket to empty, the target URL) is an output the
 * evaluated stack really has; the fake {@code aws} of DeployScriptsTest answers by these keys, so a renamed output
 * would otherwise pass there and fail on AWS.
 */
class ScriptOutputsContractTest {
    private static final Pattern DIRECT =
            Pattern.compile("stack_output \"\\$environment-([a-z-]+)\" \"?([A-Za-z]+)\"?");
    private static final Pattern STACK_VARIABLE = Pattern.compile("stack=\"\\$environment-([a-z-]+)\"");
    private static final Pattern VIA_VARIABLE = Pattern.compile("stack_output \"\\$stack\" \"?([A-Za-z]+)\"?");
    private static final Pattern IMAGE = Pattern.compile("require_image ([A-Za-z]+) ");

    record Read(String script, int line, String stack, String output) {}

    @Test
    void everyOutputTheScriptsReadExistsOnItsStack() throws IOException {
        DeployedStacks stacks = DeployedStacks.evaluate(Stacks.MODULE, "blue-env");
        List<Read> reads = new ArrayList<>();
        for (String script : List.of("deploy", "delete")) {
            reads.addAll(reads(
                    script, Files.readAllLines(Stacks.MODULE.resolve("scripts").resolve(script))));
        }

        assertThat(reads)
                .extracting(Read::output)
                .contains(
                        "PredictorRepositoryUri",
                        "LoadGeneratorRepositoryUri",
                        "TargetUrl",
                        "ConsolePolicyArn",
                        "ClusterName",
                        "LoadTestTaskDefinitionFamily",
                        "InputBucketName");
        List<String> missing = reads.stream()
                .filter(r -> !stacks.stack(r.stack()).outputs().containsKey(r.output()))
                .map(r -> "scripts/" + r.script() + ":" + r.line() + " reads " + r.output() + " of the " + r.stack()
                        + " stack, which has no such output")
                .toList();
        assertThat(missing).isEmpty();
    }

    private static List<Read> reads(String script, List<String> lines) {
        List<Read> reads = new ArrayList<>();
        String stackVariable = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher assignment = STACK_VARIABLE.matcher(line);
            if (assignment.find()) {
                stackVariable = assignment.group(1);
            }
            Matcher direct = DIRECT.matcher(line);
            while (direct.find()) {
                reads.add(new Read(script, i + 1, direct.group(1), direct.group(2)));
            }
            Matcher via = VIA_VARIABLE.matcher(line);
            while (via.find()) {
                assertThat(stackVariable)
                        .as(
                                "scripts/%s:%d reads an output of $stack before any stack=\"$environment-...\"",
                                script, i + 1)
                        .isNotNull();
                reads.add(new Read(script, i + 1, stackVariable, via.group(1)));
            }
            Matcher image = IMAGE.matcher(line);
            while (image.find()) {
                reads.add(new Read(script, i + 1, "ecr", image.group(1)));
            }
        }
        return reads;
    }
}
