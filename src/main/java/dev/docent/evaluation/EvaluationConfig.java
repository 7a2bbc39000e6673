package dev.docent.evaluation;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How evaluation runs are compared. */
@ConfigMapping(prefix = "docent.evaluation")
public interface EvaluationConfig {

    /** Resamples of the paired bootstrap for continuous metrics (token F1, reciprocal rank, latency). */
    @WithDefault("2000")
    int bootstrapSamples();

    /** The p-value below which a comparison calls a change significant. */
    @WithDefault("0.05")
    double significance();
}
