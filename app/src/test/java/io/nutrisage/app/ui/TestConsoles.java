package io.nutrisage.app.ui;

import io.nutrisage.app.load.LoadDriver;
import java.nio.file.Path;
import java.time.InstantSource;

/** View-models for tests of the console itself: no target to connect to and no load to drive. */
final class TestConsoles {
    private TestConsoles() {}

    /** Connecting fails with "no target in this test"; starting load fails with "no load in this test". */
    static ConsoleViewModel withoutTarget(Path recordings, TaskExecutor executor, InstantSource clock) {
        LoadDriver noLoad = (plan, target, listener) -> {
            throw new LoadDriver.LoadException("no load in this test", null);
        };
        return new ConsoleViewModel(
                () -> {
                    throw new IllegalStateException("no target in this test");
                },
                noLoad,
                recordings,
                executor,
                clock);
    }
}
