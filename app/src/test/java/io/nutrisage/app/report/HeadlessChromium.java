package io.nutrisage.app.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Debian's {@code chromium}, headless, driven over the Chrome DevTools Protocol with the JDK's own HTTP client and
 * WebSocket: opens a page, collects what it logs as errors, evaluates expressions and takes full-page screenshots.
 * Every wait is bounded; {@link #close()} ends the browser and the processes it started.
 */
final class HeadlessChromium implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final Process process;
    private final HttpClient http = HttpClient.newHttpClient();
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final Map<String, List<Consumer<JsonNode>>> handlers = new ConcurrentHashMap<>();
    private final List<String> errors = Collections.synchronizedList(new ArrayList<>());

    /**
     * The {@code chromium} on the PATH (Debian's package; GitHub's Ubuntu runners have one too), else Google Chrome,
     * which speaks the same protocol.
     */
    static Optional<Path> executable() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String dir : path.split(File.pathSeparator)) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    private HeadlessChromium(Process process, WebSocket socket) {
        this.process = process;
        this.socket = socket;
    }

    /** Starts {@code executable} with a fresh profile in {@code profile} and attaches to its blank page. */
    static HeadlessChromium start(Path executable, Path profile) throws Exception {
        Files.createDirectories(profile);
        Process process = new ProcessBuilder(
                        executable.toString(),
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-background-networking",
                        "--no-first-run",
                        "--hide-scrollbars",
                        "--remote-debugging-port=0",
                        "--user-data-dir=" + profile,
                        "about:blank")
                .redirectErrorStream(true)
                .redirectOutput(profile.resolve("chromium.log").toFile())
                .start();
        try {
            // Chromium writes the port it listens on, and the browser's endpoint, once it is ready.
            Path activePort = profile.resolve("DevToolsActivePort");
            long deadline = System.nanoTime() + WAIT.toNanos();
            List<String> lines = List.of();
            while (lines.size() < 2) {
                if (!process.isAlive()) {
                    throw new IOException("chromium exited with " + process.exitValue() + ": "
                            + Files.readString(profile.resolve("chromium.log")));
                }
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("chromium wrote no DevToolsActivePort within " + WAIT);
                }
                Thread.sleep(100);
                if (Files.exists(activePort)) {
                    lines = Files.readAllLines(activePort);
                }
            }
            int port = Integer.parseInt(lines.getFirst().strip());
            HttpClient http = HttpClient.newHttpClient();
            JsonNode targets = JSON.readTree(http.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                                    .timeout(WAIT)
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body());
            String pageSocket = null;
            for (JsonNode t : targets) {
                if (t.path("type").asText().equals("page")) {
                    pageSocket = t.path("webSocketDebuggerUrl").asText();
                    break;
                }
            }
            if (pageSocket == null) {
                throw new IOException("chromium lists no page target: " + targets);
            }
            Receiver receiver = new Receiver();
            WebSocket socket = http.newWebSocketBuilder()
                    .connectTimeout(WAIT)
                    .buildAsync(URI.create(pageSocket), receiver)
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS);
            HeadlessChromium chromium = new HeadlessChromium(process, socket);
            receiver.chromium = chromium;
            return chromium;
        } catch (Exception e) {
            stop(process);
            throw e;
        }
    }

    /** What a page showed: the errors it logged while loading and the expression's value. */
    record Visit(List<String> errors, JsonNode value) {}

    /**
     * Shows {@code file} in a {@code width}-pixel-wide viewport, waits for its load event, evaluates
     * {@code expression} (its value must be JSON-serialisable) and saves a full-page screenshot to {@code screenshot}.
     */
    Visit open(Path file, int width, String expression, Path screenshot) throws Exception {
        handlers.clear();
        errors.clear();
        on("Runtime.consoleAPICalled", p -> {
            String type = p.path("type").asText();
            if (type.equals("error") || type.equals("assert")) {
                errors.add("console." + type + ": " + p.path("args"));
            }
        });
        on("Runtime.exceptionThrown", p -> errors.add("exception: " + p.path("exceptionDetails")));
        on("Log.entryAdded", p -> {
            JsonNode entry = p.path("entry");
            if (entry.path("level").asText().equals("error")) {
                errors.add("log: " + entry.path("text").asText() + " "
                        + entry.path("url").asText());
            }
        });
        call("Runtime.enable", Map.of());
        call("Log.enable", Map.of());
        call("Page.enable", Map.of());
        call(
                "Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", 900, "deviceScaleFactor", 1, "mobile", false));
        CompletableFuture<JsonNode> loaded = new CompletableFuture<>();
        on("Page.loadEventFired", loaded::complete);
        JsonNode navigated = call("Page.navigate", Map.of("url", file.toUri().toString()));
        if (navigated.has("errorText")) {
            throw new IOException("chromium could not open " + file + ": " + navigated.path("errorText"));
        }
        loaded.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        JsonNode result = call(
                        "Runtime.evaluate",
                        Map.of("expression", expression, "returnByValue", true, "awaitPromise", true))
                .path("result");
        JsonNode size = call("Page.getLayoutMetrics", Map.of()).path("cssContentSize");
        JsonNode shot = call(
                "Page.captureScreenshot",
                Map.of(
                        "format",
                        "png",
                        "captureBeyondViewport",
                        true,
                        "clip",
                        Map.of(
                                "x",
                                0,
                                "y",
                                0,
                                "width",
                                size.path("width").asDouble(),
                                "height",
                                size.path("height").asDouble(),
                                "scale",
                                1)));
        Files.createDirectories(screenshot.toAbsolutePath().getParent());
        Files.write(screenshot, Base64.getDecoder().decode(shot.path("data").asText()));
        return new Visit(List.copyOf(errors), result.path("value"));
    }

    private void on(String event, Consumer<JsonNode> handler) {
        handlers.computeIfAbsent(event, e -> Collections.synchronizedList(new ArrayList<>()))
                .add(handler);
    }

    /** Sends one command and waits (bounded) for its answer. */
    JsonNode call(String method, Map<String, ?> params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        ObjectNode message = JSON.createObjectNode();
        message.put("id", id);
        message.put("method", method);
        message.set("params", JSON.valueToTree(params));
        socket.sendText(JSON.writeValueAsString(message), true).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        JsonNode reply = answer.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        if (reply.has("error")) {
            throw new IOException(method + " failed: " + reply.path("error"));
        }
        return reply.path("result");
    }

    private void dispatch(String text) {
        JsonNode message;
        try {
            message = JSON.readTree(text);
        } catch (IOException e) {
            errors.add("unreadable DevTools message: " + text);
            return;
        }
        if (message.has("id")) {
            CompletableFuture<JsonNode> answer =
                    pending.remove(message.path("id").asInt());
            if (answer != null) {
                answer.complete(message);
            }
        } else {
            List<Consumer<JsonNode>> list = handlers.get(message.path("method").asText());
            if (list != null) {
                List.copyOf(list).forEach(h -> h.accept(message.path("params")));
            }
        }
    }

    /** Joins the text frames of each message and hands complete messages on. */
    private static final class Receiver implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();
        private volatile HeadlessChromium chromium;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                HeadlessChromium c = chromium;
                if (c != null) {
                    c.dispatch(text);
                }
            }
            webSocket.request(1);
            return null;
        }
    }

    @Override
    public void close() {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            socket.abort();
        }
        stop(process);
    }

    /** Ends chromium and the processes it started (renderer, GPU, zygote), waiting at most a few seconds. */
    private static void stop(Process process) {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        children.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
}
