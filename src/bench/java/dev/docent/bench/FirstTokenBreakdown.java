package dev.docent.bench;

import dev.docent.system.Jdbc;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where time to first token went, per stage, over the answers of a benchmark run that reached the model: Docent
 * records the stages with each answer ({@code answer_observations.stages_ms}, V86), and the run's answers are read
 * back by their message ids. Answers that never reach the model (below the similarity threshold: "the knowledge base
 * doesn't cover this") are left out, and so are the questions that get them.
 */
final class FirstTokenBreakdown {

    /** The stages in the order an answer goes through them (FirstTokenStages.Stage). */
    static final List<String> STAGES = List.of(
            "request",
            "admission",
            "history",
            "rewrite",
            "embedding",
            "search",
            "curated",
            "context",
            "prompt",
            "provider",
            "delivery");

    private FirstTokenBreakdown() {}

    /** What Docent recorded about one answer. */
    record Recorded(long firstTokenMs, Map<String, Double> stagesMs) {

        boolean reachedTheModel() {
            return stagesMs.containsKey("provider");
        }
    }

    static final String SQL = """
            SELECT message_id::text AS id, first_token_ms, stages_ms::text AS stages
            FROM answer_observations WHERE message_id::text = ANY(?) AND stages_ms IS NOT NULL
            """;

    /** Reads what Docent recorded about answers, by message id (answers without a record are missing). */
    interface Records {
        Map<String, Recorded> of(List<String> messageIds);

        /** Through the application's own connection pool (benchmarks running Docent in process). */
        static Records of(Jdbc jdbc) {
            return ids -> {
                Map<String, Recorded> out = new HashMap<>();
                if (!ids.isEmpty()) {
                    jdbc.list(SQL, FirstTokenBreakdown::row, ids).forEach(e -> out.put(e.getKey(), e.getValue()));
                }
                return out;
            };
        }

        /** Through a plain connection to the database (benchmarks running packaged Docents). */
        static Records of(java.sql.Connection db) {
            return ids -> {
                Map<String, Recorded> out = new HashMap<>();
                if (ids.isEmpty()) {
                    return out;
                }
                try (var statement = db.prepareStatement(SQL)) {
                    statement.setArray(1, db.createArrayOf("text", ids.toArray()));
                    try (var rows = statement.executeQuery()) {
                        while (rows.next()) {
                            var e = row(rows);
                            out.put(e.getKey(), e.getValue());
                        }
                    }
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
                return out;
            };
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private static Map.Entry<String, Recorded> row(java.sql.ResultSet row) throws java.sql.SQLException {
        try {
            Map<String, Double> stages = JSON.readValue(
                    row.getString("stages"),
                    new com.fasterxml.jackson.core.type.TypeReference<Map<String, Double>>() {});
            return Map.entry(row.getString("id"), new Recorded(row.getLong("first_token_ms"), stages));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Recorded> recorded(Records records, List<ChatLoad.Sample> samples) {
        return records.of(samples.stream()
                .map(ChatLoad.Sample::messageId)
                .filter(id -> id != null)
                .toList());
    }

    /**
     * The questions among {@code candidates} (at most {@code max}, trying at most {@code tries}) whose answer reached
     * the model, each asked once through {@code chat}.
     */
    static List<String> reachingTheModel(Records jdbc, ChatLoad chat, List<String> candidates, int max, int tries) {
        List<String> kept = new ArrayList<>();
        for (String q : candidates.subList(0, Math.min(tries, candidates.size()))) {
            ChatLoad.Sample s = chat.ask(q);
            if (s.error() == null) {
                Recorded r = recorded(jdbc, List.of(s)).get(s.messageId());
                if (r != null && r.reachedTheModel()) {
                    kept.add(q);
                }
            }
            if (kept.size() >= max) {
                break;
            }
        }
        return kept;
    }

    /**
     * Per stage, median and p95 (with min, max) over the answers that reached the model; Docent's own time to first
     * token beside the client's, and the sum of the stages' medians.
     */
    static Map<String, Object> summary(Records jdbc, List<ChatLoad.Sample> samples) {
        Map<String, Recorded> recorded = recorded(jdbc, samples);
        List<ChatLoad.Sample> model = samples.stream()
                .filter(s -> s.error() == null)
                .filter(s -> recorded.containsKey(s.messageId())
                        && recorded.get(s.messageId()).reachedTheModel())
                .toList();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("answersReachingTheModel", model.size());
        out.put("answersNotReachingTheModel", samples.size() - model.size());
        out.put(
                "clientTtftMs",
                Stats.of(model.stream().map(ChatLoad.Sample::ttftMs).toList()).toMap());
        out.put(
                "recordedFirstTokenMs",
                Stats.of(model.stream()
                                .map(s -> (double) recorded.get(s.messageId()).firstTokenMs())
                                .toList())
                        .toMap());
        Map<String, Object> stages = new LinkedHashMap<>();
        for (String stage : STAGES) {
            List<Double> ms = model.stream()
                    .map(s -> recorded.get(s.messageId()).stagesMs().getOrDefault(stage, 0.0))
                    .toList();
            stages.put(stage, Stats.of(ms).toMap());
        }
        out.put("stagesMs", stages);
        return out;
    }

    /** A markdown table of {@link #summary}: stage, p50, p95, max. */
    @SuppressWarnings("unchecked")
    static String markdown(Map<String, Object> summary) {
        if (summary == null) {
            return "";
        }
        StringBuilder md = new StringBuilder();
        md.append("Time to first token by stage, over the %s answers that reached the model (%s others left out):\n\n"
                .formatted(summary.get("answersReachingTheModel"), summary.get("answersNotReachingTheModel")));
        md.append("| stage | p50 ms | p95 ms | max ms |\n|---|---:|---:|---:|\n");
        var stages = (Map<String, Map<String, Object>>) summary.get("stagesMs");
        stages.forEach((stage, s) -> md.append("| %s | %s | %s | %s |\n"
                .formatted(
                        stage,
                        ChatReport.num(s.get("median")),
                        ChatReport.num(s.get("p95")),
                        ChatReport.num(s.get("max")))));
        var recorded = (Map<String, Object>) summary.get("recordedFirstTokenMs");
        var client = (Map<String, Object>) summary.get("clientTtftMs");
        md.append("| **recorded first token** | %s | **%s** | %s |\n"
                .formatted(
                        ChatReport.num(recorded.get("median")),
                        ChatReport.num(recorded.get("p95")),
                        ChatReport.num(recorded.get("max"))));
        md.append("| **client: request sent to first delta** | %s | **%s** | %s |\n\n"
                .formatted(
                        ChatReport.num(client.get("median")),
                        ChatReport.num(client.get("p95")),
                        ChatReport.num(client.get("max"))));
        return md.toString();
    }
}
