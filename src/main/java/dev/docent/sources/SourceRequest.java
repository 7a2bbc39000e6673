package dev.docent.sources;

/**
 * A source as an admin defines it.
 *
 * @param type {@code website} or {@code directory}
 * @param collection where its documents go (none: the default collection)
 * @param location start URL or sitemap URL (website), absolute folder path (directory)
 * @param maxDepth links followed from the start page (website; default from configuration)
 * @param maxItems pages or files read per sync (default from configuration)
 * @param otherHosts whether links to other hosts are followed (website; default false)
 * @param syncEveryMinutes how often it is synced (at least the configured minimum)
 * @param enabled false: synced only when an admin asks
 */
public record SourceRequest(
        String name,
        String type,
        String collection,
        String location,
        Integer maxDepth,
        Integer maxItems,
        Boolean otherHosts,
        Integer syncEveryMinutes,
        Boolean enabled) {}
