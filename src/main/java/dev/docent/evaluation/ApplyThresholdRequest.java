package dev.docent.evaluation;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.UUID;

/**
 * Applies a calibrated threshold to every answer from now on: {@code POST /api/eval/thresholds}.
 *
 * @param runId the run it was calibrated on, kept in the audit log
 */
public record ApplyThresholdRequest(
        @NotNull(message = ApplyThresholdRequest.NAME)
        @Pattern(regexp = "min-answerability|min-similarity", message = ApplyThresholdRequest.NAME)
        String name,

        @NotNull(message = ApplyThresholdRequest.VALUE)
        @DecimalMin(value = "-1", message = ApplyThresholdRequest.VALUE)
        @DecimalMax(value = "1", message = ApplyThresholdRequest.VALUE)
        Double value,

        UUID runId) {

    static final String NAME = "'name' must be min-answerability or min-similarity.";
    static final String VALUE = "'value' must be a number between -1 and 1 (min-answerability: 0 to 1).";
}
