package dev.docent.gaps;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.docent.answering.AnswerConfig;
import dev.docent.answering.Confidence;
import dev.docent.answering.extractive.ExtractiveAnswerer;
import dev.docent.ingestion.DocumentReady;
import dev.docent.llm.Answer;
import dev.docent.retrieval.Passage;
import dev.docent.retrieval.RetrievalConfig;
import dev.docent.retrieval.SearchService;
import dev.docent.system.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import org.jboss.logging.Logger;

/**
 * Closes gaps by itself: after new documents become ready (debounced, so a burst of uploads replays once), asks the
 * questions of every open cluster again, each with what its asker could read, without recording them as chat
 * messages. A question counts as answered now when retrieval is confident (best similarity at or above the answer
 * threshold), the answerer answers with citations, and at least one cited passage comes from a document that became
 * ready after the question was asked: new content closed it, not content that was there all along. When at least
 * half of the replayed questions are answered, the cluster becomes "likely resolved" with the answer and its sources
 * as evidence, for a knowledge manager to confirm. Clusters whose questions all came from feedback on answers that
 * were given are not replayed: a confident answer was the problem there.
 */
@ApplicationScoped
public class GapReplay {

    private static final Logger LOG = Logger.getLogger(GapReplay.class);

    private record Replayed(UUID messageId, String question, String query, Set<String> groups, Instant askedAt) {}

    @Inject
    GapWorker worker;

    @Inject
    GapConfig config;

    @Inject
    SearchService search;

    @Inject
    ExtractiveAnswerer answerer;

    @Inject
    AnswerConfig answers;

    @Inject
    Confidence confidence;

    @Inject
    RetrievalConfig retrieval;

    @Inject
    Jdbc jdbc;

    @Inject
    ObjectMapper json;

    private ScheduledFuture<?> pending;

    void onReady(@ObservesAsync DocumentReady ready) {
        scheduleReplay();
    }

    /** (Re)starts the countdown to a replay; documents arriving meanwhile push it back. */
    public synchronized void scheduleReplay() {
        if (pending != null) {
            pending.cancel(false);
        }
        pending = worker.schedule("replaying open gaps", this::replayOpenClusters, config.replayDelay());
    }

    /** Replays every open or in-progress cluster now; returns how many became likely resolved. */
    public int replayOpenClusters() {
        List<Long> clusters = jdbc.list(
                "SELECT id FROM gap_clusters WHERE status IN ('open', 'in_progress') ORDER BY id",
                row -> row.getLong(1));
        int resolved = 0;
        for (long cluster : clusters) {
            if (replay(cluster)) {
                resolved++;
            }
        }
        if (!clusters.isEmpty()) {
            LOG.infof("Knowledge gaps: replayed %d open clusters, %d likely resolved", clusters.size(), resolved);
        }
        return resolved;
    }

    boolean replay(long cluster) {
        List<Replayed> questions = jdbc.list(
                """
                SELECT message_id, question, query, groups, asked_at FROM gap_questions
                WHERE cluster_id = ? AND cause <> 'user_feedback'
                ORDER BY asked_at DESC LIMIT ?
                """,
                row -> new Replayed(
                        row.getObject(1, UUID.class),
                        row.getString(2),
                        row.getString(3),
                        new HashSet<>(Jdbc.strings(row, "groups")),
                        Jdbc.instant(row, "asked_at")),
                cluster,
                config.replayQuestions());
        if (questions.isEmpty()) {
            return false;
        }
        int answered = 0;
        Replayed best = null;
        List<Passage> bestPassages = null;
        for (Replayed q : questions) {
            List<Passage> passages = search.retrieve(q.query(), retrieval.topK(), q.groups());
            if (confident(passages) && newSince(passages, q.askedAt())) {
                answered++;
                if (best == null) {
                    best = q;
                    bestPassages = passages;
                }
            }
        }
        if (best == null || answered * 2 < questions.size()) {
            return false;
        }
        Answer answer = answerer.answer(best.query(), bestPassages);
        // The answer must rest on new content: a cited passage from a document uploaded after the question.
        if (!answer.answered() || answer.cited().isEmpty() || !newSince(answer.cited(), best.askedAt())) {
            return false;
        }
        Map<String, String> restricted = restrictedCollections(answer.cited());
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("replayedAt", Instant.now().toString());
        evidence.put("replayed", questions.size());
        evidence.put("answered", answered);
        evidence.put("question", PiiMask.mask(best.question()));
        // Knowledge managers are not necessarily in the groups of the asker: content of a restricted collection is
        // never copied into the report, only where it lives.
        evidence.put(
                "answer",
                restricted.isEmpty()
                        ? answer.text()
                        : "Answered from the restricted collection(s) "
                                + String.join(", ", new java.util.TreeSet<>(restricted.values()))
                                + "; the answer is not shown here.");
        List<Map<String, Object>> sources = new ArrayList<>();
        for (int i = 0; i < answer.cited().size(); i++) {
            Passage p = answer.cited().get(i);
            Map<String, Object> source = new LinkedHashMap<>();
            source.put("n", i + 1);
            source.put("documentId", p.documentId().toString());
            String collection = restricted.get(p.documentId().toString());
            if (collection == null) {
                source.put("title", p.title());
                source.put("page", p.page());
                source.put("passage", p.content());
            } else {
                source.put("title", "A document in the restricted collection " + collection);
            }
            source.put("similarity", Math.round(p.similarity() * 1000) / 1000.0);
            sources.add(source);
        }
        evidence.put("sources", sources);
        return jdbc.update("""
                        UPDATE gap_clusters SET status = 'likely_resolved', evidence = ?::jsonb, updated_at = now()
                        WHERE id = ? AND status IN ('open', 'in_progress')
                        """, write(evidence), cluster) == 1;
    }

    private boolean confident(List<Passage> passages) {
        return confidence.confident(passages);
    }

    /** Document id -> collection name, for the passages' documents in collections restricted to some groups. */
    private Map<String, String> restrictedCollections(List<Passage> passages) {
        Map<String, String> restricted = new java.util.HashMap<>();
        jdbc.list(
                        """
                        SELECT d.id::text, c.name FROM documents d JOIN collections c ON c.id = d.collection_id
                        WHERE d.id = ANY(?::uuid[]) AND cardinality(c.groups) > 0
                        """,
                        row -> Map.entry(row.getString(1), row.getString(2)),
                        passages.stream()
                                .map(p -> p.documentId().toString())
                                .distinct()
                                .toList())
                .forEach(e -> restricted.put(e.getKey(), e.getValue()));
        return restricted;
    }

    /**
     * Whether a confident passage comes from a document uploaded after the question was asked. Upload time, not the
     * time it became ready: re-indexing (or a new embedding model) makes old documents ready again without adding
     * anything that could answer the question.
     */
    private boolean newSince(List<Passage> passages, Instant askedAt) {
        List<String> ids = passages.stream()
                .limit(answers.passages())
                .filter(p -> confidence.confident(p.similarity()))
                .map(p -> p.documentId().toString())
                .distinct()
                .toList();
        return !ids.isEmpty()
                && jdbc.one(
                                "SELECT 1 FROM documents WHERE id = ANY(?::uuid[]) AND uploaded_at > ? LIMIT 1",
                                row -> 1,
                                ids,
                                askedAt)
                        .isPresent();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
