package dev.docent.gaps;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.docent.answering.AnswerConfig;
import dev.docent.answering.Confidence;
import dev.docent.answering.extractive.ExtractiveAnswerer;
import dev.docent.cluster.DueDuties;
import dev.docent.cluster.Leadership;
import dev.docent.gaps.GapRepository.Replayable;
import dev.docent.ingestion.DocumentReady;
import dev.docent.ingestion.DocumentRepository;
import dev.docent.llm.Answer;
import dev.docent.retrieval.ChunkRepository;
import dev.docent.retrieval.Passage;
import dev.docent.retrieval.RetrievalConfig;
import dev.docent.retrieval.SearchService;
import dev.docent.system.ReadReplica;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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
 * were given are not replayed: a confident answer was the problem there. With several instances on one database the
 * request for a replay is stored and one instance runs it ({@link DueDuties}, {@link Leadership}).
 */
@ApplicationScoped
public class GapReplay {

    private static final Logger LOG = Logger.getLogger(GapReplay.class);
    static final String REPLAY = "knowledge-gap-replay";
    private static final String INSTANCE =
            java.lang.management.ManagementFactory.getRuntimeMXBean().getName();

    @Inject
    GapWorker worker;

    @Inject
    GapConfig config;

    @Inject
    SearchService search;

    @Inject
    ReadReplica reads;

    @Inject
    ExtractiveAnswerer answerer;

    @Inject
    AnswerConfig answers;

    @Inject
    Confidence confidence;

    @Inject
    RetrievalConfig retrieval;

    @Inject
    GapRepository gaps;

    @Inject
    ChunkRepository chunks;

    @Inject
    DocumentRepository documents;

    @Inject
    ObjectMapper json;

    @Inject
    DueDuties duties;

    @Inject
    Leadership leadership;

    private ScheduledFuture<?> pending;

    void onReady(@ObservesAsync DocumentReady ready) {
        scheduleReplay();
    }

    /**
     * Every instance looks for a replay still due now and then: the one that asked for it may have died before its
     * timer fired.
     */
    void start(@Observes StartupEvent event) {
        worker.every("replaying open gaps left due", this::replayIfDue, config.replayCheckEvery());
    }

    /**
     * (Re)starts the countdown to a replay; documents arriving meanwhile push it back, on any instance of the fleet (the
     * request is stored, so it outlives this instance).
     */
    public synchronized void scheduleReplay() {
        duties.request(REPLAY, config.replayDelay());
        if (pending != null) {
            pending.cancel(false);
        }
        pending = worker.schedule("replaying open gaps", this::replayIfDue, config.replayDelay());
    }

    /** Replays once across the fleet when a replay is due; false when another instance was replaying. */
    boolean replayIfDue() {
        return leadership.tryExclusively(
                REPLAY,
                () -> duties.due(REPLAY).ifPresent(due -> {
                    replayOpenClusters();
                    duties.done(REPLAY, due, INSTANCE);
                }));
    }

    /** Replays every open or in-progress cluster now; returns how many became likely resolved. */
    public int replayOpenClusters() {
        List<Long> clusters = gaps.workingClusters();
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
        List<Replayable> questions = gaps.replayable(cluster, config.replayQuestions());
        if (questions.isEmpty()) {
            return false;
        }
        int answered = 0;
        Replayable best = null;
        List<Passage> bestPassages = null;
        for (Replayable q : questions) {
            // The primary: the document that set off this replay may not have reached a read replica yet.
            List<Passage> passages = reads.primary(() -> search.retrieve(q.query(), retrieval.topK(), q.groups()));
            if (confidence.confident(passages) && newSince(passages, q.askedAt())) {
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
        GapEvidence evidence = evidence(questions.size(), answered, best, answer);
        return gaps.markLikelyResolved(cluster, write(evidence));
    }

    /**
     * What the manager sees. Knowledge managers are not necessarily in the groups of the asker: content of a
     * restricted collection is never copied into the report, only where it lives.
     */
    private GapEvidence evidence(int replayed, int answered, Replayable best, Answer answer) {
        Map<Long, ChunkRepository.Place> places =
                chunks.places(answer.cited().stream().map(Passage::chunkId).toList());
        Set<String> restricted = new TreeSet<>();
        List<GapEvidence.Source> sources = new ArrayList<>();
        for (int i = 0; i < answer.cited().size(); i++) {
            Passage p = answer.cited().get(i);
            ChunkRepository.Place place = places.get(p.chunkId());
            double similarity = Math.round(p.similarity() * 1000) / 1000.0;
            // A chunk gone since (re-indexed, deleted) is treated as restricted: nothing about it is known for sure.
            if (place == null || place.restricted()) {
                String where = place == null ? "a collection" : place.collection();
                restricted.add(where);
                sources.add(new GapEvidence.Source(
                        i + 1,
                        p.documentId().toString(),
                        "A document in the restricted collection " + where,
                        null,
                        null,
                        similarity));
            } else {
                sources.add(new GapEvidence.Source(
                        i + 1, p.documentId().toString(), p.title(), p.page(), p.content(), similarity));
            }
        }
        String text = restricted.isEmpty()
                ? answer.text()
                : "Answered from the restricted collection(s) " + String.join(", ", restricted)
                        + "; the answer is not shown here.";
        return new GapEvidence(
                Instant.now(), replayed, answered, PiiMask.mask(best.question()), text, List.copyOf(sources));
    }

    /**
     * Whether a confident passage comes from a document uploaded after the question was asked. Upload time, not the
     * time it became ready: re-indexing (or a new embedding model) makes old documents ready again without adding
     * anything that could answer the question.
     */
    private boolean newSince(List<Passage> passages, Instant askedAt) {
        List<UUID> ids = passages.stream()
                .limit(answers.passages())
                .filter(p -> confidence.confident(p.similarity()))
                .map(Passage::documentId)
                .distinct()
                .toList();
        return documents.anyUploadedAfter(ids, askedAt);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
