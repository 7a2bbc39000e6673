package dev.docent.bench;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Tag;

/** {@code make bench-overhead}: round 1, metrics and tracing on. */
@QuarkusTest
@Tag("bench")
@TestProfile(MonitoringOverheadProfiles.On.class)
class MonitoringOverhead2OnBench extends MonitoringOverheadArm {

    @Override
    boolean on() {
        return true;
    }

    @Override
    int round() {
        return 1;
    }
}
