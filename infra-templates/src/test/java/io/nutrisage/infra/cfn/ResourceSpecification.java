package io.nutrisage.infra.cfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * The CloudFormation resource specification from {@code @aws-cdk/aws-service-spec}'s {@code db.json.gz}.
 *
 * <p>The file is a serialized graph database: {@code schema.resource.entities} holds one entity per
 * resource type ({@code cloudFormationType}, {@code properties}, {@code attributes}), and
 * {@code schema.typeDefinition.entities} holds the property types that resources and other types point to
 * by {@code {"type": "ref", "reference": {"$ref": "<$id>"}}}. Property types are {@code string},
 * {@code integer}, {@code number}, {@code boolean}, {@code date-time}, {@code json}, {@code tag},
 * {@code array}/{@code map} (with an {@code element} type), {@code union} (with {@code types}) and
 * {@code ref}. Only what template checks need is kept.
 */
public final class ResourceSpecification {

    /** A property type. */
    public sealed interface PropertyType {}

    /** string, integer, number, boolean, date-time; {@code allowedValues} empty when unrestricted. */
    public record Primitive(String name, List<String> allowedValues) implements PropertyType {}

    /** Free-form JSON (a mapping or a JSON string). */
    public record Json() implements PropertyType {}

    /** {@code {Key: ..., Value: ...}}. */
    public record TagType() implements PropertyType {}

    public record ListOf(PropertyType element) implements PropertyType {}

    public record MapOf(PropertyType element) implements PropertyType {}

    public record OneOf(List<PropertyType> alternatives) implements PropertyType {}

    /** A structured type, resolved lazily because type definitions refer to each other. */
    public record Struct(String id, ResourceSpecification specification) implements PropertyType {
        public TypeDefinition definition() {
            return specification.typeDefinitions.get(id);
        }

        @Override
        public String toString() {
            return "Struct[" + id + "]";
        }
    }

    public record Property(String name, PropertyType type, boolean required) {}

    public record TypeDefinition(String name, Map<String, Property> properties) {}

    public record ResourceType(String name, Map<String, Property> properties, Set<String> attributes) {}

    private final Map<String, ResourceType> resourceTypes = new HashMap<>();
    private final Map<String, TypeDefinition> typeDefinitions = new HashMap<>();

    private ResourceSpecification() {}

    /** Reads {@code db.json.gz}; fails with the path in the message when it is missing or not the expected shape. */
    public static ResourceSpecification load(Path dbJsonGz) {
        if (!Files.isRegularFile(dbJsonGz)) {
            throw new IllegalStateException("CloudFormation resource specification not found at " + dbJsonGz
                    + " (fetched by the build from npm @aws-cdk/aws-service-spec: run ./mvnw verify)");
        }
        JsonNode root;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(dbJsonGz), 1 << 16)) {
            root = new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + dbJsonGz + ": " + e.getMessage(), e);
        }
        JsonNode resources = root.path("schema").path("resource").path("entities");
        JsonNode types = root.path("schema").path("typeDefinition").path("entities");
        if (!resources.isArray() || !types.isArray() || resources.isEmpty()) {
            throw new IllegalStateException(dbJsonGz
                    + " has no schema.resource.entities / schema.typeDefinition.entities arrays: has the"
                    + " @aws-cdk/aws-service-spec format changed?");
        }
        ResourceSpecification spec = new ResourceSpecification();
        for (JsonNode type : types) {
            spec.typeDefinitions.put(
                    type.path("$id").asText(),
                    new TypeDefinition(type.path("name").asText(), spec.properties(type.path("properties"))));
        }
        for (JsonNode resource : resources) {
            String name = resource.path("cloudFormationType").asText();
            Set<String> attributes = new HashSet<>();
            resource.path("attributes").fieldNames().forEachRemaining(attributes::add);
            spec.resourceTypes.put(
                    name, new ResourceType(name, spec.properties(resource.path("properties")), Set.copyOf(attributes)));
        }
        return spec;
    }

    public Optional<ResourceType> resourceType(String cloudFormationType) {
        return Optional.ofNullable(resourceTypes.get(cloudFormationType));
    }

    public int resourceTypeCount() {
        return resourceTypes.size();
    }

    private Map<String, Property> properties(JsonNode properties) {
        Map<String, Property> result = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : properties.properties()) {
            JsonNode property = entry.getValue();
            result.put(
                    entry.getKey(),
                    new Property(
                            entry.getKey(),
                            type(property.path("type")),
                            property.path("required").asBoolean(false)));
        }
        return Map.copyOf(result);
    }

    private PropertyType type(JsonNode type) {
        String kind = type.path("type").asText();
        return switch (kind) {
            case "string", "integer", "number", "boolean", "date-time" -> {
                List<String> allowed = new ArrayList<>();
                type.path("allowedValues").forEach(value -> allowed.add(value.asText()));
                yield new Primitive(kind, List.copyOf(allowed));
            }
            case "json" -> new Json();
            case "tag" -> new TagType();
            case "array" -> new ListOf(type(type.path("element")));
            case "map" -> new MapOf(type(type.path("element")));
            case "union" -> {
                List<PropertyType> alternatives = new ArrayList<>();
                type.path("types").forEach(alternative -> alternatives.add(type(alternative)));
                yield new OneOf(List.copyOf(alternatives));
            }
            case "ref" -> new Struct(type.path("reference").path("$ref").asText(), this);
            default -> throw new IllegalStateException("unknown property type kind '" + kind + "' in the spec");
        };
    }
}
