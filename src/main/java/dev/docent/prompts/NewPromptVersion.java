package dev.docent.prompts;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/**
 * {@code POST /api/prompts}: a new version of a prompt, not yet active.
 *
 * @param kind answer, rewrite or judge
 * @param system the system message's template (required for kinds that have one, refused for the others)
 * @param user the user message's template
 * @param note what changed and why, for the next person
 */
public record NewPromptVersion(
        @NotBlank(message = NewPromptVersion.KIND)
        @Pattern(regexp = "answer|rewrite|judge", message = NewPromptVersion.KIND)
        String kind,

        String system,

        @NotBlank(message = NewPromptVersion.USER) String user,

        String note) {

    static final String KIND = "'kind' must be answer, rewrite or judge.";
    static final String USER = "'user' must hold the user message's template.";
}
