package dev.docent.monitoring;

import java.time.Instant;
import java.util.UUID;

/**
 * A model answer whose groundedness is below the review level, as knowledge managers see it.
 *
 * @param question the question, with personal data masked as in the gap reports
 * @param groundedness the share (0 to 1) of its sentences supported by the passages they cite
 * @param traceId its trace, when tracing was on
 */
public record LowGroundedAnswer(
        UUID messageId,
        Instant createdAt,
        String question,
        String answer,
        double groundedness,
        String provider,
        String model,
        String promptVersion,
        String traceId) {}
