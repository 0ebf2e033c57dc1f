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
 * stack is resolved from its CloudFormation outputs (or taken as typed by hand) and remembered in the recent targets.
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
        return switch (request.target()) {
            case AwsConnectRequest.Stack stack -> AwsTargets.connectToStack(stack.name(), s, recentTargets);
            case AwsConnectRequest.ByHand hand -> AwsTargets.connectByHand(hand.spec(), s, recentTargets);
        };
    }

    /**
     * Stack targets are resolved again when chosen (outputs may have changed); hand-typed ones reuse their names. A
     * target reached through the default region is offered as the user chose it ("default region"), so its label is
     * the one the chooser shows for the connected target; the recent targets keep one entry per resolved region.
     */
    @Override
    public List<AwsConnectRequest> recent() {
        return recentTargets.list().stream()
                .map(e -> {
                    String region = e.defaultRegion() ? "" : e.region();
                    return e.stackName().isEmpty()
                            ? AwsConnectRequest.byHand(e.profile(), region, e.spec())
                            : new AwsConnectRequest(e.profile(), region, e.stackName());
                })
                .toList();
    }
}
