package io.nutrisage.app;

import io.nutrisage.app.aws.AwsSettings;
import io.nutrisage.app.aws.AwsTargets;
import io.nutrisage.app.aws.RecentTargets;
import io.nutrisage.app.monitoring.MonitoringTarget;
import io.nutrisage.app.ui.AwsConnectRequest;
import io.nutrisage.app.ui.AwsConnector;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The console's way to AWS: the dialog's profile and region become {@link AwsSettings} (blank = default chains), the
 * stack is resolved from its CloudFormation outputs and remembered in the recent targets.
 *
 * @param settings adjusts the settings before connecting: identity in the console, the stub's endpoint in tests
 */
public record AwsStackConnector(UnaryOperator<AwsSettings> settings, RecentTargets recentTargets)
        implements AwsConnector {
    public AwsStackConnector {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(recentTargets, "recentTargets");
    }

    /** Default chains, recent targets in the user's config directory. */
    public static AwsStackConnector defaults() {
        return new AwsStackConnector(UnaryOperator.identity(), RecentTargets.inUserConfigDir());
    }

    @Override
    public MonitoringTarget connect(AwsConnectRequest request) {
        AwsSettings s = settings.apply(AwsSettings.of(request.profile(), request.region()));
        return AwsTargets.connectToStack(request.stackName(), s, recentTargets);
    }

    @Override
    public List<AwsConnectRequest> recent() {
        return recentTargets.list().stream()
                .filter(e -> !e.stackName().isEmpty())
                .map(e -> new AwsConnectRequest(e.profile(), e.region(), e.stackName()))
                .toList();
    }
}
