package dev.docent.monitoring;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import dev.docent.llm.LocalModelProfile;
import dev.docent.testing.Browser;
import dev.docent.testing.Documents;
import dev.docent.testing.StubLlm;
import dev.docent.testing.StubLlm.Reply;
import dev.docent.testing.Tags;
import dev.docent.testing.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * In a real Chromium: after a few chat answers (one by the model, one with nothing to answer from) and an upload, an
 * admin opens the Operations page and sees charts drawn from that data; a user without the admin role is refused.
 */
@QuarkusTest
@TestProfile(LocalModelProfile.class)
class OperationsJourneyTest {

    static final Browser browser = Browser.shared();
    static final String TAG = Tags.random();

    final StubLlm model = StubLlm.shared("local");

    @TestHTTPResource("/")
    URL app;

    @Test
    void anAdminSeesChartsWithRealDataAfterChatAndAnUpload() {
        model.reset();
        Documents.ingest("brenholt-" + TAG + ".md", ("""
                # Brenholt depot %s

                ## Opening hours

                The Brenholt depot opens its loading gates at 6:45 and closes them at 19:10 on weekdays.
                """).formatted(TAG).getBytes(StandardCharsets.UTF_8));
        model.enqueue(Reply.text("The loading gates open at 6:45 on weekdays [1]."));
        ask("When does the Brenholt depot open its loading gates?", false);
        model.enqueue(Reply.text("At 6:45 [1]."));
        ask("When does the Brenholt depot open its loading gates?", true);
        ask("How many penguins live on the volcanic glacier of Zorbakan?", false);

        Page page = browser.newPage();
        List<String> errors = consoleErrors(page);
        page.navigate(app + "operations");
        Browser.signIn(page, "admin");
        page.waitForURL(Pattern.compile(".*/operations$"));
        assertThat(page.locator("nav a[aria-current=page]")).hasText("Operations");
        assertThat(page.locator("body[data-ops-loaded=true]")).isAttached();
        assertThat(page.locator("#ops-error")).isEmpty();

        for (String chart : List.of(
                "outcomes-chart",
                "quality-chart",
                "latency-chart",
                "tokens-chart",
                "cost-chart",
                "nomodel-chart",
                "ingestion-chart",
                "collections-chart",
                "memory-chart")) {
            int points = Integer.parseInt(page.locator("#" + chart).getAttribute("data-points"));
            assertTrue(points > 0, chart + " draws " + points + " data points");
            assertThat(page.locator("#" + chart)).isVisible();
        }
        assertThat(page.locator("#answers-empty")).isHidden();
        assertThat(page.locator("#usage-summary")).containsText("needed no model");
        // The short answer is compared with the full-length one of the same model.
        assertThat(page.locator("#concise-table")).isVisible();
        assertThat(page.locator("#concise-table tbody tr").filter(new Locator.FilterOptions().setHasText("stub-llama")))
                .hasCount(1);
        assertThat(page.locator("#concise-empty")).isHidden();
        assertThat(page.locator("#database-size")).containsText("MB");
        assertThat(page.locator("#queue-now")).containsText("waiting");
        // The charts read what the chart library holds, not just the attribute.
        Object outcomes = page.evaluate("() => window.Chart.getChart(document.getElementById('outcomes-chart'))"
                + ".data.datasets.flatMap(d => d.data).reduce((a, b) => a + b, 0)");
        assertTrue(((Number) outcomes).intValue() >= 2, "answers drawn: " + outcomes);

        page.selectOption("#window-form select[name=window]", "7d");
        assertThat(page.locator("#ops-error")).isEmpty();
        assertTrue(Integer.parseInt(page.locator("#outcomes-chart").getAttribute("data-points")) > 0);
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void aUserWithoutTheAdminRoleIsRefused() {
        Page page = browser.newPage();
        Response refused = page.navigate(app + "operations");
        Browser.signIn(page, "manager");
        page.waitForURL(Pattern.compile(".*/operations$"));
        Response response = page.reload();
        assertTrue(response.status() == 403, "status " + response.status() + " (first " + refused.status() + ")");
        assertThat(page.locator("nav a[href='/operations']")).hasCount(0);
        given().auth()
                .oauth2(Tokens.of("alice"))
                .get("/api/monitoring/operations/answers")
                .then()
                .statusCode(403);
    }

    private static void ask(String question, boolean concise) {
        given().auth()
                .oauth2(Tokens.of("alice"))
                .contentType(ContentType.JSON)
                .body(Map.of("question", question, "concise", concise))
                .post("/api/chat")
                .then()
                .statusCode(200);
    }

    private static List<String> consoleErrors(Page page) {
        List<String> errors = new ArrayList<>();
        page.onConsoleMessage(message -> {
            if ("error".equals(message.type())) {
                errors.add(message.text());
            }
        });
        page.onPageError(errors::add);
        return errors;
    }
}
