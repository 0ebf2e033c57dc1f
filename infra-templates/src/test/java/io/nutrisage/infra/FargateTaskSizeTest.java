package io.nutrisage.infra;

import static io.nutrisage.infra.Paths.parameterDefault;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The default task sizes are CPU/memory pairs Fargate accepts (the resource spec cannot tell). */
class FargateTaskSizeTest {

    @ParameterizedTest
    @CsvSource(textBlock = """
            service
            loadtest
            """)
    void defaultCpuAndMemoryAreAValidFargateCombination(String stack) {
        var template = Stacks.named(stack).parse();
        int cpu = Integer.parseInt(parameterDefault(template, "TaskCpu"));
        int memory = Integer.parseInt(parameterDefault(template, "TaskMemory"));

        assertThat(validFargateSize(cpu, memory))
                .as("%s: %d CPU units with %d MiB", stack, cpu, memory)
                .isTrue();
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            256,  512,   true
            256,  4096,  false
            1024, 2048,  true
            1024, 1024,  false
            4096, 30720, true
            4096, 4096,  false
            """)
    void fargateSizeRuleMatchesTheDocumentedTable(int cpu, int memory, boolean valid) {
        assertThat(validFargateSize(cpu, memory)).isEqualTo(valid);
    }

    /** Linux Fargate task sizes up to 4 vCPU (AWS ECS developer guide, "Task size"). */
    static boolean validFargateSize(int cpu, int memory) {
        return switch (cpu) {
            case 256 -> memory == 512 || memory == 1024 || memory == 2048;
            case 512 -> memory >= 1024 && memory <= 4096 && memory % 1024 == 0;
            case 1024 -> memory >= 2048 && memory <= 8192 && memory % 1024 == 0;
            case 2048 -> memory >= 4096 && memory <= 16384 && memory % 1024 == 0;
            case 4096 -> memory >= 8192 && memory <= 30720 && memory % 1024 == 0;
            default -> false;
        };
    }
}
