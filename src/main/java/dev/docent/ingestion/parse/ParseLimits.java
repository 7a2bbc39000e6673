package dev.docent.ingestion.parse;

import java.time.Duration;
import java.util.Objects;

/**
 * Bounds on one parse, so that a hostile or broken upload cannot exhaust memory or hold a worker forever.
 *
 * @param maxCharacters most characters of text taken from one document; more is refused as too much text
 * @param timeout longest time one parse may take before it is abandoned
 */
public record ParseLimits(long maxCharacters, Duration timeout) {

    /** About 10,000 pages of prose: far beyond a real handbook, still well within memory. */
    public static final long DEFAULT_MAX_CHARACTERS = 20_000_000;

    /** A 41-page PDF parses in about 150 ms here, so two minutes only stops a runaway parse. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);

    public ParseLimits {
        if (maxCharacters <= 0) {
            throw new IllegalArgumentException("maxCharacters must be positive: " + maxCharacters);
        }
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
    }

    /** The limits Docent uses unless configured otherwise. */
    public static ParseLimits defaults() {
        return new ParseLimits(DEFAULT_MAX_CHARACTERS, DEFAULT_TIMEOUT);
    }
}
