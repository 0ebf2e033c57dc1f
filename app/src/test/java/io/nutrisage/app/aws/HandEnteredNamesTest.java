package io.nutrisage.app.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nutrisage.app.aws.stub.NutriSageStack;
import java.net.URI;
import org.junit.jupiter.api.Test;

class HandEnteredNamesTest {

    private static HandEnteredNames names(String cluster, String service, String url, String lb, String tg) {
        return new HandEnteredNames(cluster, service, url, lb, tg, "", "", "", "");
    }

    @Test
    void theStacksNamesMakeTheSpecAStackResolutionWouldWithDefaultsForBlankOptionalFields() {
        AwsTargetSpec spec = new HandEnteredNames(
                        " nutrisage ",
                        NutriSageStack.SERVICE,
                        NutriSageStack.TARGET_URL,
                        NutriSageStack.LOAD_BALANCER,
                        NutriSageStack.TARGET_GROUP,
                        NutriSageStack.LOG_GROUP,
                        "",
                        "",
                        "NutriSage-HighCPU,\n NutriSage-Target5xx , ")
                .toSpec();

        assertThat(spec.name()).isEqualTo("nutrisage/nutrisage-predictor");
        assertThat(spec.clusterName()).isEqualTo(NutriSageStack.CLUSTER);
        assertThat(spec.targetUrl()).isEqualTo(URI.create(NutriSageStack.TARGET_URL));
        assertThat(spec.hasTargetGroup()).isTrue();
        assertThat(spec.logGroupName()).isEqualTo(NutriSageStack.LOG_GROUP);
        assertThat(spec.metricNamespace()).isEqualTo("NutriSage/Inference");
        assertThat(spec.inferenceDimensionName()).isEqualTo("ServiceName");
        assertThat(spec.inferenceDimensionValue()).isEqualTo("nutrisage-predictor");
        assertThat(spec.alarmNames()).containsExactly("NutriSage-HighCPU", "NutriSage-Target5xx");
    }

    @Test
    void arnsPastedFromTheAwsConsoleGiveTheirNames() {
        AwsTargetSpec spec = new HandEnteredNames(
                        "arn:aws:ecs:eu-west-1:123456789012:cluster/nutrisage",
                        "arn:aws:ecs:eu-west-1:123456789012:service/nutrisage/nutrisage-predictor",
                        "https://predict.example.org:8443",
                        "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/nutrisage-alb/"
                                + "50dc6c495c0c9188",
                        "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/nutrisage-tg/73e2d6bc24d8a067",
                        "arn:aws:logs:eu-west-1:123456789012:log-group:/ecs/nutrisage-predictor:*",
                        "Custom/Inference",
                        "predictor-blue",
                        "")
                .toSpec();

        assertThat(spec.clusterName()).isEqualTo("nutrisage");
        assertThat(spec.serviceName()).isEqualTo("nutrisage-predictor");
        assertThat(spec.loadBalancerFullName()).isEqualTo(NutriSageStack.LOAD_BALANCER);
        assertThat(spec.targetGroupFullName()).isEqualTo(NutriSageStack.TARGET_GROUP);
        assertThat(spec.logGroupName()).isEqualTo("/ecs/nutrisage-predictor");
        assertThat(spec.metricNamespace()).isEqualTo("Custom/Inference");
        assertThat(spec.inferenceDimensionValue()).isEqualTo("predictor-blue");
    }

    @Test
    void blankOptionalNamesSwitchTheirFeedsOff() {
        AwsTargetSpec spec = names("c", "s", "http://10.0.0.7:8000", " ", "").toSpec();

        assertThat(spec.hasLoadBalancer()).isFalse();
        assertThat(spec.hasTargetGroup()).isFalse();
        assertThat(spec.logGroupName()).isEmpty();
        assertThat(spec.alarmNames()).isEmpty();
    }

    @Test
    void eachWrongFieldIsNamedWithWhatToType() {
        String url = NutriSageStack.TARGET_URL;
        assertThatThrownBy(() -> names("", "s", url, "", "").toSpec())
                .hasMessage("Cluster: enter the ECS cluster name (e.g. nutrisage).");
        assertThatThrownBy(() -> names("c", "my service", url, "", "").toSpec())
                .hasMessage("Service: an ECS service name has only letters, digits, - and _ (or paste its ARN), got"
                        + " 'my service'.");
        assertThatThrownBy(() -> names("c", "s", "", "", "").toSpec())
                .hasMessageStartingWith("Service URL: enter where load goes");
        assertThatThrownBy(() -> names("c", "s", "nutrisage-alb.elb.amazonaws.com", "", "")
                        .toSpec())
                .hasMessageStartingWith("Service URL: enter http:// or https:// and a host")
                .hasMessageEndingWith("got 'nutrisage-alb.elb.amazonaws.com'.");
        assertThatThrownBy(() -> names("c", "s", url, "nutrisage-alb", "").toSpec())
                .hasMessageStartingWith("Load balancer: enter its full name app/<name>/<16 hex digits>")
                .hasMessageEndingWith("got 'nutrisage-alb'.");
        assertThatThrownBy(() -> names("c", "s", url, NutriSageStack.LOAD_BALANCER, "nutrisage-tg")
                        .toSpec())
                .hasMessageStartingWith("Target group: enter its full name targetgroup/<name>/<16 hex digits>");
        assertThatThrownBy(() ->
                        names("c", "s", url, "", NutriSageStack.TARGET_GROUP).toSpec())
                .hasMessage("Target group: its metrics need the load balancer's full name too (app/<name>/<id>).");
        assertThatThrownBy(() -> new HandEnteredNames("c", "s", url, "", "", "/ecs/a b", "", "", "").toSpec())
                .hasMessageStartingWith("Log group: letters, digits and _ - / . # only");
        assertThatThrownBy(() -> new HandEnteredNames("c", "s", url, "", "", "", "AWS/ECS", "", "").toSpec())
                .hasMessageStartingWith("Metric namespace: predictor-service's own namespace");
    }
}
