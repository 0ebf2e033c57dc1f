package io.nutrisage.infra;

import io.nutrisage.infra.cfn.CloudFormationYaml;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The stacks of {@code stacks.conf} in deployment order, with their parsed templates. Tests run in the module directory. */
record Stacks(List<Stack> inOrder) {
    static final Path MODULE = Path.of("").toAbsolutePath();
    static final Path TEMPLATES = MODULE.resolve("templates");

    record Stack(String suffix, Path template) {
        Map<String, Object> parse() {
            return CloudFormationYaml.parse(template);
        }

        @Override
        public String toString() {
            return suffix;
        }
    }

    static Stacks load() {
        try {
            List<Stack> stacks = Files.readAllLines(MODULE.resolve("stacks.conf")).stream()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .map(line -> line.split("\\s+"))
                    .map(fields -> new Stack(fields[0], TEMPLATES.resolve(fields[1])))
                    .toList();
            return new Stacks(stacks);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Templates not in stacks.conf, deployed on their own by those who want them (templates/optional). */
    static final Path OPTIONAL = TEMPLATES.resolve("optional");

    /** For {@code @MethodSource}: every template of stacks.conf, then the optional ones; all get the same checks. */
    static List<Stack> withOptional() {
        List<Stack> all = new java.util.ArrayList<>(all());
        try (var files = Files.list(OPTIONAL)) {
            files.filter(f -> f.toString().endsWith(".yaml"))
                    .sorted()
                    .forEach(f -> all.add(
                            new Stack("optional/" + f.getFileName().toString().replace(".yaml", ""), f)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all;
    }

    /** For {@code @MethodSource}: every template in deployment order. */
    static List<Stack> all() {
        return load().inOrder();
    }

    static Stack named(String suffix) {
        return all().stream()
                .filter(stack -> stack.suffix().equals(suffix))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no stack " + suffix + " in stacks.conf"));
    }
}
