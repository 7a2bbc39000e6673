package dev.docent.monitoring;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** The typed answers of the Operations page's JSON endpoints ({@code /api/monitoring/operations/...}). */
public final class Operations {

    private Operations() {}

    /** The time span a chart covers, cut into buckets of an hour or a day (UTC). */
    public record Window(Instant from, Instant to, String bucket) {}

    /**
     * The recorded answers of one bucket: how they ended, ratings, groundedness and time to first token.
     *
     * @param groundedness mean over scored model answers, or null when none was scored
     * @param firstTokenP50Ms median time to first token, or null when no answer was timed
     */
    public record AnswerBucket(
            Instant start,
            long answers,
            long answered,
            long noContent,
            long abstained,
            long fallback,
            long stopped,
            long rated,
            long thumbsDown,
            long scored,
            Double groundedness,
            long timed,
            Double firstTokenP50Ms,
            Double firstTokenP95Ms) {}

    /** Answer trends over a window. */
    public record AnswerTrends(Window window, List<AnswerBucket> buckets) {}

    /** What one model wrote on one day (UTC): answers, tokens and estimated cost. */
    public record ModelDay(
            Instant day,
            String provider,
            String model,
            long answers,
            long tokensIn,
            long tokensOut,
            BigDecimal costUsd) {}

    /**
     * The answers of one day that needed no model at all: the extractive answerer wrote them, or nothing close
     * enough was found, or the passages fell below the answerability threshold.
     */
    public record NoModelDay(Instant day, long answers, long extractive, long belowThreshold, long modelAnswers) {}

    /**
     * What concise answers saved with one model over a window: its concise answers against its full-length ones, by
     * mean output tokens and estimated cost. An estimate: the two groups answered different questions. Without
     * full-length answers of that model in the window there is nothing to compare with, and the savings are null.
     *
     * @param tokensSaved output tokens the concise answers did not need (negative: they needed more)
     * @param costSavedUsd estimated cost they did not incur
     */
    public record ConciseSavings(
            String provider,
            String model,
            long conciseAnswers,
            long fullAnswers,
            double conciseTokensOutMean,
            Double fullTokensOutMean,
            Double tokensSaved,
            Double costSavedUsd) {

        static ConciseSavings of(
                String provider,
                String model,
                long concise,
                long full,
                double conciseTokens,
                Double fullTokens,
                double conciseCost,
                Double fullCost) {
            boolean comparable = full > 0 && fullTokens != null && fullCost != null;
            return new ConciseSavings(
                    provider,
                    model,
                    concise,
                    full,
                    conciseTokens,
                    fullTokens,
                    comparable ? concise * (fullTokens - conciseTokens) : null,
                    comparable ? concise * (fullCost - conciseCost) : null);
        }
    }

    /**
     * Tokens and cost per day by provider and model, the share of answers that needed no model, and what concise
     * answers saved.
     */
    public record UsageTrends(
            Window window, List<ModelDay> byModel, List<NoModelDay> noModel, List<ConciseSavings> concise) {}

    /** Ingestion attempts that ended in one bucket. */
    public record IngestionBucket(Instant start, long ready, long failed, long chunks) {}

    /** The ingestion queue at one moment (sampled once a minute, kept in memory for a day). */
    public record QueueSample(Instant at, long waiting, long running) {}

    /** Ingestion throughput over a window, the queue now and how it moved. */
    public record IngestionTrends(
            Window window, List<IngestionBucket> buckets, long waiting, long running, List<QueueSample> queue) {}

    /** Documents and chunks of one collection. */
    public record CollectionSize(String collection, long documents, long chunks) {}

    /** The database's size on disk and the chunks per collection. */
    public record Storage(long databaseBytes, List<CollectionSize> collections) {}

    /**
     * This JVM at one moment.
     *
     * @param processCpu share of the machine's CPU this process used (0 to 1), or null when the JVM cannot tell
     * @param systemCpu share of the machine's CPU used by everything, or null
     */
    public record ResourceSample(
            Instant at,
            long heapUsedBytes,
            long heapMaxBytes,
            long nonHeapUsedBytes,
            Double processCpu,
            Double systemCpu) {}

    /** JVM memory and CPU samples (once a minute, the last day, in memory). */
    public record Resources(int processors, List<ResourceSample> samples) {}
}
