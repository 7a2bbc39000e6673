package dev.docent.ingestion.parse;

import org.apache.tika.exception.WriteLimitReachedException;

/** Counts the characters one parse extracts and stops the parse once there are more than the limit allows. */
final class CharacterBudget {

    private final long max;
    private long used;
    private boolean exceeded;

    CharacterBudget(long max) {
        this.max = max;
    }

    /**
     * Records {@code count} more characters.
     *
     * @throws WriteLimitReachedException past the limit; Tika's parsers know to let this exception through
     */
    void spend(int count) throws WriteLimitReachedException {
        used += count;
        if (used > max) {
            // Remembered too, in case a parser swallows the exception and finishes normally.
            exceeded = true;
            throw new WriteLimitReachedException((int) Math.min(max, Integer.MAX_VALUE));
        }
    }

    long used() {
        return used;
    }

    boolean exceeded() {
        return exceeded;
    }
}
