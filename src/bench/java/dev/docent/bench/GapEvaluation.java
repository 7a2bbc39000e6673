package dev.docent.bench;

import dev.docent.chat.ChatAnswer;
import dev.docent.chat.ChatRequest;
import dev.docent.chat.ChatService;
import dev.docent.collection.CollectionService;
import dev.docent.gaps.GapReplay;
import dev.docent.gaps.GapWorker;
import dev.docent.ingestion.DocumentService;
import dev.docent.security.CurrentUser;
import dev.docent.security.Roles;
import dev.docent.system.Jdbc;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The knowledge-gap evaluation: ingest half of the articles (even positions), ask sampled questions about all of them
 * through the real chat service, and measure whether the "unanswered" flag singles out the questions about the absent
 * half; then count the gap clusters they formed, ingest the absent half, replay, and count the clusters that close.
 */
final class GapEvaluation {

    private static final Logger LOG = Logger.getLogger(GapEvaluation.class);

    /** An article to upload as Markdown, with questions about it. */
    record Article(String title, String markdown, List<String> questions) {}

    /** One question asked, and what the evaluation knows about it. */
    record Asked(
            UUID messageId, int article, boolean absent, boolean calibration, boolean flagged, Double similarity) {}

    /** Everything the report needs. */
    record Outcome(
            String collection,
            int articles,
            int absentArticles,
            List<Asked> asked,
            Map<UUID, Long> clusterOf,
            Map<UUID, float[]> vectors,
            Map<Long, String> statusAfterReplay,
            double configuredThreshold,
            double clusterThreshold,
            double ingestPresentSeconds,
            double askSeconds,
            double ingestAbsentSeconds,
            double replaySeconds) {}

    private final DocumentService documents;
    private final CollectionService collections;
    private final ChatService chat;
    private final GapWorker worker;
    private final GapReplay replay;
    private final Jdbc jdbc;

    GapEvaluation(
            DocumentService documents,
            CollectionService collections,
            ChatService chat,
            GapWorker worker,
            GapReplay replay,
            Jdbc jdbc) {
        this.documents = documents;
        this.collections = collections;
        this.chat = chat;
        this.worker = worker;
        this.replay = replay;
        this.jdbc = jdbc;
    }

    Outcome run(List<Article> articles, Path workDir, double configuredThreshold, double clusterThreshold) {
        String collection = "gap-eval-" + UUID.randomUUID().toString().substring(0, 8);
        long collectionId = collections
                .create(new CollectionService.Spec(collection, "Knowledge-gap evaluation", List.of(), false), "bench")
                .id();
        List<Integer> present = new ArrayList<>();
        List<Integer> absent = new ArrayList<>();
        for (int i = 0; i < articles.size(); i++) {
            (i % 2 == 0 ? present : absent).add(i);
        }
        long t0 = System.nanoTime();
        ingest(articles, present, collection, collectionId, workDir);
        long t1 = System.nanoTime();
        CurrentUser user = benchUser();
        List<Asked> asked = new ArrayList<>();
        int n = 0;
        for (int a = 0; a < articles.size(); a++) {
            for (String question : articles.get(a).questions()) {
                ChatAnswer answer = chat.ask(new ChatRequest(question, null), user);
                Double similarity = jdbc.one(
                                "SELECT top_similarity::float8 FROM messages WHERE id = ?",
                                row -> (Double) row.getObject(1, Double.class),
                                answer.messageId())
                        .orElse(null);
                asked.add(new Asked(answer.messageId(), a, a % 2 == 1, n++ % 2 == 0, !answer.answered(), similarity));
            }
            if (a % 10 == 9) {
                LOG.infof("asked about %d of %d articles", a + 1, articles.size());
            }
        }
        worker.awaitIdle(Duration.ofMinutes(10));
        long t2 = System.nanoTime();
        Map<UUID, Long> clusterOf = new HashMap<>();
        jdbc.list(
                "SELECT message_id, cluster_id FROM gap_questions WHERE message_id = ANY (?::uuid[])",
                row -> clusterOf.put(row.getObject(1, UUID.class), row.getLong(2)),
                asked.stream().map(q -> q.messageId().toString()).toList());
        Map<UUID, float[]> vectors = new HashMap<>();
        jdbc.list(
                "SELECT message_id, embedding::text FROM gap_questions WHERE message_id = ANY (?::uuid[])",
                row -> vectors.put(row.getObject(1, UUID.class), vector(row.getString(2))),
                asked.stream().map(q -> q.messageId().toString()).toList());
        ingest(articles, absent, collection, collectionId, workDir);
        long t3 = System.nanoTime();
        // The replay the last DocumentReady scheduled would run after the debounce delay: run it now, on the gaps
        // worker like every replay (never beside one), and time it.
        worker.awaitIdle(Duration.ofMinutes(10));
        long replayStart = System.nanoTime();
        worker.submit("evaluation replay", replay::replayOpenClusters);
        worker.awaitIdle(Duration.ofMinutes(30));
        long t4 = System.nanoTime();
        Map<Long, String> status = new HashMap<>();
        jdbc.list(
                "SELECT id, status FROM gap_clusters WHERE id = ANY (?::bigint[])",
                row -> status.put(row.getLong(1), row.getString(2)),
                clusterOf.values().stream().distinct().map(String::valueOf).toList());
        return new Outcome(
                collection,
                articles.size(),
                absent.size(),
                asked,
                clusterOf,
                vectors,
                status,
                configuredThreshold,
                clusterThreshold,
                seconds(t1 - t0),
                seconds(t2 - t1),
                seconds(t3 - t2),
                seconds(t4 - replayStart));
    }

    /** Deletes the evaluation's documents, so later tests on the same database do not retrieve them. */
    void cleanUp(String collection) {
        for (UUID id : jdbc.list(
                "SELECT d.id FROM documents d JOIN collections c ON c.id = d.collection_id WHERE c.name = ?",
                row -> row.getObject(1, UUID.class),
                collection)) {
            documents.delete(id);
        }
    }

    private void ingest(List<Article> articles, List<Integer> which, String collection, long collectionId, Path dir) {
        int before = jdbc.one(
                        "SELECT count(*) FROM documents WHERE collection_id = ? AND status IN ('ready', 'failed')",
                        row -> row.getInt(1),
                        collectionId)
                .orElse(0);
        try {
            Files.createDirectories(dir);
            for (int i : which) {
                Path file = dir.resolve(
                        "%03d-%s.md".formatted(i + 1, articles.get(i).title().replaceAll("[^A-Za-z0-9]+", "-")));
                Files.writeString(file, articles.get(i).markdown(), StandardCharsets.UTF_8);
                documents.upload(file, file.getFileName().toString(), Files.size(file), collection, "bench");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
        while (true) {
            int done = jdbc.one(
                            "SELECT count(*) FROM documents WHERE collection_id = ? AND status IN ('ready', 'failed')",
                            row -> row.getInt(1),
                            collectionId)
                    .orElse(0);
            if (done - before >= which.size()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("documents still not ready after 30 minutes");
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** A user of no group: reads the open collections, as most people do. */
    private static CurrentUser benchUser() {
        // A token of its own, with a subject: conversations are kept by the account's sub.
        org.eclipse.microprofile.jwt.JsonWebToken token = new org.eclipse.microprofile.jwt.JsonWebToken() {
            private final java.util.Map<String, Object> claims =
                    java.util.Map.of("sub", "gap-evaluation-bench", "preferred_username", "gap-evaluation");

            @Override
            public String getName() {
                return "gap-evaluation";
            }

            @Override
            public java.util.Set<String> getClaimNames() {
                return claims.keySet();
            }

            @Override
            @SuppressWarnings("unchecked")
            public <T> T getClaim(String name) {
                return (T) claims.get(name);
            }
        };
        return new CurrentUser(QuarkusSecurityIdentity.builder()
                .setPrincipal(token)
                .addRole(Roles.USER)
                .build());
    }

    private static float[] vector(String text) {
        String[] parts = text.substring(1, text.length() - 1).split(",");
        float[] v = new float[parts.length];
        for (int i = 0; i < parts.length; i++) {
            v[i] = Float.parseFloat(parts[i]);
        }
        return v;
    }

    private static double seconds(long nanos) {
        return Math.round(nanos / 1e7) / 100.0;
    }
}
