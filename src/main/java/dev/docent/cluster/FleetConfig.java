package dev.docent.cluster;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How several Docent instances on one database share their work and tell each other about changes. */
@ConfigMapping(prefix = "docent.fleet")
public interface FleetConfig {

    /**
     * Listen for other instances' notifications (document status for live pages, cache invalidations, queued work).
     * Off only for a single instance that wants one database connection fewer.
     */
    @WithDefault("true")
    boolean listen();

    /**
     * How long the listener waits for a notification before it checks that its connection is alive and that Docent
     * is not stopping; also how soon it reconnects after the database went away.
     */
    @WithDefault("PT2S")
    Duration listenWait();
}
