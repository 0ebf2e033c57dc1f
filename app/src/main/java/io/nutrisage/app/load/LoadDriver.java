package io.nutrisage.app.load;

import java.net.URI;

/** Starts load runs against a service URL; the seam where loadgen-core plugs in. */
public interface LoadDriver {
    /**
     * Starts {@code plan} against {@code target} (the service's base URL; requests go to {@code /predict}).
     *
     * @param listener called on a generator thread once a second and once when the run has finished; must not block
     * @throws LoadException when the plan cannot start (e.g. the record source cannot be read)
     */
    LoadControl start(LoadPlan plan, URI target, Listener listener) throws LoadException;

    /** What a started run reports, on one generator thread, in order. Implementations hand off and return. */
    interface Listener {
        /** The last second of the run; the last snapshot has the state {@link LoadState#FINISHED}. */
        void onSnapshot(LoadSnapshot snapshot);

        /** Once, after the last snapshot, when every request has ended or been given up. */
        default void onFinish(LoadTotals totals) {}
    }

    /** Why a run could not start, in words for the user. */
    final class LoadException extends Exception {
        public LoadException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
