package dev.docent.evaluation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A set with its items, in the order they were added. */
public record EvalSetDetail(
        UUID id, String name, String source, String createdBy, Instant createdAt, List<EvalItem> items) {}
