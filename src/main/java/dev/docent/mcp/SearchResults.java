package dev.docent.mcp;

import java.util.List;

/** What {@code search_documents} returns: the passages best first (empty when nothing readable matches). */
public record SearchResults(String query, String collection, List<FoundPassage> passages) {}
