package dev.docent.ingestion;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.docent.embedding.Embedder;
import dev.docent.ingestion.chunk.Chunk;
import dev.docent.ingestion.chunk.Chunker;
import dev.docent.ingestion.parse.DocumentParser;
import dev.docent.ingestion.parse.DocumentRejectedException;
import dev.docent.ingestion.parse.ParsedDocument;
import dev.docent.safety.ChunkScanner;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * One document, from its stored file to searchable chunks: parse, chunk, embed, store. The chunks, the ready status and
 * the removal of replaced versions are written in one transaction, so retrieval sees all of a document or none of it,
 * and a crash at any point leaves the job to be redone from the start, with nothing duplicated.
 */
@ApplicationScoped
public class IngestionPipeline {

    /** Thrown when the document was deleted or the job taken over while it was being processed. */
    static final class Abandoned extends RuntimeException {
        Abandoned() {
            super("abandoned", null, false, false);
        }
    }

    private static final long PROGRESS_EVERY_MS = 500;

    @Inject
    DocumentRepository documents;

    @Inject
    ChunkWriter chunkWriter;

    @Inject
    IngestionQueue queue;

    @Inject
    DocumentEvents events;

    @Inject
    Event<DocumentReady> ready;

    @Inject
    Event<IngestionFinished> finished;

    @Inject
    DocumentParser parser;

    @Inject
    Chunker chunker;

    @Inject
    Embedder embedder;

    @Inject
    ObjectMapper json;

    @Inject
    Tracer tracer;

    @Inject
    ChunkScanner scanner;

    /** Processes a claimed job; throws {@link DocumentRejectedException} for files that cannot be ingested. */
    public void process(IngestionQueue.Job job, BooleanSupplier cancelled) {
        UUID id = job.documentId();
        DocumentView document = documents.find(id).orElseThrow(Abandoned::new);
        Path file = tempFile();
        // One trace per ingestion job, whoever queued it (no parent).
        Span trace = tracer.spanBuilder("ingestion").setNoParent().startSpan();
        trace.setAttribute("docent.document", id.toString());
        try (Scope ignored = trace.makeCurrent()) {
            long start = System.nanoTime();
            stage(id, "parsing", 0.02);
            if (!documents.copyFile(id, file)) {
                throw new Abandoned();
            }
            ParsedDocument parsed = traced("parse", () -> parser.parse(file, document.fileName()));
            long parsed_ = System.nanoTime();
            stage(id, "chunking", 0.05);
            List<Chunk> chunks = traced("chunk", () -> chunker.chunk(parsed));
            if (chunks.isEmpty()) {
                throw new DocumentRejectedException(
                        DocumentRejectedException.Reason.EMPTY,
                        "No text could be extracted from this file, so there is nothing to search.");
            }
            long chunked = System.nanoTime();
            List<float[]> vectors = traced("embed", () -> embed(id, chunks, cancelled));
            long embedded = System.nanoTime();
            Map<String, Object> report = report(parsed, chunks, start, parsed_, chunked, embedded);
            ChunkScanner.Scan scan = scanner.scan(
                    chunks.stream()
                            .map(c -> new ChunkScanner.Piece(c.ordinal(), c.content()))
                            .toList(),
                    parsed.hidden().stream()
                            .map(h -> Map.entry(h.text(), h.why()))
                            .toList());
            report.put("safety", scan.summary());
            traced("store", () -> {
                store(job, parsed, chunks, vectors, report, embedded, scan);
                return null;
            });
            finished.fire(IngestionFinished.ready(id, chunks.size(), Duration.ofNanos(embedded - chunked)));
        } catch (RuntimeException e) {
            trace.recordException(e);
            throw e;
        } finally {
            trace.end();
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temp file left behind is cleaned by the OS; the job's outcome matters more
            }
        }
    }

    /** Runs one stage of the job in a span of its own (a child of the job's). */
    private <T> T traced(String stage, Supplier<T> work) {
        Span span = tracer.spanBuilder(stage).startSpan();
        try (Scope ignored = span.makeCurrent()) {
            return work.get();
        } catch (RuntimeException e) {
            span.recordException(e);
            throw e;
        } finally {
            span.end();
        }
    }

    private List<float[]> embed(UUID id, List<Chunk> chunks, BooleanSupplier cancelled) {
        List<float[]> vectors = new ArrayList<>(chunks.size());
        int batch = 32;
        long lastReport = 0;
        for (int from = 0; from < chunks.size(); from += batch) {
            if (cancelled.getAsBoolean()) {
                throw new Abandoned();
            }
            List<String> texts = chunks.subList(from, Math.min(chunks.size(), from + batch)).stream()
                    .map(Chunk::embeddingText)
                    .toList();
            vectors.addAll(embedder.embedAll(texts));
            long now = System.currentTimeMillis();
            if (now - lastReport >= PROGRESS_EVERY_MS) {
                stage(id, "embedding", 0.05 + 0.9 * vectors.size() / chunks.size());
                lastReport = now;
            }
        }
        return vectors;
    }

    private void store(
            IngestionQueue.Job job,
            ParsedDocument parsed,
            List<Chunk> chunks,
            List<float[]> vectors,
            Map<String, Object> report,
            long embedded,
            ChunkScanner.Scan scan) {
        UUID id = job.documentId();
        stage(id, "storing", 0.96);
        String collection = QuarkusTransaction.requiringNew().call(() -> {
            long collectionId = documents.lockCollectionId(id).orElseThrow(Abandoned::new);
            chunkWriter.replace(id, collectionId, chunks, vectors);
            scanner.save(id, scan);
            report.put("storeMs", (System.nanoTime() - embedded) / 1_000_000);
            documents.markReady(
                    id,
                    parsed.title(),
                    parsed.mediaType(),
                    parsed.report().pages(),
                    chunks.size(),
                    json.writeValueAsString(report),
                    embedder.modelName());
            documents.deleteOtherVersions(id);
            queue.complete(job);
            return documents.find(id).map(DocumentView::collection).orElse(null);
        });
        documents.find(id).ifPresent(events::publish);
        ready.fireAsync(new DocumentReady(id, collection));
    }

    private void stage(UUID id, String stage, double progress) {
        documents.progress(id, DocumentStatus.PROCESSING.code(), stage, progress);
        documents.find(id).ifPresent(events::publish);
    }

    private Map<String, Object> report(
            ParsedDocument parsed, List<Chunk> chunks, long start, long parsedAt, long chunkedAt, long embeddedAt) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("mediaType", parsed.mediaType());
        report.put("pages", parsed.report().pages());
        report.put("characters", parsed.report().characters());
        report.put("emptyPages", parsed.report().emptyPages());
        report.put("headings", parsed.report().headings());
        if (parsed.report().ocr() != null) {
            report.put("ocr", parsed.report().ocr());
        }
        report.put("blocks", parsed.blocks().size());
        report.put("chunks", chunks.size());
        report.put("tokens", chunks.stream().mapToInt(Chunk::tokenCount).sum());
        report.put("embeddingModel", embedder.modelName());
        report.put("parseMs", (parsedAt - start) / 1_000_000);
        report.put("chunkMs", (chunkedAt - parsedAt) / 1_000_000);
        report.put("embedMs", (embeddedAt - chunkedAt) / 1_000_000);
        return report;
    }

    private static Path tempFile() {
        try {
            return Files.createTempFile(IngestionTempFiles.folder(), "ingest-", ".upload");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
