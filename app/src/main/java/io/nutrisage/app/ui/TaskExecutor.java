package io.nutrisage.app.ui;

import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * Where view-models run work: background calls off the UI thread, results back on it. The console uses
 * {@link FxTaskExecutor}. View-model tests use {@link #direct()}, which runs everything on the calling thread, or
 * {@link #queued()}, which runs work and its results at once but holds what other threads hand to the UI thread (a
 * session's monitoring updates) until the test {@linkplain Queued#drain() drains} them.
 */
public interface TaskExecutor {
    /** Runs {@code work} in the background, then {@code onSuccess} or {@code onFailure} on the UI thread. */
    <T> void execute(Callable<T> work, Consumer<T> onSuccess, Consumer<Exception> onFailure);

    /** Runs {@code action} on the UI thread (now if already there). */
    void runOnUi(Runnable action);

    static TaskExecutor direct() {
        return new TaskExecutor() {
            @Override
            public <T> void execute(Callable<T> work, Consumer<T> onSuccess, Consumer<Exception> onFailure) {
                T result;
                try {
                    result = work.call();
                } catch (Exception e) {
                    onFailure.accept(e);
                    return;
                }
                onSuccess.accept(result);
            }

            @Override
            public void runOnUi(Runnable action) {
                action.run();
            }
        };
    }

    static Queued queued() {
        return new Queued();
    }

    /**
     * Work and its results run at once on the calling thread (the "UI thread" of a test); actions other threads pass to
     * {@link #runOnUi} wait in a queue until {@link #drain()} runs them, in order, on the caller.
     */
    final class Queued implements TaskExecutor {
        private final Queue<Runnable> ui = new ConcurrentLinkedQueue<>();

        private Queued() {}

        @Override
        public <T> void execute(Callable<T> work, Consumer<T> onSuccess, Consumer<Exception> onFailure) {
            direct().execute(work, onSuccess, onFailure);
        }

        @Override
        public void runOnUi(Runnable action) {
            ui.add(action);
        }

        /** Runs the actions queued so far (and those they queue); returns how many ran. */
        public int drain() {
            int ran = 0;
            for (Runnable action; (action = ui.poll()) != null; ran++) {
                action.run();
            }
            return ran;
        }

        /** Actions waiting for {@link #drain()}. */
        public int pending() {
            return ui.size();
        }
    }
}
