package io.nutrisage.infra.cfn;

import io.nutrisage.infra.cfn.ResourceSpecification.Json;
import io.nutrisage.infra.cfn.ResourceSpecification.ListOf;
import io.nutrisage.infra.cfn.ResourceSpecification.MapOf;
import io.nutrisage.infra.cfn.ResourceSpecification.OneOf;
import io.nutrisage.infra.cfn.ResourceSpecification.Primitive;
import io.nutrisage.infra.cfn.ResourceSpecification.Property;
import io.nutrisage.infra.cfn.ResourceSpecification.PropertyType;
import io.nutrisage.infra.cfn.ResourceSpecification.ResourceType;
import io.nutrisage.infra.cfn.ResourceSpecification.Struct;
import io.nutrisage.infra.cfn.ResourceSpecification.TagType;
import io.nutrisage.infra.cfn.ResourceSpecification.TypeDefinition;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a parsed template against the CloudFormation resource specification: resource types and
 * property names exist, required properties are present, literal values have the right types (and one
 * of the allowed values where the spec lists them), {@code GetAtt} attributes exist, and every
 * {@code Ref}/{@code GetAtt}/{@code Sub} target and every condition name resolves.
 *
 * <p>Like CloudFormation, a string property accepts any scalar, and integer/number/boolean properties
 * accept strings that parse as such. Results of intrinsic functions are only checked for their shape
 * (a {@code Fn::Join} is a string, a {@code Fn::Split} a list).
 */
public final class TemplateLinter {

    static final Set<String> PSEUDO_PARAMETERS = Set.of(
            "AWS::AccountId",
            "AWS::NotificationARNs",
            "AWS::NoValue",
            "AWS::Partition",
            "AWS::Region",
            "AWS::StackId",
            "AWS::StackName",
            "AWS::URLSuffix");

    private static final Set<String> TOP_LEVEL_SECTIONS = Set.of(
            "AWSTemplateFormatVersion",
            "Description",
            "Metadata",
            "Parameters",
            "Rules",
            "Mappings",
            "Conditions",
            "Transform",
            "Resources",
            "Outputs");

    private static final Set<String> RESOURCE_KEYS = Set.of(
            "Type",
            "Properties",
            "DependsOn",
            "Condition",
            "Metadata",
            "DeletionPolicy",
            "UpdateReplacePolicy",
            "CreationPolicy",
            "UpdatePolicy");

    private static final Set<String> SIMPLE_PARAMETER_TYPES =
            Set.of("String", "Number", "List<Number>", "CommaDelimitedList");

    private static final Set<String> STRING_RESULTS = Set.of("Fn::Join", "Fn::Sub", "Fn::Base64");
    private static final Set<String> LIST_RESULTS = Set.of("Fn::Split", "Fn::GetAZs", "Fn::Cidr");
    private static final Set<String> INTRINSICS = Set.of(
            "Ref",
            "Fn::Base64",
            "Fn::Cidr",
            "Fn::FindInMap",
            "Fn::GetAtt",
            "Fn::GetAZs",
            "Fn::ImportValue",
            "Fn::Join",
            "Fn::Select",
            "Fn::Split",
            "Fn::Sub",
            "Fn::Transform",
            "Fn::If",
            "Fn::Length",
            "Fn::ToJsonString");

    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^!}][^}]*)}");
    private static final Pattern INTEGER = Pattern.compile("-?\\d+");
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");

    private final ResourceSpecification specification;

    public TemplateLinter(ResourceSpecification specification) {
        this.specification = Objects.requireNonNull(specification);
    }

    public List<Finding> lint(Map<String, Object> template) {
        return new Run(template).findings;
    }

    /** The state of checking one template. */
    private final class Run {
        final List<Finding> findings = new ArrayList<>();
        final Map<String, Object> parameters;
        final Map<String, String> resourceTypes = new LinkedHashMap<>();
        /** Resources that exist only under a condition: name -> condition. */
        final Map<String, String> resourceConditions = new LinkedHashMap<>();

        final Map<String, Object> conditions;
        final Map<String, Object> mappings;

        Run(Map<String, Object> template) {
            template.keySet().stream()
                    .filter(section -> !TOP_LEVEL_SECTIONS.contains(section))
                    .forEach(section -> add(section, "unknown top-level section '" + section + "'"));
            parameters = section(template, "Parameters");
            conditions = section(template, "Conditions");
            mappings = section(template, "Mappings");
            Map<String, Object> resources = section(template, "Resources");
            if (resources.isEmpty()) {
                add("Resources", "a template needs at least one resource");
            }
            resources.forEach((name, resource) -> {
                if (resource instanceof Map<?, ?> map && map.get("Type") instanceof String type) {
                    resourceTypes.put(name, type);
                    if (map.get("Condition") instanceof String condition) {
                        resourceConditions.put(name, condition);
                    }
                }
            });
            parameters.forEach(this::checkParameter);
            conditions.forEach((name, condition) -> walkReferences(condition, "Conditions." + name, Scope.CONDITIONS));
            resources.forEach(this::checkResource);
            checkOutputs(section(template, "Outputs"));
        }

        private Map<String, Object> section(Map<String, Object> template, String name) {
            Object section = template.get(name);
            if (section == null) {
                return Map.of();
            }
            if (section instanceof Map<?, ?> map) {
                return asStringMap(map);
            }
            add(name, "must be a mapping");
            return Map.of();
        }

        private void checkParameter(String name, Object parameter) {
            String path = "Parameters." + name;
            if (!(parameter instanceof Map<?, ?> raw)) {
                add(path, "must be a mapping");
                return;
            }
            Map<String, Object> definition = asStringMap(raw);
            if (!(definition.get("Type") instanceof String type)) {
                add(path, "missing Type");
                return;
            }
            if (!SIMPLE_PARAMETER_TYPES.contains(type) && !type.startsWith("AWS::") && !type.startsWith("List<AWS::")) {
                add(path + ".Type", "unknown parameter type '" + type + "'");
            }
            Object defaultValue = definition.get("Default");
            if (defaultValue != null) {
                if (type.equals("Number")
                        && !NUMBER.matcher(String.valueOf(defaultValue)).matches()) {
                    add(path + ".Default", "expected a number for a Number parameter, got '" + defaultValue + "'");
                }
                if (definition.get("AllowedValues") instanceof List<?> allowed
                        && allowed.stream().map(String::valueOf).noneMatch(String.valueOf(defaultValue)::equals)) {
                    add(path + ".Default", "default '" + defaultValue + "' is not one of the AllowedValues " + allowed);
                }
                if (definition.get("AllowedPattern") instanceof String pattern
                        && !String.valueOf(defaultValue).matches(pattern)) {
                    add(path + ".Default", "default '" + defaultValue + "' does not match AllowedPattern " + pattern);
                }
            }
        }

        private void checkResource(String name, Object resource) {
            String path = "Resources." + name;
            if (!(resource instanceof Map<?, ?> raw)) {
                add(path, "must be a mapping");
                return;
            }
            Map<String, Object> definition = asStringMap(raw);
            definition.keySet().stream()
                    .filter(key -> !RESOURCE_KEYS.contains(key))
                    .forEach(key -> add(path + "." + key, "unknown resource attribute '" + key + "'"));
            Scope scope = Scope.of(definition.get("Condition"));
            if (definition.get("Condition") instanceof String condition) {
                checkCondition(condition, path + ".Condition");
            }
            checkDependsOn(definition.get("DependsOn"), path + ".DependsOn", scope);
            walkReferences(definition.get("Metadata"), path + ".Metadata", scope);
            Object properties = definition.get("Properties");
            walkReferences(properties, path + ".Properties", scope);

            if (!(definition.get("Type") instanceof String type)) {
                add(path, "missing Type");
                return;
            }
            if (type.startsWith("Custom::") || type.equals("AWS::CloudFormation::CustomResource")) {
                return;
            }
            ResourceType resourceType = specification.resourceType(type).orElse(null);
            if (resourceType == null) {
                add(path + ".Type", "unknown resource type '" + type + "'");
                return;
            }
            if (properties == null) {
                checkProperties(Map.of(), resourceType.properties(), path + ".Properties", type);
            } else if (properties instanceof Map<?, ?> map && !isIntrinsic(map)) {
                checkProperties(asStringMap(map), resourceType.properties(), path + ".Properties", type);
            } else if (!(properties instanceof Map<?, ?>)) {
                add(path + ".Properties", "must be a mapping");
            }
        }

        private void checkDependsOn(Object dependsOn, String path, Scope scope) {
            List<?> targets =
                    dependsOn instanceof List<?> list ? list : dependsOn == null ? List.of() : List.of(dependsOn);
            for (Object target : targets) {
                if (!resourceTypes.containsKey(String.valueOf(target))) {
                    add(path, "DependsOn '" + target + "': no such resource");
                } else {
                    checkConditionalTarget(String.valueOf(target), path, scope, "DependsOn");
                }
            }
        }

        /** A resource that exists only under a condition may be used only under that condition or inside Fn::If. */
        private void checkConditionalTarget(String resource, String path, Scope scope, String what) {
            String condition = resourceConditions.get(resource);
            if (condition != null && !scope.guarded() && !condition.equals(scope.condition())) {
                add(
                        path,
                        what + ": '" + resource + "' exists only when condition '" + condition
                                + "' is true; use Fn::If or the same Condition here");
            }
        }

        private void checkOutputs(Map<String, Object> outputs) {
            Set<Object> exportNames = new HashSet<>();
            outputs.forEach((name, output) -> {
                String path = "Outputs." + name;
                if (!(output instanceof Map<?, ?> raw)) {
                    add(path, "must be a mapping");
                    return;
                }
                Map<String, Object> definition = asStringMap(raw);
                if (!definition.containsKey("Value")) {
                    add(path, "missing Value");
                }
                Scope scope = Scope.of(definition.get("Condition"));
                if (definition.get("Condition") instanceof String condition) {
                    checkCondition(condition, path + ".Condition");
                }
                walkReferences(definition.get("Value"), path + ".Value", scope);
                if (definition.get("Export") instanceof Map<?, ?> export) {
                    Object exportName = export.get("Name");
                    walkReferences(exportName, path + ".Export.Name", scope);
                    if (exportName != null && !exportNames.add(exportName)) {
                        add(path + ".Export.Name", "export name " + exportName + " is used twice");
                    }
                }
            });
        }

        // ---- references ------------------------------------------------------------------------------

        private void walkReferences(Object node, String path, Scope scope) {
            if (node instanceof Map<?, ?> raw) {
                Map<String, Object> map = asStringMap(raw);
                if (map.size() == 1) {
                    Map.Entry<String, Object> entry = map.entrySet().iterator().next();
                    if (checkIntrinsic(entry.getKey(), entry.getValue(), path, scope)) {
                        return;
                    }
                }
                map.forEach((key, value) -> walkReferences(value, path + "." + key, scope));
            } else if (node instanceof List<?> list) {
                for (int i = 0; i < list.size(); i++) {
                    walkReferences(list.get(i), path + "[" + i + "]", scope);
                }
            }
        }

        /** Returns true when the intrinsic has been handled completely (its arguments included). */
        private boolean checkIntrinsic(String function, Object argument, String path, Scope scope) {
            switch (function) {
                case "Ref" -> {
                    checkRef(String.valueOf(argument), path, scope);
                    return true;
                }
                case "Condition" -> {
                    if (scope.inConditions()) {
                        checkCondition(String.valueOf(argument), path);
                        return true;
                    }
                    return false;
                }
                case "Fn::GetAtt" -> {
                    checkGetAtt(argument, path, scope);
                    return true;
                }
                case "Fn::Sub" -> {
                    checkSub(argument, path, scope);
                    return true;
                }
                case "Fn::If" -> {
                    if (!(argument instanceof List<?> list) || list.size() != 3) {
                        add(path, "Fn::If needs [condition, value if true, value if false]");
                        return true;
                    }
                    checkCondition(String.valueOf(list.get(0)), path);
                    walkReferences(list.get(1), path + "[1]", scope.guarded(true));
                    walkReferences(list.get(2), path + "[2]", scope.guarded(true));
                    return true;
                }
                case "Fn::FindInMap" -> {
                    if (argument instanceof List<?> list
                            && !list.isEmpty()
                            && list.get(0) instanceof String mapping
                            && !mappings.containsKey(mapping)) {
                        add(path, "FindInMap '" + mapping + "': no such mapping");
                    }
                    walkReferences(argument, path, scope);
                    return true;
                }
                default -> {
                    return false;
                }
            }
        }

        private void checkRef(String target, String path, Scope scope) {
            if (PSEUDO_PARAMETERS.contains(target) || parameters.containsKey(target)) {
                return;
            }
            if (resourceTypes.containsKey(target)) {
                if (scope.inConditions()) {
                    add(path, "Ref to resource '" + target + "': conditions may only refer to parameters");
                } else {
                    checkConditionalTarget(target, path, scope, "Ref");
                }
                return;
            }
            add(path, "Ref to '" + target + "': no such parameter, resource or pseudo parameter");
        }

        private void checkGetAtt(Object argument, String path, Scope scope) {
            String resource;
            Object attribute;
            if (argument instanceof List<?> list && list.size() == 2) {
                resource = String.valueOf(list.get(0));
                attribute = list.get(1);
            } else if (argument instanceof String dotted && dotted.indexOf('.') > 0) {
                resource = dotted.substring(0, dotted.indexOf('.'));
                attribute = dotted.substring(dotted.indexOf('.') + 1);
            } else {
                add(path, "Fn::GetAtt needs [resource, attribute], got " + argument);
                return;
            }
            if (attribute instanceof String name) {
                checkAttribute(resource, name, path, "GetAtt " + resource + "." + name, scope);
            } else {
                checkAttribute(resource, null, path, "GetAtt " + resource, scope);
                walkReferences(attribute, path, scope);
            }
        }

        private void checkAttribute(String resource, String attribute, String path, String what, Scope scope) {
            String type = resourceTypes.get(resource);
            if (type == null) {
                add(path, what + ": no such resource '" + resource + "'");
                return;
            }
            checkConditionalTarget(resource, path, scope, what);
            if (attribute == null
                    || type.startsWith("Custom::")
                    || type.equals("AWS::CloudFormation::CustomResource")
                    || (type.equals("AWS::CloudFormation::Stack") && attribute.startsWith("Outputs."))) {
                return;
            }
            specification.resourceType(type).ifPresent(spec -> {
                if (!spec.attributes().contains(attribute)) {
                    add(
                            path,
                            what + ": " + type + " has no attribute '" + attribute + "' (has " + spec.attributes()
                                    + ")");
                }
            });
        }

        private void checkSub(Object argument, String path, Scope scope) {
            String text;
            Map<String, Object> variables = Map.of();
            if (argument instanceof String string) {
                text = string;
            } else if (argument instanceof List<?> list
                    && list.size() == 2
                    && list.get(0) instanceof String string
                    && list.get(1) instanceof Map<?, ?> map) {
                text = string;
                variables = asStringMap(map);
                variables.forEach((name, value) -> walkReferences(value, path + "[1]." + name, scope));
            } else {
                add(path, "Fn::Sub needs a string or [string, {variables}]");
                return;
            }
            Matcher matcher = SUB_VARIABLE.matcher(text);
            while (matcher.find()) {
                String variable = matcher.group(1);
                if (variables.containsKey(variable)
                        || PSEUDO_PARAMETERS.contains(variable)
                        || parameters.containsKey(variable)) {
                    continue;
                }
                if (resourceTypes.containsKey(variable)) {
                    checkConditionalTarget(variable, path, scope, "Sub variable ${" + variable + "}");
                    continue;
                }
                int dot = variable.indexOf('.');
                if (dot > 0 && resourceTypes.containsKey(variable.substring(0, dot))) {
                    checkAttribute(
                            variable.substring(0, dot),
                            variable.substring(dot + 1),
                            path,
                            "Sub variable ${" + variable + "}",
                            scope);
                } else {
                    add(path, "Sub variable ${" + variable + "}: no such parameter, resource or pseudo parameter");
                }
            }
        }

        private void checkCondition(String name, String path) {
            if (!conditions.containsKey(name)) {
                add(path, "unknown condition '" + name + "'");
            }
        }

        // ---- property types --------------------------------------------------------------------------

        private void checkProperties(
                Map<String, Object> values, Map<String, Property> properties, String path, String owner) {
            values.forEach((name, value) -> {
                Property property = properties.get(name);
                if (property == null) {
                    String hint = properties.keySet().stream()
                            .filter(known -> known.equalsIgnoreCase(name))
                            .findFirst()
                            .map(known -> " (did you mean '" + known + "'?)")
                            .orElse("");
                    add(path + "." + name, "unknown property '" + name + "' of " + owner + hint);
                } else {
                    checkValue(value, property.type(), path + "." + name);
                }
            });
            properties.values().stream()
                    .filter(Property::required)
                    .filter(property -> !values.containsKey(property.name()))
                    .forEach(property -> add(path, "missing required property '" + property.name() + "' of " + owner));
        }

        private void checkValue(Object value, PropertyType type, String path) {
            if (value instanceof Map<?, ?> map && isIntrinsic(map)) {
                checkIntrinsicResult(asStringMap(map), type, path);
                return;
            }
            switch (type) {
                case Primitive primitive -> checkPrimitive(value, primitive, path);
                case Json json -> {}
                case TagType tag -> {
                    if (!(value instanceof Map<?, ?> map) || !map.containsKey("Key")) {
                        add(path, "expected a tag {Key, Value}, got " + describe(value));
                    }
                }
                case ListOf listOf -> {
                    if (value instanceof List<?> list) {
                        for (int i = 0; i < list.size(); i++) {
                            checkValue(list.get(i), listOf.element(), path + "[" + i + "]");
                        }
                    } else {
                        add(path, "expected a list, got " + describe(value));
                    }
                }
                case MapOf mapOf -> {
                    if (value instanceof Map<?, ?> map) {
                        asStringMap(map)
                                .forEach((key, element) -> checkValue(element, mapOf.element(), path + "." + key));
                    } else {
                        add(path, "expected a mapping, got " + describe(value));
                    }
                }
                case OneOf oneOf -> checkOneOf(value, oneOf, path);
                case Struct struct -> {
                    TypeDefinition definition = struct.definition();
                    if (definition == null) {
                        return;
                    }
                    if (value instanceof Map<?, ?> map) {
                        checkProperties(asStringMap(map), definition.properties(), path, definition.name());
                    } else {
                        add(path, "expected a mapping (" + definition.name() + "), got " + describe(value));
                    }
                }
            }
        }

        private void checkIntrinsicResult(Map<String, Object> intrinsic, PropertyType type, String path) {
            Map.Entry<String, Object> entry = intrinsic.entrySet().iterator().next();
            String function = entry.getKey();
            if (function.equals("Fn::If") && entry.getValue() instanceof List<?> branches && branches.size() == 3) {
                for (int branch = 1; branch <= 2; branch++) {
                    Object value = branches.get(branch);
                    if (!(value instanceof Map<?, ?> map && "AWS::NoValue".equals(map.get("Ref")))) {
                        checkValue(value, type, path + "[" + branch + "]");
                    }
                }
                return;
            }
            boolean scalarExpected = type instanceof Primitive;
            boolean listExpected = type instanceof ListOf;
            if (STRING_RESULTS.contains(function)
                    && !scalarExpected
                    && !(type instanceof Json)
                    && !(type instanceof OneOf)) {
                add(path, "expected " + describe(type) + ", got " + function + " (a string)");
            }
            if (LIST_RESULTS.contains(function)
                    && !listExpected
                    && !(type instanceof Json)
                    && !(type instanceof OneOf)) {
                add(path, "expected " + describe(type) + ", got " + function + " (a list)");
            }
        }

        private void checkPrimitive(Object value, Primitive primitive, String path) {
            if (value instanceof Map<?, ?> || value instanceof List<?>) {
                add(path, "expected " + primitive.name() + ", got " + describe(value));
                return;
            }
            String text = String.valueOf(value);
            boolean ok =
                    switch (primitive.name()) {
                        case "integer" ->
                            value instanceof Integer
                                    || value instanceof Long
                                    || value instanceof BigInteger
                                    || (value instanceof String
                                            && INTEGER.matcher(text).matches());
                        case "number" ->
                            value instanceof Number
                                    || (value instanceof String
                                            && NUMBER.matcher(text).matches());
                        case "boolean" ->
                            value instanceof Boolean || text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false");
                        default -> value != null;
                    };
            if (!ok) {
                add(path, "expected " + primitive.name() + ", got " + describe(value));
                return;
            }
            if (!primitive.allowedValues().isEmpty()
                    && !primitive.allowedValues().contains(text)) {
                add(path, "value '" + text + "' is not one of " + primitive.allowedValues());
            }
        }

        private void checkOneOf(Object value, OneOf oneOf, String path) {
            for (PropertyType alternative : oneOf.alternatives()) {
                Run scratch = scratch();
                scratch.checkValue(value, alternative, path);
                if (scratch.findings.isEmpty()) {
                    return;
                }
            }
            add(
                    path,
                    "expected one of "
                            + oneOf.alternatives().stream()
                                    .map(TemplateLinter::describe)
                                    .toList() + ", got " + describe(value));
        }

        private Run scratch() {
            return new Run(this);
        }

        /** A throwaway copy that collects findings separately (used to try union alternatives). */
        Run(Run parent) {
            parameters = parent.parameters;
            conditions = parent.conditions;
            mappings = parent.mappings;
            resourceTypes.putAll(parent.resourceTypes);
        }

        private void add(String path, String message) {
            findings.add(new Finding(path, message));
        }
    }

    /**
     * Where a reference sits: in the Conditions section, under a resource or output Condition, and whether inside
     * a Fn::If branch (there a conditional target may be fine: conditions are not evaluated).
     */
    private record Scope(boolean inConditions, String condition, boolean guarded) {
        static final Scope CONDITIONS = new Scope(true, null, false);

        static Scope of(Object condition) {
            return new Scope(false, condition instanceof String name ? name : null, false);
        }

        Scope guarded(boolean value) {
            return new Scope(inConditions, condition, value);
        }
    }

    private static boolean isIntrinsic(Map<?, ?> map) {
        return map.size() == 1
                && INTRINSICS.contains(String.valueOf(map.keySet().iterator().next()));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asStringMap(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }

    private static String describe(Object value) {
        return switch (value) {
            case null -> "null";
            case Map<?, ?> map -> "a mapping";
            case List<?> list -> "a list";
            case String string -> "string '" + string + "'";
            case Boolean bool -> "boolean " + bool;
            default -> "number " + value;
        };
    }

    private static String describe(PropertyType type) {
        return switch (type) {
            case Primitive primitive -> primitive.name();
            case Json json -> "json";
            case TagType tag -> "a tag";
            case ListOf listOf -> "a list";
            case MapOf mapOf -> "a mapping";
            case OneOf oneOf -> "one of " + oneOf.alternatives().size() + " types";
            case Struct struct ->
                struct.definition() == null
                        ? "a mapping"
                        : "a mapping (" + struct.definition().name() + ")";
        };
    }
}
