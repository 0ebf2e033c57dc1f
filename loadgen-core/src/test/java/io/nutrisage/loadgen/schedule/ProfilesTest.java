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
