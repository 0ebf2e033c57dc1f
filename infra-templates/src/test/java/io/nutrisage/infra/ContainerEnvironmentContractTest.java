package io.nutrisage.infra;

import static io.nutrisage.infra.Paths.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.nutrisage.infra.contract.DeployedStacks;
import io.nutrisage.infra.contract.StackContract;
import io.nutrisage.loadgen.cli.LoadgenCli;
import io.nutrisage.predictor.ContainerEnvironment;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Each variable a task definition sets is read by the program in that container, and each variable the program needs
 * from a deployment is set. What a program reads is derived from the program: predictor-service's {@link
 * ContainerEnvironment#read} is run on an environment that records every name it looks up; loadgen-core's CLI
 * declares its environment fallbacks in its picocli model ({@code ${env:NAME:-default}}), which is read from the
 * model itself.
 */
class ContainerEnvironmentContractTest {
    private static final Pattern ENV_FALLBACK = Pattern.compile("\\$\\{env:([A-Z_][A-Z0-9_]*)");

    private static DeployedStacks stacks;

    @BeforeAll
    static void evaluate() {
        stacks = DeployedStacks.evaluate(Stacks.MODULE, StackContract.ENVIRONMENT);
    }

    @Test
    void predictorServiceReadsExactlyTheVariablesItDeclares() {
        Recording environment = new Recording(Map.of());
        ContainerEnvironment.read(environment);

        assertThat(environment.read())
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(ContainerEnvironment.values())
                        .map(Enum::name)
                        .toList());
    }

    @Test
    void thePredictorTaskSetsOnlyWhatThePredictorReadsAndAllItNeeds() {
        Map<String, String> set = StackContract.predictorEnvironment(stacks);
        Recording environment = new Recording(set);
        ContainerEnvironment.read(environment);
        List<String> needed = Arrays.stream(ContainerEnvironment.values())
                .filter(ContainerEnvironment::setByTheDeployment)
                .map(Enum::name)
                .toList();

        assertThat(problems("service TaskDefinition", set.keySet(), environment.read(), needed))
                .isEmpty();
        DeployedStacks.Stack service = stacks.stack("service");
        assertThat(set.get("SERVICE_NAME"))
                .isEqualTo(service.properties("Service").get("ServiceName"));
        assertThat(Integer.parseInt(set.get("PORT")))
                .isEqualTo(at(
                        service.properties("TaskDefinition"),
                        "ContainerDefinitions",
                        0,
                        "PortMappings",
                        0,
                        "ContainerPort"))
                .isEqualTo(service.properties("TargetGroup").get("Port"));
    }

    @Test
    void theLoadTestTaskSetsOnlyWhatLoadgenReadsAndAllItNeeds() {
        Map<String, String> set = StackContract.containerEnvironment(stacks.stack("loadtest"), "TaskDefinition");

        assertThat(problems(
                        "loadtest TaskDefinition",
                        set.keySet(),
                        loadgenRunReads(),
                        List.of("TARGET_URL", "INPUT_PREFIX", "WORKERS")))
                .isEmpty();
        assertThat(set.get("TARGET_URL")).isEqualTo(stacks.stack("service").output("TargetUrl"));
        assertThat(set.get("INPUT_PREFIX"))
                .isEqualTo("s3://" + stacks.stack("loadtest").output("InputBucketName") + "/input/");
    }

    @Test
    void aVariableNothingReadsAndAMissingOneAreBothReported() {
        // The service task's settings before this contract: AWS_EMF_* for a library predictor-service does not use,
        // and no SERVICE_NAME.
        Set<String> set = Set.of("PORT", "AWS_EMF_WRITE_TO_STDOUT", "AWS_EMF_NAMESPACE");
        Recording environment = new Recording(Map.of());
        ContainerEnvironment.read(environment);

        assertThat(problems("old service", set, environment.read(), List.of("PORT", "SERVICE_NAME")))
                .containsExactlyInAnyOrder(
                        "old service sets AWS_EMF_NAMESPACE, which the program never reads",
                        "old service sets AWS_EMF_WRITE_TO_STDOUT, which the program never reads",
                        "old service does not set SERVICE_NAME, which the program needs from a deployment");
    }

    private static List<String> problems(String where, Set<String> set, Set<String> read, List<String> needed) {
        List<String> problems = new ArrayList<>();
        set.stream()
                .filter(name -> !read.contains(name))
                .sorted()
                .forEach(name -> problems.add(where + " sets " + name + ", which the program never reads"));
        needed.stream()
                .filter(name -> !set.contains(name))
                .forEach(name ->
                        problems.add(where + " does not set " + name + ", which the program needs from a deployment"));
        return problems;
    }

    /** The variables {@code loadgen run} falls back to, from its options' declared defaults. */
    private static Set<String> loadgenRunReads() {
        CommandLine cli = new CommandLine(new LoadgenCli());
        cli.setInterpolateVariables(false);
        Set<String> names = new LinkedHashSet<>();
        for (CommandLine.Model.OptionSpec option :
                cli.getSubcommands().get("run").getCommandSpec().options()) {
            if (option.defaultValue() != null) {
                Matcher m = ENV_FALLBACK.matcher(option.defaultValue());
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
        }
        assertThat(names).as("loadgen run's environment fallbacks").isNotEmpty();
        return names;
    }

    /** An environment that remembers every name looked up in it. */
    private static final class Recording extends AbstractMap<String, String> {
        private final Map<String, String> values;
        private final Set<String> read = new LinkedHashSet<>();

        Recording(Map<String, String> values) {
            this.values = new LinkedHashMap<>(values);
        }

        Set<String> read() {
            return read;
        }

        @Override
        public String get(Object key) {
            read.add(String.valueOf(key));
            return values.get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            read.add(String.valueOf(key));
            return values.containsKey(key);
        }

        @Override
        public String getOrDefault(Object key, String defaultValue) {
            read.add(String.valueOf(key));
            return values.getOrDefault(key, defaultValue);
        }

        @Override
        public Set<Entry<String, String>> entrySet() {
            throw new UnsupportedOperationException("a program that walks the whole environment reads every name");
        }
    }
}
