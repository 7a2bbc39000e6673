package dev.docent.bench;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Tag;

/** {@code make bench-overhead}: round 3, metrics and tracing on. */
@QuarkusTest
@Tag("bench")
@TestProfile(MonitoringOverheadProfiles.On.class)
class MonitoringOverhead6OnBench extends MonitoringOverheadArm {

    @Override
    boolean on() {
        return true;
    }

    @Override
    int round() {
        return 3;
    }
}
