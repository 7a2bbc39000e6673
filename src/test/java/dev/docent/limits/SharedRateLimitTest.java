package dev.docent.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The per-user budget is counted in the database, so tokens taken through one instance are gone for every other (the
 * two-process FleetIT shows it across real instances); it refills evenly and is kept per user and action.
 */
@QuarkusTest
class SharedRateLimitTest {

    @Inject
    RateLimitRepository buckets;

    @Test
    void aBudgetSpentOnOneInstanceIsSpentOnTheOthersAndRefillsEvenly() {
        String bucket = "CHAT:fleet-" + UUID.randomUUID();
        assertEquals(0, buckets.take(bucket, 3));
        assertEquals(0, buckets.take(bucket, 3));
        assertEquals(0, buckets.take(bucket, 3));
        long wait = buckets.take(bucket, 3);
        // 3 a minute: one token every 20 s, and the refused request waits for most of it.
        assertTrue(wait > 15_000_000_000L && wait <= 20_000_000_000L, "wait " + wait + " ns");
        assertTrue(buckets.take(bucket, 3) > 0, "still refused");
    }

    @Test
    void eachUserAndActionHasABucketOfItsOwn() {
        String user = "fleet-" + UUID.randomUUID();
        assertEquals(0, buckets.take("CHAT:" + user, 1));
        assertTrue(buckets.take("CHAT:" + user, 1) > 0);
        assertEquals(0, buckets.take("UPLOAD:" + user, 1), "uploads are counted apart");
        assertEquals(0, buckets.take("CHAT:other-" + user, 1), "so are other users");
    }
}
