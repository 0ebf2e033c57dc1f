package io.nutrisage.infra.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An image as Jib's {@code buildTar} wrote it: the Docker image archive ({@code manifest.json}, the config, one
 * gzipped tar per layer) and the digest file beside it. The config fields are those of the Docker image specification
 * that a container runtime applies: {@code User}, {@code Entrypoint}, {@code Cmd}, {@code Env}, {@code WorkingDir},
 * {@code ExposedPorts}, {@code Labels}.
 *
 * @see <a href="https://github.com/moby/docker-image-spec/blob/main/spec.md">Docker image specification v1.3</a>
 */
public final class ContainerImage {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path archive;
    private final String digest;
    private final JsonNode manifest;
    private final JsonNode config;

    private ContainerImage(Path archive, String digest, JsonNode manifest, JsonNode config) {
        this.archive = archive;
        this.digest = digest;
        this.manifest = manifest;
        this.config = config;
    }

    /**
     * Reads the image a Jib execution wrote to {@code directory} ({@code image.tar}, {@code image.digest}), with a
     * message naming the build step when it is missing.
     */
    public static ContainerImage builtIn(Path directory) {
        Path archive = directory.resolve("image.tar");
        if (!Files.isRegularFile(archive)) {
            throw new AssertionError(archive + " is missing: the module's package phase builds it (jib:buildTar,"
                    + " execution contract-image), e.g. ./mvnw -pl infra-templates -am verify");
        }
        try {
            String digest = Files.readString(directory.resolve("image.digest")).strip();
            JsonNode manifest = JSON.readTree(entry(archive, "manifest.json")).get(0);
            JsonNode config =
                    JSON.readTree(entry(archive, manifest.get("Config").asText()));
            return new ContainerImage(archive, digest, manifest, config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String digest() {
        return digest;
    }

    public String user() {
        return config.path("config").path("User").asText("");
    }

    public List<String> entrypoint() {
        return strings(config.path("config").path("Entrypoint"));
    }

    public List<String> cmd() {
        return strings(config.path("config").path("Cmd"));
    }

    public String workingDir() {
        return config.path("config").path("WorkingDir").asText("/");
    }

    /** {@code Env} as name to value, in the image's order. */
    public Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>();
        for (String pair : strings(config.path("config").path("Env"))) {
            int eq = pair.indexOf('=');
            env.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return env;
    }

    /** {@code ExposedPorts} keys, such as {@code 8000/tcp}. */
    public List<String> exposedPorts() {
        List<String> ports = new ArrayList<>();
        config.path("config").path("ExposedPorts").fieldNames().forEachRemaining(ports::add);
        return ports;
    }

    public Map<String, String> labels() {
        Map<String, String> labels = new LinkedHashMap<>();
        config.path("config")
                .path("Labels")
                .fields()
                .forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        return labels;
    }

    /** The config's {@code created} time and each history entry's: a reproducible build has fixed ones. */
    public List<String> creationTimes() {
        List<String> times = new ArrayList<>();
        times.add(config.path("created").asText());
        config.path("history").forEach(h -> times.add(h.path("created").asText()));
        return times;
    }

    /** Unpacks every layer, in order, into {@code root}: the image's file system. */
    public Path unpackInto(Path root) {
        try {
            Files.createDirectories(root);
            Path layers = Files.createTempDirectory(root.getParent(), "layers");
            tar("-xf", archive.toString(), "-C", layers.toString());
            for (JsonNode layer : manifest.get("Layers")) {
                tar("-xzf", layers.resolve(layer.asText()).toString(), "-C", root.toString());
            }
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] entry(Path archive, String name) throws IOException {
        Process tar = new ProcessBuilder("tar", "-xOf", archive.toString(), name)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        byte[] bytes = tar.getInputStream().readAllBytes();
        await(tar, "tar -xOf " + archive + " " + name);
        return bytes;
    }

    private static void tar(String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of("tar", "--warning=no-unknown-keyword"));
        command.addAll(List.of(arguments));
        Process tar = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (await(tar, String.join(" ", command)) != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }

    private static int await(Process process, String what) throws IOException {
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(what + " did not finish within 60 s");
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(what + " was interrupted", e);
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
