package io.nutrisage.app.aws;

import io.nutrisage.infra.InfraDefaults;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A stack's names as a user types them into the connect dialog, turned into an {@link AwsTargetSpec} with one clear
 * message for the first thing wrong. Names may be pasted as ARNs (the AWS console shows those): the name is taken
 * from the ARN. Blank optional fields switch their feed off (no load balancer: no ALB series; no log group: no log
 * tail); a blank namespace or inference service name takes infra-templates' defaults.
 *
 * @param alarms alarm names separated by commas or new lines; the service's target-tracking alarms are added anyway
 * @param inferenceService value of predictor-service's {@code ServiceName} dimension on its EMF metrics
 */
public record HandEnteredNames(
        String cluster,
        String service,
        String targetUrl,
        String loadBalancer,
        String targetGroup,
        String logGroup,
        String namespace,
        String inferenceService,
        String alarms) {
    /** The default environment's names, for the examples in messages. */
    private static final InfraDefaults.Names EXAMPLE = InfraDefaults.load().names();

    // ECS: up to 255 letters, digits, hyphens and underscores.
    private static final Pattern ECS_NAME = Pattern.compile("[A-Za-z0-9_-]{1,255}");
    // CloudWatch Logs: 1-512 of letters, digits and _ - / . #
    private static final Pattern LOG_GROUP = Pattern.compile("[A-Za-z0-9_\\-/.#]{1,512}");
    private static final Pattern LOAD_BALANCER = Pattern.compile("app/[A-Za-z0-9-]{1,32}/[0-9a-f]{16}");
    private static final Pattern TARGET_GROUP = Pattern.compile("targetgroup/[A-Za-z0-9-]{1,32}/[0-9a-f]{16}");

    public HandEnteredNames {
        cluster = clean(cluster);
        service = clean(service);
        targetUrl = clean(targetUrl);
        loadBalancer = clean(loadBalancer);
        targetGroup = clean(targetGroup);
        logGroup = clean(logGroup);
        namespace = clean(namespace);
        inferenceService = clean(inferenceService);
        alarms = alarms == null ? "" : alarms;
    }

    /**
     * The spec these names describe.
     *
     * @throws IllegalArgumentException whose message says what to fix, for the first field that is wrong
     */
    public AwsTargetSpec toSpec() {
        String clusterName = ecsName(cluster, "cluster", EXAMPLE.cluster());
        String serviceName = ecsName(service, "service", EXAMPLE.service());
        URI url = url(targetUrl);
        String lb = afterMarker(loadBalancer, ":loadbalancer/");
        if (!lb.isEmpty() && !LOAD_BALANCER.matcher(lb).matches()) {
            throw new IllegalArgumentException("Load balancer: enter its full name app/<name>/<16 hex digits> (the"
                    + " end of its ARN, e.g. app/nutrisage-alb/50dc6c495c0c9188), got '" + loadBalancer + "'.");
        }
        String tg = afterMarker(targetGroup, ":");
        if (!tg.isEmpty() && !TARGET_GROUP.matcher(tg).matches()) {
            throw new IllegalArgumentException("Target group: enter its full name targetgroup/<name>/<16 hex digits>"
                    + " (the end of its ARN), got '" + targetGroup + "'.");
        }
        if (!tg.isEmpty() && lb.isEmpty()) {
            throw new IllegalArgumentException(
                    "Target group: its metrics need the load balancer's full name too (app/<name>/<id>).");
        }
        String group = afterMarker(logGroup, ":log-group:").replaceFirst(":\\*$", "");
        if (!group.isEmpty() && !LOG_GROUP.matcher(group).matches()) {
            throw new IllegalArgumentException("Log group: letters, digits and _ - / . # only (e.g." + " "
                    + EXAMPLE.predictorLogGroup() + "), got '" + logGroup + "'.");
        }
        if (!namespace.isEmpty() && (namespace.startsWith("AWS/") || namespace.length() > 255)) {
            throw new IllegalArgumentException("Metric namespace: predictor-service's own namespace (default "
                    + AwsTargetSpec.DEFAULT_NAMESPACE + "), not an AWS/ one; got '" + namespace + "'.");
        }
        List<String> alarmNames = Arrays.stream(alarms.split("[,\\n]"))
                .map(String::strip)
                .filter(a -> !a.isEmpty())
                .toList();
        for (String alarm : alarmNames) {
            if (alarm.length() > 255) {
                throw new IllegalArgumentException("Alarm names: at most 255 characters each, got '" + alarm + "'.");
            }
        }
        return new AwsTargetSpec(
                clusterName + "/" + serviceName,
                clusterName,
                serviceName,
                lb,
                tg,
                url,
                group,
                namespace.isEmpty() ? AwsTargetSpec.DEFAULT_NAMESPACE : namespace,
                AwsTargetSpec.DEFAULT_INFERENCE_DIMENSION_NAME,
                // The stack sets the predictor's SERVICE_NAME, its metrics' dimension value, to the ECS service name.
                inferenceService.isEmpty() ? serviceName : inferenceService,
                alarmNames,
                "",
                "");
    }

    private static String ecsName(String value, String what, String example) {
        String name = afterLastSlashOfArn(value);
        if (name.isEmpty()) {
            throw new IllegalArgumentException(
                    capitalised(what) + ": enter the ECS " + what + " name (e.g. " + example + ").");
        }
        if (!ECS_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(capitalised(what) + ": an ECS " + what
                    + " name has only letters, digits, - and _ (or paste its ARN), got '" + value + "'.");
        }
        return name;
    }

    private static URI url(String value) {
        if (value.isEmpty()) {
            throw new IllegalArgumentException("Service URL: enter where load goes, the load balancer's address"
                    + " (e.g. http://nutrisage-alb-1234567890.eu-west-1.elb.amazonaws.com).");
        }
        String problem = "Service URL: enter http:// or https:// and a host (e.g."
                + " http://nutrisage-alb-1234567890.eu-west-1.elb.amazonaws.com), got '" + value + "'.";
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw new IllegalArgumentException(problem);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(problem, e);
        }
    }

    /** An ECS ARN ({@code arn:aws:ecs:…:cluster/name}, {@code …:service/cluster/name}) gives its last segment. */
    private static String afterLastSlashOfArn(String value) {
        return value.startsWith("arn:") ? value.substring(value.lastIndexOf('/') + 1) : value;
    }

    /** An ARN gives what follows {@code marker} (its resource part); a plain name stays as typed. */
    private static String afterMarker(String value, String marker) {
        if (!value.startsWith("arn:")) {
            return value;
        }
        int at = value.lastIndexOf(marker);
        return at < 0 ? value : value.substring(at + marker.length());
    }

    private static String capitalised(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String clean(String s) {
        return s == null ? "" : s.strip();
    }
}
