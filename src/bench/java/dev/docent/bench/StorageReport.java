package dev.docent.bench;

import java.util.List;
import java.util.Map;

/** The storage-options section of report.md: one row per corpus size and storage option. */
final class StorageReport {

    private StorageReport() {}

    @SuppressWarnings("unchecked")
    static String markdown(Map<String, Object> data) {
        StringBuilder md = new StringBuilder("## Storage options: vector, halfvec, binary quantization\n\n");
        String intro = "Synthetic corpus (%s), HNSW %s, ef_search %s; tables hold id and embedding only. Recall@10"
                + " against the exact top 10 of the full vectors; latency: the vector query alone on one connection.\n\n";
        md.append(intro.formatted(data.get("corpus"), data.get("hnsw"), data.get("efSearch")));
        md.append("| chunks | storage | table MiB | index MiB | HNSW build s | recall@10 (min) | p50 / p95 ms (max) |"
                + " load |\n|---:|---|---:|---:|---:|---:|---|---|\n");
        for (Map<String, Object> level : (List<Map<String, Object>>) data.get("levels")) {
            ((Map<String, Map<String, Object>>) level.get("options")).forEach((name, o) -> {
                Map<String, Object> latency = (Map<String, Object>) o.get("latencyMs");
                md.append("| %,d | %s | %.0f | %.0f | %s | %s (%s) | %s / **%s** (%s) | %s |\n"
                        .formatted(
                                ((Number) level.get("chunks")).longValue(),
                                name,
                                mib(o.get("tableBytes")),
                                mib(o.get("indexBytes")),
                                o.get("hnswBuildSeconds") == null ? "(same index)" : o.get("hnswBuildSeconds"),
                                o.get("recallAt10"),
                                o.get("recallAt10Min"),
                                latency.get("median"),
                                latency.get("p95"),
                                latency.get("max"),
                                level.get("loadAverageAtStart")));
            });
        }
        return md.toString();
    }

    private static double mib(Object bytes) {
        return ((Number) bytes).longValue() / 1048576.0;
    }
}
