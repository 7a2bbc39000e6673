package dev.docent.limits;

import dev.docent.system.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The token buckets every instance shares ({@code rate_limit_buckets}): one statement refills a bucket for the time
 * since its last use, takes a token if there is one, and says whether it did, under the row's lock, so two instances
 * never both take the last token. One row per user and action: as many rows as users, so nothing needs pruning.
 */
@ApplicationScoped
public class RateLimitRepository {

    private static final String TAKE = """
            INSERT INTO rate_limit_buckets AS b (bucket, tokens, granted, updated_at)
            VALUES (?, ? - 1, true, clock_timestamp())
            ON CONFLICT (bucket) DO UPDATE SET
                granted = least(?, b.tokens + extract(epoch FROM clock_timestamp() - b.updated_at) * ?) >= 1,
                tokens = least(?, b.tokens + extract(epoch FROM clock_timestamp() - b.updated_at) * ?)
                         - CASE WHEN least(?, b.tokens + extract(epoch FROM clock_timestamp() - b.updated_at) * ?) >= 1
                                THEN 1 ELSE 0 END,
                updated_at = clock_timestamp()
            RETURNING granted, tokens
            """;

    @Inject
    Jdbc jdbc;

    /** Takes a token from {@code bucket} ({@code perMinute} tokens, refilled evenly); 0 or nanoseconds to wait. */
    public long take(String bucket, int perMinute) {
        double capacity = perMinute;
        double perSecond = perMinute / 60.0;
        return jdbc.one(
                        TAKE,
                        row -> row.getBoolean(1) ? 0L : (long) Math.ceil((1 - row.getDouble(2)) / perSecond * 1e9),
                        bucket,
                        capacity,
                        capacity,
                        perSecond,
                        capacity,
                        perSecond,
                        capacity,
                        perSecond)
                .orElseThrow();
    }
}
