package dev.docent.evaluation;

import dev.docent.answering.Draft;
import dev.docent.answering.Outcome;
import dev.docent.retrieval.Passage;
import java.util.ArrayList;
import java.util.List;

/** Turns an answer into an item's result, with its scores. */
final class ItemResults {

    private ItemResults() {}

    static ItemResult of(EvalRunner.Job job, Outcome outcome, double answerability, double minCitationSupport) {
        EvalItem item = job.item();
        Draft draft = outcome.draft();
        List<Passage> passages = outcome.retrieval().passages();
        List<ItemResult.Retrieved> retrieved = passages.stream()
                .map(p -> new ItemResult.Retrieved(
                        p.documentId(),
                        p.title(),
                        p.chunkId(),
                        RunMetrics.round(p.score()),
                        RunMetrics.round(p.similarity())))
                .toList();
        List<ItemResult.Cited> cited = new ArrayList<>();
        for (int i = 0; i < draft.cited().size(); i++) {
            Passage p = draft.cited().get(i);
            cited.add(new ItemResult.Cited(i + 1, p.documentId(), p.title(), p.chunkId()));
        }
        boolean answered = draft.answered();
        AnswerScoring.Support support = answered
                ? AnswerScoring.support(draft.text(), draft.cited(), minCitationSupport)
                : new AnswerScoring.Support(0, 0, 0, 0);
        String expected = item.expectedAnswer();
        return new ItemResult(
                job.position(),
                item.question(),
                expected,
                item.expectedDocuments(),
                item.answerable(),
                retrieved,
                draft.text(),
                answered,
                cited,
                draft.provider(),
                draft.model(),
                outcome.firstTokenMs(),
                outcome.totalMs(),
                draft.promptTokens(),
                draft.completionTokens(),
                draft.costUsd(),
                AnswerScoring.documentRank(
                        passages.stream().map(Passage::documentId).toList(), job.expectedIds()),
                expected == null ? null : answered && AnswerScoring.contains(draft.text(), expected),
                expected == null
                        ? null
                        : answered ? RunMetrics.round(AnswerScoring.tokenF1(draft.text(), expected)) : 0.0,
                outcome.retrieval().topSimilarity() == null
                        ? null
                        : RunMetrics.round(outcome.retrieval().topSimilarity()),
                RunMetrics.round(answerability),
                support.supported(),
                support.markers(),
                support.grounded(),
                support.sentences(),
                null,
                draft.promptVersion(),
                null);
    }

    static ItemResult failed(EvalRunner.Job job, String error) {
        EvalItem item = job.item();
        return new ItemResult(
                job.position(),
                item.question(),
                item.expectedAnswer(),
                item.expectedDocuments(),
                item.answerable(),
                List.of(),
                null,
                false,
                List.of(),
                null,
                null,
                null,
                0,
                null,
                null,
                null,
                job.expectedIds().isEmpty() ? null : 0,
                item.expectedAnswer() == null ? null : false,
                item.expectedAnswer() == null ? null : 0.0,
                null,
                null,
                0,
                0,
                0,
                0,
                error,
                null,
                null);
    }
}
