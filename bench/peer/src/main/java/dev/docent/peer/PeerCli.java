package dev.docent.peer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.document.loader.FileSystemDocumentLoader;
import dev.langchain4j.data.document.parser.TextDocumentParser;
import dev.langchain4j.data.document.splitter.DocumentSplitters;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingStoreIngestor;
import dev.langchain4j.store.embedding.pgvector.PgVectorEmbeddingStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The plain-LangChain4j peer of issue 16, as a Java developer writes it in an afternoon: {@link EmbeddingStoreIngestor}
 * with {@code DocumentSplitters.recursive(300, 30)}, the in-process bge-small-en-v1.5 (quantized) and
 * {@link PgVectorEmbeddingStore} from its builder. Commands ({@code java -jar docent-peer.jar ...}):
 *
 * <ul>
 *   <li>{@code ingest DIR}: (re)creates the table, ingests every file of DIR, prints one JSON line (documents,
 *       chunks, seconds, documents per second);
 *   <li>{@code search QUERIES.jsonl K}: for each line {@code {"id":..., "text":...}} prints one JSON line with the
 *       query's id, its latency in ms (embedding the query and searching; embedMs of it embedding) and the file names
 *       of the K best segments.
 * </ul>
 *
 * <p>System properties: {@code peer.host} (localhost), {@code peer.port} (5432), {@code peer.database},
 * {@code peer.user}, {@code peer.password} (docent), {@code peer.table} (peer_embeddings), {@code peer.lists} (0: no
 * index, exact search; above 0: the builder's IVFFlat index with that many lists), {@code peer.oneConnection} (false:
 * the builder's own data source, a new connection per call; true: one connection opened once and reused, the fix a
 * developer would reach for first).
 */
public final class PeerCli {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int WARM_UP_QUERIES = 5;

    private final String host = System.getProperty("peer.host", "localhost");
    private final int port = Integer.getInteger("peer.port", 5432);
    private final String database = System.getProperty("peer.database", "docent");
    private final String user = System.getProperty("peer.user", "docent");
    private final String password = System.getProperty("peer.password", "docent");
    private final String table = System.getProperty("peer.table", "peer_embeddings");
    private final int lists = Integer.getInteger("peer.lists", 0);
    private final boolean oneConnection = Boolean.getBoolean("peer.oneConnection");
    private final EmbeddingModel model = new BgeSmallEnV15QuantizedEmbeddingModel();

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("ingest")) {
            new PeerCli().ingest(Path.of(args[1]));
        } else if (args.length == 3 && args[0].equals("search")) {
            new PeerCli().search(Path.of(args[1]), Integer.parseInt(args[2]));
        } else {
            System.err.println("usage: ingest DIR | search QUERIES.jsonl K");
            System.exit(2);
        }
    }

    private PgVectorEmbeddingStore store(boolean fresh) throws SQLException {
        if (oneConnection) {
            return PgVectorEmbeddingStore.datasourceBuilder()
                    .datasource(OneConnection.open(url(), user, password))
                    .table(table)
                    .dimension(model.dimension())
                    .useIndex(lists > 0)
                    .indexListSize(lists > 0 ? lists : null)
                    .createTable(true)
                    .dropTableFirst(fresh)
                    .build();
        }
        return PgVectorEmbeddingStore.builder()
                .host(host)
                .port(port)
                .database(database)
                .user(user)
                .password(password)
                .table(table)
                .dimension(model.dimension())
                .useIndex(lists > 0)
                .indexListSize(lists > 0 ? lists : null)
                .createTable(true)
                .dropTableFirst(fresh)
                .build();
    }

    private void ingest(Path dir) throws Exception {
        PgVectorEmbeddingStore store = store(true);
        warmUp();
        long start = System.nanoTime();
        List<Document> documents = FileSystemDocumentLoader.loadDocuments(dir, new TextDocumentParser());
        EmbeddingStoreIngestor.builder()
                .documentSplitter(DocumentSplitters.recursive(300, 30))
                .embeddingModel(model)
                .embeddingStore(store)
                .build()
                .ingest(documents);
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("documents", documents.size());
        out.put("chunks", rows());
        out.put("seconds", seconds);
        out.put("documentsPerSecond", documents.size() / seconds);
        out.put("lists", lists);
        System.out.println(JSON.writeValueAsString(out));
    }

    private void search(Path queries, int k) throws Exception {
        PgVectorEmbeddingStore store = store(false);
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(queries)) {
            if (!line.isBlank()) {
                lines.add(JSON.readTree(line));
            }
        }
        // The first queries through ONNX Runtime and the database are slow (allocation, JIT, plan cache).
        for (int i = 0; i < Math.min(WARM_UP_QUERIES, lines.size()); i++) {
            find(store, model.embed(lines.get(i).path("text").asText()).content(), k);
        }
        for (JsonNode query : lines) {
            long start = System.nanoTime();
            Embedding vector = model.embed(query.path("text").asText()).content();
            long embedded = System.nanoTime();
            List<EmbeddingMatch<TextSegment>> matches = find(store, vector, k);
            long end = System.nanoTime();
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("id", query.path("id").asText());
            out.put("ms", (end - start) / 1e6);
            out.put("embedMs", (embedded - start) / 1e6);
            out.put(
                    "documents",
                    matches.stream()
                            .map(m -> m.embedded().metadata().getString(Document.FILE_NAME))
                            .toList());
            System.out.println(JSON.writeValueAsString(out));
        }
    }

    private static List<EmbeddingMatch<TextSegment>> find(PgVectorEmbeddingStore store, Embedding query, int k) {
        return store.search(EmbeddingSearchRequest.builder()
                        .queryEmbedding(query)
                        .maxResults(k)
                        .build())
                .matches();
    }

    private void warmUp() {
        List<TextSegment> texts = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            texts.add(TextSegment.from("Warm-up sentence number " + i + " about vacation days and expense reports."));
        }
        model.embedAll(texts);
        model.embedAll(texts);
    }

    private String url() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    private long rows() throws Exception {
        try (var c = DriverManager.getConnection(url(), user, password);
                var st = c.createStatement();
                var rs = st.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
