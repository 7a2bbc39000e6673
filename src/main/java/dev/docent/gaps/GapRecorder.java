package dev.docent.gaps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.docent.chat.AnswerRecorded;
import dev.docent.embedding.Embedder;
import dev.docent.llm.AnswerConfig;
import dev.docent.system.Jdbc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Puts unanswered questions into gap clusters as they arrive: listens for recorded answers (after their transaction
 * committed) and queues the work on the {@link GapWorker}, so the chat never waits for it.
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
    Embedder embedder;

    @Inject
    AnswerConfig answers;

    @Inject
    Jdbc jdbc;

    @Inject
    ObjectMapper json;

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
                answer.cause() == null ? GapCause.NO_CONTENT : answer.cause(),
                answer.createdAt());
        worker.submit("recording an unanswered question", () -> record(question));
    }

    /**
     * Records one question: finds out whether it was withheld (a closer passage exists where the asker may not read),
     * notes the collections involved and clusters it. Does nothing for a question already recorded.
     */
    public void record(GapQuestion question) {
        float[] vector = embedder.embed(question.query());
        List<String> collections = involvedCollections(question.messageId());
        GapQuestion classified = question;
        if (!GapCause.USER_FEEDBACK.equals(question.cause())) {
            Optional<RestrictedSearch.HiddenMatch> hidden = restricted.nearestHidden(vector, question.groups());
            double visible = topSimilarity(question.messageId());
            if (hidden.isPresent()
                    && hidden.get().similarity() >= answers.minSimilarity()
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

    private double topSimilarity(UUID messageId) {
        return jdbc.one("SELECT top_similarity FROM messages WHERE id = ?", row -> row.getDouble(1), messageId)
                .orElse(0.0);
    }

    private List<String> involvedCollections(UUID messageId) {
        String retrieved = jdbc.one(
                        "SELECT retrieved::text FROM messages WHERE id = ?", row -> row.getString(1), messageId)
                .orElse("[]");
        List<Long> chunkIds = new ArrayList<>();
        try {
            for (JsonNode passage : json.readTree(retrieved)) {
                if (chunkIds.size() < INVOLVED_PASSAGES && passage.hasNonNull("chunkId")) {
                    chunkIds.add(passage.get("chunkId").asLong());
                }
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return gaps.collectionsOf(chunkIds);
    }
}
