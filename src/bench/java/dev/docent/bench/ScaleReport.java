package dev.docent.bench;

import static dev.docent.bench.ChatReport.num;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The retrieval-scale section of the report: per corpus size, latency, recall, sizes; the latency plot. */
final class ScaleReport {

    private ScaleReport() {}

    @SuppressWarnings("unchecked")
    static String markdown(Map<String, Object> data, Path out) {
        var levels = (List<Map<String, Object>>) data.get("levels");
        var corpus = (Map<String, Object>) data.get("corpus");
        StringBuilder md = new StringBuilder("## Retrieval at scale\n\n");
        md.append("Machine: ")
                .append(Machine.markdown((Map<String, Object>) data.get("machine")))
                .append("; load average at end ")
                .append(data.get("loadAverageAtEnd"))
                .append(".\n\n");
        md.append("**Synthetic corpora**: real embedding on 2 cores would take hours, so each chunk copies the text of")
                .append(
                        " one of %s real pieces of %s (the keyword index sees real text) and that piece's real embedding"
                                .formatted(corpus.get("pieces"), corpus.get("texts")))
                .append(
                        " (bge-small-en-v1.5) plus Gaussian noise (σ = %s per dimension), renormalised. Queries: %s real"
                                .formatted(corpus.get("noisePerDimension"), corpus.get("queries")))
                .append(" questions, embedded once beforehand: latencies are `SearchService.retrieve` with the query")
                .append(" vector given (query embedding excluded, transaction and connection pool included), warm,")
                .append(" top 10. Filtered = the caller's groups open only the restricted collection (a tenth of the")
                .append(" chunks). Recall@10 = share of the exact top 10 (sequential scan, `enable_indexscan = off`)")
                .append(" that the HNSW vector search returns. JDBC pool size ")
                .append(data.get("poolSize"))
                .append(".\n\n");
        md.append("| chunks | ef_search | filter | hybrid p50 ms | hybrid p95 ms | min | max | vector p50/p95 ms |")
                .append(" keyword p50/p95 ms | recall@10 (min) | 10th distance ÷ exact p50 / max |\n");
        md.append("|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        List<Plots.Series> series = new ArrayList<>();
        Map<String, List<Double>> x = new java.util.LinkedHashMap<>();
        Map<String, List<Double>> y = new java.util.LinkedHashMap<>();
        for (var level : levels) {
            var byEf = (Map<String, Object>) level.get("efSearch");
            boolean first = true;
            for (var ef : byEf.entrySet()) {
                var filters = (Map<String, Object>) ef.getValue();
                for (var filter : filters.entrySet()) {
                    var f = (Map<String, Object>) filter.getValue();
                    var hybrid = (Map<String, Object>) f.get("hybrid");
                    var vector = (Map<String, Object>) f.get("vector");
                    var keyword = (Map<String, Object>) f.get("keyword");
                    var recall = (Map<String, Object>) f.get("recallAt10");
                    var ratio = (Map<String, Object>) recall.getOrDefault("tenthDistanceRatio", Map.of());
                    md.append("| %s | %s | %s | %s | **%s** | %s | %s | %s / %s | %s | %s (%s) | %s / %s |\n"
                            .formatted(
                                    level.get("chunks"),
                                    ef.getKey(),
                                    filter.getKey(),
                                    num(hybrid.get("median")),
                                    num(hybrid.get("p95")),
                                    num(hybrid.get("min")),
                                    num(hybrid.get("max")),
                                    num(vector.get("median")),
                                    num(vector.get("p95")),
                                    keyword == null
                                            ? "-"
                                            : num(keyword.get("median")) + " / " + num(keyword.get("p95")),
                                    num(recall.get("mean")),
                                    num(recall.get("min")),
                                    num(ratio.get("median")),
                                    num(ratio.get("max"))));
                    if (first) {
                        for (String p : List.of("median", "p95")) {
                            String key = "hybrid " + filter.getKey() + " " + (p.equals("median") ? "p50" : p);
                            x.computeIfAbsent(key, k -> new ArrayList<>())
                                    .add(((Number) level.get("chunks")).doubleValue());
                            y.computeIfAbsent(key, k -> new ArrayList<>()).add(((Number) hybrid.get(p)).doubleValue());
                        }
                    }
                }
                first = false;
            }
        }
        for (String key : x.keySet()) {
            series.add(new Plots.Series(key, x.get(key), y.get(key)));
        }
        String plot = Plots.line(
                out.resolve("retrieval-latency-vs-corpus-size.png"),
                "Hybrid top-10 retrieval latency vs corpus size",
                "chunks",
                "ms",
                true,
                series);
        md.append("\n![retrieval latency vs corpus size](").append(plot).append(")\n\n");
        md.append("| chunks | measured at (load average) | loaded in s | GIN build s | HNSW build s | index |")
                .append(" table + indexes MiB | MiB per 100k chunks | TTFT 1 user p50 / p95 ms (min, max) |\n")
                .append("|---:|---|---:|---:|---:|---|---:|---:|---|\n");
        for (var level : levels) {
            var sizes = (Map<String, Object>) level.get("sizes");
            var chat = (Map<String, Object>) level.get("chat");
            String ttft = "-";
            if (chat != null) {
                var t = (Map<String, Object>) chat.get("ttftMs");
                ttft = "%s / **%s** (%s, %s), %s errors, provider %s"
                        .formatted(
                                num(t.get("median")),
                                num(t.get("p95")),
                                num(t.get("min")),
                                num(t.get("max")),
                                chat.get("errors"),
                                chat.get("providers"));
            }
            md.append("| %s | %s (%s) | %s | %s | %s | %s | %s | %s | %s |\n"
                    .formatted(
                            level.get("chunks"),
                            level.get("measuredAt"),
                            level.get("loadAverageAtStart"),
                            num(level.getOrDefault("loadSeconds", "kept")),
                            num(level.getOrDefault("ginBuildSeconds", "-")),
                            num(level.getOrDefault("hnswBuildSeconds", "kept")),
                            level.get("index"),
                            num(((Number) sizes.get("total")).doubleValue() / 1048576.0),
                            num(sizes.get("totalMiBPer100k")),
                            ttft));
        }
        for (var level : levels) {
            var chat = (Map<String, Object>) level.get("chat");
            if (chat != null && chat.get("firstTokenBreakdown") != null) {
                md.append("\nAt ").append(level.get("chunks")).append(" chunks, one user: ");
                md.append(FirstTokenBreakdown.markdown((Map<String, Object>) chat.get("firstTokenBreakdown")));
            }
        }
        return md.toString();
    }
}
