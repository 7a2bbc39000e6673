package dev.docent.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.system.Jdbc;
import dev.docent.testing.Poll;
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
        long before = MonitoringOverheadProfiles.EXPORTED_BYTES.get();
        // The batch exporter sends every few seconds: the arm counts what reached the receiver by its end.
        MonitoringOverhead.run("on", jdbc, () -> Map.of("spanBytesExported", exportedSince(before)));
        assertTrue(MonitoringOverheadProfiles.EXPORTED_BYTES.get() > before, "spans reached the OTLP receiver");
    }

    private static long exportedSince(long before) {
        return Poll.until(
                () -> {
                    long now = MonitoringOverheadProfiles.EXPORTED_BYTES.get() - before;
                    return now > 0 ? Optional.of(now) : Optional.empty();
                },
                Duration.ofSeconds(30),
                () -> "spans exported to the local OTLP receiver");
    }
}
