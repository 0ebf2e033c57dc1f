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

    @Test
    void oneStackIsOneEntryWhetherItsRegionWasTypedOrCameFromTheDefaultChain(@TempDir Path dir) throws Exception {
        RecentTargets recent = new RecentTargets(dir.resolve("recent.json"));
        AwsTargetSpec spec = entry("nutrisage", 0).spec();
        Instant t = Instant.parse("2026-11-23T12:00:00Z");
        // Written before regions were resolved: blank = the default chain, no defaultRegion field.
        Files.writeString(
                dir.resolve("recent.json"),
                new com.fasterxml.jackson.databind.ObjectMapper()
                        .findAndRegisterModules()
                        .writeValueAsString(java.util.List.of(java.util.Map.of(
                                "profile",
                                "dev",
                                "region",
                                "",
                                "stackName",
                                "nutrisage",
                                "spec",
                                spec,
                                "lastUsed",
                                t.toString()))));
        assertThat(recent.list()).singleElement().satisfies(e -> assertThat(e.defaultRegion())
                .isFalse());

        recent.remember(new RecentTargets.Entry("dev", "eu-west-1", "nutrisage", spec, t.plusSeconds(60), true));
        assertThat(recent.list()).singleElement().satisfies(e -> {
            assertThat(e.region()).isEqualTo("eu-west-1");
            assertThat(e.defaultRegion()).isTrue();
        });

        recent.remember(new RecentTargets.Entry("dev", "eu-west-1", "nutrisage", spec, t.plusSeconds(120)));
        assertThat(recent.list()).singleElement().satisfies(e -> assertThat(e.defaultRegion())
                .isFalse());

        recent.remember(new RecentTargets.Entry("dev", "us-east-1", "nutrisage", spec, t.plusSeconds(180), true));
        assertThat(recent.list()).extracting(RecentTargets.Entry::region).containsExactly("us-east-1", "eu-west-1");
    }
}
