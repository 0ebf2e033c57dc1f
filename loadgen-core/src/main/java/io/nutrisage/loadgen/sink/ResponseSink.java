package io.nutrisage.loadgen.sink;

/**
 * Stores request/response pairs as NDJSON lines in batches. {@link #offer} is called from HTTP callback threads
 * and never blocks: when the sink falls behind, lines are dropped and counted.
 */
public interface ResponseSink extends AutoCloseable {

    /** Queues one NDJSON line (without the trailing newline); false if it was dropped. */
    boolean offer(byte[] line);

    /** Lines dropped so far because the sink could not keep up. */
    long dropped();

    /** Writes what is queued and releases resources; waits for the last batch. */
    @Override
    void close();

    /** Where the lines go, for summaries. */
    String describe();
}
