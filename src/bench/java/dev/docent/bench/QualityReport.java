package dev.docent.bench;

import static dev.docent.bench.ChatReport.num;

import java.util.Map;

/** The retrieval-quality section of the report. */
final class QualityReport {

    private QualityReport() {}

    @SuppressWarnings("unchecked")
    static String markdown(Map<String, Object> data) {
        StringBuilder md = new StringBuilder("## Retrieval quality on SQuAD (`make bench-answer`)\n\n");
        md.append("Machine: ")
                .append(Machine.markdown((Map<String, Object>) data.get("machine")))
                .append("; load average at end ")
                .append(data.get("loadAverageAtEnd"))
                .append(".\n\n");
        md.append("SQuAD v1.1 dev (../shared/data/squad): the 48 articles ingested through Docent's pipeline (%s chunks"
                        .formatted(data.get("chunks")))
                .append(" of at most 128 tokens), %s questions, each against all %s paragraphs. A hit = a retrieved"
                        .formatted(data.get("questions"), data.get("paragraphs")))
                .append(
                        " chunk comes from the question's gold paragraph. Query embedding excluded from the latency.\n\n");
        md.append("| retrieval | recall@1 | recall@5 | recall@10 | MRR@10 | latency p50 / p95 ms |\n")
                .append("|---|---:|---:|---:|---:|---:|\n");
        var modes = (Map<String, Object>) data.get("modes");
        for (var e : modes.entrySet()) {
            var m = (Map<String, Object>) e.getValue();
            var ms = (Map<String, Object>) m.get("latencyMs");
            boolean winner = e.getKey().equals(data.get("winnerByMrr"));
            String b = winner ? "**" : "";
            md.append("| %s%s%s | %s | %s | %s | %s%s%s | %s / %s |\n"
                    .formatted(
                            b,
                            e.getKey(),
                            b,
                            num(m.get("recallAt1")),
                            num(m.get("recallAt5")),
                            num(m.get("recallAt10")),
                            b,
                            num(m.get("mrrAt10")),
                            b,
                            num(ms.get("median")),
                            num(ms.get("p95"))));
        }
        md.append("\nWinner by MRR@10: **%s**; Docent's configured default: `%s`.\n\n"
                .formatted(data.get("winnerByMrr"), data.get("defaultMode")));
        md.append("| extractive answers over | questions | answered | contains a gold answer | when answered |")
                .append(
                        " gold answer in the top 5 passages | answer time p50 ms |\n|---|---:|---:|---:|---:|---:|---:|\n");
        for (var e : ((Map<String, Object>) data.get("extractive")).entrySet()) {
            var m = (Map<String, Object>) e.getValue();
            md.append("| %s retrieval | %s | %s | **%s** | %s | %s | %s |\n"
                    .formatted(
                            e.getKey(),
                            m.get("questions"),
                            num(m.get("answeredRate")),
                            num(m.get("containsGoldAnswer")),
                            num(m.get("containsGoldAnswerWhenAnswered")),
                            num(m.get("goldAnswerInTop5Passages")),
                            num(((Map<String, Object>) m.get("answerMs")).get("median"))));
        }
        return md.toString();
    }
}
