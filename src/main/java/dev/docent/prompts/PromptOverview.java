package dev.docent.prompts;

import java.util.List;

/** {@code GET /api/prompts}: the kinds with their variables, and every version (without templates). */
public record PromptOverview(List<Kind> kinds, List<PromptVersion> versions) {

    /**
     * A prompt kind, for the page's form.
     *
     * @param active the label of the version chat uses now
     */
    public record Kind(
            String kind,
            String description,
            boolean hasSystem,
            List<PromptKind.Variable> systemVariables,
            List<PromptKind.Variable> userVariables,
            List<String> required,
            String active) {}
}
