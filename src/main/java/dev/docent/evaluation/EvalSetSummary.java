package dev.docent.evaluation;

import java.time.Instant;
import java.util.UUID;

/** A set in the list of sets. */
public record EvalSetSummary(UUID id, String name, String source, int items, String createdBy, Instant createdAt) {}
