package dev.docent.monitoring;

/**
 * What the recorded answers of one time window add up to (stopped answers left out: a Stop says nothing about
 * quality), for the degradation checks.
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
        double costPerAnswer) {}
