package io.nutrisage.loadgen.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProfilesTest {
    @TempDir
    Path dir;

    @Test
    void yamlProfileHasHoldsAndRamps() throws Exception {
        Path file = dir.resolve("step-up.yaml");
        Files.writeString(file, """
                name: step-up
                phases:
                  - {duration: 60s, rate: 5}
                  - {duration: 2m, from: 5, to: 50}
                  - duration: 90
                    rate: 50
                """);

        RateProfile profile = Profiles.resolve(file.toString());

        assertThat(profile.name()).isEqualTo("step-up");
        assertThat(profile.phases())
                .containsExactly(
                        Phase.hold(Duration.ofSeconds(60), 5),
                        Phase.ramp(Duration.ofMinutes(2), 5, 50),
                        Phase.hold(Duration.ofSeconds(90), 50));
    }

    @Test
    void jsonProfileIsNamedAfterItsFileWhenUnnamed() throws Exception {
        Path file = dir.resolve("spike.json");
        Files.writeString(file, "{\"phases\": [{\"duration\": \"PT30S\", \"rate\": 100}, \"10s@100..0\"]}");

        RateProfile profile = Profiles.load(file);

        assertThat(profile.name()).isEqualTo("spike");
        assertThat(profile.phases())
                .containsExactly(Phase.hold(Duration.ofSeconds(30), 100), Phase.ramp(Duration.ofSeconds(10), 100, 0));
    }

    @Test
    void badPhaseIsReportedWithFileAndPhaseNumber() throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, """
                phases:
                  - {duration: 60s, rate: 5}
                  - {duration: 60s, rate: fast}
                """);

        assertThatThrownBy(() -> Profiles.load(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad.yaml")
                .hasMessageContaining("phase 2")
                .hasMessageContaining("'rate' must be a number");
    }

    @Test
    void yamlProfileEqualsTheSameProfileInJson() throws Exception {
        Path yaml = dir.resolve("spike.yaml");
        Files.writeString(yaml, """
                name: spike
                # a comment, as YAML allows
                phases:
                  - duration: 60
                    rate: 10
                  - {duration: 30s, from: 10, to: 300}
                  - "10s@300..0"
                """);
        Path json = dir.resolve("spike.json");
        Files.writeString(json, """
                {"name": "spike", "phases": [
                  {"duration": 60, "rate": 10},
                  {"duration": "30s", "from": 10, "to": 300},
                  "10s@300..0"]}
                """);

        RateProfile fromYaml = Profiles.load(yaml);

        assertThat(fromYaml).isEqualTo(Profiles.load(json));
        assertThat(fromYaml.phases()).hasSize(3);
    }

    @Test
    void badFieldInABlockPhaseNamesItsLine() throws Exception {
        Path file = dir.resolve("steps.yaml");
        Files.writeString(file, """
                name: steps
                phases:
                  - duration: 60s
                    rate: 5
                  - duration: 60s
                    rate: fast
                """);

        assertThatThrownBy(() -> Profiles.load(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "profile " + file + ", line 6, phase 2: 'rate' must be a number of requests/s, was \"fast\"");
    }

    @Test
    void badDurationAndUnknownFieldsNameTheirLines() throws Exception {
        Path duration = dir.resolve("duration.yaml");
        Files.writeString(duration, "phases:\n  - rate: 5\n    duration: soon\n");
        Path typo = dir.resolve("typo.json");
        Files.writeString(typo, "{\"phases\": [\n  {\"duration\": 60,\n   \"rat\": 5}\n]}");

        assertThatThrownBy(() -> Profiles.load(duration))
                .hasMessageStartingWith(
                        "profile " + duration + ", line 3, phase 1: 'duration': 'soon' is not a duration");
        assertThatThrownBy(() -> Profiles.load(typo))
                .hasMessage("profile " + typo + ", line 3, phase 1: unknown field 'rat' (a phase has [duration, rate,"
                        + " from, to])");
    }

    @Test
    void malformedYamlAndJsonNameLineAndColumnInOneLine() throws Exception {
        Path yaml = dir.resolve("broken.yaml");
        Files.writeString(yaml, """
                name: broken
                phases:
                  - {duration: 60s, rate: 5
                  - {duration: 60s, rate: 6}
                """);
        Path json = dir.resolve("broken.json");
        Files.writeString(
                json, "{\"phases\": [\n  {\"duration\": 60, \"rate\": 5},\n  {\"duration\": 60 \"rate\": 6}\n]}");

        assertThatThrownBy(() -> Profiles.load(yaml))
                .hasMessageStartingWith("profile " + yaml + ", line 4, column ")
                .hasMessageContaining(": not valid YAML: ")
                .hasMessageNotContaining("\n");
        assertThatThrownBy(() -> Profiles.load(json))
                .hasMessageStartingWith("profile " + json + ", line 3, column 19: not valid JSON: Unexpected character")
                .hasMessageNotContaining("\n");
    }

    @Test
    void unknownProfileNamesTheBuiltInOnes() {
        assertThatThrownBy(() -> Profiles.resolve("no-such-profile"))
                .hasMessageContaining("unknown profile 'no-such-profile'")
                .hasMessageContaining("nutrisage-demo");
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            500ms, 500000000
            90s,   90000000000
            1.5s,  1500000000
            2m,    120000000000
            1h,    3600000000000
            PT2M,  120000000000
            """)
    void durationsParseInShortAndIsoForms(String text, long nanos) {
        assertThat(Profiles.parseDuration(text)).isEqualTo(Duration.ofNanos(nanos));
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            60s@5,        60, 5,  5
            2m@5..50,     120, 5, 50
            '30s@ 10/s',  30, 10, 10
            """)
    void inlinePhasesParse(String text, long seconds, double from, double to) {
        Phase phase = Profiles.parsePhase(text);

        assertThat(phase.duration()).isEqualTo(Duration.ofSeconds(seconds));
        assertThat(phase.startRate()).isEqualTo(from);
        assertThat(phase.endRate()).isEqualTo(to);
    }

    @Test
    void malformedInlinePhaseExplainsTheSyntax() {
        assertThatThrownBy(() -> Profiles.parsePhase("fast")).hasMessageContaining("DURATION@RATE");
    }
}
