package dev.docent.bench;

import dev.docent.bench.IngestionResult.CpuUse;
import dev.docent.bench.IngestionResult.DocumentOutcome;
import dev.docent.bench.IngestionResult.Rate;
import dev.docent.bench.IngestionResult.Stage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToLongFunction;
import org.eclipse.microprofile.config.ConfigProvider;

/** Turns a run's raw measurements (wall times, document outcomes, raw embedding runs) into an {@link IngestionResult}. */
record IngestionSummary(
        BenchCorpus corpus,
        String collection,
        double wallSeconds,
        double uploadSeconds,
        List<DocumentOutcome> outcomes,
        List<IngestionResult.RawRun> rawRuns,
        List<CpuUse> cpu,
        Map<String, String> foreignWorkers) {

    /** Stages may add up to a little more than wall time: each is rounded to the millisecond, per document. */
    private static final double STAGE_SUM_TOLERANCE = 1.02;

    IngestionResult result(String model) {
        List<DocumentOutcome> ready = withStatus("ready");
        int chunks = ready.stream().mapToInt(DocumentOutcome::chunks).sum();
        int workers = setting("docent.ingestion.workers", 1);
        Rate pipeline = Rate.of(
                wallSeconds,
                ready.size(),
                ready.stream().mapToInt(DocumentOutcome::pagesOrEquivalent).sum(),
                chunks,
                ready.stream().mapToLong(DocumentOutcome::tokens).sum());
        Rate raw = rawRuns.getFirst().rate();
        double ratio = pipeline.chunksPerSecond() / raw.chunksPerSecond();
        double embedSeconds = seconds(ready, DocumentOutcome::embedMs);
        double stageSeconds = embedSeconds
                + seconds(ready, DocumentOutcome::parseMs)
                + seconds(ready, DocumentOutcome::chunkMs)
                + seconds(ready, DocumentOutcome::storeMs);
        boolean stagesExceedWall = stageSeconds > wallSeconds * workers * STAGE_SUM_TOLERANCE;
        return new IngestionResult(
                OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                machine(),
                corpus.description(),
                collection,
                settings(model, workers),
                new IngestionResult.Counts(
                        corpus.files().size(),
                        ready.size(),
                        withStatus("refused").size(),
                        withStatus("error").size(),
                        corpus.skipped().size()),
                new IngestionResult.Validity(
                        foreignWorkers.isEmpty() && !stagesExceedWall, foreignWorkers, stagesExceedWall),
                pipeline,
                raw,
                ratio,
                IngestionBenchmark.TARGET_RATIO,
                ratio >= IngestionBenchmark.TARGET_RATIO,
                stages(ready, chunks, workers),
                queueWait(ready),
                uploadSeconds,
                chunks / Math.max(embedSeconds, 1e-9),
                rawRuns,
                cpu,
                cpu.get(1).msPerChunk() / Math.max(cpu.getFirst().msPerChunk(), 1e-9),
                List.of(),
                outcomes);
    }

    private List<DocumentOutcome> withStatus(String status) {
        return outcomes.stream().filter(o -> o.status().equals(status)).toList();
    }

    private List<Stage> stages(List<DocumentOutcome> ready, int chunks, int workers) {
        double workerSeconds = wallSeconds * workers;
        double parse = seconds(ready, DocumentOutcome::parseMs);
        double chunk = seconds(ready, DocumentOutcome::chunkMs);
        double embed = seconds(ready, DocumentOutcome::embedMs);
        double store = seconds(ready, DocumentOutcome::storeMs);
        double outside = Math.max(0, workerSeconds - parse - chunk - embed - store);
        return List.of(
                stage("parse", parse, workerSeconds, chunks),
                stage("chunk", chunk, workerSeconds, chunks),
                stage("embed", embed, workerSeconds, chunks),
                stage("store", store, workerSeconds, chunks),
                stage("outside the stages", outside, workerSeconds, chunks));
    }

    private static Stage stage(String name, double seconds, double workerSeconds, int chunks) {
        return new Stage(name, seconds, seconds / workerSeconds, chunks == 0 ? 0 : seconds * 1000 / chunks);
    }

    private static IngestionResult.QueueWait queueWait(List<DocumentOutcome> ready) {
        var waits = ready.stream()
                .map(DocumentOutcome::queueWaitMs)
                .filter(Objects::nonNull)
                .mapToLong(Long::longValue)
                .summaryStatistics();
        return new IngestionResult.QueueWait(
                waits.getCount() == 0 ? 0 : waits.getAverage() / 1000,
                waits.getCount() == 0 ? 0 : waits.getMax() / 1000.0);
    }

    private static double seconds(List<DocumentOutcome> documents, ToLongFunction<DocumentOutcome> ms) {
        return documents.stream().mapToLong(ms).sum() / 1000.0;
    }

    private static Map<String, Object> machine() {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("cpu", cpuModel());
        machine.put(
                "jdk",
                System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name") + " "
                        + System.getProperty("java.runtime.version"));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        machine.put("maxHeapMiB", Runtime.getRuntime().maxMemory() >> 20);
        return machine;
    }

    private static Map<String, Object> settings(String model, int workers) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("embeddingModel", model);
        settings.put("workers", workers);
        settings.put("chunkMaxTokens", setting("docent.ingestion.chunking.max-tokens", 0));
        settings.put("chunkOverlapTokens", setting("docent.ingestion.chunking.overlap-tokens", 0));
        settings.put("pipelineBatch", IngestionBenchmark.PIPELINE_BATCH);
        return settings;
    }

    private static int setting(String name, int fallback) {
        return ConfigProvider.getConfig().getOptionalValue(name, Integer.class).orElse(fallback);
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).strip())
                    .findFirst()
                    .orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
