package io.nutrisage.infra;

import static io.nutrisage.infra.Paths.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nutrisage.infra.contract.ContainerImage;
import io.nutrisage.infra.contract.DeployedStacks;
import io.nutrisage.infra.contract.StackContract;
import io.nutrisage.infra.contract.TaskSandbox;
import io.nutrisage.loadgen.S3TestStore;
import io.nutrisage.loadgen.TaskMetadataStub;
import io.nutrisage.loadgen.records.RecordSources;
import io.nutrisage.predictor.http.PredictorServer;
import io.nutrisage.predictor.http.ServerConfig;
import io.nutrisage.predictor.model.GradePredictors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two images, as Jib builds them in the modules' package phase, run the way their task definitions run them:
 * same user, read-only root with only the declared volumes writable, the task's environment over the image's, the
 * image's own entry point. The images are built on an empty base ({@code contract-image} executions): their layers
 * are exactly those of the pushed images, and {@link TaskSandbox} supplies what the eclipse-temurin base would.
 */
class ImageContractTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path PREDICTOR_JIB = Path.of("..", "predictor-service", "target", "jib");
    private static final Path LOADGEN_JIB = Path.of("..", "loadgen-core", "target", "jib");

    /**
     * Starts the image's entry point, waits until the task definition's own health check command passes (ECS runs a
     * {@code CMD-SHELL} check with the container's shell), reads {@code /version}, probes the root file system, then
     * sends SIGTERM as ECS does at a scale-in and reports the exit code.
     */
    private static final String PROBE = """
            health="$1"; shift
            "$@" &
            app=$!
            n=0
            until /bin/sh -c "$health" >/dev/null 2>&1; do
              n=$((n + 1))
              if ! kill -0 "$app" 2>/dev/null; then wait "$app"; echo "PROBE exited before healthy: $?"; exit 91; fi
              if [ "$n" -ge 240 ]; then echo "PROBE not healthy after 120 s"; kill -KILL "$app"; exit 90; fi
              sleep 0.5
            done
            echo "PROBE healthy after $n checks"
            echo "PROBE version $(wget -q -O - "http://127.0.0.1:$PORT/version")"
            if touch /app/probe 2>/dev/null; then echo "PROBE root writable"; else echo "PROBE root read-only"; fi
            kill -TERM "$app"
            wait "$app"
            echo "PROBE exit $?"
            """;

    private static DeployedStacks stacks;

    @BeforeAll
    static void evaluate() {
        stacks = DeployedStacks.evaluate(Stacks.MODULE, StackContract.ENVIRONMENT);
    }

    @Test
    void eachImageIsReproducible() {
        for (Path jib : List.of(PREDICTOR_JIB, LOADGEN_JIB)) {
            ContainerImage image = ContainerImage.builtIn(jib.resolve("contract"));
            ContainerImage rebuilt = ContainerImage.builtIn(jib.resolve("contract-rebuild"));

            assertThat(rebuilt.digest())
                    .as("%s built twice from the same inputs", jib)
                    .isEqualTo(image.digest())
                    .startsWith("sha256:");
            assertThat(image.creationTimes()).as("%s creation times", jib).containsOnly("1970-01-01T00:00:00Z");
        }
    }

    @Test
    void everyBuildRecordsItsDigestAndTheModelItServes() throws IOException {
        ContainerImage image = ContainerImage.builtIn(PREDICTOR_JIB.resolve("contract"));
        JsonNode record = JSON.readTree(
                PREDICTOR_JIB.resolve("contract").resolve("image.json").toFile());

        assertThat(record.get("imageDigest").asText()).isEqualTo(image.digest());
        assertThat(image.labels()).containsEntry("io.nutrisage.model.version", bundledModelVersion());
    }

    @Test
    void thePredictorImageIsConfiguredAsItsTaskDefinitionRunsIt() {
        ContainerImage image = ContainerImage.builtIn(PREDICTOR_JIB.resolve("contract"));
        DeployedStacks.Stack service = stacks.stack("service");
        TaskSandbox.Container container = TaskSandbox.Container.of(service, "TaskDefinition");
        Object port =
                at(service.properties("TaskDefinition"), "ContainerDefinitions", 0, "PortMappings", 0, "ContainerPort");

        assertThat(image.user()).as("the image's user, under docker run too").isEqualTo(container.user());
        assertThat(image.exposedPorts()).containsExactly(port + "/tcp");
        assertThat(image.env()).containsEntry("PORT", String.valueOf(port));
        assertThat(container.healthCheck()).first().isEqualTo("CMD-SHELL");
        assertThat(container.readonlyRootFilesystem()).isTrue();
    }

    @Test
    void thePredictorRunsHealthyOnAReadOnlyRootAsTheTaskUserAndStopsCleanlyOnSigterm(@TempDir Path work)
            throws Exception {
        requireBubblewrap();
        ContainerImage image = ContainerImage.builtIn(PREDICTOR_JIB.resolve("contract"));
        DeployedStacks.Stack service = stacks.stack("service");
        TaskSandbox.Container container = TaskSandbox.Container.of(service, "TaskDefinition");
        Path root = image.unpackInto(work.resolve("rootfs"));
        List<String> command = new ArrayList<>(
                List.of("/bin/sh", "-c", PROBE, "probe", container.healthCheck().get(1)));
        command.addAll(image.entrypoint());
        command.addAll(image.cmd());
        Path log = work.resolve("predictor.log");

        TaskSandbox.Run run = TaskSandbox.start(root, image, container, Map.of(), command, true, work, log);
        int exit = awaitExit(run.process(), 180);
        String output = Files.readString(log);

        assertThat(exit).as(output).isZero();
        assertThat(output)
                .contains("PROBE healthy")
                .contains("PROBE root read-only")
                .contains("PROBE exit 0")
                .doesNotContain("Exception");
        JsonNode version = JSON.readTree(output.lines()
                .filter(l -> l.startsWith("PROBE version "))
                .findFirst()
                .orElseThrow()
                .substring("PROBE version ".length()));
        assertThat(version.get("model_version").asText())
                .isEqualTo(image.labels().get("io.nutrisage.model.version"));
        assertThat(run.volumes()).containsOnlyKeys(container.writablePaths());
    }

    /**
     * The load-test task as ECS runs it: the image's own command ({@code run --profile nutrisage-demo}) with the task
     * definition's environment, steered through the environment as a RunTask's containerOverrides would be
     * ({@code LOAD_PROFILE}'s default, a short {@code TIME_SCALE}, {@code THRESHOLDS}, {@code RUN_ID}). The records come
     * from the task's {@code INPUT_PREFIX} and the results go to its {@code RESULTS_PREFIX}, both in S3Proxy, which
     * stands in for S3 (with {@code AWS_ENDPOINT_URL} and static keys standing in for the task role). The task's id comes
     * from a loopback task metadata endpoint, as {@code ECS_CONTAINER_METADATA_URI_V4} gives it on Fargate. Only the
     * target is moved to loopback.
     */
    @Test
    void theLoadTestTaskReadsItsInputAndWritesItsResultsToS3AsTheTaskUserOnAReadOnlyRoot(@TempDir Path work)
            throws Exception {
        requireBubblewrap();
        ContainerImage image = ContainerImage.builtIn(LOADGEN_JIB.resolve("contract"));
        TaskSandbox.Container container = TaskSandbox.Container.of(stacks.stack("loadtest"), "TaskDefinition");

        assertThat(image.user()).as("the image's user, under docker run too").isEqualTo(container.user());
        assertThat(container.writablePaths())
                .as("a bare `run` writes under the working directory: it must be a volume of the task")
                .contains(image.workingDir());
        assertThat(image.cmd()).containsExactly("run", "--profile", "nutrisage-demo");

        Path root = image.unpackInto(work.resolve("rootfs"));
        Path log = work.resolve("loadgen.log");
        RecordSources.S3Location input =
                RecordSources.S3Location.parse(container.environment().get("INPUT_PREFIX"));
        RecordSources.S3Location results =
                RecordSources.S3Location.parse(container.environment().get("RESULTS_PREFIX"));
        try (S3TestStore s3 = new S3TestStore();
                PredictorServer predictor = PredictorServer.start(
                        ServerConfig.embedded().withServiceName("image-contract"), GradePredictors.loadBundled());
                TaskMetadataStub metadata = new TaskMetadataStub("arn:aws:ecs:" + DeployedStacks.REGION + ":"
                        + DeployedStacks.ACCOUNT + ":task/blue-env-cluster/0123456789abcdef0123456789abcdef")) {
            s3.createBucket(input.bucket());
            if (!results.bucket().equals(input.bucket())) {
                s3.createBucket(results.bucket());
            }
            try (var sample = RecordSources.class.getResourceAsStream("/io/nutrisage/loadgen/records/off-sample.csv")) {
                s3.put(input.bucket(), input.prefix() + "products.csv", sample.readAllBytes());
            }
            Map<String, String> overrides = Map.of(
                    "TARGET_URL", "http://127.0.0.1:" + predictor.port(),
                    "TIME_SCALE", "0.003",
                    "THRESHOLDS", "error_rate<1%,achieved_rate>=90%",
                    "RUN_ID", "contract-run",
                    "ECS_CONTAINER_METADATA_URI_V4", metadata.uri(),
                    "AWS_ENDPOINT_URL", s3.endpoint().toString(),
                    "AWS_ACCESS_KEY_ID", "access",
                    "AWS_SECRET_ACCESS_KEY", "secret",
                    "AWS_REGION", DeployedStacks.REGION);
            List<String> command = new ArrayList<>(image.entrypoint());
            command.addAll(image.cmd());

            TaskSandbox.Run run = TaskSandbox.start(root, image, container, overrides, command, false, work, log);
            int exit = awaitExit(run.process(), 120);
            String output = Files.readString(log);

            assertThat(exit).as(output).isZero();
            String folder = results.prefix() + "contract-run/0123456789abcdef0123456789abcdef/";
            assertThat(s3.keys(results.bucket(), results.prefix()))
                    .as(output)
                    .contains(
                            folder + "summary.json",
                            folder + "summary.txt",
                            folder + "junit.xml",
                            folder + "timeseries.jsonl",
                            folder + "latency.hlog");
            assertThat(s3.get(results.bucket(), folder + "junit.xml"))
                    .contains("error_rate&lt;1%", "achieved_rate&gt;=90%");
            assertThat(output).contains("records s3://" + input.bucket() + "/" + input.prefix());
            try (Stream<Path> local =
                    Files.list(run.volumes().get(image.workingDir()).resolve("runs"))) {
                assertThat(local.toList())
                        .as("the local copy in the task's volume")
                        .hasSize(1);
            }
        }
    }

    private static String bundledModelVersion() throws IOException {
        Path card = Path.of(
                "..",
                "predictor-service",
                "src",
                "main",
                "resources",
                "io",
                "nutrisage",
                "predictor",
                "model",
                "model-card.json");
        String version = JSON.readTree(card.toFile()).get("model_version").asText();
        assertThat(version).isNotBlank();
        return version;
    }

    private static int awaitExit(Process process, int seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the container did not stop within " + seconds + " s");
        }
        return process.exitValue();
    }

    /** CI installs bubblewrap (.ci/run); elsewhere a missing one is reported, not silently passed. */
    private static void requireBubblewrap() {
        if (TaskSandbox.available()) {
            return;
        }
        if ("true".equals(System.getenv("CI"))) {
            throw new AssertionError("bubblewrap (bwrap) is not installed: .ci/run installs the Debian package");
        }
        assumeThat(false)
                .as("bubblewrap is not installed (apt-get install bubblewrap): the image runs did not happen")
                .isTrue();
    }
}
