package dev.docent.bench;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Tag;

/** {@code make bench-overhead}: round 3, metrics and tracing off. */
@QuarkusTest
@Tag("bench")
@TestProfile(MonitoringOverheadProfiles.Off.class)
class MonitoringOverhead5OffBench extends MonitoringOverheadArm {

    @Override
    boolean on() {
        return false;
    }

    @Override
    int round() {
        return 3;
    }
}
