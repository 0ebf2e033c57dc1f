package io.nutrisage.infra.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs an unpacked image the way ECS runs a task definition's container, under bubblewrap (no container engine runs
 * here). What is modelled, from the task definition parameters page:
 *
 * <ul>
 *   <li>{@code readonlyRootFilesystem}: the whole file system is read-only, except the {@code containerPath} of each
 *       mount point, which gets a fresh directory of its own (a task's bind-mount volume on Fargate ephemeral
 *       storage);
 *   <li>{@code user}: the process runs with that uid and gid, which need not exist in {@code /etc/passwd};
 *   <li>{@code environment}: set over the image's {@code Env}, name by name (a task definition value wins);
 *   <li>no {@code entryPoint} or {@code command} in the task definition: the image's {@code Entrypoint} and {@code
 *       Cmd} run, in its {@code WorkingDir}; a {@code containerOverrides.command} replaces {@code Cmd} only.
 * </ul>
 *
 * <p>The base image's layers cannot be pulled here. The host's {@code /usr} and {@code /etc} stand in for its
 * operating system, and the JDK that runs the tests is mounted at {@code /opt/java/openjdk}, the {@code JAVA_HOME}
 * the eclipse-temurin images set, with the {@code PATH} they set.
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html">Amazon
 *     ECS task definition parameters</a>
 * @see <a href="https://docs.aws.amazon.com/AmazonECS/latest/developerguide/bind-mounts.html">Bind mounts with Amazon
 *     ECS</a>
 * @see <a href="https://github.com/adoptium/containers">eclipse-temurin images (JAVA_HOME, PATH)</a>
 */
public final class TaskSandbox {
    /** Where eclipse-temurin images keep the JDK or JRE. */
    public static final String JAVA_HOME = "/opt/java/openjdk";

    private static final Map<String, String> BASE_IMAGE_ENV = Map.of(
            "JAVA_HOME",
            JAVA_HOME,
            "PATH",
            JAVA_HOME + "/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
            "LANG",
            "en_US.UTF-8");

    /** The parts of one container definition that decide how its process runs. */
    public record Container(
            String user,
            boolean readonlyRootFilesystem,
            List<String> writablePaths,
            Map<String, String> environment,
            List<String> healthCheck) {

        /** The first container of a task definition resource of an evaluated stack. */
        @SuppressWarnings("unchecked")
        public static Container of(DeployedStacks.Stack stack, String taskDefinition) {
            Map<String, Object> container = (Map<String, Object>)
                    ((List<Object>) stack.properties(taskDefinition).get("ContainerDefinitions")).get(0);
            List<String> writable = new ArrayList<>();
            for (Object mount : (List<Object>) container.getOrDefault("MountPoints", List.of())) {
                Map<String, Object> m = (Map<String, Object>) mount;
                if (!Boolean.TRUE.equals(m.get("ReadOnly"))) {
                    writable.add(String.valueOf(m.get("ContainerPath")));
                }
            }
            Map<String, Object> health = (Map<String, Object>) container.getOrDefault("HealthCheck", Map.of());
            List<String> check = new ArrayList<>();
            ((List<Object>) health.getOrDefault("Command", List.of())).forEach(c -> check.add(String.valueOf(c)));
            return new Container(
                    String.valueOf(container.get("User")),
                    Boolean.TRUE.equals(container.get("ReadonlyRootFilesystem")),
                    List.copyOf(writable),
                    StackContract.containerEnvironment(stack, taskDefinition),
                    List.copyOf(check));
        }
    }

    /** A started container: its process, and the host directory behind each writable path. */
    public record Run(Process process, Map<String, Path> volumes) {}

    private TaskSandbox() {}

    /** Whether bubblewrap is installed (Debian package {@code bubblewrap}). */
    public static boolean available() {
        try {
            Process p = new ProcessBuilder("bwrap", "--version")
                    .redirectErrorStream(true)
                    .start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Starts {@code entrypoint} (the image's, or a harness that runs it) in the image's file system with the
     * container's user, environment and mounts. {@code overrides} are a RunTask's {@code containerOverrides}
     * environment; {@code ownNetwork} gives the container a network namespace with only its loopback, so that it may
     * bind the port its task definition uses. Output goes to {@code log}.
     */
    public static Run start(
            Path imageRoot,
            ContainerImage image,
            Container container,
            Map<String, String> overrides,
            List<String> command,
            boolean ownNetwork,
            Path work,
            Path log) {
        try {
            List<String> args =
                    new ArrayList<>(List.of("bwrap", "--die-with-parent", "--unshare-user", "--unshare-pid"));
            if (ownNetwork) {
                args.add("--unshare-net");
            }
            String[] ids = container.user().split(":");
            args.addAll(List.of("--uid", ids[0], "--gid", ids.length > 1 ? ids[1] : ids[0]));
            args.addAll(List.of("--ro-bind", "/usr", "/usr", "--ro-bind", "/etc", "/etc"));
            for (String link : List.of("bin", "lib", "lib64", "sbin")) {
                Path host = Path.of("/", link);
                if (Files.isSymbolicLink(host)) {
                    args.addAll(
                            List.of("--symlink", Files.readSymbolicLink(host).toString(), "/" + link));
                } else if (Files.isDirectory(host)) {
                    args.addAll(List.of("--ro-bind", host.toString(), "/" + link));
                }
            }
            try (var entries = Files.list(imageRoot)) {
                for (Path top : entries.toList()) {
                    args.addAll(List.of("--ro-bind", top.toString(), "/" + top.getFileName()));
                }
            }
            args.addAll(List.of("--ro-bind", System.getProperty("java.home"), JAVA_HOME));
            args.addAll(List.of("--proc", "/proc", "--dev", "/dev"));
            Map<String, Path> volumes = new LinkedHashMap<>();
            for (String path : container.writablePaths()) {
                Path host = Files.createDirectories(work.resolve("volume" + path.replace('/', '_')));
                volumes.put(path, host);
                args.addAll(List.of("--bind", host.toString(), path));
            }
            if (container.readonlyRootFilesystem()) {
                args.addAll(List.of("--remount-ro", "/"));
            }
            args.addAll(List.of("--chdir", image.workingDir(), "--clearenv"));
            Map<String, String> env = new LinkedHashMap<>(BASE_IMAGE_ENV);
            env.putAll(image.env());
            env.putAll(container.environment());
            env.putAll(overrides);
            env.forEach((name, value) -> args.addAll(List.of("--setenv", name, value)));
            args.add("--");
            args.addAll(command);
            Process process = new ProcessBuilder(args)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            return new Run(process, volumes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
