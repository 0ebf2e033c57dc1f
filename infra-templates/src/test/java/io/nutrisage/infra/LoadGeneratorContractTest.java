package io.nutrisage.infra;

import static io.nutrisage.infra.Paths.list;
import static io.nutrisage.infra.Paths.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.nutrisage.loadgen.cli.LoadgenCli;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The load-test task definition sets the environment loadgen-core reads; the last test checks that loadgen-core's
 * CLI really reads these variables, so a rename on either side fails here.
 */
class LoadGeneratorContractTest {

    static final String TARGET_URL = SharedContract.ENV_TARGET_URL;
    static final String INPUT_PREFIX = SharedContract.ENV_INPUT_PREFIX;
    static final String WORKERS = SharedContract.ENV_WORKERS;

    @Test
    void loadgenCoreReadsTheSameVariables() {
        CommandLine cli = new CommandLine(new LoadgenCli());
        cli.setInterpolateVariables(false);
        CommandLine.Model.CommandSpec run = cli.getSubcommands().get("run").getCommandSpec();

        assertThat(run.findOption("--target").defaultValue()).startsWith("${env:" + TARGET_URL + ":-");
        assertThat(run.findOption("--input").defaultValue()).startsWith("${env:" + INPUT_PREFIX + ":-");
        assertThat(run.findOption("--workers").defaultValue()).startsWith("${env:" + WORKERS + ":-");
    }

    @Test
    void loadGeneratorTaskSetsTargetUrlInputPrefixAndWorkers() {
        Map<String, Object> loadtest = Stacks.named("loadtest").parse();
        Map<String, Object> container =
                map(list(loadtest, "Resources", "TaskDefinition", "Properties", "ContainerDefinitions")
                        .get(0));

        List<Object> names = list(container, "Environment").stream()
                .map(variable -> Paths.at(variable, "Name"))
                .toList();

        assertThat(names).contains(TARGET_URL, INPUT_PREFIX, WORKERS);
        assertThat(environment(container, TARGET_URL))
                .isEqualTo(Map.of("Fn::ImportValue", Map.of("Fn::Sub", "${EnvironmentName}-TargetUrl")));
        assertThat(environment(container, INPUT_PREFIX))
                .isEqualTo(Map.of("Fn::Sub", "s3://${DataBucket}/${InputPrefix}"));
    }

    @Test
    void taskRoleReadsTheInputPrefixAndWritesTheResultsPrefixOnly() {
        Map<String, Object> loadtest = Stacks.named("loadtest").parse();
        List<?> statements =
                list(loadtest, "Resources", "TaskRole", "Properties", "Policies", 0, "PolicyDocument", "Statement");

        assertThat(statements)
                .extracting(statement -> map(statement).get("Action"), statement -> map(statement)
                        .get("Resource"))
                .containsExactly(
                        tuple("s3:ListBucket", Map.of("Fn::GetAtt", List.of("DataBucket", "Arn"))),
                        tuple("s3:GetObject", Map.of("Fn::Sub", "${DataBucket.Arn}/${InputPrefix}*")),
                        tuple(
                                List.of("s3:PutObject", "s3:AbortMultipartUpload"),
                                Map.of("Fn::Sub", "${DataBucket.Arn}/${ResultsPrefix}*")));
    }

    private static Object environment(Map<String, Object> container, String name) {
        return list(container, "Environment").stream()
                .map(Paths::map)
                .filter(variable -> name.equals(variable.get("Name")))
                .findFirst()
                .orElseThrow()
                .get("Value");
    }
}
