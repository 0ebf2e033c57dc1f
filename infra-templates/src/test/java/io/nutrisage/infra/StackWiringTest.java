package io.nutrisage.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.nutrisage.infra.contract.DeployedStacks;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Cross-stack references: what a stack imports, an earlier stack in stacks.conf exports. */
@SuppressWarnings("unchecked")
class StackWiringTest {

    private static final String PREFIX = "${EnvironmentName}-";

    @Test
    void everyImportIsExportedByAnEarlierStack() {
        Map<String, String> exportedBy = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (Stacks.Stack stack : Stacks.all()) {
            Map<String, Object> template = stack.parse();
            for (String imported : imports(template)) {
                if (!exportedBy.containsKey(imported)) {
                    problems.add(stack + " imports " + imported + ", which no earlier stack exports");
                }
            }
            for (String exported : exports(template, stack)) {
                String previous = exportedBy.put(exported, stack.suffix());
                if (previous != null) {
                    problems.add(exported + " is exported by both " + previous + " and " + stack);
                }
            }
        }
        assertThat(problems).isEmpty();
        assertThat(exportedBy).containsKeys("VpcId", "ClusterName", "ServiceName", "TargetGroupFullName");
    }

    /**
     * CloudFormation cannot update an export another stack imports
     * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-cfn-stack-exports.html), so an export
     * whose value changes with a mode (NAT on or off, HTTP or HTTPS) would make turning that mode on after the first
     * deploy fail. Every export keeps its value across the modes; what changes travels as parameters (stacks.conf).
     */
    @Test
    void noExportChangesWithTheNetworkOrTheHttpsMode() {
        Map<String, String> plain = DeployedStacks.evaluate(Stacks.MODULE, "nutrisage", withImage(Map.of()))
                .exports();
        Map<String, String> natAndHttps = DeployedStacks.evaluate(
                        Stacks.MODULE,
                        "nutrisage",
                        withImage(Map.of(
                                "network.EnableNatGateway", "true",
                                "service.CertificateArn", "arn:aws:acm:eu-west-1:123456789012:certificate/abc-123",
                                "service.DomainName", "grades.example.com")))
                .exports();

        assertThat(natAndHttps).isEqualTo(plain);
    }

    @Test
    void theModeDependentValuesReachTheServiceAndLoadTestStacksAsParameters() {
        DeployedStacks stacks = DeployedStacks.evaluate(
                Stacks.MODULE,
                "nutrisage",
                withImage(Map.of(
                        "network.EnableNatGateway", "true",
                        "service.CertificateArn", "arn:aws:acm:eu-west-1:123456789012:certificate/abc-123",
                        "service.DomainName", "grades.example.com")));
        DeployedStacks.Stack network = stacks.stack("network");

        for (String suffix : List.of("service", "loadtest")) {
            DeployedStacks.Stack stack = stacks.stack(suffix);
            assertThat(String.join(",", (List<String>) stack.parameters().get("TaskSubnets")))
                    .as(suffix)
                    .isEqualTo(network.output("TaskSubnets"))
                    .isEqualTo(network.output("PrivateSubnets"));
            assertThat(stack.parameters().get("TaskAssignPublicIp")).as(suffix).isEqualTo("DISABLED");
        }
        assertThat(stacks.stack("loadtest").parameters().get("TargetUrl")).isEqualTo("https://grades.example.com");
    }

    private static Map<String, String> withImage(Map<String, String> overrides) {
        Map<String, String> all = new HashMap<>(overrides);
        all.put("service.ImageTag", DeployedStacks.IMAGE_TAG);
        all.put("loadtest.ImageTag", DeployedStacks.IMAGE_TAG);
        return all;
    }

    @Test
    void everyStackSharesTheEnvironmentNameParameter() {
        for (Stacks.Stack stack : Stacks.all()) {
            Map<String, Object> parameter = Paths.map(stack.parse(), "Parameters", "EnvironmentName");
            assertThat(parameter).as(stack.suffix()).containsEntry("Default", "nutrisage");
            assertThat(parameter).as(stack.suffix()).containsEntry("AllowedPattern", "[a-z][a-z0-9-]{1,20}");
        }
    }

    @Test
    void aStackThatImportsFromALaterStackIsReported() {
        // The same check on a reversed order must fail: proves it looks at the order at all.
        List<Stacks.Stack> reversed = new ArrayList<>(Stacks.all());
        Collections.reverse(reversed);
        Map<String, String> exportedBy = new HashMap<>();
        List<String> unresolved = new ArrayList<>();
        for (Stacks.Stack stack : reversed) {
            Map<String, Object> template = stack.parse();
            imports(template).stream()
                    .filter(name -> !exportedBy.containsKey(name))
                    .forEach(unresolved::add);
            exports(template, stack).forEach(name -> exportedBy.put(name, stack.suffix()));
        }
        assertThat(unresolved).contains("ClusterName", "VpcId");
    }

    private static List<String> exports(Map<String, Object> template, Stacks.Stack stack) {
        List<String> names = new ArrayList<>();
        Paths.map(template, "Outputs").forEach((output, definition) -> {
            if (definition instanceof Map<?, ?> map && map.get("Export") instanceof Map<?, ?> export) {
                names.add(unprefixed(export.get("Name"), stack + " output " + output));
            }
        });
        return names;
    }

    private static List<String> imports(Object node) {
        List<String> names = new ArrayList<>();
        collectImports(node, names);
        return names;
    }

    private static void collectImports(Object node, List<String> names) {
        if (node instanceof Map<?, ?> map) {
            if (map.size() == 1 && map.containsKey("Fn::ImportValue")) {
                names.add(unprefixed(map.get("Fn::ImportValue"), "ImportValue"));
                return;
            }
            map.values().forEach(value -> collectImports(value, names));
        } else if (node instanceof List<?> list) {
            list.forEach(value -> collectImports(value, names));
        }
    }

    /** {@code {"Fn::Sub": "${EnvironmentName}-VpcId"}} = {@code VpcId}; anything else is a wiring error. */
    private static String unprefixed(Object name, String where) {
        if (name instanceof Map<?, ?> map && map.get("Fn::Sub") instanceof String text && text.startsWith(PREFIX)) {
            return text.substring(PREFIX.length());
        }
        throw new AssertionError(where + ": export/import names must be !Sub " + PREFIX + "<Name>, got " + name);
    }
}
