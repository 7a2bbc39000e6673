package dev.docent.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.docent.bench.IngestionResult.CpuUse;
import dev.docent.bench.IngestionResult.DocumentOutcome;
import dev.docent.collection.Collection;
import dev.docent.collection.CollectionService;
import dev.docent.embedding.Embedder;
import dev.docent.ingestion.DocumentService;
import dev.docent.system.InvalidInputException;
import dev.docent.system.Jdbc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * Ingests a corpus through Docent's real path (DocumentService.upload into a fresh collection, the background
 * workers, PostgreSQL), then embeds the stored chunks again with the same model to compare the pipeline's throughput
 * with the model's own. Shared by the benchmark and its smoke test.
 */
public final class IngestionBenchmark {

    /** Texts per embedAll call in IngestionPipeline.embed (a constant there). */
    public static final int PIPELINE_BATCH = 32;

    /** The target: the pipeline reaches this share of the raw embedding throughput. */
    public static final double TARGET_RATIO = 0.85;

    private static final Logger LOG = Logger.getLogger(IngestionBenchmark.class);
    private static final long POLL_MS = 100;
    private static final String UNEXPECTED_FAILURE = "Docent could not process";

    /**
     * How to run.
     *
     * @param collectionPrefix the collection is named prefix + "-" + a timestamp
     * @param timeout longest wait for every document to be ready or failed
     * @param cleanUp delete the documents and the collection afterwards
     * @param rawBatches batch sizes of the raw measurement; the first is compared with the pipeline
     * @param rawPerDocument also measure raw embedding with batches restarted at each document, as the pipeline cuts
     *     them (a diagnostic: how much partial last batches cost)
     */
    public record Options(
            String collectionPrefix,
            Duration timeout,
            boolean cleanUp,
            List<Integer> rawBatches,
            boolean rawPerDocument) {}

    private final DocumentService documents;
    private final CollectionService collections;
    private final Embedder embedder;
    private final Jdbc jdbc;
    private final ObjectMapper json;
    private final int postgresPort;

    public IngestionBenchmark(
            DocumentService documents, CollectionService collections, Embedder embedder, Jdbc jdbc, ObjectMapper json) {
        this.documents = Objects.requireNonNull(documents, "documents");
        this.collections = Objects.requireNonNull(collections, "collections");
        this.embedder = Objects.requireNonNull(embedder, "embedder");
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.json = Objects.requireNonNull(json, "json");
        this.postgresPort = postgresPort();
    }

    /** Ingests {@code corpus}, measures, and (optionally) deletes what it ingested. */
    public IngestionResult run(BenchCorpus corpus, Options options) {
        warmUpEmbedder();
        warmUpPipeline(corpus, options);
        Collection collection = newCollection(options.collectionPrefix());
        String name = collection.name();
        List<DocumentOutcome> refusedAtUpload = new ArrayList<>();
        try {
            LOG.infof("Ingesting %d files into collection %s", corpus.files().size(), name);
            CpuTime cpuBefore = CpuTime.now(postgresPort);
            long start = System.nanoTime();
            int uploaded = 0;
            for (Path file : corpus.files()) {
                if (upload(file, name, refusedAtUpload)) {
                    uploaded++;
                }
            }
            double uploadSeconds = (System.nanoTime() - start) / 1e9;
            Map<String, String> workers = awaitFinal(collection.id(), uploaded, options.timeout());
            double wall = (System.nanoTime() - start) / 1e9;
            CpuTime cpuAfter = CpuTime.now(postgresPort);

            List<DocumentOutcome> outcomes = new ArrayList<>(outcomes(collection.id()));
            int chunks = outcomes.stream().mapToInt(DocumentOutcome::chunks).sum();
            List<CpuUse> cpu = new ArrayList<>(List.of(cpuAfter.use("pipeline", cpuBefore, chunks)));
            List<List<String>> byDocument = storedChunkTexts(collection.id());
            List<String> texts = byDocument.stream().flatMap(List::stream).toList();
            List<IngestionResult.RawRun> rawRuns = new ArrayList<>();
            for (int batch : options.rawBatches()) {
                CpuTime before = CpuTime.now(postgresPort);
                rawRuns.add(new IngestionResult.RawRun(batch, false, embedRaw(List.of(texts), batch, outcomes)));
                cpu.add(CpuTime.now(postgresPort).use("raw embedding, batch " + batch, before, chunks));
            }
            if (options.rawPerDocument()) {
                CpuTime before = CpuTime.now(postgresPort);
                rawRuns.add(new IngestionResult.RawRun(
                        PIPELINE_BATCH, true, embedRaw(byDocument, PIPELINE_BATCH, outcomes)));
                cpu.add(CpuTime.now(postgresPort).use("raw embedding, batches per document", before, chunks));
            }
            outcomes.addAll(refusedAtUpload);
            return new IngestionSummary(corpus, name, wall, uploadSeconds, outcomes, rawRuns, cpu, foreign(workers))
                    .result(embedder.modelName());
        } finally {
            if (options.cleanUp()) {
                cleanUp(collection);
            }
        }
    }

    private Collection newCollection(String prefix) {
        String name = prefix + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS"));
        return collections.create(new CollectionService.Spec(name, "Ingestion benchmark", List.of(), false), "bench");
    }

    /**
     * Parsers load and compile lazily (Tika, PDFBox, POI, commonmark): ingest the smallest file of each type first, in
     * a collection of its own, so that the measurement sees a warm application, as the raw embedding does.
     */
    private void warmUpPipeline(BenchCorpus corpus, Options options) {
        Map<String, Path> smallest = new TreeMap<>();
        for (Path file : corpus.files()) {
            smallest.merge(extension(file), file, (a, b) -> size(a) <= size(b) ? a : b);
        }
        Collection warmUp = newCollection(options.collectionPrefix() + "-warmup");
        try {
            int uploaded = 0;
            for (Path file : smallest.values()) {
                uploaded += upload(file, warmUp.name(), new ArrayList<>()) ? 1 : 0;
            }
            awaitFinal(warmUp.id(), uploaded, options.timeout());
        } finally {
            cleanUp(warmUp);
        }
    }

    private static String extension(Path file) {
        String name = file.getFileName().toString();
        return name.contains(".") ? name.substring(name.lastIndexOf('.')).toLowerCase(java.util.Locale.ROOT) : "";
    }

    /** The first texts through ONNX Runtime are slow (allocation, JIT): keep that out of both measurements. */
    private void warmUpEmbedder() {
        List<String> texts = IntStream.range(0, PIPELINE_BATCH)
                .mapToObj(i -> "Warm-up sentence number " + i + " about vacation days, travel and expense reports.")
                .toList();
        embedder.embedAll(texts);
        embedder.embedAll(texts);
    }

    private boolean upload(Path file, String collection, List<DocumentOutcome> refused) {
        long size = size(file);
        try {
            documents.upload(file, file.getFileName().toString(), size, collection, "bench");
            return true;
        } catch (InvalidInputException e) {
            refused.add(new DocumentOutcome(
                    file.getFileName().toString(),
                    size,
                    "refused",
                    e.status() + ": " + e.getMessage(),
                    0,
                    0,
                    0,
                    0,
                    0,
                    0,
                    0,
                    0,
                    null));
            return false;
        }
    }

    /**
     * Waits until every uploaded document is ready or failed; returns the ingestion worker seen holding each
     * document's job (file name to worker), so that workers of other processes on the same database show up.
     */
    private Map<String, String> awaitFinal(long collectionId, int expected, Duration timeout) {
        Map<String, String> workers = new HashMap<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        long lastLog = System.nanoTime();
        while (true) {
            jdbc.list("""
                    SELECT d.file_name, j.worker FROM ingestion_jobs j JOIN documents d ON d.id = j.document_id
                     WHERE d.collection_id = ? AND j.worker IS NOT NULL
                    """, row -> workers.put(row.getString(1), row.getString(2)), collectionId);
            int done = jdbc.one(
                            "SELECT count(*) FROM documents WHERE collection_id = ? AND status IN ('ready', 'failed')",
                            row -> row.getInt(1),
                            collectionId)
                    .orElse(0);
            if (done >= expected) {
                return workers;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        (expected - done) + " of " + expected + " documents still not ready after " + timeout);
            }
            if (System.nanoTime() - lastLog > 30_000_000_000L) {
                LOG.infof("%d of %d documents done", done, expected);
                lastLog = System.nanoTime();
            }
            sleep(POLL_MS);
        }
    }

    /** Documents whose job was held by a worker of another process (IngestionWorkers names them "pid@host/uuid"). */
    private static Map<String, String> foreign(Map<String, String> workers) {
        String ours = ManagementFactory.getRuntimeMXBean().getName() + "/";
        Map<String, String> foreign = new TreeMap<>();
        workers.forEach((file, worker) -> {
            if (!worker.startsWith(ours)) {
                foreign.put(file, worker);
            }
        });
        return foreign;
    }

    private List<DocumentOutcome> outcomes(long collectionId) {
        return jdbc.list(
                """
                SELECT file_name, size_bytes, status, error, coalesce(pages, 0) AS pages,
                       coalesce(chunk_count, 0) AS chunks, parse_report::text AS report,
                       (extract(epoch FROM ready_at - uploaded_at) * 1000)::float8 AS ready_after_ms
                  FROM documents WHERE collection_id = ? ORDER BY uploaded_at, file_name
                """,
                row -> outcome(
                        row.getString("file_name"),
                        row.getLong("size_bytes"),
                        row.getString("status"),
                        row.getString("error"),
                        row.getInt("pages"),
                        row.getInt("chunks"),
                        row.getString("report"),
                        row.getObject("ready_after_ms", Double.class)),
                collectionId);
    }

    private DocumentOutcome outcome(
            String file,
            long bytes,
            String status,
            String error,
            int pages,
            int chunks,
            String report,
            Double readyMs) {
        String kind = "ready".equals(status)
                ? "ready"
                : error != null && error.startsWith(UNEXPECTED_FAILURE) ? "error" : "refused";
        JsonNode r = readTree(report);
        long parse = r.path("parseMs").asLong();
        long chunk = r.path("chunkMs").asLong();
        long embed = r.path("embedMs").asLong();
        Long queueWait = readyMs == null ? null : Math.max(0, Math.round(readyMs) - parse - chunk - embed);
        return new DocumentOutcome(
                file,
                bytes,
                kind,
                error,
                pages,
                chunks,
                r.path("tokens").asLong(),
                r.path("characters").asLong(),
                parse,
                chunk,
                embed,
                r.path("storeMs").asLong(),
                queueWait);
    }

    /** Exactly what the pipeline embedded, per document: Chunk.embeddingText(), the context line then the content. */
    private List<List<String>> storedChunkTexts(long collectionId) {
        Map<UUID, List<String>> byDocument = new LinkedHashMap<>();
        jdbc.list(
                """
                SELECT c.document_id, c.context || E'\\n' || c.content
                  FROM chunks c JOIN documents d ON d.id = c.document_id
                 WHERE d.collection_id = ?
                 ORDER BY d.uploaded_at, d.id, c.ordinal
                """,
                row -> byDocument
                        .computeIfAbsent(row.getObject(1, UUID.class), id -> new ArrayList<>())
                        .add(row.getString(2)),
                collectionId);
        return List.copyOf(byDocument.values());
    }

    /** Embeds every group of texts in batches of {@code batch}, a new batch at each group. */
    private IngestionResult.Rate embedRaw(List<List<String>> groups, int batch, List<DocumentOutcome> outcomes) {
        long start = System.nanoTime();
        int vectors = 0;
        int total = 0;
        for (List<String> texts : groups) {
            total += texts.size();
            for (int from = 0; from < texts.size(); from += batch) {
                vectors += embedder.embedAll(texts.subList(from, Math.min(texts.size(), from + batch)))
                        .size();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (vectors != total) {
            throw new IllegalStateException(vectors + " vectors for " + total + " chunks");
        }
        List<DocumentOutcome> ready =
                outcomes.stream().filter(o -> o.status().equals("ready")).toList();
        return IngestionResult.Rate.of(
                seconds,
                ready.size(),
                ready.stream().mapToInt(DocumentOutcome::pagesOrEquivalent).sum(),
                total,
                ready.stream().mapToLong(DocumentOutcome::tokens).sum());
    }

    private void cleanUp(Collection collection) {
        List<UUID> ids = jdbc.list(
                "SELECT id FROM documents WHERE collection_id = ?",
                row -> row.getObject(1, UUID.class),
                collection.id());
        ids.forEach(documents::delete);
        jdbc.update("DELETE FROM collections WHERE id = ?", collection.id());
    }

    private JsonNode readTree(String report) {
        try {
            return report == null ? json.createObjectNode() : json.readTree(report);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The port of the JDBC URL the application uses (5432 when it names none). */
    private static int postgresPort() {
        String url = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
        Matcher port = Pattern.compile("//[^/:]+:(\\d+)").matcher(url);
        return port.find() ? Integer.parseInt(port.group(1)) : 5432;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
