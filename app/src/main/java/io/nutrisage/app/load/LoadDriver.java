package io.nutrisage.app.load;

import java.net.URI;
import java.util.function.Consumer;

/** Starts load runs against a service URL; the seam where loadgen-core plugs in. */
public interface LoadDriver {
    /**
     * Starts {@code plan} against {@code target} (the service's base URL; requests go to {@code /predict}).
     *
     * @param listener called once a second on a generator thread with the last second's snapshot; must not block
     * @throws LoadException when the plan cannot start (e.g. the record source cannot be read)
     */
    LoadControl start(LoadPlan plan, URI target, Consumer<LoadSnapshot> listener) throws LoadException;

    /** Why a run could not start, in words for the user. */
    final class LoadException extends Exception {
        public LoadException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
