package dev.docent.gaps;

import dev.docent.answering.Confidence;
import dev.docent.chat.AnswerRecorded;
import dev.docent.embedding.Embedder;
import dev.docent.retrieval.ChunkRepository;
import dev.docent.retrieval.Passage;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Puts unanswered questions into gap clusters as they arrive: listens for recorded answers (after their transaction
 * committed) and queues the work on the {@link GapWorker}, so the chat never waits for it. Everything it needs comes
 * with the event: the question is embedded once, by retrieval.
 */
@ApplicationScoped
public class GapRecorder {

    /** Passages whose collections count as "involved" in a gap. */
    static final int INVOLVED_PASSAGES = 3;

    @Inject
    GapWorker worker;

    @Inject
    GapClusterer clusterer;

    @Inject
    GapRepository gaps;

    @Inject
    RestrictedSearch restricted;

    @Inject
    ChunkRepository chunks;

    @Inject
    Embedder embedder;

    @Inject
    Confidence confidence;

    void onAnswer(@Observes(during = TransactionPhase.AFTER_SUCCESS) AnswerRecorded answer) {
        if (answer.answered()) {
            return;
        }
        GapQuestion question = new GapQuestion(
                answer.messageId(),
                answer.owner(),
                answer.groups(),
                answer.question(),
                answer.query(),
                GapCause.of(answer.cause()),
                answer.createdAt(),
                answer.retrieval().queryVector(),
                answer.retrieval().topSimilarity(),
                answer.retrieval().passages().stream().map(Passage::chunkId).toList());
        worker.submit("recording an unanswered question", () -> record(question));
    }

    /**
     * Records one question: finds out whether it was withheld (a closer passage exists where the asker may not read),
     * notes the collections involved and clusters it. Does nothing for a question already recorded.
     */
    public void record(GapQuestion question) {
        float[] vector = question.queryVector() != null ? question.queryVector() : embedder.embed(question.query());
        List<String> collections = chunks.collectionsOf(
                question.retrievedChunks().stream().limit(INVOLVED_PASSAGES).toList());
        GapQuestion classified = question;
        if (question.cause() != GapCause.USER_FEEDBACK) {
            Optional<RestrictedSearch.HiddenMatch> hidden = restricted.nearestHidden(vector, question.groups());
            double visible = question.topSimilarity() == null ? 0.0 : question.topSimilarity();
            if (hidden.isPresent()
                    && confidence.confident(hidden.get().similarity())
                    && hidden.get().similarity() > visible) {
                classified = question.withCause(GapCause.WITHHELD);
                collections = List.of(hidden.get().collection());
            }
        }
        GapQuestion toStore = classified;
        List<String> involved = collections;
        QuarkusTransaction.requiringNew().run(() -> clusterer.assign(toStore, involved, vector));
    }

    /** Queues taking a question out of the gaps (its "didn't answer" feedback was withdrawn). */
    public void withdrawFeedback(UUID messageId) {
        worker.submit(
                "withdrawing feedback",
                () -> QuarkusTransaction.requiringNew()
                        .run(() -> gaps.removeFeedbackQuestion(messageId)
                                .ifPresent(cluster -> gaps.refresh(cluster, false))));
    }

    /** Queues a question the user said was not answered. */
    public void recordFeedback(GapQuestion question) {
        worker.submit("recording feedback", () -> record(question));
    }
}
