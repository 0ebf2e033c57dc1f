package io.nutrisage.loadgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.nutrisage.loadgen.TaskMetadataStub;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskIdentityTest {
    @Test
    void anExplicitTaskIdWins() {
        assertThat(TaskIdentity.of(Map.of("TASK_ID", "gen-2", TaskIdentity.METADATA_VARIABLE, "http://127.0.0.1:1")))
                .isEqualTo("gen-2");
    }

    @Test
    void onFargateTheTaskIdIsTheLastSegmentOfTheMetadataEndpointsTaskArn() throws Exception {
        try (TaskMetadataStub metadata = new TaskMetadataStub(
                "arn:aws:ecs:us-west-2:111122223333:task/default/e9028f8d5d8e4f258373e7b93ce9a3c3")) {
            assertThat(TaskIdentity.of(Map.of(TaskIdentity.METADATA_VARIABLE, metadata.uri())))
                    .isEqualTo("e9028f8d5d8e4f258373e7b93ce9a3c3");
        }
    }

    @Test
    void withoutEitherTheHostNameTellsTasksApart() {
        assertThat(TaskIdentity.of(Map.of())).isNotBlank();
        assertThat(TaskIdentity.of(Map.of(TaskIdentity.METADATA_VARIABLE, "http://127.0.0.1:1")))
                .as("an endpoint that does not answer")
                .isNotBlank();
    }
}
