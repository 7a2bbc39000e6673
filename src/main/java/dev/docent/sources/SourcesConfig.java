package dev.docent.sources;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Sources Docent keeps in sync: how often it looks, and where it may look. */
@ConfigMapping(prefix = "docent.sources")
public interface SourcesConfig {

    /** How often the scheduler checks for sources whose next sync is due. */
    @WithDefault("PT30S")
    Duration schedulerTick();

    /** The shortest sync interval an admin may set: a sync re-reads the whole source. */
    @WithDefault("PT5M")
    Duration minInterval();

    /** How long a sync may hold its source before another instance may take it over (a crashed instance). */
    @WithDefault("PT2H")
    Duration syncLease();

    /** Website sources. */
    Website website();

    /** Directory sources. */
    Directory directory();

    interface Website {
        /**
         * Networks (CIDR, e.g. {@code 10.20.0.0/16}) that a website source may reach although they are private,
         * loopback or link-local. Empty (the default): only public addresses, checked on the address connected to,
         * redirects included, so a source cannot be pointed at internal services or a cloud metadata endpoint (SSRF).
         */
        Optional<List<String>> allowedPrivateNetworks();

        /** Pages fetched per sync unless the source sets fewer. */
        @WithDefault("500")
        int maxPages();

        /** Links followed from the start page unless the source sets fewer (0: the start page only). */
        @WithDefault("5")
        int maxDepth();

        /** Largest page or file downloaded; bigger ones are reported as failed. */
        @WithDefault("20M")
        MemorySize maxDownloadSize();

        /** Connect and read timeout of each request. */
        @WithDefault("PT20S")
        Duration requestTimeout();

        /** Pause between requests to the same site, to be a polite crawler. */
        @WithDefault("PT0.25S")
        Duration requestDelay();

        /** The User-agent Docent sends and looks for in robots.txt. */
        @WithDefault("DocentBot")
        String userAgent();
    }

    interface Directory {
        /**
         * Folders on the server under which directory sources may point (e.g. a mounted share). Empty (the default):
         * directory sources are refused. Symbolic links leading outside these folders are not followed.
         */
        Optional<List<String>> allowedRoots();

        /** Files read per sync unless the source sets fewer. */
        @WithDefault("10000")
        int maxFiles();
    }
}
