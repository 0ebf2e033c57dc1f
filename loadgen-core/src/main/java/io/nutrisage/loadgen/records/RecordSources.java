package io.nutrisage.loadgen.records;

import io.nutrisage.loadgen.records.MultiObjectStream.ObjectOpener;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Stream;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Factories for the record sources: local files, S3 prefixes and the built-in sample. */
public final class RecordSources {
    /** Resource path of the built-in sample (Open Food Facts rows, ODbL; see off-sample-ATTRIBUTION.txt). */
    static final String SAMPLE_RESOURCE = "/io/nutrisage/loadgen/records/off-sample.csv";

    private RecordSources() {}

    /**
     * {@code s3://bucket/prefix} for S3 (needs {@code s3}), anything else a local file or directory, and
     * {@code null}/blank/{@code builtin} for the built-in sample.
     */
    public static RecordSource fromLocation(String location, java.util.function.Supplier<S3Client> s3) {
        if (location == null || location.isBlank() || location.equals("builtin")) {
            return builtInSample();
        }
        if (location.startsWith("s3://")) {
            return s3(s3.get(), location);
        }
        return local(Path.of(location));
    }

    /** About 200 real products from the Open Food Facts test split (nutrients and categories, no labels). */
    public static RecordSource builtInSample() {
        return new RecordSource() {
            @Override
            public RecordStream open(Consumer<SkippedRecord> skipped) throws IOException {
                InputStream in = RecordSources.class.getResourceAsStream(SAMPLE_RESOURCE);
                if (in == null) {
                    throw new IOException("built-in sample missing from the class path: " + SAMPLE_RESOURCE);
                }
                return ObjectReaders.text("builtin:off-sample.csv", Format.CSV, in, skipped);
            }

            @Override
            public String describe() {
                return "builtin:off-sample.csv";
            }
        };
    }

    /**
     * A file, or every file under a directory in name order, by extension: {@code .csv}, {@code .tsv},
     * {@code .jsonl}/{@code .ndjson}/{@code .json} (JSON lines), {@code .parquet}; text formats may be {@code .gz}.
     */
    public static RecordSource local(Path path) {
        Objects.requireNonNull(path, "path");
        return new RecordSource() {
            @Override
            public RecordStream open(Consumer<SkippedRecord> skipped) throws IOException {
                if (!Files.exists(path)) {
                    throw new IOException("no such file or directory: " + path);
                }
                List<Path> files;
                if (Files.isDirectory(path)) {
                    try (Stream<Path> walk = Files.walk(path)) {
                        files = walk.filter(Files::isRegularFile).sorted().toList();
                    }
                } else {
                    files = List.of(path);
                }
                List<ObjectOpener> openers = new ArrayList<>();
                for (Path file : files) {
                    String name = file.toString();
                    Format format = supportedFormat(name, name, skipped);
                    if (format == null) {
                        continue;
                    }
                    openers.add(ObjectOpener.named(
                            name,
                            skips -> format == Format.PARQUET
                                    ? ObjectReaders.parquet(name, file.toFile(), () -> {})
                                    : ObjectReaders.text(name, format, Files.newInputStream(file), skips)));
                }
                return new MultiObjectStream(openers, skipped);
            }

            @Override
            public String describe() {
                return path.toString();
            }
        };
    }

    /** The format named by {@code fileName}'s extension, or null after reporting {@code name} as skipped. */
    private static Format supportedFormat(String fileName, String name, Consumer<SkippedRecord> skipped) {
        Format format = Format.of(fileName).orElse(null);
        if (format == null) {
            skipped.accept(new SkippedRecord(
                    name, 0, "unsupported format (expected .csv, .tsv, .jsonl, .ndjson, .json or .parquet)"));
        }
        return format;
    }

    /** Every object under {@code s3://bucket/prefix}, in key order; formats as for {@link #local}. */
    public static RecordSource s3(S3Client s3, String location) {
        Objects.requireNonNull(s3, "s3");
        S3Location where = S3Location.parse(location);
        return new RecordSource() {
            @Override
            public RecordStream open(Consumer<SkippedRecord> skipped) throws IOException {
                List<String> keys = new ArrayList<>();
                try {
                    for (S3Object object : s3.listObjectsV2Paginator(
                                    b -> b.bucket(where.bucket()).prefix(where.prefix()))
                            .contents()) {
                        if (!object.key().endsWith("/")) {
                            keys.add(object.key());
                        }
                    }
                } catch (RuntimeException e) {
                    throw new IOException("cannot list " + location + ": " + ObjectReaders.message(e), e);
                }
                keys.sort(null);
                List<ObjectOpener> openers = new ArrayList<>();
                for (String key : keys) {
                    String name = "s3://" + where.bucket() + "/" + key;
                    Format format = supportedFormat(key, name, skipped);
                    if (format == null) {
                        continue;
                    }
                    openers.add(ObjectOpener.named(name, skips -> {
                        ResponseInputStream<GetObjectResponse> in;
                        try {
                            in = s3.getObject(b -> b.bucket(where.bucket()).key(key));
                        } catch (RuntimeException e) {
                            throw new IOException(ObjectReaders.message(e), e);
                        }
                        if (format != Format.PARQUET) {
                            return ObjectReaders.text(name, format, in, skips);
                        }
                        // Parquet needs random access (the footer first): spool the object to a temp file.
                        Path temp = Files.createTempFile("loadgen-", ".parquet");
                        try (in) {
                            Files.copy(in, temp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                        } catch (IOException | RuntimeException e) {
                            Files.deleteIfExists(temp);
                            throw e;
                        }
                        return ObjectReaders.parquet(name, temp.toFile(), () -> deleteQuietly(temp));
                    }));
                }
                return new MultiObjectStream(openers, skipped);
            }

            @Override
            public String describe() {
                return location;
            }
        };
    }

    private static void deleteQuietly(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A parsed {@code s3://bucket/prefix} location. */
    public record S3Location(String bucket, String prefix) {
        public static S3Location parse(String location) {
            URI uri;
            try {
                uri = URI.create(location);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("not an S3 location: '" + location + "'", e);
            }
            if (!"s3".equals(uri.getScheme())
                    || uri.getHost() == null
                    || uri.getHost().isBlank()) {
                throw new IllegalArgumentException("not an S3 location (s3://bucket/prefix): '" + location + "'");
            }
            String path = uri.getPath() == null ? "" : uri.getPath();
            return new S3Location(uri.getHost(), path.startsWith("/") ? path.substring(1) : path);
        }
    }
}
