package dev.docent.limits;

/** A request refused because a limit is reached: 429 (this user) or 503 (the instance), with when to try again. */
public class LimitExceededException extends RuntimeException {

    private final int status;
    private final long retryAfterSeconds;

    public LimitExceededException(int status, long retryAfterSeconds, String message) {
        super(message, null, false, false);
        this.status = status;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int status() {
        return status;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
