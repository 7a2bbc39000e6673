package dev.docent.bench;

import dev.docent.collection.CollectionService;
import dev.docent.embedding.Embedder;
import dev.docent.ingestion.ChunkWriter;
import dev.docent.ingestion.chunk.Chunk;
import dev.docent.ingestion.chunk.Chunker;
import dev.docent.ingestion.parse.DocumentParser;
import dev.docent.ingestion.parse.ParsedDocument;
import dev.docent.system.Jdbc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * A {@link RetrievalSet}'s documents in a collection of their own, through Docent's own parser, chunker and chunk
 * writer, with vectors from an {@link EmbeddingCache} (the upload queue would embed every text again on each run).
 * A collection that already holds every document with the current model is reused.
 */
final class BenchCollection {

    private static final Logger LOG = Logger.getLogger(BenchCollection.class);
    private static final int DOCUMENTS_PER_TRANSACTION = 200;

    private final Jdbc jdbc;
    private final CollectionService collections;
    private final DocumentParser parser;
    private final Chunker chunker;
    private final ChunkWriter writer;
    private final Embedder embedder;
    private final EmbeddingCache cache;

    BenchCollection(
            Jdbc jdbc,
            CollectionService collections,
            DocumentParser parser,
            Chunker chunker,
            ChunkWriter writer,
            Embedder embedder,
            EmbeddingCache cache) {
        this.jdbc = jdbc;
        this.collections = collections;
        this.parser = parser;
        this.chunker = chunker;
        this.writer = writer;
        this.embedder = embedder;
        this.cache = cache;
    }

    /** Loads {@code set} into collection {@code name} (readable by group {@code name}); chunk id to document id. */
    Map<Long, String> load(RetrievalSet set, String name, Path scratch) {
        long ready = jdbc.one(
                        "SELECT count(*) FROM documents d JOIN collections k ON k.id = d.collection_id"
                                + " WHERE k.name = ? AND d.status = 'ready' AND d.embedding_model = ?",
                        r -> r.getLong(1),
                        name,
                        embedder.modelName())
                .orElse(0L);
        if (ready != set.documents().size()) {
            drop(name);
            collections.create(
                    new CollectionService.Spec(name, set.name() + " benchmark", List.of(name), false), "bench");
            long collectionId = jdbc.one("SELECT id FROM collections WHERE name = ?", r -> r.getLong(1), name)
                    .orElseThrow();
            long start = System.nanoTime();
            List<RetrievalSet.Document> documents = set.documents();
            for (int from = 0; from < documents.size(); from += DOCUMENTS_PER_TRANSACTION) {
                store(
                        collectionId,
                        documents.subList(from, Math.min(documents.size(), from + DOCUMENTS_PER_TRANSACTION)),
                        scratch);
                LOG.infof(
                        "%s: %d of %d documents stored",
                        name, Math.min(documents.size(), from + DOCUMENTS_PER_TRANSACTION), documents.size());
            }
            LOG.infof("%s loaded in %.0f s", name, (System.nanoTime() - start) / 1e9);
        }
        Map<Long, String> documentOf = new HashMap<>();
        jdbc.list(
                        "SELECT c.id, d.file_name FROM chunks c JOIN documents d ON d.id = c.document_id"
                                + " JOIN collections k ON k.id = c.collection_id WHERE k.name = ?",
                        r -> Map.entry(r.getLong(1), r.getString(2)),
                        name)
                .forEach(e -> documentOf.put(e.getKey(), e.getValue().replaceFirst("\\.txt$", "")));
        return documentOf;
    }

    void drop(String name) {
        jdbc.update("DELETE FROM documents WHERE collection_id = (SELECT id FROM collections WHERE name = ?)", name);
        jdbc.update("DELETE FROM collections WHERE name = ?", name);
    }

    private void store(long collectionId, List<RetrievalSet.Document> documents, Path scratch) {
        List<List<Chunk>> chunked = new ArrayList<>();
        List<ParsedDocument> parsed = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (RetrievalSet.Document document : documents) {
            ParsedDocument p = parse(document, scratch);
            List<Chunk> chunks = chunker.chunk(p);
            parsed.add(p);
            chunked.add(chunks);
            chunks.forEach(c -> texts.add(c.embeddingText()));
        }
        List<float[]> vectors = cache.embedAll(texts);
        QuarkusTransaction.requiringNew().run(() -> {
            int next = 0;
            for (int i = 0; i < documents.size(); i++) {
                RetrievalSet.Document document = documents.get(i);
                List<Chunk> chunks = chunked.get(i);
                UUID id = UUID.randomUUID();
                byte[] bytes = document.fileText().getBytes(StandardCharsets.UTF_8);
                jdbc.update(
                        """
                        INSERT INTO documents (id, collection_id, file_name, title, media_type, size_bytes, sha256,
                                               status, progress, chunk_count, embedding_model, uploaded_by, ready_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, 'ready', 1, ?, ?, 'bench', now())
                        """,
                        id,
                        collectionId,
                        document.id() + ".txt",
                        parsed.get(i).title(),
                        parsed.get(i).mediaType(),
                        (long) bytes.length,
                        sha256(document.id() + "\n" + document.fileText()),
                        chunks.size(),
                        embedder.modelName());
                writer.replace(id, collectionId, chunks, vectors.subList(next, next + chunks.size()));
                next += chunks.size();
            }
        });
    }

    private ParsedDocument parse(RetrievalSet.Document document, Path scratch) {
        try {
            Files.createDirectories(scratch);
            Path file = scratch.resolve(document.id().replaceAll("[^A-Za-z0-9_-]", "_") + ".txt");
            Files.writeString(file, document.fileText(), StandardCharsets.UTF_8);
            try {
                return parser.parse(file, document.id() + ".txt");
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
