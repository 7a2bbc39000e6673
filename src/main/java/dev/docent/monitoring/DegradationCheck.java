package dev.docent.monitoring;

/** What the degradation checks watch, each with its statistical test. */
public enum DegradationCheck {
    /** Share of answers answered from the documents; two-proportion z-test, fires on a drop. */
    ANSWERED_RATE("answered_rate"),
    /** Share of thumbs down among rated answers; two-proportion z-test, fires on a rise. */
    THUMBS_DOWN_RATE("thumbs_down_rate"),
    /** Mean groundedness of model answers; z-test on means, fires on a drop. */
    GROUNDEDNESS("groundedness"),
    /** Share of answers left citing nothing; two-proportion z-test, fires on a rise. */
    CITATION_WARNINGS("citation_warnings"),
    /** Share of answers where the model failed and the extractive answerer stepped in; z-test, fires on a rise. */
    FALLBACK_RATE("fallback_rate"),
    /** 95th percentile of time to first token; fires when the recent one exceeds the baseline's times the ratio. */
    FIRST_TOKEN_P95("first_token_p95"),
    /** Mean estimated cost per answer; fires when the recent one exceeds the baseline's times the ratio. */
    COST_PER_ANSWER("cost_per_answer"),
    /** Share of ingestion attempts that failed; two-proportion z-test, fires on a rise. */
    INGESTION_FAILURES("ingestion_failures");

    private final String code;

    DegradationCheck(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
