package dev.docent.answering;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How answers are composed from retrieved passages. */
@ConfigMapping(prefix = "docent.answer")
public interface AnswerConfig {

    /**
     * Below this cosine similarity between the question and the best passage, Docent says the knowledge base does not
     * cover the question instead of answering from weak matches; passages below it are never sent to a model.
     * Calibrated on SQuAD with {@code make bench-gaps} (README, Knowledge gaps).
     */
    @WithDefault("0.67")
    double minSimilarity();

    /** Passages the answer may draw on (and cite). */
    @WithDefault("5")
    int passages();

    /** Most sentences in an extractive answer. */
    @WithDefault("3")
    int maxSentences();

    /**
     * The least answerability score (a calibrated probability, 0 to 1, from
     * {@code dev.docent.answering.extractive.AnswerabilityScore}) at which the retrieved passages count as answering
     * the question; below it Docent says the knowledge base does not cover it. Calibrated with {@code make
     * bench-answer} (README, Extractive answers).
     */
    @WithDefault("0.5")
    double minAnswerability();

    /**
     * The least share of an answer sentence's content terms that the passage it cites must contain for the citation
     * to stay ({@code dev.docent.answering.extractive.CitationCheck}). 0.3 had the best F1 over SQuAD and SciFact
     * together in {@code make bench-answer} (README, Extractive answers): higher levels drop many correct citations of
     * paraphrased statements.
     */
    @WithDefault("0.3")
    double minCitationSupport();
}
