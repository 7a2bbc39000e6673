package dev.docent.deploy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The probes deploy/k8s gives Docent's pods answer 200 "UP" from the running application without a sign-in: a wrong
 * path or an endpoint behind authentication would keep every pod from ever becoming ready.
 */
@QuarkusTest
class KubernetesProbesTest {

    @Test
    void everyProbePathOfEveryOverlayAnswersUpWithoutSignIn() {
        for (String overlay : RenderedManifests.overlays()) {
            JsonNode container = KubernetesManifestsTest.docentContainer(RenderedManifests.overlay(overlay));
            for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                String path = container.path(probe).at("/httpGet/path").asText();
                given().when().get(path).then().statusCode(200).body("status", equalTo("UP"));
            }
        }
    }
}
