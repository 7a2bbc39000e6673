package dev.docent.bench;

import dev.docent.system.Jdbc;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * How the embeddings could be stored, compared on one synthetic corpus ({@link SyntheticCorpus}'s vectors): 32-bit
 * {@code vector}, 16-bit {@code halfvec}, and a binary-quantized HNSW index ({@code binary_quantize(...)::bit},
 * Hamming distance) whose candidates are re-ranked by the full vectors. Each option gets its own table (id and
 * embedding only, so sizes are the embedding's share of a chunk) and its own HNSW index with Docent's build
 * parameters (V6: m 32, ef_construction 128); recall@10 is against the exact top 10 of the full-precision vectors.
 */
final class StorageOptions {

    private static final Logger LOG = Logger.getLogger(StorageOptions.class);

    static final String VECTOR_TABLE = "bench_storage_vector";
    static final String HALFVEC_TABLE = "bench_storage_halfvec";

    /** One way of storing and searching: its table, index DDL and top-10 query (parameters: the query vector). */
    record Option(String name, String table, String index, String indexDdl, String query, int vectorParams) {}

    static List<Option> options(int dimension, int m, int efConstruction, List<Integer> rerankCandidates) {
        String with = " WITH (m = " + m + ", ef_construction = " + efConstruction + ")";
        List<Option> out = new ArrayList<>();
        out.add(new Option(
                "vector",
                VECTOR_TABLE,
                "bench_storage_vector_hnsw",
                "CREATE INDEX bench_storage_vector_hnsw ON " + VECTOR_TABLE
                        + " USING hnsw (embedding vector_cosine_ops)" + with,
                "SELECT id FROM " + VECTOR_TABLE + " ORDER BY embedding <=> ? LIMIT 10",
                1));
        out.add(new Option(
                "halfvec",
                HALFVEC_TABLE,
                "bench_storage_halfvec_hnsw",
                "CREATE INDEX bench_storage_halfvec_hnsw ON " + HALFVEC_TABLE
                        + " USING hnsw (embedding halfvec_cosine_ops)" + with,
                "SELECT id FROM " + HALFVEC_TABLE + " ORDER BY embedding <=> ?::halfvec(" + dimension + ") LIMIT 10",
                1));
        for (int candidates : rerankCandidates) {
            // The index holds one bit per dimension; the heap keeps the full vectors for the re-ranking.
            out.add(new Option(
                    "binary+rerank" + candidates,
                    VECTOR_TABLE,
                    "bench_storage_bq_hnsw",
                    "CREATE INDEX bench_storage_bq_hnsw ON " + VECTOR_TABLE
                            + " USING hnsw ((binary_quantize(embedding)::bit(" + dimension + ")) bit_hamming_ops)"
                            + with,
                    """
                    SELECT id FROM (
                      SELECT id, embedding FROM %s
                      ORDER BY binary_quantize(embedding)::bit(%d) <~> binary_quantize(?) LIMIT %d
                    ) candidates ORDER BY embedding <=> ? LIMIT 10
                    """.formatted(VECTOR_TABLE, dimension, candidates),
                    2));
        }
        return out;
    }

    private final Jdbc jdbc;
    private final SyntheticCorpus corpus;
    private final int dimension;

    StorageOptions(Jdbc jdbc, SyntheticCorpus corpus, int dimension) {
        this.jdbc = jdbc;
        this.corpus = corpus;
        this.dimension = dimension;
    }

    /** How each option is measured: queries with an exact top 10 for recall, timed passes, HNSW search breadth. */
    record Measure(int recallQueries, int passes, int efSearch) {}

    /**
     * Loads the corpus level by level ({@code sizes} ascending), rebuilds every option's index at each level and
     * measures it; the tables are dropped at the end unless {@code keep}. One result map per level; the levels so far
     * are handed to {@code afterEachLevel} as each one ends (a long run leaves a report of what it finished).
     */
    List<Map<String, Object>> run(
            List<Long> sizes,
            List<Option> options,
            List<float[]> queries,
            Measure measure,
            boolean keep,
            java.util.function.Consumer<List<Map<String, Object>>> afterEachLevel) {
        List<Map<String, Object>> levels = new ArrayList<>();
        create();
        long present = 0;
        try {
            for (long size : sizes) {
                Map<String, Object> level = new LinkedHashMap<>();
                level.put("chunks", size);
                level.put(
                        "measuredAt", java.time.OffsetDateTime.now().withNano(0).toString());
                level.put("loadAverageAtStart", Machine.loadAverage());
                dropIndexes(options);
                level.put("loadSeconds", Stats.round(load(present, size)));
                present = size;
                level.put("halfvecCopySeconds", Stats.round(makeHalfvec()));
                Map<String, Map<String, Object>> byOption = new LinkedHashMap<>();
                for (Option option : options) {
                    Double seconds = build(option);
                    Map<String, Object> o = new LinkedHashMap<>();
                    o.put("hnswBuildSeconds", seconds == null ? null : Stats.round(seconds));
                    o.put("loadAverageAfterBuild", Machine.loadAverage());
                    byOption.put(option.name(), o);
                }
                analyze();
                List<Set<Long>> exact = new ArrayList<>();
                for (int i = 0; i < Math.min(queries.size(), measure.recallQueries()); i++) {
                    exact.add(exact(queries.get(i)));
                }
                for (Option option : options) {
                    Map<String, Object> o = byOption.get(option.name());
                    o.putAll(sizes(option));
                    o.putAll(measure(option, queries, exact, measure.passes(), measure.efSearch()));
                    LOG.infof("%d chunks, %s: %s", size, option.name(), o);
                }
                level.put("options", byOption);
                level.put("loadAverageAtEnd", Machine.loadAverage());
                levels.add(level);
                afterEachLevel.accept(levels);
            }
        } finally {
            if (!keep) {
                drop();
            }
        }
        return levels;
    }

    /** Empty tables for the vectors (the halfvec one is re-made from the vector one at each level). */
    void create() {
        drop();
        ddl("CREATE TABLE " + VECTOR_TABLE + " (id bigint PRIMARY KEY, embedding vector(" + dimension + ") NOT NULL)");
    }

    void drop() {
        ddl("DROP TABLE IF EXISTS " + VECTOR_TABLE);
        ddl("DROP TABLE IF EXISTS " + HALFVEC_TABLE);
    }

    /** Appends rows {@code [from, to)} to the vector table by binary COPY; returns seconds. */
    double load(long from, long to) {
        long start = System.nanoTime();
        jdbc.withConnection(c -> {
            CopyIn copy = c.unwrap(PGConnection.class)
                    .getCopyAPI()
                    .copyIn("COPY " + VECTOR_TABLE + " (id, embedding) FROM STDIN (FORMAT binary)");
            try {
                ByteArrayOutputStream buffer = new ByteArrayOutputStream(1 << 20);
                DataOutputStream out = new DataOutputStream(buffer);
                out.writeBytes("PGCOPY\n\377\r\n\0");
                out.writeInt(0);
                out.writeInt(0);
                for (long i = from; i < to; i++) {
                    float[] v = corpus.vector(i);
                    out.writeShort(2);
                    out.writeInt(8);
                    out.writeLong(i);
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
        return (System.nanoTime() - start) / 1e9;
    }

    /** The halfvec table from the vector table (server-side conversion), without indexes. */
    double makeHalfvec() {
        ddl("DROP TABLE IF EXISTS " + HALFVEC_TABLE);
        return ddl(
                "CREATE TABLE " + HALFVEC_TABLE + " AS SELECT id, embedding::halfvec(" + dimension
                        + ") AS embedding FROM " + VECTOR_TABLE,
                "ALTER TABLE " + HALFVEC_TABLE + " ADD PRIMARY KEY (id)");
    }

    void dropIndexes(List<Option> options) {
        for (Option o : options) {
            ddl("DROP INDEX IF EXISTS " + o.index());
        }
    }

    /** Builds the option's index unless an earlier option built the same one; seconds, or null when shared. */
    Double build(Option option) {
        if (jdbc.one("SELECT 1 FROM pg_indexes WHERE indexname = ?", r -> 1, option.index())
                .isPresent()) {
            return null;
        }
        LOG.infof("building %s", option.index());
        return ddl(option.indexDdl());
    }

    void analyze() {
        ddl("VACUUM ANALYZE " + VECTOR_TABLE, "VACUUM ANALYZE " + HALFVEC_TABLE);
    }

    Map<String, Object> sizes(Option option) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(
                "tableBytes",
                jdbc.one("SELECT pg_table_size(?::regclass)", r -> r.getLong(1), option.table())
                        .orElseThrow());
        out.put(
                "indexBytes",
                jdbc.one("SELECT pg_relation_size(?::regclass)", r -> r.getLong(1), option.index())
                        .orElseThrow());
        return out;
    }

    /** Exact top 10 by a sequential scan over the full-precision vectors. */
    Set<Long> exact(float[] query) {
        return jdbc.withConnection(c -> {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SET LOCAL enable_indexscan = off");
                Set<Long> ids =
                        ids(c, "SELECT id FROM " + VECTOR_TABLE + " ORDER BY embedding <=> ? LIMIT 10", query, 1);
                c.commit();
                return ids;
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        });
    }

    /** Latency of each query over {@code passes} timed passes (after one untimed), and recall@10 on the first ones. */
    Map<String, Object> measure(Option option, List<float[]> queries, List<Set<Long>> exact, int passes, int efSearch) {
        return jdbc.withConnection(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("SET hnsw.ef_search = " + efSearch);
                // After five executions of a server-side prepared statement PostgreSQL may switch to a generic plan,
                // and for "ORDER BY embedding <=> $1 LIMIT 10" on a plain vector column its generic plan was a
                // parallel sequential scan (EXPLAIN, 100k rows: 148 ms against a few ms by the index): measure the
                // index, as a query with the vector inlined would run.
                s.execute("SET plan_cache_mode = force_custom_plan");
            }
            List<Double> recalls = new ArrayList<>();
            for (int i = 0; i < exact.size(); i++) {
                Set<Long> found = ids(c, option.query(), queries.get(i), option.vectorParams());
                found.retainAll(exact.get(i));
                recalls.add(found.size() / (double) Math.max(1, exact.get(i).size()));
            }
            for (float[] q : queries) {
                ids(c, option.query(), q, option.vectorParams());
            }
            List<Double> ms = new ArrayList<>();
            for (int pass = 0; pass < passes; pass++) {
                for (float[] q : queries) {
                    long t0 = System.nanoTime();
                    ids(c, option.query(), q, option.vectorParams());
                    ms.add((System.nanoTime() - t0) / 1e6);
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute("RESET hnsw.ef_search");
                s.execute("RESET plan_cache_mode");
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put(
                    "recallAt10",
                    Stats.round(recalls.stream().mapToDouble(d -> d).average().orElse(Double.NaN)));
            out.put(
                    "recallAt10Min",
                    Stats.round(recalls.stream().mapToDouble(d -> d).min().orElse(Double.NaN)));
            out.put("recallQueries", recalls.size());
            out.put("latencyMs", Stats.of(ms).toMap());
            return out;
        });
    }

    private static Set<Long> ids(Connection c, String sql, float[] query, int vectorParams) throws SQLException {
        com.pgvector.PGvector v = new com.pgvector.PGvector(query);
        Object[] params = new Object[vectorParams];
        java.util.Arrays.fill(params, v);
        Set<Long> ids = new HashSet<>();
        try (PreparedStatement p = Jdbc.prepare(c, sql, params);
                ResultSet r = p.executeQuery()) {
            while (r.next()) {
                ids.add(r.getLong(1));
            }
        }
        return ids;
    }

    private double ddl(String... statements) {
        return SyntheticCorpus.ddl(jdbc, List.of(statements));
    }
}
