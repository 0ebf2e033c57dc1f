package io.nutrisage.loadgen;

import io.nutrisage.loadgen.cli.LoadgenCli;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmokeTest {
    @Test
    void smoke(@TempDir Path dir) throws Exception {
        try (PredictServer server = new PredictServer()) {
            int code = LoadgenCli.execute(
                    "run",
                    "--target",
                    server.uri().toString(),
                    "--phase",
                    "2s@50",
                    "--phase",
                    "1s@50..100",
                    "--loop",
                    "--out",
                    dir.toString(),
                    "--threshold",
                    "p90<500ms",
                    "--progress",
                    "plain");
            System.out.println("exit " + code);
            for (String f : new String[] {"timeseries.csv", "summary.json", "junit.xml", "latency.hlog"}) {
                System.out.println("== " + f);
                System.out.println(java.nio.file.Files.readString(dir.resolve(f)));
            }
        }
    }
}
