package dev.docent.evaluation;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.UUID;

/** {@code POST /api/eval/runs}: which set, with which configuration (none: the live one). */
public record RunRequest(
        @NotNull(message = RunRequest.SET) UUID setId,
        @Valid RunConfig config) {

    static final String SET = "Say which set to run: {\"setId\": \"...\", \"config\": {...}}.";
}
