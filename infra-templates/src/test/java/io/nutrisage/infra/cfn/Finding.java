package io.nutrisage.infra.cfn;

/** One problem found in a template: where (a path like {@code Resources.Service.Properties.Cluster}) and what. */
public record Finding(String path, String message) {
    @Override
    public String toString() {
        return path + ": " + message;
    }
}
