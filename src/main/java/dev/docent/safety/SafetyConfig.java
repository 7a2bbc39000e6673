package dev.docent.safety;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** What the safety guards do with questions, document chunks and answers ({@code docs/safety.md}). */
@ConfigMapping(prefix = "docent.safety")
public interface SafetyConfig {

    /** What a guard does with what it detects. */
    enum Mode {
        /** Refuse the question, keep the chunk out of prompts, withhold or clean the answer. */
        BLOCK,
        /** Let it through, marked: recorded for admins, flagged chunks reach the model wrapped in a warning. */
        FLAG,
        /** Detect nothing. */
        OFF
    }

    /**
     * The question guard: jailbreaks, prompt injection, requests for the system prompt, encoded or disguised payloads.
     * In {@code block} mode such a question gets a refusal saying why and never reaches a model; in {@code flag} mode
     * it is answered and recorded for the Safety page.
     */
    @WithDefault("block")
    Mode questions();

    /**
     * The chunk scan at ingestion: instructions aimed at a model, prompt-like delimiters, invisible characters. In
     * {@code block} mode flagged chunks never reach a prompt (nor an extractive answer) until an admin releases them;
     * in {@code flag} mode they reach the model wrapped in a warning and the answer is checked against them.
     */
    @WithDefault("block")
    Mode chunks();

    /**
     * The answer guard: the system prompt's canary must never reach the user, links to domains that no cited passage
     * mentions are removed, and an answer repeating an instruction from a flagged chunk is replaced by the extractive
     * answer. In {@code flag} mode findings are recorded but the answer is left as the model wrote it.
     */
    @WithDefault("block")
    Mode answers();

    /**
     * The least cosine similarity between a question and one of the known attacks in {@code safety/attacks.txt}
     * (embedded with the application's embedding model) at which the question counts as an attack; above 1 turns the
     * comparison off, leaving the rules alone. Chosen with {@code make redteam} so ordinary questions stay below it.
     */
    @WithDefault("0.86")
    double attackSimilarity();

    /**
     * The least cosine similarity between an order-like sentence of a chunk (an imperative, or a question) and one of
     * the planted requests in {@code safety/planted-tasks.txt} (embedded with the application's embedding model) at
     * which the chunk is flagged as carrying a planted task; above 1 turns the comparison off. Chosen with {@code make
     * redteam} on half of the SQuAD paragraphs and SciFact abstracts: the lowest at which at most 0.25 % of each is
     * flagged by similarity (docs/safety.md).
     */
    @WithDefault("0.66")
    double plantedTaskSimilarity();

    /**
     * How much closer an order-like sentence must be to its planted request than to the rest of its own chunk to count
     * as planted: a question that belongs to its document (an FAQ's) is not a planted task. Set so that Docent's own
     * user guide, an FAQ among it, has no chunk flagged (docs/safety.md).
     */
    @WithDefault("0.10")
    double plantedTaskMargin();
}
