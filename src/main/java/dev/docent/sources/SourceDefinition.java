package dev.docent.sources;

/**
 * A source as a connector sees it.
 *
 * @param location start URL, sitemap URL or absolute folder path, as validated
 * @param maxDepth links followed from the start page (websites)
 * @param maxItems pages or files read per sync
 * @param otherHosts whether a website source may follow links to other hosts
 */
public record SourceDefinition(long id, String type, String location, int maxDepth, int maxItems, boolean otherHosts) {}
