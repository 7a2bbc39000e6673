package dev.docent.evaluation;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/**
 * What one item of a run got, and how it scores.
 *
 * @param position the item's place in its set (0-based), which pairs items of two runs
 * @param retrieved what retrieval found, best first
 * @param documentRank the 1-based rank of the first expected document among the distinct retrieved documents, 0 when
 *     none was retrieved, null when the item names no expected documents (or none of them exists)
 * @param contained whether the answer contains the expected answer (null without one)
 * @param tokenF1 token overlap F1 of the answer and the expected answer (null without one)
 * @param answerability the answerability score of the retrieved passages (0 to 1), for calibration
 * @param citationsSupported citation markers whose passage supports their sentence
 * @param citationsTotal citation markers in the answer
 * @param sentencesGrounded answer sentences supported by a passage they cite
 * @param sentencesTotal answer sentences
 * @param error what went wrong answering this item, or null
 * @param promptVersion the prompt version a model wrote the answer from (null: no model wrote it)
 * @param modelAsJudge the judge model's score of the answer, when the run asked for one
 */
public record ItemResult(
        int position,
        String question,
        String expectedAnswer,
        List<String> expectedDocuments,
        boolean answerable,
        List<Retrieved> retrieved,
        String answer,
        boolean answered,
        List<Cited> citations,
        String provider,
        String model,
        Long firstTokenMs,
        long totalMs,
        Integer promptTokens,
        Integer completionTokens,
        BigDecimal costUsd,
        Integer documentRank,
        Boolean contained,
        Double tokenF1,
        Double topSimilarity,
        Double answerability,
        int citationsSupported,
        int citationsTotal,
        int sentencesGrounded,
        int sentencesTotal,
        String error,
        String promptVersion,
        Judgement modelAsJudge) {

    /**
     * A model's score of one answer; always labelled model-as-judge, so nobody takes it for a measured metric.
     *
     * @param score 0 (wrong) to 1 (correct, complete, supported), from the model's 1-5 grade; null when it failed
     * @param grade the model's grade, 1 to 5
     * @param reason what the model said, or why there is no score
     */
    public record Judgement(
            String label, Double score, Integer grade, String reason, String promptVersion, String model) {

        public static final String LABEL = "model-as-judge";
    }

    /** This result with the judge's score. */
    ItemResult withJudgement(Judgement judgement) {
        return new ItemResult(
                position,
                question,
                expectedAnswer,
                expectedDocuments,
                answerable,
                retrieved,
                answer,
                answered,
                citations,
                provider,
                model,
                firstTokenMs,
                totalMs,
                promptTokens,
                completionTokens,
                costUsd,
                documentRank,
                contained,
                tokenF1,
                topSimilarity,
                answerability,
                citationsSupported,
                citationsTotal,
                sentencesGrounded,
                sentencesTotal,
                error,
                promptVersion,
                judgement);
    }

    /** A retrieved passage. */
    public record Retrieved(UUID documentId, String title, long chunkId, double score, double similarity) {}

    /** A cited passage. */
    public record Cited(int number, UUID documentId, String title, long chunkId) {}

    /**
     * The item's binary outcome, the one comparisons test: an unanswerable item is right when Docent says it does not
     * know; an answerable one when Docent answers and, if an expected answer is given, the answer contains it.
     */
    public boolean correct() {
        if (error != null) {
            return false;
        }
        if (!answerable) {
            return !answered;
        }
        return answered && (contained == null || contained);
    }

    /** Whether an expected document is among the first {@code k} retrieved documents (null: not measured). */
    public Boolean hit(int k) {
        return documentRank == null ? null : documentRank >= 1 && documentRank <= k;
    }

    /** Reciprocal rank of the first expected document (null: not measured). */
    public Double reciprocalRank() {
        return documentRank == null ? null : documentRank == 0 ? 0.0 : 1.0 / documentRank;
    }

    /** Prompt plus completion tokens, when a model reported them. */
    public Integer tokens() {
        if (promptTokens == null && completionTokens == null) {
            return null;
        }
        return (promptTokens == null ? 0 : promptTokens) + (completionTokens == null ? 0 : completionTokens);
    }
}
