package dev.docent.bench;

import static io.restassured.RestAssured.given;

import dev.docent.system.Jdbc;
import dev.docent.testing.Tokens;
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
        // No Prometheus registry in this arm: the scrape endpoint is gone.
        given().auth().oauth2(Tokens.of("admin")).get("/q/metrics").then().statusCode(404);
        MonitoringOverhead.run("off", jdbc, Map::of);
    }
}
