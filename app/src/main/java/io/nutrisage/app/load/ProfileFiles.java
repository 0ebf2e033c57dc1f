package io.nutrisage.app.load;

import io.nutrisage.loadgen.schedule.Phase;
import io.nutrisage.loadgen.schedule.Profiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a rate profile file for the console with loadgen-core's reader ({@link Profiles#load}), so the console and
 * the CLI accept the same YAML and JSON files and report the same errors (file, line, phase and field).
 */
public final class ProfileFiles {
    /** The file extensions the console offers in its file chooser. */
    public static final List<String> EXTENSIONS = List.of("*.yaml", "*.yml", "*.json");

    public record Profile(String name, List<LoadPhase> phases) {
        public Profile {
            phases = List.copyOf(phases);
        }
    }

    private ProfileFiles() {}

    /** @throws IOException with a message fit for the status bar when the file cannot be read or is not a profile */
    public static Profile read(Path file) throws IOException {
        try {
            var profile = Profiles.load(file);
            return new Profile(
                    profile.name(),
                    profile.phases().stream().map(ProfileFiles::phase).toList());
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private static LoadPhase phase(Phase phase) {
        return new LoadPhase(phase.duration(), phase.startRate(), phase.endRate());
    }
}
