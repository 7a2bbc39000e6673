package dev.docent.bench;

import static io.restassured.RestAssured.given;

import dev.docent.system.Jdbc;
import dev.docent.testing.Poll;
import dev.docent.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@code make bench} (section monitoring-overhead): the arm with metrics on and every span exported over OTLP. */
@QuarkusTest
@Tag("bench")
@TestProfile(MonitoringOverheadProfiles.On.class)
class MonitoringOnBench {

    @Inject
    Jdbc jdbc;

    @Test
    void timeToFirstTokenAndIngestionWithMonitoringOn() throws Exception {
        given().auth().oauth2(Tokens.of("admin")).get("/q/metrics").then().statusCode(200);
        long before = MonitoringOverheadProfiles.EXPORTED_BYTES.get();
        // The batch exporter sends every few seconds: the arm counts what reached the receiver by its end.
        MonitoringOverhead.run("on", jdbc, () -> Map.of("spanBytesExported", exportedSince(before)));
    }

    /**
     * Bytes of spans the receiver got within 15 s of the arm's end: reported, not required (in the runs so far none
     * arrived, see the README), so the arm still yields its timings.
     */
    private static long exportedSince(long before) {
        try {
            return Poll.until(
                    () -> {
                        long now = MonitoringOverheadProfiles.EXPORTED_BYTES.get() - before;
                        return now > 0 ? Optional.of(now) : Optional.empty();
                    },
                    Duration.ofSeconds(15),
                    () -> "spans exported to the local OTLP receiver");
        } catch (AssertionError e) {
            return 0L;
        }
    }
}
