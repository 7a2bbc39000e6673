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
 * @param cpu CPU used by this JVM and PostgreSQL in the pipeline and the raw phase
 */
public record IngestionResult(
        String date,
        Map<String, Object> machine,
        String corpus,
        String collection,
        Map<String, Object> settings,
        Counts counts,
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
        List<DocumentOutcome> documents) {

    /** Files offered, documents ready, files refused (at upload or by the parser), unexpected errors. */
    public record Counts(int files, int ready, int refused, int errors, int skipped) {}

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

    public record RawRun(int batch, Rate rate) {}

    public record CpuUse(String phase, double jvmSeconds, double postgresSeconds, double msPerChunk) {}

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
