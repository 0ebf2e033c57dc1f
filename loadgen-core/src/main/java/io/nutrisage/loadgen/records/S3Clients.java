package io.nutrisage.loadgen.records;

import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** S3 clients configured from the environment, as the CLI and the Fargate task use them. */
public final class S3Clients {
    private S3Clients() {}

    /**
     * The default credential and region chains ({@code AWS_REGION}, falling back to us-east-1). When an endpoint
     * override is set ({@code AWS_ENDPOINT_URL} or {@code AWS_ENDPOINT_URL_S3}, honoured by the SDK) the client
     * uses path-style addressing and checksums only where required, which S3-compatible stores such as S3Proxy
     * and MinIO need.
     */
    public static S3Client fromEnvironment() {
        boolean override = System.getenv("AWS_ENDPOINT_URL") != null || System.getenv("AWS_ENDPOINT_URL_S3") != null;
        var builder = S3Client.builder();
        if (System.getenv("AWS_REGION") == null && System.getenv("AWS_DEFAULT_REGION") == null) {
            builder.region(Region.US_EAST_1);
        }
        if (override) {
            builder.forcePathStyle(true)
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        }
        return builder.build();
    }
}
