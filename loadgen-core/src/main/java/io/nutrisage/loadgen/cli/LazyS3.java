package io.nutrisage.loadgen.cli;

import io.nutrisage.loadgen.records.S3Clients;
import software.amazon.awssdk.services.s3.S3Client;

/** Creates the S3 client only when an s3:// location is used, so local runs need no AWS configuration. */
final class LazyS3 implements AutoCloseable {
    private S3Client client;

    synchronized S3Client get() {
        if (client == null) {
            client = S3Clients.fromEnvironment();
        }
        return client;
    }

    @Override
    public synchronized void close() {
        if (client != null) {
            client.close();
        }
    }
}
