package dev.docent.retrieval;

import java.util.List;
import java.util.UUID;

/**
 * A passage found for a query.
 *
 * @param score the fused score (higher is better); comparable within one search only
 * @param snippet the start of the passage
 */
public record SearchHit(
        long chunkId,
        UUID documentId,
        String title,
        Integer page,
        List<String> headingPath,
        double score,
        String snippet) {}
