package dev.docent.monitoring;

/**
 * What the recorded answers of one time window add up to (stopped answers left out: a Stop says nothing about
 * quality), and the window's ingestion attempts, for the degradation checks.
 */
record WindowStats(
        long answers,
        long answered,
        long fallbacks,
        long rated,
        long thumbsDown,
        long warnings,
        long scored,
        double groundednessMean,
        double groundednessVariance,
        long timed,
        double firstTokenP95Ms,
        double costPerAnswer,
        long ingestions,
        long ingestionFailures,
        java.util.Map<String, Long> failureReasons) {

    /** These answer statistics beside the window's ingestion attempts. */
    WindowStats with(IngestionObservationRepository.Window ingestion) {
        return new WindowStats(
                answers,
                answered,
                fallbacks,
                rated,
                thumbsDown,
                warnings,
                scored,
                groundednessMean,
                groundednessVariance,
                timed,
                firstTokenP95Ms,
                costPerAnswer,
                ingestion.attempts(),
                ingestion.failures(),
                ingestion.reasons());
    }
}
