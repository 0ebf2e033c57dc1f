package io.nutrisage.loadgen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nutrisage.loadgen.records.LoadRecord;
import io.nutrisage.loadgen.sink.ResponseSink;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Connection;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.EventListener;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Sends one POST per start through OkHttp and records how it ended. The dispatcher and the connection pool are
 * sized to the in-flight cap, so OkHttp never queues a request the generator counted as sent. "Blocked" is the time
 * a call waits because no connection is ready for it: in the dispatcher's queue, and while a new connection is
 * resolved and opened. Taking an idle pooled connection is CPU work, not a wait (JFR finds no lock waits in it,
 * decision 0074); like every CPU wait of the generator it shows in raw latency and, when the scheduler falls
 * behind, as late starts.
 */
final class HttpSender {
    private static final MediaType JSON_TYPE = MediaType.get("application/json");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY_BYTES = 1 << 20;
    private static final long BLOCKED_REQUEST_NANOS = 1_000_000;

    private final OkHttpClient client;
    private final ExecutorService executor;
    private final HttpUrl url;
    private final Stats stats;
    private final RunDefinition definition;
    private final ResponseSink sink;
    private final DeadlineSweeper deadlines;

    HttpSender(RunDefinition definition, Stats stats) {
        this.definition = definition;
        this.stats = stats;
        this.sink = definition.responseSink().orElse(null);
        this.url = HttpUrl.get(definition.url().toString());
        this.deadlines = new DeadlineSweeper(definition.requestTimeout());
        // Virtual threads: a blocked socket read parks on the JDK's poller instead of holding an OS thread, so a
        // few carrier threads serve hundreds of calls in flight (measured in docs/benchmarks.md).
        this.executor = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("loadgen-http-", 0).factory());
        Dispatcher dispatcher = new Dispatcher(executor);
        int cap = definition.inFlightCap();
        dispatcher.setMaxRequests(dispatcherLimit(cap));
        dispatcher.setMaxRequestsPerHost(dispatcherLimit(cap));
        this.client = new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .connectionPool(new ConnectionPool(dispatcherLimit(cap), 5, TimeUnit.MINUTES))
                // No OkHttp call, read or write timeout: each one enters okio's AsyncTimeout, a lock-guarded priority
                // queue whose removal is linear; at 10,000 calls/s it was ~30 % of the generator's CPU (JFR). The
                // request timeout is enforced by DeadlineSweeper instead.
                .callTimeout(Duration.ZERO)
                .connectTimeout(definition.requestTimeout())
                .readTimeout(Duration.ZERO)
                .writeTimeout(Duration.ZERO)
                // A load generator must see failures as they are, not hidden by silent retries.
                .retryOnConnectionFailure(false)
                .followRedirects(false)
                .eventListenerFactory(call -> new BlockedTimer())
                .build();
    }

    /** Raises or lowers the in-flight cap of the dispatcher (thread-safe). */
    void setCap(int cap) {
        client.dispatcher().setMaxRequests(dispatcherLimit(cap));
        client.dispatcher().setMaxRequestsPerHost(dispatcherLimit(cap));
    }

    /**
     * The generator's slot gate enforces the in-flight cap. A call frees its generator slot in its callback, a moment
     * before OkHttp's dispatcher counts it finished: a dispatcher limited to the cap itself would queue the next start
     * in that moment (measured as blocked time at 20,000/s). Twice the cap leaves room for those moments and still
     * bounds OkHttp if the gate were ever wrong.
     */
    static int dispatcherLimit(int cap) {
        return cap > Integer.MAX_VALUE / 2 ? Integer.MAX_VALUE : cap * 2;
    }

    /** Sends {@code record}; the caller has already counted it in flight. Called on the scheduler thread. */
    void send(LoadRecord record, long intendedNs, long sentNs) {
        Request request = new Request.Builder()
                .url(url)
                .post(RequestBody.create(record.json(), JSON_TYPE))
                .build();
        Call call = client.newCall(request);
        DeadlineSweeper.Deadline deadline = deadlines.track(call, sentNs);
        call.enqueue(new Handler(record, intendedNs, sentNs, deadline));
    }

    /** Cancels every call still in flight (after a stopped run's drain timeout). */
    void cancelAll() {
        client.dispatcher().cancelAll();
    }

    void shutdown() {
        deadlines.close();
        executor.shutdown();
        client.connectionPool().evictAll();
    }

    /**
     * One per call, its event listener. OkHttp delivers a call's events one after another (the dispatcher hands the
     * call from the enqueuing thread to its own under a lock), so plain fields suffice.
     */
    private final class BlockedTimer extends EventListener {
        private long queuedSince;
        private long openingSince;
        private long blockedNanos;

        @Override
        public void dispatcherQueueStart(Call call, Dispatcher dispatcher) {
            queuedSince = System.nanoTime();
        }

        @Override
        public void dispatcherQueueEnd(Call call, Dispatcher dispatcher) {
            blockedNanos += System.nanoTime() - queuedSince;
        }

        @Override
        public void dnsStart(Call call, String domainName) {
            opening();
        }

        @Override
        public void connectStart(Call call, InetSocketAddress address, Proxy proxy) {
            opening();
        }

        /** DNS, then one connect per route tried: the wait runs from the first of them to the connection. */
        private void opening() {
            if (openingSince == 0) {
                openingSince = System.nanoTime();
            }
        }

        @Override
        public void connectionAcquired(Call call, Connection connection) {
            long blocked = blockedNanos + (openingSince == 0 ? 0 : System.nanoTime() - openingSince);
            stats.blockedNanos.add(blocked);
            if (blocked > BLOCKED_REQUEST_NANOS) {
                stats.blockedRequests.increment();
            }
        }
    }

    private final class Handler implements Callback {
        private final LoadRecord record;
        private final long intendedNs;
        private final long sentNs;
        private final DeadlineSweeper.Deadline deadline;

        Handler(LoadRecord record, long intendedNs, long sentNs, DeadlineSweeper.Deadline deadline) {
            this.record = record;
            this.intendedNs = intendedNs;
            this.sentNs = sentNs;
            this.deadline = deadline;
        }

        @Override
        public void onResponse(Call call, Response response) {
            try (response) {
                byte[] body;
                try (ResponseBody responseBody = response.body();
                        InputStream in = responseBody.byteStream()) {
                    body = in.readNBytes(MAX_BODY_BYTES);
                } catch (IOException e) {
                    failed(e);
                    return;
                }
                long end = System.nanoTime();
                stats.recordLatency(intendedNs, sentNs, end);
                int code = response.code();
                stats.recordStatus(code);
                JsonNode json = code < 300 ? parse(body) : null;
                if (json != null) {
                    JsonNode confidence = json.at(definition.confidencePointer());
                    if (confidence.isNumber()) {
                        stats.confidenceSum.add(confidence.doubleValue());
                        stats.confidenceCount.increment();
                    }
                    JsonNode grade = json.at(definition.gradePointer());
                    if (grade.isValueNode() && !grade.isNull()) {
                        stats.recordGrade(grade.asText());
                    }
                }
                if (sink != null) {
                    store(code, json, body, (end - intendedNs) / 1e6, null);
                }
            } finally {
                done();
            }
        }

        @Override
        public void onFailure(Call call, IOException e) {
            try {
                failed(e);
            } finally {
                done();
            }
        }

        private void failed(IOException e) {
            String kind = deadline.expired() ? "timeout" : classify(e);
            switch (kind) {
                case "refused" -> stats.refused.increment();
                case "timeout" -> stats.timeout.increment();
                case "reset" -> stats.reset.increment();
                default -> stats.otherErrors.increment();
            }
            if (sink != null) {
                store(0, null, null, (System.nanoTime() - intendedNs) / 1e6, kind + ": " + e.getMessage());
            }
        }

        private void done() {
            deadline.finish();
            stats.completed.increment();
            stats.releaseSlot();
        }

        private void store(int code, JsonNode json, byte[] body, double latencyMs, String error) {
            ObjectNode line = JSON.createObjectNode();
            line.put("origin", record.origin());
            line.put("line", record.line());
            try {
                line.set("request", JSON.readTree(record.json()));
            } catch (IOException e) {
                line.put("request", new String(record.json(), java.nio.charset.StandardCharsets.UTF_8));
            }
            if (code > 0) {
                line.put("status", code);
            }
            line.put("latency_ms", Math.round(latencyMs * 1000) / 1000.0);
            if (json != null) {
                line.set("response", json);
            } else if (body != null) {
                line.put("response", new String(body, java.nio.charset.StandardCharsets.UTF_8));
            }
            if (error != null) {
                line.put("error", error);
            }
            try {
                sink.offer(JSON.writeValueAsBytes(line));
            } catch (IOException e) {
                throw new IllegalStateException("cannot serialise a response line", e);
            }
        }
    }

    private static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return null; // not JSON: counted by status only
        }
    }

    /** Error kind of a failed call: refused, timeout, reset or other. */
    static String classify(IOException e) {
        if (e instanceof ConnectException) {
            return "refused";
        }
        if (e instanceof SocketTimeoutException
                || e instanceof InterruptedIOException && "timeout".equals(e.getMessage())) {
            return "timeout";
        }
        if (e instanceof SocketException || e instanceof EOFException) {
            return "reset";
        }
        String message = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
        if (message.contains("unexpected end of stream") || message.contains("reset")) {
            return "reset";
        }
        return "other";
    }
}
