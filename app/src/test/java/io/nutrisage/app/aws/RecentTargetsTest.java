package io.nutrisage.app.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecentTargetsTest {
    private static RecentTargets.Entry entry(String name, int minute) {
        return new RecentTargets.Entry(
                "dev",
                "eu-west-1",
                name,
                AwsTargetSpec.byHand(name, "svc", "app/a/1", "targetgroup/t/2", URI.create("http://x"), "/ecs/x"),
                Instant.parse("2026-11-23T12:00:00Z").plusSeconds(60L * minute));
    }

    @Test
    void remembersNewestFirstWithoutDuplicatesAndAtMostTen(@TempDir Path dir) {
        RecentTargets recent = new RecentTargets(dir.resolve("sub/recent.json"));
        for (int i = 0; i < 12; i++) {
            recent.remember(entry("stack" + i, i));
        }
        recent.remember(entry("stack5", 20));

        var list = new RecentTargets(dir.resolve("sub/recent.json")).list();

        assertThat(list).hasSize(RecentTargets.MAX_ENTRIES);
        assertThat(list).extracting(RecentTargets.Entry::stackName).startsWith("stack5", "stack11", "stack10");
        assertThat(list).extracting(RecentTargets.Entry::stackName).doesNotHaveDuplicates();
        assertThat(list.get(0)).isEqualTo(entry("stack5", 20));
    }

    @Test
    void aDamagedFileIsSetAsideAndTheListStartsEmpty(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("recent.json"), "[{\"profile\":");
        RecentTargets recent = new RecentTargets(file);

        assertThat(recent.list()).isEmpty();
        assertThat(dir.resolve("recent.json.damaged")).exists();
        recent.remember(entry("a", 1));
        assertThat(recent.list()).extracting(RecentTargets.Entry::stackName).containsExactly("a");
    }

    @Test
    void theFileHoldsNoSecrets(@TempDir Path dir) throws Exception {
        RecentTargets recent = new RecentTargets(dir.resolve("recent.json"));
        recent.remember(entry("a", 1));

        assertThat(Files.readString(dir.resolve("recent.json")))
                .contains("\"profile\" : \"dev\"")
                .doesNotContainIgnoringCase("secret")
                .doesNotContainIgnoringCase("accessKey");
    }
}
