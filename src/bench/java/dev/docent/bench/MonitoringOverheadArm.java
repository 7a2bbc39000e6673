package dev.docent.bench;

import static io.restassured.RestAssured.given;

import dev.docent.system.Jdbc;
import dev.docent.testing.Poll;
import dev.docent.testing.Tokens;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * One arm of one round of the monitoring overhead benchmark ({@code make bench-overhead}). The rounds alternate off and
 * on (classes {@code MonitoringOverhead1OffBench} to {@code MonitoringOverhead6OnBench}, one Maven run each: `make bench-overhead`), so a
 * change of machine load during the run falls on both arms instead of showing up as overhead.
 */
abstract class MonitoringOverheadArm {

    @Inject
    Jdbc jdbc;

    /** Whether this arm has metrics and tracing on. */
    abstract boolean on();

    /** This arm's round, from 1. */
    abstract int round();

    @Test
    void timeToFirstTokenAndIngestion() throws Exception {
        // Off: no Prometheus registry, so the scrape endpoint is gone.
        given().auth().oauth2(Tokens.of("admin")).get("/q/metrics").then().statusCode(on() ? 200 : 404);
        if (!on()) {
            MonitoringOverhead.run("off", round(), jdbc, Map::of);
            return;
        }
        long before = MonitoringOverheadProfiles.exportedBytes();
        MonitoringOverhead.run("on", round(), jdbc, () -> Map.of("spanBytesExported", exportedSince(before)));
    }

    /**
     * Bytes of spans the receiver got by 15 s after the arm's end (the batch exporter sends every few seconds). The arm
     * fails when none arrived: an "on" arm that exported nothing would understate the overhead.
     */
    private static long exportedSince(long before) {
        return Poll.until(
                () -> {
                    long now = MonitoringOverheadProfiles.exportedBytes() - before;
                    return now > 0 ? Optional.of(now) : Optional.empty();
                },
                Duration.ofSeconds(15),
                () -> "spans exported to the local OTLP receiver");
    }
}
