package dev.docent.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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

    static void writeIfBothArms(Path out) throws IOException {
        Path off = out.resolve("overhead-off.json");
        Path on = out.resolve("overhead-on.json");
        if (!Files.exists(off) || !Files.exists(on)) {
            return;
        }
        Map<String, Object> a = MonitoringOverhead.read(off);
        Map<String, Object> b = MonitoringOverhead.read(on);
        Instant ta = Instant.parse((String) a.get("finishedAt"));
        Instant tb = Instant.parse((String) b.get("finishedAt"));
        if (Duration.between(ta, tb).abs().compareTo(Duration.ofHours(3)) > 0) {
            return; // arms of different runs: wait for this run's other arm
        }
        double[] ttftOff = doubles(a.get("ttftMs"));
        double[] ttftOn = doubles(b.get("ttftMs"));
        double medOff = median(ttftOff);
        double medOn = median(ttftOn);
        double[] ci = bootstrapAddedPercent(ttftOff, ttftOn);
        double addedP50 = (medOn / medOff - 1) * 100;
        double dpsOff = ((Number) a.get("documentsPerSecond")).doubleValue();
        double dpsOn = ((Number) b.get("documentsPerSecond")).doubleValue();
        double ingestionCost = (dpsOff / dpsOn - 1) * 100;

        Map<String, Object> data = new LinkedHashMap<>();
        data.put("ttftOffMs", Stats.of(ttftOff).toMap());
        data.put("ttftOnMs", Stats.of(ttftOn).toMap());
        data.put("ttftAddedPercentP50", Stats.round(addedP50));
        data.put("ttftAddedPercentP50Ci95", List.of(Stats.round(ci[0]), Stats.round(ci[1])));
        data.put("documentsPerSecondOff", Stats.round(dpsOff));
        data.put("documentsPerSecondOn", Stats.round(dpsOn));
        data.put("ingestionSlowerPercent", Stats.round(ingestionCost));
        data.put("documents", a.get("documents"));
        data.put("chunksOff", a.get("chunks"));
        data.put("chunksOn", b.get("chunks"));
        data.put("spanBytesExported", b.get("spanBytesExported"));
        data.put("firstArm", ta.isBefore(tb) ? "off" : "on");
        data.put("machine", a.get("machine"));
        data.put("loadAverage", Map.of("off", a.get("loadAverageAtEnd"), "on", b.get("loadAverageAtEnd")));

        String md = "## Monitoring overhead (metrics and tracing off against on)\n\n"
                + "Sequential streamed answers from one user (stub model, Docent's user guide) and one batch of "
                + a.get("documents") + " generated documents per arm. Off: no Prometheus registry, no OpenTelemetry "
                + "SDK. On: Prometheus registry, the SDK recording every span (always-on sampler), its OTLP/HTTP exporter "
                + "pointed at a local receiver (" + b.get("spanBytesExported")
                + " bytes received). Arms run one after the other in one `make bench` ("
                + data.get("firstArm") + " first), so machine load that changes between them shows as overhead.\n\n"
                + "| | off | on | added |\n|---|---|---|---|\n"
                + "| time to first token p50 (ms) | " + Stats.fmt(medOff) + " | " + Stats.fmt(medOn) + " | "
                + Stats.fmt(addedP50) + " % (95% CI " + Stats.fmt(ci[0]) + " to " + Stats.fmt(ci[1]) + " %) |\n"
                + "| time to first token p95 (ms) | "
                + Stats.fmt(Stats.of(ttftOff).p95()) + " | "
                + Stats.fmt(Stats.of(ttftOn).p95()) + " | |\n"
                + "| answers | " + ttftOff.length + " | " + ttftOn.length + " | |\n"
                + "| ingestion (documents/s) | " + Stats.fmt(dpsOff) + " | " + Stats.fmt(dpsOn) + " | "
                + Stats.fmt(ingestionCost) + " % slower (one batch per arm: no spread) |\n\n"
                + "Target: under " + TARGET_PERCENT + " % added at p50. Load average at the end: off "
                + a.get("loadAverageAtEnd") + ", on " + b.get("loadAverageAtEnd") + ".\n\n"
                + Machine.markdown(castMap(a.get("machine"))) + "\n";
        BenchReport.section(out, "monitoring-overhead", data, md);
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
