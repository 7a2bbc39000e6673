package dev.docent.monitoring;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** Docent reading a local stub model server's metrics. */
public class ModelServerProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "docent.monitoring.model-server-metrics-url",
                StubModelServer.shared().url(),
                "docent.monitoring.model-server-scrape-every",
                "PT1H");
    }
}
