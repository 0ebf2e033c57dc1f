package io.nutrisage.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskExecutorTest {
    @Test
    void queuedRunsWorkAtOnceAndHoldsOtherThreadsUiActionsUntilDrained() throws Exception {
        TaskExecutor.Queued executor = TaskExecutor.queued();
        List<String> seen = new ArrayList<>();

        executor.execute(() -> "result", seen::add, e -> seen.add("failed"));
        executor.execute(
                () -> {
                    throw new IllegalStateException("boom");
                },
                r -> seen.add("unexpected"),
                e -> seen.add(e.getMessage()));
        assertThat(seen).containsExactly("result", "boom");

        Thread poller = Thread.ofPlatform().start(() -> {
            executor.runOnUi(() -> seen.add("update 1"));
            executor.runOnUi(() -> {
                seen.add("update 2");
                executor.runOnUi(() -> seen.add("follow-up"));
            });
        });
        poller.join();
        assertThat(executor.pending()).isEqualTo(2);
        assertThat(seen).containsExactly("result", "boom");

        assertThat(executor.drain()).isEqualTo(3);
        assertThat(seen).containsExactly("result", "boom", "update 1", "update 2", "follow-up");
        assertThat(executor.pending()).isZero();
    }
}
