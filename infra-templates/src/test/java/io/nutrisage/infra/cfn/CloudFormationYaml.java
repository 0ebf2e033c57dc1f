package io.nutrisage.infra.cfn;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads CloudFormation YAML into plain maps and lists, turning the short-form intrinsic tags
 * ({@code !Ref x}, {@code !Sub s}, {@code !GetAtt A.b}, ...) into their long JSON form ({@code {"Ref": x}},
 * {@code {"Fn::Sub": s}}, {@code {"Fn::GetAtt": ["A", "b"]}}), as CloudFormation itself does.
 */
public final class CloudFormationYaml {

    /** Short-form tags and the long-form keys they stand for. */
    static final Map<String, String> SHORT_FORM_TAGS = Map.ofEntries(
            Map.entry("!Ref", "Ref"),
            Map.entry("!Condition", "Condition"),
            Map.entry("!Sub", "Fn::Sub"),
            Map.entry("!GetAtt", "Fn::GetAtt"),
            Map.entry("!If", "Fn::If"),
            Map.entry("!Join", "Fn::Join"),
            Map.entry("!Select", "Fn::Select"),
            Map.entry("!GetAZs", "Fn::GetAZs"),
            Map.entry("!Equals", "Fn::Equals"),
            Map.entry("!Not", "Fn::Not"),
            Map.entry("!And", "Fn::And"),
            Map.entry("!Or", "Fn::Or"),
            Map.entry("!FindInMap", "Fn::FindInMap"),
            Map.entry("!Split", "Fn::Split"),
            Map.entry("!ImportValue", "Fn::ImportValue"),
            Map.entry("!Base64", "Fn::Base64"),
            Map.entry("!Cidr", "Fn::Cidr"));

    private CloudFormationYaml() {}

    /** Parses a template file; the message of the exception names the file and the line. */
    public static Map<String, Object> parse(Path template) {
        try (Reader reader = Files.newBufferedReader(template, StandardCharsets.UTF_8)) {
            return parse(reader, template.toString());
        } catch (IOException e) {
            throw new TemplateException(template + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Parses template text; {@code source} names it in error messages. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parse(Reader reader, String source) {
        LoaderOptions options = new LoaderOptions();
        // CloudFormation rejects duplicate keys; YAML parsers silently keep the last one by default.
        options.setAllowDuplicateKeys(false);
        Yaml yaml = new Yaml(new IntrinsicConstructor(options));
        Object document;
        try {
            document = yaml.load(reader);
        } catch (YAMLException e) {
            throw new TemplateException(source + ": not valid YAML: " + e.getMessage(), e);
        }
        if (!(document instanceof Map<?, ?> map)) {
            throw new TemplateException(source + ": a template must be a YAML mapping at the top level");
        }
        return (Map<String, Object>) map;
    }

    private static final class IntrinsicConstructor extends SafeConstructor {
        IntrinsicConstructor(LoaderOptions options) {
            super(options);
            SHORT_FORM_TAGS.forEach((tag, longForm) -> yamlConstructors.put(new Tag(tag), new LongForm(longForm)));
        }

        private final class LongForm extends AbstractConstruct {
            private final String key;

            LongForm(String key) {
                this.key = key;
            }

            @Override
            public Object construct(Node node) {
                return Map.of(key, argument(node));
            }

            private Object argument(Node node) {
                return switch (node) {
                    case ScalarNode scalar when key.equals("Fn::GetAtt") -> getAttArgument(scalar);
                    case ScalarNode scalar -> constructScalar(scalar);
                    case SequenceNode sequence -> constructSequence(sequence);
                    case MappingNode mapping -> constructMapping(mapping);
                    default -> throw new YAMLException("unsupported node for " + key + " at " + node.getStartMark());
                };
            }

            /** {@code !GetAtt Resource.Attribute.Nested} = {@code ["Resource", "Attribute.Nested"]}. */
            private List<String> getAttArgument(ScalarNode scalar) {
                String value = constructScalar(scalar);
                int dot = value.indexOf('.');
                if (dot <= 0 || dot == value.length() - 1) {
                    throw new YAMLException(
                            "!GetAtt needs Resource.Attribute, got '" + value + "' at " + scalar.getStartMark());
                }
                return List.of(value.substring(0, dot), value.substring(dot + 1));
            }
        }
    }
}
