package io.nutrisage.app.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileFilesTest {
    @TempDir
    Path dir;

    @Test
    void yamlProfileGivesTheSamePhasesAsItsJsonTwin() throws Exception {
        Path yaml = Files.writeString(dir.resolve("spike.yaml"), """
                name: spike
                phases:
                  - {duration: 60, rate: 10}
                  - {duration: 30s, from: 10, to: 300}
                """);
        Path json = Files.writeString(dir.resolve("spike.json"), """
                {"name": "spike", "phases": [{"duration": 60, "rate": 10}, {"duration": 30, "from": 10, "to": 300}]}
                """);

        ProfileFiles.Profile fromYaml = ProfileFiles.read(yaml);

        assertThat(fromYaml).isEqualTo(ProfileFiles.read(json));
        assertThat(fromYaml.phases())
                .containsExactly(
                        LoadPhase.hold(Duration.ofSeconds(60), 10), new LoadPhase(Duration.ofSeconds(30), 10, 300));
    }

    @Test
    void badYamlIsAnIoExceptionNamingFileLineAndField() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.yaml"), """
                phases:
                  - duration: 60
                    rate: -3
                """);

        assertThatThrownBy(() -> ProfileFiles.read(bad))
                .isInstanceOf(IOException.class)
                .hasMessage(
                        "profile " + bad + ", line 2, phase 1: rate must be a finite rate >= 0 requests/s, was -3.0");
    }

    @Test
    void chooserOffersYamlAndJson() {
        assertThat(ProfileFiles.EXTENSIONS).containsExactly("*.yaml", "*.yml", "*.json");
    }
}
