package dev.docent.limits;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How much one request, one user and the whole instance may ask of Docent (cost and load). */
@ConfigMapping(prefix = "docent.limits")
public interface LimitsConfig {

    /** Largest JSON request body; a bigger one is refused with 413 before a byte of it is parsed. */
    @WithDefault("64K")
    MemorySize jsonBodySize();

    /** Answers (streamed or not) being written at once; one more is refused with 503 and Retry-After. */
    @WithDefault("16")
    int answerSlots();

    /** Questions one user may ask per minute; more are refused with 429 and Retry-After. 0: no limit. */
    @WithDefault("20")
    int chatPerMinute();

    /** Files one user may upload per minute; more are refused with 429 and Retry-After. 0: no limit. */
    @WithDefault("120")
    int uploadsPerMinute();

    /**
     * Searches one user may run per minute, {@code GET /api/search} and the MCP server's {@code search_documents}
     * together; more are refused with 429 and Retry-After (a tool error saying when to try again, for the MCP tool). 0:
     * no limit.
     */
    @WithDefault("60")
    int searchesPerMinute();

    /**
     * Count the per-user limits above in the database, so they hold across every instance of a fleet (one short
     * statement per question, upload or agent search). False: each instance counts on its own, in memory.
     */
    @WithDefault("true")
    boolean sharedRateLimits();
}
