package io.nutrisage.app.aws;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last few AWS targets the user connected to, in a small JSON file (no secrets: profile name, region and the
 * stack's names). A damaged file is set aside and the list starts empty rather than blocking the console.
 */
public final class RecentTargets {
    private static final Logger LOG = LoggerFactory.getLogger(RecentTargets.class);
    public static final int MAX_ENTRIES = 10;

    private final Path file;
    private final ObjectMapper json = new ObjectMapper()
            .findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * One remembered target.
     *
     * @param profile blank = the default chain
     * @param region the region connected to: the default region chain's answer when the user left it blank (then
     *     {@code defaultRegion}); blank only in entries written before the region was resolved
     * @param defaultRegion the user left the region to the default chain, so the chooser offers it that way again
     */
    public record Entry(
            String profile,
            String region,
            String stackName,
            AwsTargetSpec spec,
            Instant lastUsed,
            boolean defaultRegion) {
        public Entry {
            profile = profile == null ? "" : profile;
            region = region == null ? "" : region;
            stackName = stackName == null ? "" : stackName;
            Objects.requireNonNull(spec, "spec");
            Objects.requireNonNull(lastUsed, "lastUsed");
        }

        /** A target whose region was chosen. */
        public Entry(String profile, String region, String stackName, AwsTargetSpec spec, Instant lastUsed) {
            this(profile, region, stackName, spec, lastUsed, false);
        }

        /**
         * Same profile, stack and region, the region resolved: eu-west-1 typed and eu-west-1 from the default chain are
         * one target (an old entry with a blank region counts as the default chain's region).
         */
        boolean sameTarget(Entry other) {
            boolean sameRegion = region.equals(other.region)
                    || (region.isEmpty() && other.defaultRegion)
                    || (other.region.isEmpty() && defaultRegion);
            return profile.equals(other.profile) && sameRegion && spec.name().equals(other.spec.name());
        }
    }

    public RecentTargets(Path file) {
        this.file = Objects.requireNonNull(file, "file");
    }

    /** {@code ~/.config/nutrisage/aws-recent-targets.json} (or {@code $XDG_CONFIG_HOME}, {@code %APPDATA%}). */
    public static RecentTargets inUserConfigDir() {
        String xdg = System.getenv("XDG_CONFIG_HOME");
        String appData = System.getenv("APPDATA");
        Path base = xdg != null && !xdg.isBlank()
                ? Path.of(xdg)
                : appData != null && !appData.isBlank()
                        ? Path.of(appData)
                        : Path.of(System.getProperty("user.home"), ".config");
        return new RecentTargets(base.resolve("nutrisage").resolve("aws-recent-targets.json"));
    }

    /** Newest first. */
    public synchronized List<Entry> list() {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            return List.copyOf(json.readValue(file.toFile(), new TypeReference<List<Entry>>() {}));
        } catch (IOException | RuntimeException e) {
            Path aside = file.resolveSibling(file.getFileName() + ".damaged");
            LOG.warn("Recent AWS targets file {} is unreadable ({}); moved to {}", file, e.getMessage(), aside);
            try {
                Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException moveFailed) {
                LOG.warn("Could not move {} aside: {}", file, moveFailed.getMessage());
            }
            return List.of();
        }
    }

    /**
     * Puts {@code entry} first, replacing an older entry for the same target (see {@link Entry#sameTarget}), keeping
     * {@link #MAX_ENTRIES}.
     */
    public synchronized void remember(Entry entry) {
        List<Entry> entries = new ArrayList<>();
        entries.add(entry);
        for (Entry e : list()) {
            if (!e.sameTarget(entry) && entries.size() < MAX_ENTRIES) {
                entries.add(e);
            }
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), "recent", ".tmp");
            json.writeValue(tmp.toFile(), entries);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save recent AWS targets to " + file, e);
        }
    }
}
