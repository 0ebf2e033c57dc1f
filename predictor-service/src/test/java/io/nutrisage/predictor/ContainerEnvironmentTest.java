package io.nutrisage.predictor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ContainerEnvironmentTest {
    @Test
    void logLevelDefaultsToInfoAndIsReadCaseInsensitively() {
        assertThat(ContainerEnvironment.read(Map.of()).logLevel()).isEqualTo("info");
        assertThat(ContainerEnvironment.read(Map.of("LOG_LEVEL", " WARN ")).logLevel())
                .isEqualTo("warn");
    }

    @Test
    void anUnknownLogLevelIsRejectedNamingTheVariableAndTheChoices() {
        assertThatThrownBy(() -> ContainerEnvironment.read(Map.of("LOG_LEVEL", "verbose")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("LOG_LEVEL must be one of trace, debug, info, warn, error, got \"verbose\"");
    }

    @Test
    void theServerSettingsComeFromTheSameEnvironment() {
        assertThat(ContainerEnvironment.read(Map.of("SERVICE_NAME", "blue-predictor", "PORT", "9000"))
                        .server())
                .satisfies(server -> {
                    assertThat(server.serviceName()).isEqualTo("blue-predictor");
                    assertThat(server.port()).isEqualTo(9000);
                });
    }
}
