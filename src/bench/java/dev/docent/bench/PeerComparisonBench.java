package dev.docent.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.docent.collection.CollectionService;
import dev.docent.embedding.Embedder;
import dev.docent.ingestion.DocumentService;
import dev.docent.retrieval.Passage;
import dev.docent.retrieval.SearchService;
import dev.docent.system.Jdbc;
import dev.docent.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code make bench-peer} (and {@code make bench}, section peer): Docent against the plain-LangChain4j peer of
 * {@code bench/peer} on the same documents, database and machine, in one run. Each round empties both sides and
 * ingests the corpus (Docent through its upload queue and workers, as {@link IngestionBenchmark} measures it, with the
 * raw embedding of its chunks; the peer into a table without index and into one with the builder's IVFFlat index),
 * then runs every query through Docent's {@code /api/search}, Docent's {@code SearchService} and the peer's variants;
 * the order of the arms rotates by round, so a change of machine load falls on all. Reported: medians over the rounds
 * with min and max, and per-round ratios' medians.
 *
 * <p>Corpus: samples of SQuAD v1.1 dev (a document per paragraph) and SciFact train (a document per abstract) from
 * {@code ../shared/data}; skipped with a note when both are absent. System properties: {@code bench.peer.rounds} (3),
 * {@code bench.peer.squadQueries} (150), {@code bench.peer.squadDocuments} (300), {@code bench.peer.scifactQueries}
 * (100), {@code bench.peer.scifactDocuments} (300), {@code bench.peer.lists} (the peer's IVFFlat lists, 100),
 * {@code bench.peer.k} (10), {@code bench.keep} (keep Docent's last collection and the peer's tables).
 */
@QuarkusTest
@Tag("bench")
@TestProfile(StubProviderProfile.class)
class PeerComparisonBench {

    static final Path OUT = Path.of("target", "bench");
    static final String DOCENT = "Docent";
    static final String DOCENT_HTTP = "Docent /api/search";
    static final String DOCENT_SERVICE = "Docent SearchService";

    private static final Logger LOG = Logger.getLogger(PeerComparisonBench.class);

    @Inject
    DocumentService documents;

    @Inject
    CollectionService collections;

    @Inject
    Embedder embedder;

    @Inject
    Jdbc jdbc;

    @Inject
    ObjectMapper json;

    @Inject
    SearchService search;

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void docentAgainstPlainLangChain4j() throws Exception {
        List<RetrievalSet> sets = sets();
        if (sets.isEmpty()) {
            BenchReport.skipped(
                    OUT,
                    "peer",
                    "Docent against plain LangChain4j",
                    "../shared/data/squad and ../shared/data/scifact not present");
            return;
        }
        int rounds = Integer.getInteger("bench.peer.rounds", 3);
        int k = Integer.getInteger("bench.peer.k", 10);
        int lists = Integer.getInteger("bench.peer.lists", 100);
        PeerCorpus corpus = PeerCorpus.write(sets, OUT.resolve("peer").resolve("corpus"));
        PeerProcess peer = PeerProcess.build(OUT.resolve("peer"));
        var exact = new PeerProcess.Variant("peer exact", "peer_exact", 0, false);
        var ivfflat = new PeerProcess.Variant("peer IVFFlat", "peer_ivfflat", lists, false);
        var exactOneConnection = new PeerProcess.Variant("peer exact, one connection", "peer_exact", 0, true);
        var benchmark = new IngestionBenchmark(documents, collections, embedder, jdbc, json);
        var options = new IngestionBenchmark.Options(
                "peer", Duration.ofMinutes(60), false, List.of(IngestionBenchmark.PIPELINE_BATCH), false);
        BenchCorpus files = new BenchCorpus(corpus.describe(), corpus.files(), List.of());

        PeerReport.Result result = new PeerReport.Result(corpus, rounds, k, lists);
        String collection = null;
        for (int r = 0; r < rounds; r++) {
            LOG.infof("Peer comparison: round %d of %d (load %s)", r + 1, rounds, Machine.loadAverage());
            PeerReport.Round round = result.newRound(Machine.loadAverage());
            List<String> ingestionArms = rotate(List.of(DOCENT, exact.name(), ivfflat.name()), r);
            for (String arm : ingestionArms) {
                if (arm.equals(DOCENT)) {
                    if (collection != null) {
                        dropCollection(collection);
                    }
                    IngestionResult ingested = benchmark.run(files, options);
                    collection = ingested.collection();
                    assertEquals(corpus.documents(), ingested.counts().ready(), "every document ready in Docent");
                    round.docentIngestion(ingested);
                } else {
                    var variant = arm.equals(exact.name()) ? exact : ivfflat;
                    PeerProcess.Ingestion ingested = peer.ingest(variant, corpus.folder());
                    assertEquals(corpus.documents(), ingested.documents(), "every document ingested by the peer");
                    round.peerIngestion(arm, ingested);
                }
            }
            Map<UUID, String> fileOf = fileNames(collection);
            String searched = collection;
            for (String arm : rotate(
                    List.of(DOCENT_HTTP, DOCENT_SERVICE, exact.name(), exactOneConnection.name(), ivfflat.name()), r)) {
                List<PeerProcess.Hit> hits = switch (arm) {
                    case DOCENT_HTTP -> docentHttp(corpus, k, fileOf);
                    case DOCENT_SERVICE -> docentService(corpus, k, fileOf, searched);
                    default ->
                        peer.search(
                                List.of(exact, exactOneConnection, ivfflat).stream()
                                        .filter(v -> v.name().equals(arm))
                                        .findFirst()
                                        .orElseThrow(),
                                corpus.queriesFile(),
                                k);
                };
                assertEquals(corpus.queries().size(), hits.size(), arm + ": every query answered");
                round.search(arm, hits);
            }
            round.loadAtEnd(Machine.loadAverage());
        }
        if (!Boolean.getBoolean("bench.keep")) {
            dropCollection(collection);
            jdbc.update("DROP TABLE IF EXISTS peer_exact");
            jdbc.update("DROP TABLE IF EXISTS peer_ivfflat");
        }
        result.machine(Machine.describe(jdbc));
        Map<String, Object> data = result.toMap();
        String markdown = PeerReport.markdown(result);
        System.out.println(markdown);
        BenchReport.section(OUT, "peer", data, markdown);
        assertTrue(result.rounds().size() == rounds);
    }

    private static List<RetrievalSet> sets() {
        List<RetrievalSet> sets = new ArrayList<>();
        if (RealTexts.squadPresent()) {
            sets.add(RetrievalSet.squad(RealTexts.SQUAD)
                    .sample(
                            Integer.getInteger("bench.peer.squadQueries", 150),
                            Integer.getInteger("bench.peer.squadDocuments", 300)));
        }
        if (RetrievalSet.scifactPresent()) {
            sets.add(RetrievalSet.scifact(RetrievalSet.SCIFACT)
                    .sample(
                            Integer.getInteger("bench.peer.scifactQueries", 100),
                            Integer.getInteger("bench.peer.scifactDocuments", 300)));
        }
        return sets;
    }

    static <T> List<T> rotate(List<T> arms, int by) {
        List<T> out = new ArrayList<>();
        for (int i = 0; i < arms.size(); i++) {
            out.add(arms.get((i + by) % arms.size()));
        }
        return out;
    }

    /** Over HTTP as a user calls it: bearer token, JSON, the query embedded and searched; timed at the client. */
    private List<PeerProcess.Hit> docentHttp(PeerCorpus corpus, int k, Map<UUID, String> fileOf) throws Exception {
        String base = "http://localhost:" + RestAssured.port + "/api/search?k=" + k + "&q=";
        List<PeerProcess.Hit> hits = new ArrayList<>();
        for (int i = -5; i < corpus.queries().size(); i++) { // five warm-up queries first, as the peer's
            PeerCorpus.Query q = corpus.queries().get(Math.max(0, i));
            HttpRequest request = HttpRequest.newBuilder(
                            URI.create(base + URLEncoder.encode(q.text(), StandardCharsets.UTF_8)))
                    .header("Authorization", "Bearer " + Tokens.of("alice"))
                    .GET()
                    .build();
            long start = System.nanoTime();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            double ms = (System.nanoTime() - start) / 1e6;
            assertEquals(200, response.statusCode(), response.body());
            List<String> ranked = new ArrayList<>();
            json.readTree(response.body())
                    .forEach(hit -> ranked.add(fileOf.getOrDefault(
                            UUID.fromString(hit.path("documentId").asText()), "?")));
            if (i >= 0) {
                hits.add(new PeerProcess.Hit(q.id(), ms, Double.NaN, ranked));
            }
        }
        return hits;
    }

    /** In process: embedding the query and the hybrid search, without HTTP and the token check. */
    private List<PeerProcess.Hit> docentService(PeerCorpus corpus, int k, Map<UUID, String> fileOf, String collection) {
        List<PeerProcess.Hit> hits = new ArrayList<>();
        for (int i = -5; i < corpus.queries().size(); i++) {
            PeerCorpus.Query q = corpus.queries().get(Math.max(0, i));
            long start = System.nanoTime();
            List<Passage> passages = search.retrieve(q.text(), k, Set.of("bench"), collection);
            double ms = (System.nanoTime() - start) / 1e6;
            if (i >= 0) {
                hits.add(new PeerProcess.Hit(
                        q.id(),
                        ms,
                        Double.NaN,
                        passages.stream()
                                .map(p -> fileOf.getOrDefault(p.documentId(), "?"))
                                .toList()));
            }
        }
        return hits;
    }

    private Map<UUID, String> fileNames(String collection) {
        Map<UUID, String> out = new HashMap<>();
        jdbc.list(
                        "SELECT d.id, d.file_name FROM documents d JOIN collections c ON c.id = d.collection_id"
                                + " WHERE c.name = ?",
                        row -> Map.entry(row.getObject(1, UUID.class), row.getString(2)),
                        collection)
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    private void dropCollection(String name) {
        jdbc.list(
                        "SELECT d.id FROM documents d JOIN collections c ON c.id = d.collection_id WHERE c.name = ?",
                        row -> row.getObject(1, UUID.class),
                        name)
                .forEach(documents::delete);
        jdbc.update("DELETE FROM collections WHERE name = ?", name);
    }

    /** Distinct documents in rank order (several segments of one document count once, at the first). */
    static List<String> distinct(List<String> ranked) {
        return new ArrayList<>(new LinkedHashSet<>(ranked));
    }
}
