package dev.docent.prompts;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits on prompt versions written in the page or the API. */
@ConfigMapping(prefix = "docent.prompts")
public interface PromptsConfig {

    /** Longest template (each part), in characters: the shipped ones are under 1,500. */
    @WithDefault("20000")
    int maxTemplateChars();

    /** Longest note on a version, in characters. */
    @WithDefault("500")
    int maxNoteChars();

    /** Longest rendering of a template with the sample values, in characters: a longer one is a runaway loop. */
    @WithDefault("100000")
    int maxRenderedChars();
}
