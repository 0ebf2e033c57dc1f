package io.nutrisage.predictor.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServerConfigTest {
    @Test
    void defaultsArePort8000AllInterfacesOneMebibyteAndADrainUnderEcsStopTimeout() {
        ServerConfig c = ServerConfig.fromEnvironment(Map.of());

        assertThat(c.port()).isEqualTo(8000);
        assertThat(c.host()).isEqualTo("0.0.0.0");
        assertThat(c.maxBodyBytes()).isEqualTo(1024 * 1024);
        assertThat(c.drainTimeout()).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void environmentOverridesPortDrainServiceNameAndEmfCap() {
        ServerConfig c = ServerConfig.fromEnvironment(Map.of(
                "PORT", "9001",
                "DRAIN_TIMEOUT_SECONDS", "5",
                "SERVICE_NAME", " predictor-blue ",
                "EMF_MAX_VALUES_PER_SECOND", "300"));

        assertThat(c.port()).isEqualTo(9001);
        assertThat(c.drainTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.serviceName()).isEqualTo("predictor-blue");
        assertThat(c.emfMaxValuesPerSecond()).isEqualTo(300);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            PORT                      | eighty | PORT must be an integer, got "eighty"
            PORT                      | 70000  | port must be 0..65535, got 70000
            DRAIN_TIMEOUT_SECONDS     | 30     | drainTimeout must be 0 s .. < 30 s
            EMF_MAX_VALUES_PER_SECOND | 0      | emfMaxValuesPerSecond must be >= 1
            """)
    void invalidEnvironmentValuesAreRejectedNamingTheVariable(String variable, String value, String message) {
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of(variable, value)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }
}
