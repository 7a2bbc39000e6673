package dev.docent.limits;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.jboss.logging.Logger;

/**
 * Per-user rate limits for the costly actions (questions, uploads): a token bucket per user and action, refilled
 * evenly over a minute, so a short burst passes and a steady flood is refused with 429 and Retry-After. The buckets
 * live in the database ({@link RateLimitRepository}), so the limit holds across every instance behind a load
 * balancer; with {@code docent.limits.shared-rate-limits=false}, or while the database does not answer, each instance
 * counts in memory (a restart forgets the counts, which only ever errs towards letting someone in).
 */
@ApplicationScoped
public class UserRateLimits {

    /** The costly actions, each with its own budget. */
    public enum Action {
        CHAT("questions"),
        UPLOAD("uploads"),
        /** Searches ({@code GET /api/search}, the MCP server's {@code search_documents}): a script loops fast. */
        SEARCH("searches");

        final String noun;

        Action(String noun) {
            this.noun = noun;
        }
    }

    /** Buckets beyond this many are pruned of full (idle) ones, so the map cannot grow without bound. */
    static final int MAX_TRACKED = 10_000;

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private static final Logger LOG = Logger.getLogger(UserRateLimits.class);

    private final LimitsConfig config;
    private final LongSupplier nanos;
    private final RateLimitRepository shared;

    @Inject
    public UserRateLimits(LimitsConfig config, RateLimitRepository shared) {
        this(config, System::nanoTime, config.sharedRateLimits() ? shared : null);
    }

    /** In memory only (unit tests with a clock of their own). */
    UserRateLimits(LimitsConfig config, LongSupplier nanos) {
        this(config, nanos, null);
    }

    private UserRateLimits(LimitsConfig config, LongSupplier nanos, RateLimitRepository shared) {
        this.config = config;
        this.nanos = nanos;
        this.shared = shared;
    }

    /** Takes one unit of {@code action} for {@code user}, or refuses with 429 and when to try again. */
    public void take(String user, Action action) {
        int perMinute = switch (action) {
            case CHAT -> config.chatPerMinute();
            case UPLOAD -> config.uploadsPerMinute();
            case SEARCH -> config.searchesPerMinute();
        };
        if (perMinute <= 0) {
            return;
        }
        long waitNanos = shared == null ? takeHere(user, action, perMinute) : takeShared(user, action, perMinute);
        if (waitNanos > 0) {
            long seconds = Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
            throw new LimitExceededException(
                    429,
                    seconds,
                    "You have sent too many " + action.noun + " in a short time (at most " + perMinute
                            + " a minute): try again in " + seconds + " s.");
        }
    }

    private long takeShared(String user, Action action, int perMinute) {
        try {
            return shared.take(action + ":" + user, perMinute);
        } catch (RuntimeException e) {
            // The question will most likely fail on the database too; the limit must not be what hides that.
            LOG.debugf(e, "Shared rate limit unavailable; counting %s of %s on this instance", action, user);
            return takeHere(user, action, perMinute);
        }
    }

    private long takeHere(String user, Action action, int perMinute) {
        if (buckets.size() > MAX_TRACKED) {
            long now = nanos.getAsLong();
            buckets.values().removeIf(b -> b.isFull(now));
        }
        Bucket bucket = buckets.computeIfAbsent(action + ":" + user, k -> new Bucket(perMinute, nanos.getAsLong()));
        return bucket.take(nanos.getAsLong());
    }

    /** Tokens refill at {@code perMinute} a minute up to {@code perMinute}. */
    private static final class Bucket {
        private final double capacity;
        private final double perNano;
        private double tokens;
        private long updated;

        Bucket(int perMinute, long now) {
            this.capacity = perMinute;
            this.perNano = perMinute / 60e9;
            this.tokens = perMinute;
            this.updated = now;
        }

        /** 0 when a token was taken, else the nanoseconds until one will be there. */
        synchronized long take(long now) {
            refill(now);
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) / perNano);
        }

        synchronized boolean isFull(long now) {
            refill(now);
            return tokens >= capacity;
        }

        private void refill(long now) {
            tokens = Math.min(capacity, tokens + (now - updated) * perNano);
            updated = now;
        }
    }
}
