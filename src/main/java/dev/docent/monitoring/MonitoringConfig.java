package dev.docent.monitoring;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** How Docent watches itself: groundedness, degradation checks and alerts. */
@ConfigMapping(prefix = "docent.monitoring")
public interface MonitoringConfig {

    /** Model answers whose groundedness is below this are listed for knowledge managers to review. */
    @WithDefault("0.5")
    double lowGroundedness();

    /**
     * Publish a histogram for each stage of the time to first token ({@code docent_answer_first_token_stage_seconds}),
     * so percentiles can be computed per stage; off, each stage has its count, sum and max only (ten series, not
     * hundreds).
     */
    @WithDefault("false")
    boolean firstTokenStageHistograms();

    /** How often the degradation checks run. */
    @WithDefault("PT5M")
    Duration checkEvery();

    /** The recent window a check looks at. */
    @WithDefault("PT1H")
    Duration recent();

    /** The baseline window just before the recent one. */
    @WithDefault("P7D")
    Duration baseline();

    /** Fewer answers (or ratings, scored answers, ingestion attempts) than this in either window decide nothing. */
    @WithDefault("30")
    int minAnswers();

    /**
     * The |z| a rate or groundedness change must reach to raise an alert. 3 keeps false alarms rare across seven
     * checks run every few minutes (one-sided p about 0.0013 each).
     */
    @WithDefault("3.0")
    double z();

    /** Time to first token p95 and cost per answer alert when the recent value exceeds the baseline's times this. */
    @WithDefault("1.5")
    double ratio();

    /** Where alerts are POSTed as JSON when they are raised and cleared ({@code DOCENT_ALERT_WEBHOOK}); none: off. */
    Optional<String> alertWebhook();

    /**
     * The local model server's Prometheus metrics ({@code DOCENT_MODEL_SERVER_METRICS_URL}), e.g.
     * {@code http://localhost:8000/metrics} for vLLM or llama.cpp's {@code llama-server --metrics}; none: not read.
     */
    Optional<String> modelServerMetricsUrl();

    /** How often the model server's metrics are read (and the Operations page's reading may be at most this old). */
    @WithDefault("PT15S")
    Duration modelServerScrapeEvery();
}
