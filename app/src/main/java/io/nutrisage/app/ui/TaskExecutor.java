package io.nutrisage.app.ui;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Where view-models run work: background calls off the UI thread, results back on it. The console uses
 * {@link FxTaskExecutor}; view-model tests use {@link #direct()}, which runs everything on the calling thread.
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
}
