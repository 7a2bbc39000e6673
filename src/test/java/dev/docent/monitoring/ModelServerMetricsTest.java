package dev.docent.monitoring;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import com.microsoft.playwright.Page;
import dev.docent.testing.Browser;
import dev.docent.testing.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URL;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * With a local model server's metrics URL set, the Operations page shows requests running and waiting, tokens per
 * second and cache use; when the server stops answering, it says why, without a stack trace.
 */
@QuarkusTest
@TestProfile(ModelServerProfile.class)
class ModelServerMetricsTest {

    static final Browser browser = Browser.shared();

    @Inject
    ModelServerMetrics metrics;

    @TestHTTPResource("/")
    URL app;

    @Test
    void theModelServersLoadShowsAndAnOutageIsExplained() {
        StubModelServer stub = StubModelServer.shared();
        stub.answer(200, StubModelServer.vllm(3, 1, 0.42, 1000, 500));
        metrics.scrape();
        stub.answer(200, StubModelServer.vllm(4, 2, 0.5, 2000, 900));
        metrics.scrape();
        given().auth()
                .oauth2(Tokens.of("admin"))
                .get("/api/monitoring/operations/model-server")
                .then()
                .statusCode(200)
                .body("available", equalTo(true))
                .body("kind", equalTo("vllm"))
                .body("latest.running", equalTo(4.0f))
                .body("latest.waiting", equalTo(2.0f))
                .body("latest.cacheUsage", equalTo(0.5f))
                .body("latest.generationTokensPerSecond", org.hamcrest.Matchers.greaterThan(0f))
                .body("message", nullValue());

        Page page = browser.newPage();
        page.navigate(app + "operations");
        Browser.signIn(page, "admin");
        page.waitForURL(Pattern.compile(".*/operations$"));
        assertThat(page.locator("#ms-running")).hasText("4");
        assertThat(page.locator("#ms-waiting")).hasText("2");
        assertThat(page.locator("#ms-cache")).hasText("50.0%");
        assertThat(page.locator("#ms-requests-chart")).hasAttribute("data-points", Pattern.compile("[1-9]\\d*"));

        stub.answer(503, "");
        metrics.scrape();
        given().auth()
                .oauth2(Tokens.of("admin"))
                .get("/api/monitoring/operations/model-server")
                .then()
                .statusCode(200)
                .body("available", equalTo(false))
                .body("message", equalTo("model server metrics unavailable: the server answered HTTP 503"))
                .body(not(containsString("Exception")));
        page.reload();
        assertThat(page.locator("#model-server-message"))
                .hasText("model server metrics unavailable: the server answered HTTP 503");
        assertThat(page.locator("#model-server-now")).isHidden();
        stub.answer(200, StubModelServer.vllm(3, 1, 0.42, 1000, 500));
    }
}
