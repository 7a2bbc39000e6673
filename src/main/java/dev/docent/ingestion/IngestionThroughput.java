package dev.docent.ingestion;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.OptionalDouble;

/**
 * How fast this instance ingests, measured on the documents it finished: a moving average of the time one document
 * took, spread over the workers. Queue estimates come from it, so they follow the files actually being ingested
 * (a batch of large PDFs makes them longer) instead of a constant.
 */
@ApplicationScoped
public class IngestionThroughput {

    /** Weight of the newest document in the average: about the last 10 documents count. */
    static final double WEIGHT = 0.2;

    @Inject
    IngestionConfig config;

    private double averageSeconds = Double.NaN;

    /** Records how long one document took from claim to its outcome. */
    public synchronized void record(Duration took) {
        double seconds = took.toNanos() / 1e9;
        averageSeconds = Double.isNaN(averageSeconds) ? seconds : WEIGHT * seconds + (1 - WEIGHT) * averageSeconds;
    }

    /** Seconds per document with all workers busy; empty until one document has been ingested since start-up. */
    public synchronized OptionalDouble secondsPerDocument() {
        return Double.isNaN(averageSeconds)
                ? OptionalDouble.empty()
                : OptionalDouble.of(averageSeconds / Math.max(1, config.workers()));
    }

    /** The expected wait of the document at {@code position} (1 is next); null while nothing was measured. */
    public Long waitSeconds(int position) {
        OptionalDouble each = secondsPerDocument();
        return each.isEmpty() ? null : Math.round(position * each.getAsDouble());
    }
}
