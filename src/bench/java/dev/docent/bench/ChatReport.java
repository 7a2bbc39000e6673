package dev.docent.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The chat-latency section of the report: tables and the time-to-first-token plot. */
final class ChatReport {

    private ChatReport() {}

    @SuppressWarnings("unchecked")
    static String markdown(Map<String, Object> data, Path out) {
        var levels = (List<Map<String, Object>>) data.get("zeroLatencyStub");
        StringBuilder md = new StringBuilder("## Time to first token and concurrent chats\n\n");
        md.append("Machine: ")
                .append(Machine.markdown((Map<String, Object>) data.get("machine")))
                .append("; load average at end ")
                .append(data.get("loadAverageAtEnd"))
                .append(".\n\n");
        md.append(
                        "Real HTTP streams (`POST /api/chat`, `Accept: text/event-stream`) from concurrent users, each asking")
                .append(" its questions one after another, over Docent's user guide; time to first token = request")
                .append(" sent to the first `delta` event. Requested provider: `")
                .append(data.get("provider"))
                .append("`; providers that answered: ")
                .append(levels.isEmpty() ? "-" : levels.getFirst().get("providers"))
                .append(" (\"extractive\" means the LLM path was not available in this build).\n\n");
        md.append("Only questions whose answer reaches the model are asked (")
                .append(data.get("questionsReachingTheModel"))
                .append(
                        " of the guide's; the others get \"the knowledge base doesn't cover this\" without a model).\n\n");
        md.append(FirstTokenBreakdown.markdown((Map<String, Object>) data.get("firstTokenBreakdown")));
        md.append(
                "| users | answers | errors | TTFT p50 ms | TTFT p95 ms | min | max | total p50 ms | RSS after MiB |\n");
        md.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        List<Double> x = new ArrayList<>();
        List<Double> p50 = new ArrayList<>();
        List<Double> p95 = new ArrayList<>();
        for (var level : levels) {
            var ttft = (Map<String, Object>) level.get("ttftMs");
            var total = (Map<String, Object>) level.get("totalMs");
            md.append("| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n"
                    .formatted(
                            level.get("users"),
                            level.get("answers"),
                            level.get("errors"),
                            num(ttft.get("median")),
                            num(ttft.get("p95")),
                            num(ttft.get("min")),
                            num(ttft.get("max")),
                            num(total.get("median")),
                            level.get("rssMiBAfter")));
            x.add(((Number) level.get("users")).doubleValue());
            p50.add(((Number) ttft.get("median")).doubleValue());
            p95.add(((Number) ttft.get("p95")).doubleValue());
        }
        String plot = Plots.line(
                out.resolve("ttft-vs-concurrency.png"),
                "Time to first token vs concurrent users",
                "concurrent users",
                "ms",
                false,
                List.of(new Plots.Series("p50", x, p50), new Plots.Series("p95", x, p95)));
        md.append("\n![time to first token vs concurrency](").append(plot).append(")\n\n");
        md.append("Docent's RSS (the JVM hosting it) idle: ")
                .append(data.get("rssMiBIdle"))
                .append(" MiB.\n\n");
        var paced = (Map<String, Object>) data.get("pacedStub");
        if (paced != null) {
            var added = (Map<String, Object>) paced.get("appAddedMs");
            var ttft = (Map<String, Object>) paced.get("ttftMs");
            md.append(
                            ("**%s concurrent streaming chats** (arriving over one answer's duration; at most %s streams open at"
                                            + " once), stub streaming %s tokens at %s tokens/s (its own schedule: %s ms):")
                                    .formatted(
                                            paced.get("users"),
                                            paced.get("peakConcurrentStreams"),
                                            paced.get("answerTokens"),
                                            paced.get("tokensPerSecond"),
                                            num(paced.get("stubScheduledMs"))))
                    .append((" %s errors of %s answers (%s lasted the stub's schedule; the others ended well before it,"
                                    + " without streaming the model's text); app-added latency of the streamed ones (observed duration"
                                    + " minus the stub's schedule) p50 %s ms,")
                            .formatted(
                                    paced.get("errors"),
                                    paced.get("answers"),
                                    paced.get("answersFromTheStub"),
                                    num(added.get("median"))))
                    .append(
                            " p95 **%s ms** (min %s, max %s); time to first token p50 %s ms, p95 %s ms; provider calls %s;"
                                    .formatted(
                                            num(added.get("p95")),
                                            num(added.get("min")),
                                            num(added.get("max")),
                                            num(ttft.get("median")),
                                            num(ttft.get("p95")),
                                            paced.get("providerCalls")))
                    .append(" late first delta (all of a stream's text in the last half of the schedule): %s;"
                            .formatted(paced.get("lateFirstDelta")))
                    .append(" RSS under this load %s MiB.\n".formatted(paced.get("rssMiBAfter")));
            if (paced.get("firstError") != null) {
                md.append("\nFirst error: `").append(paced.get("firstError")).append("`\n");
            }
        }
        return md.toString();
    }

    static String num(Object value) {
        return value instanceof Number n ? Stats.fmt(n.doubleValue()) : value == null ? "-" : String.valueOf(value);
    }
}
