package dev.docent.evaluation;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How evaluation runs are compared. */
@ConfigMapping(prefix = "docent.evaluation")
public interface EvaluationConfig {

    /** Resamples of the paired bootstrap for continuous metrics (token F1, reciprocal rank, latency). */
    @WithDefault("2000")
    int bootstrapSamples();

    /** The p-value below which a comparison calls a change significant. */
    @WithDefault("0.05")
    double significance();

    /** Largest JSONL or CSV file a set is imported from, in bytes (413 above it, before it is parsed). */
    @WithDefault("10485760")
    long maxImportBytes();

    /**
     * How long a run stays claimed without a sign of life from the instance answering it. That instance renews the
     * lease three times per period; a run whose lease ran out (the instance was killed or crashed) is marked failed by
     * any instance within about one period.
     */
    @WithDefault("60s")
    Duration runLease();
}
