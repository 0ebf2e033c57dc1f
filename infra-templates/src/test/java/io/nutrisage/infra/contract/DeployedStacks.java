package io.nutrisage.infra.contract;

import io.nutrisage.infra.cfn.CloudFormationYaml;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stacks of {@code stacks.conf} as CloudFormation would create them for one environment, evaluated offline:
 * every parameter at its default (or the value given), the wiring of stacks.conf ({@code Parameter=stack.Output}),
 * conditions, and the intrinsic functions the templates use ({@code Ref}, {@code Fn::Sub}, {@code Fn::ImportValue},
 * {@code Fn::GetAtt}, {@code Fn::If}, {@code Fn::Join}, {@code Fn::Split}, {@code Fn::Select}, ...).
 *
 * <p>What only AWS knows at deploy time is given a stable, realistic stand-in: a load balancer's full name is
 * {@code app/<Name>/<id>}, a target group's {@code targetgroup/<Name>/<id>}, an ECS service's {@code Name} is its
 * ServiceName, a named resource's {@code Ref} is its name (alarm, dashboard, cluster, log group), the region is
 * {@value #REGION} and the account {@value #ACCOUNT}. Tests then compare names and references as AWS would see
 * them, with their values, not only their spelling in the templates. The forms are those of the resources' "Return
 * values" in the CloudFormation template reference, e.g.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-elasticloadbalancingv2-loadbalancer.html
 * ({@code LoadBalancerFullName}: {@code app/<name>/<id>}) and
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ecs-service.html ({@code
 * Name}: the service name).
 *
 * <p>An import nobody exported, a wiring to an output that does not exist, or an unknown parameter fails the
 * evaluation with the stack and the name.
 */
public final class DeployedStacks {
    public static final String REGION = "eu-west-1";
    public static final String ACCOUNT = "123456789012";
    static final String NO_VALUE = "AWS::NoValue";
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!][^}]*)}");

    /** One evaluated stack. */
    public record Stack(
            String suffix,
            String name,
            Map<String, Object> template,
            Map<String, Object> parameters,
            Map<String, Boolean> conditions,
            Map<String, Object> resources,
            Map<String, Object> outputs) {

        /** The resolved {@code Properties} of a resource (empty when it has none; fails when it does not exist). */
        @SuppressWarnings("unchecked")
        public Map<String, Object> properties(String logicalId) {
            Object resource = resources.get(logicalId);
            if (resource == null) {
                throw new IllegalArgumentException(
                        name + " has no resource " + logicalId + " (or its condition is false)");
            }
            Object properties = ((Map<String, Object>) resource).get("Properties");
            return properties == null ? Map.of() : (Map<String, Object>) properties;
        }

        /** Resources of one CloudFormation type, by logical id. */
        @SuppressWarnings("unchecked")
        public Map<String, Map<String, Object>> resourcesOfType(String type) {
            Map<String, Map<String, Object>> found = new LinkedHashMap<>();
            resources.forEach((id, resource) -> {
                Map<String, Object> r = (Map<String, Object>) resource;
                if (type.equals(r.get("Type"))) {
                    Object p = r.get("Properties");
                    found.put(id, p == null ? Map.of() : (Map<String, Object>) p);
                }
            });
            return found;
        }

        public String output(String key) {
            Object value = outputs.get(key);
            if (value == null) {
                throw new IllegalArgumentException(name + " has no output " + key);
            }
            return String.valueOf(value);
        }
    }

    private final String environment;
    private final List<Stack> stacks;
    private final Map<String, String> exports;

    private DeployedStacks(String environment, List<Stack> stacks, Map<String, String> exports) {
        this.environment = environment;
        this.stacks = List.copyOf(stacks);
        this.exports = Map.copyOf(exports);
    }

    /** The image tag scripts/deploy passes to the service and loadtest stacks (its --image-tag), here a fixed one. */
    public static final String IMAGE_TAG = "0a1b2c3d4e5f";

    /** Evaluates the stacks for {@code environment} as {@code scripts/deploy --image-tag IMAGE_TAG} deploys them. */
    public static DeployedStacks evaluate(Path moduleDirectory, String environment) {
        return evaluate(
                moduleDirectory, environment, Map.of("service.ImageTag", IMAGE_TAG, "loadtest.ImageTag", IMAGE_TAG));
    }

    /**
     * Evaluates every stack of {@code moduleDirectory/stacks.conf} for {@code environment}.
     *
     * @param overrides parameter values by {@code stack.Parameter} (e.g. {@code network.EnableNatGateway}), like
     *     {@code scripts/deploy --param}
     */
    public static DeployedStacks evaluate(Path moduleDirectory, String environment, Map<String, String> overrides) {
        List<String> lines;
        try {
            lines = Files.readAllLines(moduleDirectory.resolve("stacks.conf"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> exports = new LinkedHashMap<>();
        Map<String, Stack> bySuffix = new LinkedHashMap<>();
        for (String line : lines) {
            String stripped = line.strip();
            if (stripped.isEmpty() || stripped.startsWith("#")) {
                continue;
            }
            String[] fields = stripped.split("\\s+");
            String suffix = fields[0];
            Map<String, Object> template = CloudFormationYaml.parse(
                    moduleDirectory.resolve("templates").resolve(fields[1]));
            Map<String, String> given = new LinkedHashMap<>();
            given.put("EnvironmentName", environment);
            for (String wiring : Arrays.asList(fields).subList(2, fields.length)) {
                Matcher m = Pattern.compile("(\\w+)=([\\w-]+)\\.(\\w+)").matcher(wiring);
                if (!m.matches()) {
                    throw new IllegalStateException(
                            "stacks.conf, " + suffix + ": '" + wiring + "' is not Parameter=stack.Output");
                }
                Stack from = bySuffix.get(m.group(2));
                if (from == null) {
                    throw new IllegalStateException("stacks.conf, " + suffix + ": " + wiring + " names stack '"
                            + m.group(2) + "', which is not deployed before it");
                }
                given.put(m.group(1), from.output(m.group(3)));
            }
            overrides.forEach((key, value) -> {
                if (key.startsWith(suffix + ".")) {
                    given.put(key.substring(suffix.length() + 1), value);
                }
            });
            Stack stack = new Evaluation(suffix, environment + "-" + suffix, template, given, exports).run();
            bySuffix.put(suffix, stack);
        }
        return new DeployedStacks(environment, List.copyOf(bySuffix.values()), exports);
    }

    public String environment() {
        return environment;
    }

    public List<Stack> all() {
        return stacks;
    }

    public Stack stack(String suffix) {
        return stacks.stream()
                .filter(s -> s.suffix().equals(suffix))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no stack " + suffix + " in stacks.conf"));
    }

    /** Export name (with the environment prefix) to value. */
    public Map<String, String> exports() {
        return exports;
    }

    /** One stack's evaluation; not reusable. */
    private static final class Evaluation {
        private final String suffix;
        private final String stackName;
        private final Map<String, Object> template;
        private final Map<String, String> exports;
        private final Map<String, Object> parameters = new LinkedHashMap<>();
        private final Map<String, Boolean> conditions = new LinkedHashMap<>();
        private final Map<String, Object> rawResources;

        @SuppressWarnings("unchecked")
        Evaluation(
                String suffix,
                String stackName,
                Map<String, Object> template,
                Map<String, String> given,
                Map<String, String> exports) {
            this.suffix = suffix;
            this.stackName = stackName;
            this.template = template;
            this.exports = exports;
            this.rawResources = (Map<String, Object>) template.getOrDefault("Resources", Map.of());
            Map<String, Object> declared = (Map<String, Object>) template.getOrDefault("Parameters", Map.of());
            given.forEach((key, value) -> {
                if (!declared.containsKey(key)) {
                    throw new IllegalStateException(stackName + ": no parameter " + key + " to set");
                }
            });
            declared.forEach((key, definition) -> {
                Map<String, Object> d = (Map<String, Object>) definition;
                Object value = given.containsKey(key) ? given.get(key) : d.get("Default");
                if (value == null) {
                    throw new IllegalStateException(stackName + ": parameter " + key + " has no default and no value");
                }
                String type = String.valueOf(d.get("Type"));
                parameters.put(
                        key,
                        type.startsWith("List<") || type.equals("CommaDelimitedList")
                                ? List.of(String.valueOf(value).split(","))
                                : String.valueOf(value));
            });
        }

        @SuppressWarnings("unchecked")
        Stack run() {
            Map<String, Object> conditionDefinitions =
                    (Map<String, Object>) template.getOrDefault("Conditions", Map.of());
            conditionDefinitions.keySet().forEach(name -> condition(name, conditionDefinitions));
            Map<String, Object> resources = new LinkedHashMap<>();
            rawResources.forEach((id, resource) -> {
                Map<String, Object> r = (Map<String, Object>) resource;
                if (r.containsKey("Condition") && !conditions.get((String) r.get("Condition"))) {
                    return;
                }
                resources.put(id, resolve(r));
            });
            Map<String, Object> outputs = new LinkedHashMap<>();
            Map<String, Object> outputDefinitions = (Map<String, Object>) template.getOrDefault("Outputs", Map.of());
            outputDefinitions.forEach((key, definition) -> {
                Map<String, Object> d = (Map<String, Object>) definition;
                if (d.containsKey("Condition") && !conditions.get((String) d.get("Condition"))) {
                    return;
                }
                Object value = resolve(d.get("Value"));
                outputs.put(key, value instanceof List<?> list ? String.join(",", (List<String>) list) : value);
                if (d.get("Export") instanceof Map<?, ?> export) {
                    String name = String.valueOf(resolve(export.get("Name")));
                    if (exports.putIfAbsent(name, String.valueOf(outputs.get(key))) != null) {
                        throw new IllegalStateException(stackName + " exports " + name + ", already exported");
                    }
                }
            });
            return new Stack(
                    suffix, stackName, template, Map.copyOf(parameters), Map.copyOf(conditions), resources, outputs);
        }

        private boolean condition(String name, Map<String, Object> definitions) {
            Boolean known = conditions.get(name);
            if (known != null) {
                return known;
            }
            Object definition = definitions.get(name);
            if (definition == null) {
                throw new IllegalStateException(stackName + ": no condition " + name);
            }
            boolean value = truth(definition, definitions);
            conditions.put(name, value);
            return value;
        }

        @SuppressWarnings("unchecked")
        private boolean truth(Object node, Map<String, Object> definitions) {
            Map<String, Object> fn = (Map<String, Object>) node;
            Map.Entry<String, Object> e = fn.entrySet().iterator().next();
            List<Object> args = e.getValue() instanceof List<?> l ? (List<Object>) l : List.of(e.getValue());
            return switch (e.getKey()) {
                case "Fn::Equals" ->
                    Objects.equals(String.valueOf(resolve(args.get(0))), String.valueOf(resolve(args.get(1))));
                case "Fn::Not" -> !truth(args.get(0), definitions);
                case "Fn::And" -> args.stream().allMatch(a -> truth(a, definitions));
                case "Fn::Or" -> args.stream().anyMatch(a -> truth(a, definitions));
                case "Condition" -> condition((String) e.getValue(), definitions);
                default -> throw new IllegalStateException(stackName + ": unknown condition function " + e.getKey());
            };
        }

        /** The value of a template node; {@link #NO_VALUE} marks an entry to drop. */
        @SuppressWarnings("unchecked")
        private Object resolve(Object node) {
            if (node instanceof List<?> list) {
                List<Object> out = new ArrayList<>();
                for (Object element : list) {
                    Object value = resolve(element);
                    if (!NO_VALUE.equals(value)) {
                        out.add(value);
                    }
                }
                return out;
            }
            if (!(node instanceof Map<?, ?> raw)) {
                return node;
            }
            Map<String, Object> map = (Map<String, Object>) raw;
            if (map.size() == 1) {
                String key = map.keySet().iterator().next();
                Object arg = map.get(key);
                switch (key) {
                    case "Ref":
                        return ref((String) arg);
                    case "Fn::Sub":
                        return sub(arg);
                    case "Fn::ImportValue": {
                        String name = String.valueOf(resolve(arg));
                        String value = exports.get(name);
                        if (value == null) {
                            throw new IllegalStateException(
                                    stackName + " imports " + name + ", which no earlier stack exports");
                        }
                        return value;
                    }
                    case "Fn::GetAtt": {
                        List<Object> parts = (List<Object>) arg;
                        return getAtt((String) parts.get(0), (String) parts.get(1));
                    }
                    case "Fn::If": {
                        List<Object> parts = (List<Object>) arg;
                        boolean holds = conditions.get((String) parts.get(0));
                        return resolve(parts.get(holds ? 1 : 2));
                    }
                    case "Fn::Join": {
                        List<Object> parts = (List<Object>) arg;
                        List<Object> values = (List<Object>) resolve(parts.get(1));
                        return String.join(
                                (String) parts.get(0),
                                values.stream().map(String::valueOf).toList());
                    }
                    case "Fn::Split": {
                        List<Object> parts = (List<Object>) arg;
                        return List.of(
                                String.valueOf(resolve(parts.get(1))).split(Pattern.quote((String) parts.get(0))));
                    }
                    case "Fn::Select": {
                        List<Object> parts = (List<Object>) arg;
                        List<Object> values = (List<Object>) resolve(parts.get(1));
                        return values.get(Integer.parseInt(String.valueOf(resolve(parts.get(0)))));
                    }
                    case "Fn::GetAZs":
                        return List.of(REGION + "a", REGION + "b", REGION + "c");
                    case "Fn::Cidr": {
                        List<Object> parts = (List<Object>) arg;
                        int count = Integer.parseInt(String.valueOf(resolve(parts.get(1))));
                        List<Object> cidrs = new ArrayList<>();
                        for (int i = 0; i < count; i++) {
                            cidrs.add("10.0." + i + ".0/24");
                        }
                        return cidrs;
                    }
                    case "Fn::Base64":
                        return resolve(arg);
                    default:
                        break;
                }
            }
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                Object value = resolve(v);
                if (!NO_VALUE.equals(value)) {
                    out.put(k, value);
                }
            });
            return out;
        }

        private Object ref(String name) {
            switch (name) {
                case "AWS::Region":
                    return REGION;
                case "AWS::AccountId":
                    return ACCOUNT;
                case "AWS::Partition":
                    return "aws";
                case "AWS::StackName":
                    return stackName;
                case "AWS::URLSuffix":
                    return "amazonaws.com";
                case NO_VALUE:
                    return NO_VALUE;
                default:
                    break;
            }
            if (parameters.containsKey(name)) {
                return parameters.get(name);
            }
            Map<String, Object> resource = rawResource(name);
            Map<String, Object> p = rawProperties(resource);
            return switch (String.valueOf(resource.get("Type"))) {
                case "AWS::CloudWatch::Alarm" -> resolve(p.get("AlarmName"));
                case "AWS::CloudWatch::Dashboard" -> resolve(p.get("DashboardName"));
                case "AWS::ECS::Cluster" -> resolve(p.get("ClusterName"));
                case "AWS::Logs::LogGroup" -> resolve(p.get("LogGroupName"));
                case "AWS::ECS::TaskDefinition" ->
                    "arn:aws:ecs:" + REGION + ":" + ACCOUNT + ":task-definition/" + resolve(p.get("Family")) + ":1";
                case "AWS::SNS::Topic" -> "arn:aws:sns:" + REGION + ":" + ACCOUNT + ":" + resolve(p.get("TopicName"));
                case "AWS::IAM::ManagedPolicy" ->
                    "arn:aws:iam::" + ACCOUNT + ":policy/" + resolve(p.get("ManagedPolicyName"));
                case "AWS::ECR::Repository" -> resolve(p.get("RepositoryName"));
                case "AWS::S3::Bucket" -> stackName + "-" + name.toLowerCase(java.util.Locale.ROOT) + "-1a2b3c4d5e6f";
                case "AWS::EC2::Subnet" -> "subnet-" + hex(name, 17);
                case "AWS::EC2::VPC" -> "vpc-" + hex(name, 17);
                default -> name;
            };
        }

        private Object getAtt(String logicalId, String attribute) {
            Map<String, Object> resource = rawResource(logicalId);
            Map<String, Object> p = rawProperties(resource);
            String type = String.valueOf(resource.get("Type"));
            return switch (type + "." + attribute) {
                case "AWS::ECS::Service.Name" -> resolve(p.get("ServiceName"));
                case "AWS::ElasticLoadBalancingV2::LoadBalancer.LoadBalancerFullName" ->
                    "app/" + resolve(p.get("Name")) + "/" + hex(logicalId, 16);
                case "AWS::ElasticLoadBalancingV2::LoadBalancer.DNSName" ->
                    resolve(p.get("Name")) + "-1234567890." + REGION + ".elb.amazonaws.com";
                case "AWS::ElasticLoadBalancingV2::TargetGroup.TargetGroupFullName" ->
                    "targetgroup/" + resolve(p.get("Name")) + "/" + hex(logicalId, 16);
                case "AWS::ECR::Repository.RepositoryUri" ->
                    ACCOUNT + ".dkr.ecr." + REGION + ".amazonaws.com/" + resolve(p.get("RepositoryName"));
                case "AWS::ECR::Repository.Arn" ->
                    "arn:aws:ecr:" + REGION + ":" + ACCOUNT + ":repository/" + resolve(p.get("RepositoryName"));
                case "AWS::ECS::Cluster.Arn" ->
                    "arn:aws:ecs:" + REGION + ":" + ACCOUNT + ":cluster/" + resolve(p.get("ClusterName"));
                case "AWS::Logs::LogGroup.Arn" ->
                    "arn:aws:logs:" + REGION + ":" + ACCOUNT + ":log-group:" + resolve(p.get("LogGroupName")) + ":*";
                case "AWS::CloudWatch::Alarm.Arn" ->
                    "arn:aws:cloudwatch:" + REGION + ":" + ACCOUNT + ":alarm:" + resolve(p.get("AlarmName"));
                case "AWS::S3::Bucket.Arn" -> "arn:aws:s3:::" + ref(logicalId);
                case "AWS::IAM::Role.Arn" -> "arn:aws:iam::" + ACCOUNT + ":role/" + stackName + "-" + logicalId;
                default -> logicalId + "." + attribute;
            };
        }

        @SuppressWarnings("unchecked")
        private Object sub(Object arg) {
            String text;
            Map<String, Object> variables = new LinkedHashMap<>();
            if (arg instanceof List<?> list) {
                text = (String) list.get(0);
                ((Map<String, Object>) list.get(1)).forEach((k, v) -> variables.put(k, resolve(v)));
            } else {
                text = (String) arg;
            }
            Matcher m = SUB_VARIABLE.matcher(text);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String name = m.group(1);
                Object value;
                if (variables.containsKey(name)) {
                    value = variables.get(name);
                } else if (name.contains(".") && !name.startsWith("AWS::")) {
                    int dot = name.indexOf('.');
                    value = getAtt(name.substring(0, dot), name.substring(dot + 1));
                } else {
                    value = ref(name);
                }
                if (value instanceof List<?> list) {
                    value = String.join(",", list.stream().map(String::valueOf).toList());
                }
                m.appendReplacement(out, Matcher.quoteReplacement(String.valueOf(value)));
            }
            m.appendTail(out);
            // ${!Literal} is a literal ${Literal} in Fn::Sub.
            return out.toString().replace("${!", "${");
        }

        @SuppressWarnings("unchecked")
        private Map<String, Object> rawResource(String logicalId) {
            Object resource = rawResources.get(logicalId);
            if (resource == null) {
                throw new IllegalStateException(
                        stackName + ": Ref/GetAtt to " + logicalId + ", which is neither a parameter nor a resource");
            }
            return (Map<String, Object>) resource;
        }

        @SuppressWarnings("unchecked")
        private static Map<String, Object> rawProperties(Map<String, Object> resource) {
            Object p = resource.get("Properties");
            return p == null ? Map.of() : (Map<String, Object>) p;
        }

        private static String hex(String seed, int length) {
            String h = Integer.toHexString(seed.hashCode() & 0x7fffffff);
            StringBuilder b = new StringBuilder();
            while (b.length() < length) {
                b.append(h);
            }
            return b.substring(0, length);
        }
    }
}
