package io.nutrisage.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.nutrisage.app.aws.RecentTargets;
import io.nutrisage.app.aws.StubFixture;
import io.nutrisage.app.aws.stub.AwsStub;
import io.nutrisage.app.aws.stub.NutriSageStack;
import io.nutrisage.app.load.LoadDriver;
import io.nutrisage.app.ui.AwsConnectRequest;
import io.nutrisage.app.ui.ConsoleViewModel;
import io.nutrisage.app.ui.TaskExecutor;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's connector against the stub, seen through the target chooser: a stack connected to with the region
 * left to the default chain and with that region typed is one target, listed once.
 */
class AwsStackConnectorTest {
    private static final String PROFILE = "nutrisage-test";

    @TempDir
    Path dir;

    private StubFixture aws;
    private ConsoleViewModel vm;
    private String regionProperty;

    @BeforeEach
    void start() throws Exception {
        aws = new StubFixture();
        // The SDK's default region chain starts with this system property (then AWS_REGION, then the profile).
        regionProperty = System.getProperty("aws.region");
        System.setProperty("aws.region", AwsStub.REGION);
        AwsStackConnector connector =
                new AwsStackConnector(aws::pointAt, new RecentTargets(dir.resolve("recent.json")));
        LoadDriver noLoad = (plan, target, listener) -> {
            throw new LoadDriver.LoadException("no load in this test", null);
        };
        vm = new ConsoleViewModel(
                () -> {
                    throw new IllegalStateException("no sandbox in this test");
                },
                connector,
                noLoad,
                dir.resolve("recordings"),
                TaskExecutor.queued(),
                () -> Instant.parse("2026-11-23T12:00:30Z"));
    }

    @AfterEach
    void stop() {
        vm.close();
        aws.close();
        if (regionProperty == null) {
            System.clearProperty("aws.region");
        } else {
            System.setProperty("aws.region", regionProperty);
        }
    }

    @Test
    void aStackReachedThroughTheDefaultRegionAndThroughThatRegionTypedIsListedOnce() {
        AwsConnectRequest byDefault = new AwsConnectRequest(PROFILE, "", NutriSageStack.ENV);
        AwsConnectRequest typed = new AwsConnectRequest(PROFILE, AwsStub.REGION, NutriSageStack.ENV);

        vm.targetChooser().connectAws(byDefault);

        assertThat(vm.targetChooser().targetNameProperty().get()).isEqualTo("AWS nutrisage (eu-west-1)");
        assertThat(vm.targetChooser().targetChoices())
                .containsExactly(
                        "Local sandbox", "AWS stack…", "AWS nutrisage (default region, profile nutrisage-test)");

        vm.targetChooser().connectAws(typed);

        assertThat(vm.targetChooser().targetChoices())
                .containsExactly("Local sandbox", "AWS stack…", "AWS nutrisage (eu-west-1, profile nutrisage-test)");

        vm.targetChooser().connectAws(byDefault);

        assertThat(vm.targetChooser().targetChoices())
                .containsExactly(
                        "Local sandbox", "AWS stack…", "AWS nutrisage (default region, profile nutrisage-test)");
        assertThat(new RecentTargets(dir.resolve("recent.json")).list())
                .singleElement()
                .satisfies(e -> assertThat(e.region()).isEqualTo(AwsStub.REGION));
    }
}
