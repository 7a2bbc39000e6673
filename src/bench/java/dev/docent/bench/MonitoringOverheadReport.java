package dev.docent.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The side-by-side section of the monitoring overhead benchmark (section {@code monitoring-overhead}): time to first
 * token and ingestion throughput with metrics and tracing off and on, the added share at p50 with a bootstrap 95%
 * interval, against the target of under 3 %.
 */
final class MonitoringOverheadReport {

    static final double TARGET_PERCENT = 3.0;
    static final int RESAMPLES = 2000;

    private MonitoringOverheadReport() {}

    /** Rounds of off-then-on arms ({@code MonitoringOverhead1OffBench} to {@code MonitoringOverhead6OnBench}). */
    static final int ROUNDS = 3;

    /** Writes the section once every arm of every round of this run has kept its samples. */
    static void writeWhenComplete(Path out) throws IOException {
        List<Map<String, Object>> offs = new ArrayList<>();
        List<Map<String, Object>> ons = new ArrayList<>();
        Instant first = null;
        Instant last = null;
        for (int r = 1; r <= ROUNDS; r++) {
            Path off = out.resolve("overhead-off-" + r + ".json");
            Path on = out.resolve("overhead-on-" + r + ".json");
            if (!Files.exists(off) || !Files.exists(on)) {
                return;
            }
            for (Map<String, Object> arm : List.of(MonitoringOverhead.read(off), MonitoringOverhead.read(on))) {
                Instant t = Instant.parse((String) arm.get("finishedAt"));
                first = first == null || t.isBefore(first) ? t : first;
                last = last == null || t.isAfter(last) ? t : last;
                ("off".equals(arm.get("arm")) ? offs : ons).add(arm);
            }
        }
        if (Duration.between(first, last).compareTo(Duration.ofHours(3)) > 0) {
            return; // arms of different runs: wait for this run's other arms
        }
        List<Double> ttftAdded = new ArrayList<>();
        List<Double> ingestionSlower = new ArrayList<>();
        StringBuilder rows = new StringBuilder();
        List<Map<String, Object>> rounds = new ArrayList<>();
        double[] pooledOff = new double[0];
        double[] pooledOn = new double[0];
        for (int r = 0; r < ROUNDS; r++) {
            Map<String, Object> a = offs.get(r);
            Map<String, Object> b = ons.get(r);
            double[] off = doubles(a.get("ttftMs"));
            double[] on = doubles(b.get("ttftMs"));
            pooledOff = concat(pooledOff, off);
            pooledOn = concat(pooledOn, on);
            double added = (median(on) / median(off) - 1) * 100;
            double dpsOff = ((Number) a.get("documentsPerSecond")).doubleValue();
            double dpsOn = ((Number) b.get("documentsPerSecond")).doubleValue();
            double slower = (dpsOff / dpsOn - 1) * 100;
            ttftAdded.add(added);
            ingestionSlower.add(slower);
            Map<String, Object> round = new LinkedHashMap<>();
            round.put("round", r + 1);
            round.put("ttftOffP50Ms", Stats.round(median(off)));
            round.put("ttftOnP50Ms", Stats.round(median(on)));
            round.put("ttftAddedPercentP50", Stats.round(added));
            round.put("documentsPerSecondOff", Stats.round(dpsOff));
            round.put("documentsPerSecondOn", Stats.round(dpsOn));
            round.put("ingestionSlowerPercent", Stats.round(slower));
            round.put("spanBytesExported", b.get("spanBytesExported"));
            round.put("loadAverage", Map.of("off", a.get("loadAverageAtEnd"), "on", b.get("loadAverageAtEnd")));
            rounds.add(round);
            rows.append("| ")
                    .append(r + 1)
                    .append(" | ")
                    .append(Stats.fmt(median(off)))
                    .append(" / ")
                    .append(Stats.fmt(median(on)))
                    .append(" | ")
                    .append(Stats.fmt(added))
                    .append(" % | ")
                    .append(Stats.fmt(dpsOff))
                    .append(" / ")
                    .append(Stats.fmt(dpsOn))
                    .append(" | ")
                    .append(Stats.fmt(slower))
                    .append(" % | ")
                    .append(b.get("spanBytesExported"))
                    .append(" | ")
                    .append(a.get("loadAverageAtEnd"))
                    .append(" / ")
                    .append(b.get("loadAverageAtEnd"))
                    .append(" |\n");
        }
        double[] ci = bootstrapAddedPercent(pooledOff, pooledOn);
        double ttftMedian =
                median(ttftAdded.stream().mapToDouble(Double::doubleValue).toArray());
        double ingestMedian =
                median(ingestionSlower.stream().mapToDouble(Double::doubleValue).toArray());

        Map<String, Object> data = new LinkedHashMap<>();
        data.put("rounds", rounds);
        data.put("ttftAddedPercentP50MedianOfRounds", Stats.round(ttftMedian));
        data.put("ttftAddedPercentP50Range", List.of(min(ttftAdded), max(ttftAdded)));
        data.put("ttftAddedPercentP50PooledCi95", List.of(Stats.round(ci[0]), Stats.round(ci[1])));
        data.put("ingestionSlowerPercentMedianOfRounds", Stats.round(ingestMedian));
        data.put("ingestionSlowerPercentRange", List.of(min(ingestionSlower), max(ingestionSlower)));
        data.put("documents", offs.get(0).get("documents"));
        data.put("answersPerArm", pooledOff.length / ROUNDS);
        data.put("machine", offs.get(0).get("machine"));

        String md = "## Monitoring overhead (metrics and tracing off against on)\n\n"
                + "Sequential streamed answers from one user (stub model, Docent's user guide) and one batch of "
                + offs.get(0).get("documents") + " generated documents per arm. Off: no Prometheus registry, no "
                + "OpenTelemetry SDK. On: Prometheus registry, the SDK recording every span (always-on sampler), its "
                + "OTLP/HTTP exporter sending to a local receiver (bytes received per round below). " + ROUNDS
                + " rounds, off then on, one after the other in one run, so a change of machine load falls on both "
                + "arms of a round.\n\n"
                + "| round | TTFT p50 off / on (ms) | added | ingestion off / on (documents/s) | slower | span bytes "
                + "| load at end off / on |\n|---|---|---|---|---|---|---|\n"
                + rows
                + "\nTime to first token, added at p50: median of the rounds " + Stats.fmt(ttftMedian) + " % (rounds "
                + Stats.fmt(min(ttftAdded)) + " to " + Stats.fmt(max(ttftAdded)) + " %; all answers pooled, bootstrap "
                + "95% CI " + Stats.fmt(ci[0]) + " to " + Stats.fmt(ci[1]) + " %). Ingestion slower: median "
                + Stats.fmt(ingestMedian) + " % (rounds " + Stats.fmt(min(ingestionSlower)) + " to "
                + Stats.fmt(max(ingestionSlower)) + " %). Target: under " + TARGET_PERCENT + " % added at p50.\n\n"
                + Machine.markdown(castMap(offs.get(0).get("machine"))) + "\n";
        BenchReport.section(out, "monitoring-overhead", data, md);
    }

    private static double[] concat(double[] a, double[] b) {
        double[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private static double min(List<Double> x) {
        return Stats.round(x.stream().mapToDouble(Double::doubleValue).min().orElseThrow());
    }

    private static double max(List<Double> x) {
        return Stats.round(x.stream().mapToDouble(Double::doubleValue).max().orElseThrow());
    }

    /** Bootstrap 95% interval of the added share at p50, resampling each arm's answers. */
    static double[] bootstrapAddedPercent(double[] off, double[] on) {
        Random random = new Random(7);
        double[] added = new double[RESAMPLES];
        for (int r = 0; r < RESAMPLES; r++) {
            added[r] = (median(resample(on, random)) / median(resample(off, random)) - 1) * 100;
        }
        Arrays.sort(added);
        return new double[] {Stats.percentile(added, 2.5), Stats.percentile(added, 97.5)};
    }

    private static double[] resample(double[] x, Random random) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[random.nextInt(x.length)];
        }
        return out;
    }

    static double median(double[] x) {
        double[] s = x.clone();
        Arrays.sort(s);
        return Stats.percentile(s, 50);
    }

    private static double[] doubles(Object list) {
        return ((List<?>) list)
                .stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object o) {
        return (Map<String, Object>) o;
    }
}
