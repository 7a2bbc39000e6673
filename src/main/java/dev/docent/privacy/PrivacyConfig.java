package dev.docent.privacy;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** How long Docent keeps conversations and what is derived from them. */
@ConfigMapping(prefix = "docent.privacy")
public interface PrivacyConfig {

    /**
     * Conversations not touched for this long (e.g. {@code P180D}) are purged with their messages, feedback and gap
     * examples; their counts are kept. Unset (the default, for demos): nothing is purged.
     */
    Optional<Duration> retention();

    /** How often the purge runs when a retention is set. */
    @WithDefault("P1D")
    Duration purgeInterval();
}
