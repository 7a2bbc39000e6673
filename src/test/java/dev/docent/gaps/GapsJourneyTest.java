package dev.docent.gaps;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import dev.docent.testing.Browser;
import dev.docent.testing.Documents;
import dev.docent.testing.Tags;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * In a real Chromium: a user says an answer missed their question, and a knowledge manager finds the gap on the report,
 * opens it, sees the charts and moves it to "in progress".
 */
@QuarkusTest
class GapsJourneyTest {

    static final Browser browser = Browser.shared();
    static final LocatorAssertions.IsVisibleOptions SLOW = new LocatorAssertions.IsVisibleOptions().setTimeout(60_000);

    @TestHTTPResource("/")
    URL app;

    @Test
    void aThumbsDownBecomesAGapThatAManagerOpensChartsAndWorksOn() {
        String tag = Tags.random();
        Documents.ingest("harrowgate-" + tag + ".md", ("""
                # Harrowgate parking rules %s

                ## Bicycles

                Bicycles are parked in the Harrowgate courtyard racks. Cargo bikes use the two wide racks by the gate.
                """).formatted(tag).getBytes(StandardCharsets.UTF_8));

        Page chat = signedIn("alice", "chat");
        List<String> errors = consoleErrors(chat);
        chat.fill("#question", "Where do I park a bicycle at Harrowgate?");
        chat.press("#question", "Enter");
        Locator feedback = chat.locator(".messages .feedback").last();
        assertThat(feedback).isVisible(SLOW);
        feedback.getByLabel("Not helpful").click();
        feedback.getByLabel("What was wrong").selectOption("didnt_answer");
        feedback.getByLabel("Comment").fill("I asked about e-scooters really");
        feedback.getByRole(
                        com.microsoft.playwright.options.AriaRole.BUTTON,
                        new Locator.GetByRoleOptions().setName("Send"))
                .click();
        assertThat(feedback.locator(".feedback-status")).containsText("knowledge managers");
        assertThat(feedback.getByLabel("Not helpful")).hasAttribute("aria-pressed", "true");
        assertEquals(List.of(), errors);

        // Reopened from the history, the answer still shows the verdict.
        chat.reload();
        assertThat(chat.locator(".messages .feedback").last().getByLabel("Not helpful"))
                .hasAttribute("aria-pressed", "true", new LocatorAssertions.HasAttributeOptions().setTimeout(30_000));

        GapApiTest.awaitGap(g -> GapApiTest.label(g).contains("Harrowgate"));
        Page gaps = signedIn("manager", "gaps");
        List<String> gapErrors = consoleErrors(gaps);
        assertThat(gaps.locator("#rate-chart[data-ready=true]")).isAttached();
        Locator row = gaps.locator("#gaps tbody tr", new Page.LocatorOptions().setHasText("Harrowgate"));
        assertThat(row).isVisible();
        assertThat(row).containsText("user feedback 1");
        row.locator(".gap-open").click();

        Locator panel = gaps.locator("#gap");
        assertThat(panel).isVisible();
        assertThat(gaps.locator("#gap-title")).containsText("Where do I park a bicycle at Harrowgate?");
        assertThat(gaps.locator("#gap-examples")).containsText("user feedback");
        assertTrue(
                (Boolean) gaps.evaluate("() => !!window.Chart.getChart(document.getElementById('trend-chart'))"),
                "the trend chart is drawn");
        Object bars = gaps.evaluate(
                "() => window.Chart.getChart(document.getElementById('rate-chart')).data.datasets[1].data.at(-1)");
        assertTrue(((Number) bars).intValue() >= 1, "today's unanswered bar counts the question: " + bars);

        gaps.selectOption("#gap-status", "in_progress");
        gaps.fill("#gap-owner", "manager");
        gaps.fill("#gap-notes", "Add an e-scooter section " + tag);
        gaps.click("#workflow button[type=submit]");
        assertThat(gaps.locator("#workflow-saved")).hasText("Saved.");
        assertThat(row).containsText("in progress");

        gaps.selectOption("#filters select[name=status]", "dismissed");
        assertThat(gaps.locator("#gaps tbody tr", new Page.LocatorOptions().setHasText("Harrowgate")))
                .hasCount(0);
        gaps.selectOption("#filters select[name=status]", "in_progress");
        assertThat(row).isVisible();
        assertThat(gaps.locator("#export")).hasAttribute("href", Pattern.compile(".*status=in_progress.*"));
        assertEquals(List.of(), gapErrors);

        Map<?, ?> saved = GapApiTest.manager()
                .get("/api/gaps/" + row.getAttribute("data-gap-id"))
                .then()
                .statusCode(200)
                .extract()
                .as(Map.class);
        assertEquals("in_progress", saved.get("status"));
        assertEquals("Add an e-scooter section " + tag, saved.get("notes"));
    }

    private Page signedIn(String user, String path) {
        Page page = browser.newPage();
        page.navigate(app + path);
        Browser.signIn(page, user);
        page.waitForURL(Pattern.compile(".*/" + path + "$"));
        return page;
    }

    private static List<String> consoleErrors(Page page) {
        List<String> errors = new ArrayList<>();
        page.onConsoleMessage(message -> {
            if ("error".equals(message.type())) {
                errors.add(message.text()); // a CSP violation lands here too
            }
        });
        page.onPageError(errors::add);
        return errors;
    }
}
