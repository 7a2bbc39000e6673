package dev.docent.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.docent.ingestion.DocumentPage;
import dev.docent.ingestion.DocumentService;
import dev.docent.system.Jdbc;
import dev.docent.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code make bench-documents} (section document-list): the documents list at {@code bench.documents.count}
 * (100,000) generated documents in 20 collections, loaded in one INSERT ... SELECT from generate_series. Measures
 * first page, filters, sorts, a deep page and the per-collection counts, each {@code bench.documents.runs} (40)
 * times: server-side (the service call, SQL and mapping) and over HTTP (JSON included), against the 300 ms target
 * of issue 15. The generated rows are removed afterwards unless {@code bench.keep} is set.
 */
@QuarkusTest
@Tag("bench")
@TestProfile(StubProviderProfile.class)
class DocumentListBench {

    static final Path OUT = Path.of("target", "bench");
    static final double TARGET_MS = 300;
    static final String PREFIX = "bench-docs-";

    private static final String[] WORDS = {
        "annual", "report", "policy", "travel", "expense", "handbook", "security", "guide", "onboarding", "contract",
        "invoice", "minutes", "meeting", "roadmap", "release", "notes", "budget", "forecast", "training", "safety",
        "privacy", "incident", "review", "design", "architecture", "manual", "install", "network", "backup", "audit"
    };

    @Inject
    Jdbc jdbc;

    @Inject
    DocumentService documents;

    @Test
    void theDocumentsListAtScale() throws Exception {
        int count = Integer.getInteger("bench.documents.count", 100_000);
        int runs = Integer.getInteger("bench.documents.runs", 40);
        Map<String, Object> machine = Machine.describe(jdbc);
        long loadStart = System.nanoTime();
        int loaded = load(count);
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
        try {
            Map<String, Object> results = new LinkedHashMap<>();
            Random random = new Random(15);
            String mid = PREFIX + "c05";
            measure(results, "first page (newest first)", runs, i -> q());
            measure(results, "filter: collection", runs, i -> q("collection", PREFIX + "c" + two(i % 20)));
            measure(results, "filter: status failed", runs, i -> q("status", "failed"));
            measure(
                    results,
                    "filter: text (4 letters)",
                    runs,
                    i -> q("q", word(random).substring(0, 4)));
            measure(results, "filter: text (a file name)", runs, i -> q("q", "doc-" + random.nextInt(count) + ".pdf"));
            measure(results, "filter: text (1 letter, no index)", runs, i -> q("q", "e"));
            measure(results, "sort: title A-Z", runs, i -> q("sort", "title", "dir", "asc"));
            measure(results, "sort: title Z-A", runs, i -> q("sort", "title", "dir", "desc"));
            measure(results, "sort: size", runs, i -> q("sort", "size"));
            measure(results, "sort: chunks", runs, i -> q("sort", "chunks"));
            measure(results, "sort: status", runs, i -> q("sort", "status"));
            measure(
                    results,
                    "collection + text + title sort",
                    runs,
                    i -> q("collection", mid, "q", word(random), "sort", "title"));
            measure(results, "deep page (offset 50,000)", runs, i -> q("offset", String.valueOf(count / 2)));
            measure(results, "counts per collection", runs, i -> null);

            Map<String, Object> data = new LinkedHashMap<>();
            data.put("machine", machine);
            data.put("documents", loaded);
            data.put("loadSeconds", Math.round(loadSeconds * 10) / 10.0);
            data.put("runs", runs);
            data.put("targetMs", TARGET_MS);
            data.put("queries", results);
            data.put("loadAverageAtEnd", Machine.loadAverage());
            BenchReport.section(OUT, "document-list", data, markdown(data));
        } finally {
            if (!Boolean.getBoolean("bench.keep")) {
                jdbc.update("DELETE FROM documents WHERE file_name LIKE 'doc-%' AND uploaded_by = 'bench'");
                jdbc.update("DELETE FROM collections WHERE name LIKE 'bench-docs-%'");
            }
            jdbc.update("DELETE FROM settings WHERE key = 'ingestion.paused'");
        }
    }

    /** 100,000 documents in one statement (a few seconds), most ready, some queued (with jobs), failed, running. */
    private int load(int count) {
        // Workers must not try to ingest the generated queued documents (they have no file).
        jdbc.update("INSERT INTO settings (key, value) VALUES ('ingestion.paused', 'true')"
                + " ON CONFLICT (key) DO UPDATE SET value = 'true'");
        jdbc.update("""
                INSERT INTO collections (name, created_by)
                SELECT 'bench-docs-c' || lpad(i::text, 2, '0'), 'bench' FROM generate_series(0, 19) i
                ON CONFLICT (name) DO NOTHING
                """);
        String words = "ARRAY['" + String.join("','", WORDS) + "']";
        jdbc.update("""
                INSERT INTO documents (id, collection_id, file_name, title, media_type, size_bytes, sha256, status,
                                       chunk_count, pages, uploaded_by, uploaded_at, updated_at, ready_at, error)
                SELECT gen_random_uuid(),
                       c.id,
                       'doc-' || i || '.pdf',
                       initcap(w[1 + (i * 7) % 30]) || ' ' || w[1 + (i * 13) % 30] || ' ' || w[1 + (i / 30) % 30]
                           || ' ' || (2000 + i % 27),
                       'application/pdf', 1000 + (random() * 5000000)::int, md5(i::text || random()::text),
                       s.status, CASE WHEN s.status = 'ready' THEN 1 + (random() * 300)::int END,
                       1 + (random() * 80)::int, 'bench', t.at, t.at,
                       CASE WHEN s.status = 'ready' THEN t.at END,
                       CASE WHEN s.status = 'failed' THEN 'No text could be extracted from this file.' END
                FROM generate_series(1, ?) i,
                     LATERAL (SELECT {words} AS w) words,
                     -- skewed: a few large collections, many small ones (LATERAL on i: one draw per row)
                     LATERAL (SELECT floor(20 * power(random(), 2))::int + 0 * i AS n) pick
                     JOIN collections c ON c.name = 'bench-docs-c' || lpad(pick.n::text, 2, '0'),
                     LATERAL (SELECT now() - make_interval(secs => (random() * 365 * 86400)::int + i % 7) AS at) t,
                     LATERAL (SELECT CASE WHEN i % 100 < 90 THEN 'ready' WHEN i % 100 < 95 THEN 'queued'
                                          WHEN i % 100 < 98 THEN 'failed' ELSE 'processing' END AS status) s
                """.replace("{words}", words), count);
        jdbc.update("""
                INSERT INTO ingestion_jobs (document_id)
                SELECT id FROM documents WHERE uploaded_by = 'bench' AND status = 'queued'
                ON CONFLICT (document_id) DO NOTHING
                """);
        jdbc.update("ANALYZE documents");
        jdbc.update("ANALYZE ingestion_jobs");
        return jdbc.one("SELECT count(*) FROM documents WHERE uploaded_by = 'bench'", r -> r.getInt(1))
                .orElseThrow();
    }

    /** Runs a query {@code runs} times after 5 warm-up runs; null parameters mean the counts endpoint. */
    private void measure(Map<String, Object> results, String name, int runs, IntFunction<Map<String, String>> query)
            throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        String token = Tokens.of("admin");
        List<Double> server = new ArrayList<>();
        List<Double> overHttp = new ArrayList<>();
        long total = -1;
        for (int i = -5; i < runs; i++) {
            Map<String, String> params = query.apply(Math.max(i, 0));
            long start = System.nanoTime();
            if (params == null) {
                documents.counts();
            } else {
                DocumentPage page = documents.page(
                        params.get("collection"),
                        params.get("status"),
                        params.get("q"),
                        params.get("sort"),
                        params.get("dir"),
                        params.containsKey("offset") ? Integer.valueOf(params.get("offset")) : null,
                        null);
                total = page.total();
            }
            double serverMs = (System.nanoTime() - start) / 1e6;
            String path = params == null ? "/api/documents/counts" : "/api/documents?" + encode(params);
            HttpRequest request = HttpRequest.newBuilder(
                            URI.create("http://localhost:" + ChatLatencyBench.port() + path))
                    .header("Authorization", "Bearer " + token)
                    .build();
            start = System.nanoTime();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            double httpMs = (System.nanoTime() - start) / 1e6;
            assertEquals(200, response.statusCode(), response.body());
            if (i >= 0) {
                server.add(serverMs);
                overHttp.add(httpMs);
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("serverMs", Stats.of(server).toMap());
        result.put("httpMs", Stats.of(overHttp).toMap());
        result.put("lastTotal", total);
        results.put(name, result);
    }

    @SuppressWarnings("unchecked")
    static String markdown(Map<String, Object> data) {
        StringBuilder md = new StringBuilder("## Documents list at scale\n\n");
        md.append(Machine.markdown((Map<String, Object>) data.get("machine")));
        md.append("\n%s generated documents in 20 collections, loaded in %s s; %s runs per query after 5 warm-up runs;"
                        .formatted(data.get("documents"), data.get("loadSeconds"), data.get("runs")))
                .append(" target: p95 under %.0f ms server-side. Load average at the end: %s.\n\n"
                        .formatted(TARGET_MS, data.get("loadAverageAtEnd")));
        md.append("| query | matches | server p50 | server p95 | HTTP p50 | HTTP p95 | within target |\n");
        md.append("|---|---:|---:|---:|---:|---:|---|\n");
        ((Map<String, Map<String, Object>>) data.get("queries")).forEach((name, r) -> {
            Map<String, Object> server = (Map<String, Object>) r.get("serverMs");
            Map<String, Object> http = (Map<String, Object>) r.get("httpMs");
            long total = ((Number) r.get("lastTotal")).longValue();
            md.append("| %s | %s | %s ms | %s ms | %s ms | %s ms | %s |\n"
                    .formatted(
                            name,
                            total < 0 ? "—" : String.valueOf(total),
                            server.get("median"),
                            server.get("p95"),
                            http.get("median"),
                            http.get("p95"),
                            ((Number) server.get("p95")).doubleValue() < TARGET_MS ? "yes" : "**no**"));
        });
        return md.toString();
    }

    private static Map<String, String> q(String... pairs) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            params.put(pairs[i], pairs[i + 1]);
        }
        return params;
    }

    private static String encode(Map<String, String> params) {
        List<String> parts = new ArrayList<>();
        params.forEach((k, v) -> parts.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return String.join("&", parts);
    }

    private static String word(Random random) {
        return WORDS[random.nextInt(WORDS.length)];
    }

    private static String two(int i) {
        return i < 10 ? "0" + i : String.valueOf(i);
    }
}
