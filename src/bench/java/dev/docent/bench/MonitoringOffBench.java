package dev.docent.bench;

import dev.docent.system.Jdbc;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@code make bench} (section monitoring-overhead): the arm with metrics and tracing off. */
@QuarkusTest
@Tag("bench")
@TestProfile(MonitoringOverheadProfiles.Off.class)
class MonitoringOffBench {

    @Inject
    Jdbc jdbc;

    @Test
    void timeToFirstTokenAndIngestionWithMonitoringOff() throws Exception {
        MonitoringOverhead.run("off", jdbc, Map::of);
    }
}
