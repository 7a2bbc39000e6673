package dev.docent.limits;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quarkus.runtime.configuration.MemorySize;
import java.math.BigInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A burst up to the per-minute budget passes; the next is told how long to wait; the budget refills evenly. */
class UserRateLimitsTest {

    final AtomicLong now = new AtomicLong();
    final UserRateLimits limits = new UserRateLimits(config(6), now::get);

    @Test
    void aBurstUpToTheBudgetPassesThenTheUserIsToldWhenToTryAgain() {
        for (int i = 0; i < 6; i++) {
            limits.take("bob", UserRateLimits.Action.CHAT);
        }
        LimitExceededException refused =
                assertThrows(LimitExceededException.class, () -> limits.take("bob", UserRateLimits.Action.CHAT));
        assertEquals(429, refused.status());
        assertEquals(10, refused.retryAfterSeconds(), "6 a minute: one every 10 s");
        assertDoesNotThrow(() -> limits.take("alice", UserRateLimits.Action.CHAT), "other users keep their budget");
        assertDoesNotThrow(() -> limits.take("bob", UserRateLimits.Action.UPLOAD), "other actions too");
    }

    @Test
    void theBudgetRefillsOverTheMinute() {
        for (int i = 0; i < 6; i++) {
            limits.take("bob", UserRateLimits.Action.CHAT);
        }
        now.addAndGet(10_000_000_000L);
        assertDoesNotThrow(() -> limits.take("bob", UserRateLimits.Action.CHAT));
        assertThrows(LimitExceededException.class, () -> limits.take("bob", UserRateLimits.Action.CHAT));
    }

    static LimitsConfig config(int perMinute) {
        return new LimitsConfig() {
            @Override
            public MemorySize jsonBodySize() {
                return new MemorySize(BigInteger.valueOf(65536));
            }

            @Override
            public boolean sharedRateLimits() {
                return false;
            }

            @Override
            public int answerSlots() {
                return 1;
            }

            @Override
            public int chatPerMinute() {
                return perMinute;
            }

            @Override
            public int uploadsPerMinute() {
                return perMinute;
            }

            @Override
            public int searchesPerMinute() {
                return perMinute;
            }
        };
    }
}
