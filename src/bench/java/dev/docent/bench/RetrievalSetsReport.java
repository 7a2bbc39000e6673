package dev.docent.bench;

import static dev.docent.bench.ChatReport.num;

import java.util.List;
import java.util.Map;

/** The retrieval-sets section of the report: every variant on SQuAD and SciFact, and what the default beats. */
final class RetrievalSetsReport {

    private RetrievalSetsReport() {}

    /** Metrics and their differences with three decimals: the variants differ in the second. */
    private static String metric(Object value) {
        return value instanceof Number n ? "%.3f".formatted(n.doubleValue()) : "-";
    }

    @SuppressWarnings("unchecked")
    static String markdown(Map<String, Object> data) {
        StringBuilder md = new StringBuilder("## Retrieval on SQuAD and SciFact (`make bench-answer`)\n\n");
        md.append("Machine: ")
                .append(Machine.markdown((Map<String, Object>) data.get("machine")))
                .append("; load average at end ")
                .append(data.get("loadAverageAtEnd"))
                .append(". Model ")
                .append(data.get("model"))
                .append(".\n\n");
        md.append("Each set in a collection of its own, loaded through Docent's parser, chunker and chunk writer (one"
                + " document = title, blank line, text; SQuAD: a document per paragraph, SciFact: per abstract; with fewer than"
                + " SciFact's 5,183 abstracts, every abstract a claim cites plus a fixed random sample of the others)."
                + " Metrics count documents (a variant without the per-document limit counts a document's first"
                + " chunk). Latency: the search's SQL, query embedding excluded.\n\n");
        var sets = (Map<String, Object>) data.get("sets");
        for (var set : sets.entrySet()) {
            var s = (Map<String, Object>) set.getValue();
            md.append("### ")
                    .append(set.getKey())
                    .append(": %s documents (%s chunks), %s queries, %s passages asked per query\n\n"
                            .formatted(s.get("documents"), s.get("chunks"), s.get("queries"), s.get("depth")));
            md.append("| variant | recall@1 | recall@5 | recall@10 | recall@50 | MRR@10 | nDCG@10 | nDCG@10 odd half"
                            + " | p50 / p95 ms | what |\n")
                    .append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
            var variants = (Map<String, Object>) s.get("variants");
            for (var v : variants.entrySet()) {
                var m = (Map<String, Object>) v.getValue();
                var all = (Map<String, Object>) m.get("all");
                var half = (Map<String, Object>) m.get("reportHalf");
                var ms = (Map<String, Object>) all.get("latencyMs");
                md.append("| ").append(v.getKey());
                for (String metric :
                        List.of("recallAt1", "recallAt5", "recallAt10", "recallAt50", "mrrAt10", "ndcgAt10")) {
                    md.append(" | ").append(metric(all.get(metric)));
                }
                md.append(" | ").append(metric(half.get("ndcgAt10")));
                md.append(" | ").append(num(ms.get("median"))).append(" / ").append(num(ms.get("p95")));
                md.append(" | ").append(m.get("description")).append(" |\n");
            }
            var grid = (Map<String, Object>) s.get("weightGrid");
            md.append("\nWeighted fusion: vector weight chosen on the even-numbered queries by ")
                    .append(grid.get("metric"))
                    .append(" ")
                    .append(grid.get("tuningHalf"))
                    .append(" → ")
                    .append(grid.get("chosen"))
                    .append("; the \"odd half\" column reports every variant on the other queries.\n\n");
            md.append("Paired differences over the same queries (mean, 95 % bootstrap interval):\n\n")
                    .append("| comparison | metric | difference | 95 % interval |\n|---|---|---:|---|\n");
            var differences = (Map<String, Object>) s.get("differences");
            for (var d : differences.entrySet()) {
                for (var m : (List<Map<String, Object>>) d.getValue()) {
                    md.append("| ")
                            .append(d.getKey())
                            .append(m.containsKey("against") ? " " + m.get("against") : "")
                            .append(" | ")
                            .append(m.get("metric"))
                            .append(" | ")
                            .append(metric(m.get("mean")))
                            .append(" | ")
                            .append(metric(m.get("ci95Low")))
                            .append(" to ")
                            .append(metric(m.get("ci95High")))
                            .append(" |\n");
                }
            }
            var latency = (Map<String, Object>) s.get("latency");
            var before = (Map<String, Object>) latency.get("before");
            var now = (Map<String, Object>) latency.get("default");
            md.append(
                            "\nHybrid query latency, before and now, alternating on the same %s queries (k = 10): before p50 %s /"
                                    .formatted(before.get("n"), num(before.get("median"))))
                    .append(" p95 %s ms; now p50 %s / p95 %s ms.\n\n"
                            .formatted(num(before.get("p95")), num(now.get("median")), num(now.get("p95"))));
        }
        return md.toString();
    }
}
