package dev.docent.bench;

import dev.docent.system.Jdbc;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * A large corpus made from a few thousand real chunks: chunk {@code i} takes the text of a real piece (so the keyword
 * index sees real text) and that piece's real embedding plus Gaussian noise, renormalised. Rows go straight into
 * {@code chunks} with binary COPY, in documents of {@link #CHUNKS_PER_DOCUMENT} chunks; one document in ten belongs to
 * a collection only the group {@link #RESTRICTED_GROUP} reads (for filtered queries), the rest to one the group
 * {@link #OPEN_GROUP} reads. The same arguments give the same corpus.
 */
final class SyntheticCorpus {

    static final int CHUNKS_PER_DOCUMENT = 1000;
    static final String OPEN_GROUP = "engineering";
    static final String RESTRICTED_GROUP = "bench-restricted";
    static final String OPEN_COLLECTION = "bench-scale-open";
    static final String RESTRICTED_COLLECTION = "bench-scale-restricted";

    private final List<String> pieces;
    private final java.util.function.Supplier<List<float[]>> vectorSource;
    private List<float[]> vectors;
    private final double noise;
    private final String model;

    /** {@code vectors} are the pieces' embeddings, computed only when rows are loaded. */
    SyntheticCorpus(
            List<String> pieces, java.util.function.Supplier<List<float[]>> vectors, double noise, String model) {
        this.pieces = pieces;
        this.vectorSource = vectors;
        this.noise = noise;
        this.model = model;
    }

    /** Identifies the corpus, so a kept one is reused only by the same settings. */
    String signature() {
        return "pieces=" + pieces.size() + " noise=" + noise + " model=" + model + " text-hash=" + pieces.hashCode();
    }

    /** Chunks already loaded by a run with the same signature (0 when none or different). */
    static long loaded(Jdbc jdbc, String signature) {
        return jdbc.one("""
                        SELECT count(*) FROM chunks WHERE collection_id IN
                          (SELECT id FROM collections WHERE name IN (?, ?) AND description = ?)
                        """, r -> r.getLong(1), OPEN_COLLECTION, RESTRICTED_COLLECTION, signature)
                .orElse(0L);
    }

    /** Deletes the corpus (its collections, documents and chunks). */
    static void delete(Jdbc jdbc) {
        jdbc.update(
                "DELETE FROM documents WHERE collection_id IN (SELECT id FROM collections WHERE name IN (?, ?))",
                OPEN_COLLECTION,
                RESTRICTED_COLLECTION);
        jdbc.update("DELETE FROM collections WHERE name IN (?, ?)", OPEN_COLLECTION, RESTRICTED_COLLECTION);
    }

    /** Creates the two collections (after deleting any earlier corpus). */
    void create(Jdbc jdbc) {
        delete(jdbc);
        jdbc.update(
                "INSERT INTO collections (name, description, groups, created_by) VALUES (?, ?, ?, 'bench'), (?, ?, ?,"
                        + " 'bench')",
                OPEN_COLLECTION,
                signature(),
                List.of(OPEN_GROUP),
                RESTRICTED_COLLECTION,
                signature(),
                List.of(RESTRICTED_GROUP));
    }

    /** The vector of chunk {@code i}: its piece's embedding plus noise, unit length. */
    float[] vector(long i) {
        SplittableRandom random = new SplittableRandom(i * 0x9E3779B97F4A7C15L);
        if (vectors == null) {
            vectors = vectorSource.get();
        }
        float[] base = vectors.get(piece(i));
        float[] v = new float[base.length];
        double norm = 0;
        for (int d = 0; d < v.length; d++) {
            v[d] = (float) (base[d] + noise * gaussian(random));
            norm += v[d] * v[d];
        }
        float scale = (float) (1 / Math.sqrt(norm));
        for (int d = 0; d < v.length; d++) {
            v[d] *= scale;
        }
        return v;
    }

    /** Which real piece chunk {@code i} copies. */
    int piece(long i) {
        return (int) Math.floorMod(new SplittableRandom(i).nextLong(), (long) pieces.size());
    }

    /** Whether chunk {@code i} is in the restricted collection. */
    static boolean restricted(long i) {
        return (i / CHUNKS_PER_DOCUMENT) % 10 == 0;
    }

    /** Loads chunks {@code [from, to)} (whole documents); returns seconds taken. */
    double load(Jdbc jdbc, long from, long to) {
        if (vectors == null) {
            vectors = vectorSource.get(); // embedding the real pieces is not part of the load time
        }
        long start = System.nanoTime();
        long[] collectionIds = {id(jdbc, OPEN_COLLECTION), id(jdbc, RESTRICTED_COLLECTION)};
        for (long doc = from / CHUNKS_PER_DOCUMENT; doc * CHUNKS_PER_DOCUMENT < to; doc++) {
            long first = doc * CHUNKS_PER_DOCUMENT;
            long last = Math.min(to, first + CHUNKS_PER_DOCUMENT);
            long collection = restricted(first) ? collectionIds[1] : collectionIds[0];
            UUID document = new UUID(0xBE4C4L, doc);
            jdbc.update(
                    """
                    INSERT INTO documents (id, collection_id, file_name, title, media_type, size_bytes, sha256, status,
                                           chunk_count, embedding_model, uploaded_by, ready_at)
                    VALUES (?, ?, ?, ?, 'text/plain', 1, ?, 'ready', ?, ?, 'bench', now())
                    """,
                    document,
                    collection,
                    "synthetic-" + doc + ".txt",
                    "Synthetic document " + doc,
                    "synthetic-" + doc,
                    (int) (last - first),
                    model);
            copy(jdbc, document, collection, first, last);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private void copy(Jdbc jdbc, UUID document, long collection, long first, long last) {
        jdbc.withConnection(c -> {
            CopyIn copy = c.unwrap(PGConnection.class)
                    .getCopyAPI()
                    .copyIn("COPY chunks (document_id, collection_id, ordinal, context, content, token_count,"
                            + " embedding) FROM STDIN (FORMAT binary)");
            try {
                ByteArrayOutputStream buffer = new ByteArrayOutputStream(1 << 20);
                DataOutputStream out = new DataOutputStream(buffer);
                out.writeBytes("PGCOPY\n\377\r\n\0");
                out.writeInt(0);
                out.writeInt(0);
                for (long i = first; i < last; i++) {
                    String text = pieces.get(piece(i));
                    out.writeShort(7);
                    out.writeInt(16);
                    out.writeLong(document.getMostSignificantBits());
                    out.writeLong(document.getLeastSignificantBits());
                    out.writeInt(8);
                    out.writeLong(collection);
                    out.writeInt(4);
                    out.writeInt((int) (i - first));
                    text(out, "Synthetic document " + (i / CHUNKS_PER_DOCUMENT));
                    text(out, text);
                    out.writeInt(4);
                    out.writeInt(text.length() / 4);
                    float[] v = vector(i);
                    out.writeInt(4 + 4 * v.length);
                    out.writeShort(v.length);
                    out.writeShort(0);
                    for (float f : v) {
                        out.writeFloat(f);
                    }
                    if (buffer.size() > (1 << 20)) {
                        copy.writeToCopy(buffer.toByteArray(), 0, buffer.size());
                        buffer.reset();
                    }
                }
                out.writeShort(-1);
                copy.writeToCopy(buffer.toByteArray(), 0, buffer.size());
                copy.endCopy();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            }
            return null;
        });
    }

    private static void text(DataOutputStream out, String s) throws IOException {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static long id(Jdbc jdbc, String collection) {
        return jdbc.one("SELECT id FROM collections WHERE name = ?", r -> r.getLong(1), collection)
                .orElseThrow();
    }

    private static double gaussian(SplittableRandom random) {
        // Box-Muller, one value per call: enough for noise and reproducible from the seed alone.
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    /** Index DDL run in one session with more memory for the build; returns seconds taken. */
    static double ddl(Jdbc jdbc, List<String> statements) {
        long start = System.nanoTime();
        jdbc.withConnection(c -> {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                s.execute("SET maintenance_work_mem = '" + System.getProperty("bench.maintenanceWorkMem", "4GB") + "'");
                s.execute("SET max_parallel_maintenance_workers = 2");
                for (String sql : statements) {
                    s.execute(sql);
                }
                s.execute("RESET maintenance_work_mem");
            } finally {
                c.setAutoCommit(auto);
            }
            return null;
        });
        return (System.nanoTime() - start) / 1e9;
    }

    /** Sizes in bytes of the chunks table (with TOAST) and each of its indexes. */
    static List<Object[]> sizes(Jdbc jdbc) {
        List<Object[]> out = new ArrayList<>();
        out.add(new Object[] {
            "chunks table (heap + TOAST)",
            jdbc.one("SELECT pg_table_size('chunks')", r -> r.getLong(1)).orElseThrow()
        });
        out.addAll(jdbc.list("""
                SELECT indexrelid::regclass::text, pg_relation_size(indexrelid) FROM pg_index
                WHERE indrelid = 'chunks'::regclass ORDER BY 1
                """, r -> new Object[] {r.getString(1), r.getLong(2)}));
        return out;
    }

    static void analyze(Jdbc jdbc) {
        jdbc.withConnection(c -> {
            try (PreparedStatement s = c.prepareStatement("ANALYZE chunks")) {
                s.execute();
            }
            return null;
        });
    }
}
