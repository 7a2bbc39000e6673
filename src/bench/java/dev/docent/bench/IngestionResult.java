package dev.docent.bench;

import java.util.List;
import java.util.Map;

/**
 * What one ingestion benchmark run measured: the pipeline's throughput, the raw throughput of the same embedding model
 * on the same chunks in the same JVM, their ratio, where the pipeline's time went, and every document's outcome.
 *
 * @param machine cores, JDK, OS, CPU model, load averages
 * @param settings embedding model, workers, chunk size, batch size
 * @param pipeline upload of the first file to the last document ready or failed
 * @param raw the chunks the pipeline stored, read back and embedded again in batches of the pipeline's size
 * @param ratio pipeline chunks/s divided by raw chunks/s
 * @param stages time per pipeline stage, summed over documents, from their parse reports
 * @param embedStageChunksPerSecond chunks per second inside the pipeline's embed stage (per worker)
 * @param rawByBatch raw throughput at other batch sizes ({@code bench.rawBatches}), for comparison
 * @param cpu CPU used by this JVM and PostgreSQL in the pipeline and the raw phases
 * @param cpuRatio raw CPU per chunk divided by the pipeline's: what the ratio would be if both used the cores fully
 * @param repeats every repetition when the benchmark ran several times; this result is the median one
 */
public record IngestionResult(
        String date,
        Map<String, Object> machine,
        String corpus,
        String collection,
        Map<String, Object> settings,
        Counts counts,
        Validity validity,
        Rate pipeline,
        Rate raw,
        double ratio,
        double target,
        boolean targetMet,
        List<Stage> stages,
        QueueWait queueWait,
        double uploadSeconds,
        double embedStageChunksPerSecond,
        List<RawRun> rawByBatch,
        List<CpuUse> cpu,
        double cpuRatio,
        List<Repeat> repeats,
        List<DocumentOutcome> documents) {

    /** This run, with the summaries of every repetition of the benchmark it was chosen from (the median). */
    IngestionResult withRepeats(List<Repeat> all) {
        return new IngestionResult(
                date,
                machine,
                corpus,
                collection,
                settings,
                counts,
                validity,
                pipeline,
                raw,
                ratio,
                target,
                targetMet,
                stages,
                queueWait,
                uploadSeconds,
                embedStageChunksPerSecond,
                rawByBatch,
                cpu,
                cpuRatio,
                List.copyOf(all),
                documents);
    }

    /** One repetition: its ratio, both throughputs, and the load around it. */
    public record Repeat(
            int run,
            double ratio,
            double pipelineChunksPerSecond,
            double rawChunksPerSecond,
            double embedShareOfWorkerTime,
            double loadAtStart,
            double loadAtEnd,
            boolean valid) {

        static Repeat of(int run, IngestionResult r) {
            return new Repeat(
                    run,
                    r.ratio(),
                    r.pipeline().chunksPerSecond(),
                    r.raw().chunksPerSecond(),
                    r.stages().stream()
                            .filter(s -> s.name().equals("embed"))
                            .mapToDouble(Stage::shareOfWorkerTime)
                            .sum(),
                    r.cpu().getFirst().loadAtStart(),
                    r.cpu().getLast().loadAtEnd(),
                    r.validity().valid());
        }
    }

    /** Files offered, documents ready, files refused (at upload or by the parser), unexpected errors. */
    public record Counts(int files, int ready, int refused, int errors, int skipped) {}

    /**
     * Whether the numbers can be trusted.
     *
     * @param foreignWorkers documents whose job a worker of another process held (file name to worker): another
     *     Docent on the same database took part of the work, so the pipeline's throughput is not this JVM's
     * @param stageSecondsExceedWall the stages add up to more than wall time x workers (same cause)
     */
    public record Validity(boolean valid, Map<String, String> foreignWorkers, boolean stageSecondsExceedWall) {}

    /**
     * Throughput over a wall-clock time. Pages are pages as parsed (PDF); a document without pages counts one page per
     * 3,000 characters of text.
     */
    public record Rate(
            double seconds,
            int documents,
            int pages,
            int chunks,
            long tokens,
            double documentsPerSecond,
            double pagesPerSecond,
            double chunksPerSecond,
            double tokensPerSecond) {

        static Rate of(double seconds, int documents, int pages, int chunks, long tokens) {
            double s = Math.max(seconds, 1e-9);
            return new Rate(
                    seconds, documents, pages, chunks, tokens, documents / s, pages / s, chunks / s, tokens / s);
        }
    }

    /**
     * One stage.
     *
     * @param seconds summed over documents
     * @param shareOfWorkerTime seconds divided by wall time times workers
     */
    public record Stage(String name, double seconds, double shareOfWorkerTime, double msPerChunk) {}

    /** From upload to the start of processing (derived: ready_at minus parse, chunk and embed time). */
    public record QueueWait(double meanSeconds, double maxSeconds) {}

    /**
     * One raw embedding measurement.
     *
     * @param perDocument batches restart at each document (as in the pipeline) rather than run across documents
     */
    public record RawRun(int batch, boolean perDocument, Rate rate) {}

    /**
     * CPU used in one phase of the run.
     *
     * @param msPerChunk JVM and PostgreSQL CPU milliseconds per chunk (ONNX Runtime's spinning threads included)
     * @param loadAtStart one-minute load average when the phase started
     * @param loadAtEnd one-minute load average when it ended
     */
    public record CpuUse(
            String phase,
            double jvmSeconds,
            double postgresSeconds,
            double msPerChunk,
            double loadAtStart,
            double loadAtEnd) {}

    /**
     * One file.
     *
     * @param status {@code ready}, {@code refused} (at upload or by the parser: a scan without text, an unsupported
     *     type) or {@code error} (failed for an unexpected reason)
     */
    public record DocumentOutcome(
            String file,
            long bytes,
            String status,
            String error,
            int pages,
            int chunks,
            long tokens,
            long characters,
            long parseMs,
            long chunkMs,
            long embedMs,
            long storeMs,
            Long queueWaitMs) {

        int pagesOrEquivalent() {
            return pages > 0 ? pages : (int) Math.max(1, (characters + 2999) / 3000);
        }
    }
}
