package dev.docent.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The section {@code monitoring-overhead} of {@link MonitoringOverheadBench}: time to first token and ingestion
 * throughput with metrics and tracing off and on, side by side in one run, the added share at p50 with a paired
 * bootstrap 95% interval, against the target of under 3 %.
 */
final class MonitoringOverheadReport {

    static final double TARGET_PERCENT = 3.0;
    static final int RESAMPLES = 2000;

    private MonitoringOverheadReport() {}

    /**
     * What one run measured.
     *
     * @param ttft per answer pair, milliseconds to the first text off and on
     * @param failedPairs pairs left out because one of the two answers failed
     * @param ingestion per round, documents per second off and on
     * @param documents documents per arm and round
     * @param spanBytes bytes of spans the OTLP receiver got from the on arm
     */
    record Result(
            List<double[]> ttft,
            int failedPairs,
            List<double[]> ingestion,
            int documents,
            long spanBytes,
            List<String> providersOff,
            List<String> providersOn,
            String loadAfterAnswers,
            String loadAtEnd,
            Map<String, Object> machine) {}

    static void write(Path out, Result r) {
        double[] off = r.ttft().stream().mapToDouble(p -> p[0]).toArray();
        double[] on = r.ttft().stream().mapToDouble(p -> p[1]).toArray();
        double added = (median(on) / median(off) - 1) * 100;
        double addedP95 = (p95(on) / p95(off) - 1) * 100;
        double[] ci = pairedBootstrap(r.ttft());
        List<Double> slower = new ArrayList<>();
        StringBuilder rows = new StringBuilder();
        List<Map<String, Object>> rounds = new ArrayList<>();
        for (int i = 0; i < r.ingestion().size(); i++) {
            double[] dps = r.ingestion().get(i);
            double s = (dps[0] / dps[1] - 1) * 100;
            slower.add(s);
            rounds.add(Map.of(
                    "round", i + 1,
                    "documentsPerSecondOff", Stats.round(dps[0]),
                    "documentsPerSecondOn", Stats.round(dps[1]),
                    "slowerPercent", Stats.round(s)));
            rows.append("| ")
                    .append(i + 1)
                    .append(" | ")
                    .append(Stats.fmt(dps[0]))
                    .append(" / ")
                    .append(Stats.fmt(dps[1]))
                    .append(" | ")
                    .append(Stats.fmt(s))
                    .append(" % |\n");
        }
        double slowerMedian =
                median(slower.stream().mapToDouble(Double::doubleValue).toArray());

        Map<String, Object> data = new LinkedHashMap<>();
        data.put("answerPairs", r.ttft().size());
        data.put("failedPairs", r.failedPairs());
        data.put("ttftOffP50Ms", Stats.round(median(off)));
        data.put("ttftOnP50Ms", Stats.round(median(on)));
        data.put("ttftOffP95Ms", Stats.round(p95(off)));
        data.put("ttftOnP95Ms", Stats.round(p95(on)));
        data.put("ttftAddedPercentP50", Stats.round(added));
        data.put("ttftAddedPercentP50Ci95", List.of(Stats.round(ci[0]), Stats.round(ci[1])));
        data.put("ttftAddedPercentP95", Stats.round(addedP95));
        data.put("ingestionRounds", rounds);
        data.put("ingestionSlowerPercentMedian", Stats.round(slowerMedian));
        data.put("documentsPerArmAndRound", r.documents());
        data.put("spanBytesExported", r.spanBytes());
        data.put("providers", Map.of("off", r.providersOff(), "on", r.providersOn()));
        data.put("loadAverage", Map.of("afterAnswers", r.loadAfterAnswers(), "atEnd", r.loadAtEnd()));
        data.put("targetPercent", TARGET_PERCENT);
        data.put("met", ci[1] < TARGET_PERCENT);
        data.put("machine", r.machine());

        String md = "## Monitoring overhead (metrics and tracing off against on)\n\n"
                + "Two packaged Docents side by side on one database and one stub model. Off: built without the "
                + "Prometheus registry and Micrometer binders, no `DOCENT_OTEL_ENDPOINT` (no OpenTelemetry SDK). On: the "
                + "normal build with `DOCENT_OTEL_ENDPOINT` set, every span recorded and exported over OTLP/HTTP to a "
                + "local receiver (" + r.spanBytes() + " bytes received). Streamed answers from one user alternate "
                + "between the two, one at a time, the order swapped every pair; ingestion in rounds of "
                + r.documents() + " generated documents each, the other Docent paused.\n\n"
                + "| time to first token | off | on | added |\n|---|---|---|---|\n"
                + "| p50 (ms) | " + Stats.fmt(median(off)) + " | " + Stats.fmt(median(on)) + " | " + Stats.fmt(added)
                + " % (paired bootstrap 95% CI " + Stats.fmt(ci[0]) + " to " + Stats.fmt(ci[1]) + " %) |\n"
                + "| p95 (ms) | " + Stats.fmt(p95(off)) + " | " + Stats.fmt(p95(on)) + " | " + Stats.fmt(addedP95)
                + " % |\n\n"
                + r.ttft().size() + " answer pairs (" + r.failedPairs() + " left out: an answer failed). Target: "
                + "under " + TARGET_PERCENT + " % added at p50: "
                + (ci[1] < TARGET_PERCENT
                        ? "**met** (the whole interval is below it)"
                        : (ci[0] < TARGET_PERCENT ? "not shown (the interval reaches above it)" : "**missed**"))
                + ".\n\n| ingestion round | documents/s off / on | on slower by |\n|---|---|---|\n"
                + rows
                + "\nIngestion slower with monitoring: median of the rounds " + Stats.fmt(slowerMedian) + " %.\n\n"
                + "Load average after the answers " + r.loadAfterAnswers() + ", at the end " + r.loadAtEnd() + ". "
                + Machine.markdown(r.machine()) + "\n";
        BenchReport.section(out, "monitoring-overhead", data, md);
    }

    /** Bootstrap 95% interval of the added share at p50, resampling answer pairs (each pair shares its moment). */
    static double[] pairedBootstrap(List<double[]> pairs) {
        Random random = new Random(7);
        double[] added = new double[RESAMPLES];
        double[] off = new double[pairs.size()];
        double[] on = new double[pairs.size()];
        for (int b = 0; b < RESAMPLES; b++) {
            for (int i = 0; i < pairs.size(); i++) {
                double[] p = pairs.get(random.nextInt(pairs.size()));
                off[i] = p[0];
                on[i] = p[1];
            }
            added[b] = (median(on) / median(off) - 1) * 100;
        }
        Arrays.sort(added);
        return new double[] {Stats.percentile(added, 2.5), Stats.percentile(added, 97.5)};
    }

    static double p95(double[] x) {
        double[] s = x.clone();
        Arrays.sort(s);
        return Stats.percentile(s, 95);
    }

    static double median(double[] x) {
        double[] s = x.clone();
        Arrays.sort(s);
        return Stats.percentile(s, 50);
    }
}
