package dev.docent.evaluation;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import dev.docent.testing.Browser;
import dev.docent.testing.Documents;
import dev.docent.testing.Tags;
import dev.docent.testing.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * In a real Chromium: a knowledge manager writes a set (fixing the line the page points at), runs it as configured and
 * with a stricter threshold, and compares the two runs; writes a prompt version, sees it beside the one in use, and
 * promotes it.
 */
@QuarkusTest
class EvaluationJourneyTest {

    static final Browser browser = Browser.shared();
    static final LocatorAssertions.IsVisibleOptions SLOW = new LocatorAssertions.IsVisibleOptions().setTimeout(120_000);

    @TestHTTPResource("/")
    URL app;

    @Test
    void aManagerCreatesASetRunsItTwiceAndComparesTheRuns() {
        String tag = Tags.random();
        String file = "quorvane-" + tag + ".md";
        Documents.ingest(file, ("""
                # Quorvane site guide %s

                ## Deliveries

                Quorvane deliveries are received at the Tollbridge loading dock.

                ## Meetings

                The Quorvane boardroom seats 18 people.
                """).formatted(tag).getBytes(StandardCharsets.UTF_8));

        Page page = browser.newPage();
        List<String> errors = consoleErrors(page);
        page.navigate(app + "evaluation");
        Browser.signIn(page, "manager");
        page.waitForURL(Pattern.compile(".*/evaluation$"));
        assertThat(page.locator("nav a[aria-current=page]")).hasText("Evaluation");

        String name = "Quorvane " + tag;
        Locator details = page.locator("#new-set");
        if (!(Boolean) details.evaluate("d => d.open")) {
            page.click("#new-set summary");
        }
        page.fill("#set-form input[name=name]", name);
        String good1 =
                "{\"question\": \"Where are Quorvane deliveries received?\", \"expectedAnswer\": \"Tollbridge loading dock\", \"expectedDocuments\": [\""
                        + file + "\"], \"answerable\": true}";
        String bad = "{\"question\": \"How many people does the Quorvane boardroom seat?\"}";
        String unanswerable = "{\"question\": \"What colour is the Quorvane mascot's hat?\", \"answerable\": false}";
        page.fill("#set-form textarea[name=items]", String.join("\n", good1, bad, unanswerable));
        page.click("#set-form button[type=submit]");
        assertThat(page.locator("#set-form-error")).containsText("line 2: 'answerable' must be true or false.");
        assertThat(page.locator("#set-form textarea[name=items]"))
                .hasValue(Pattern.compile(".*Quorvane boardroom.*", Pattern.DOTALL));
        // The browser logs the refused request (400) itself; that one was meant.
        errors.removeIf(e -> e.contains("status of 400"));
        String fixed =
                "{\"question\": \"How many people does the Quorvane boardroom seat?\", \"expectedAnswer\": \"18\", \"answerable\": true}";
        page.fill("#set-form textarea[name=items]", String.join("\n", good1, fixed, unanswerable));
        page.click("#set-form button[type=submit]");
        Locator setRow = page.locator("#sets tbody tr", new Page.LocatorOptions().setHasText(name));
        assertThat(setRow).isVisible();
        assertThat(setRow).containsText("3");

        page.selectOption("#run-form select[name=setId]", setRow.getAttribute("data-set-id"));
        page.selectOption("#run-form select[name=provider]", "extractive");
        page.click("#run-form button[type=submit]");
        Locator done = page.locator("#runs tbody tr[data-status=done]", new Page.LocatorOptions().setHasText(name));
        assertThat(done.first()).isVisible(SLOW);
        assertThat(done.first()).containsText("provider extractive");

        page.fill("#run-form input[name=minSimilarity]", "0.99");
        page.click("#run-form button[type=submit]");
        Locator strict = page.locator(
                "#runs tbody tr[data-status=done]", new Page.LocatorOptions().setHasText("minSimilarity 0.99"));
        assertThat(strict.filter(new Locator.FilterOptions().setHasText(name))).isVisible(SLOW);
        assertEquals(2, done.count());

        // The older run is A, the stricter one B.
        done.nth(1).locator("input[type=checkbox]").check();
        done.nth(0).locator("input[type=checkbox]").check();
        page.click("#compare");
        assertThat(page.locator("#comparison")).isVisible();
        assertThat(page.locator("#verdict")).not().isEmpty();
        assertThat(page.locator("#compare-chart[data-ready=true]")).isAttached();
        assertThat(page.locator("#tests tbody tr", new Page.LocatorOptions().setHasText("mcnemar-exact"))
                        .first())
                .isVisible();
        assertThat(page.locator("#worse")).containsText("Where are Quorvane deliveries received?");
        Object bars = page.evaluate(
                "() => window.Chart.getChart(document.getElementById('compare-chart')).data.datasets.length");
        assertEquals(2, ((Number) bars).intValue());

        done.nth(1).getByText("Calibrate").click();
        assertThat(page.locator("#calibration")).isVisible();
        assertThat(page.locator("#calibration-summary")).containsText("min-answerability");
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void aManagerWritesAPromptVersionSeesItSideBySideAndPromotesIt() {
        String tag = Tags.random();
        String before = given().auth()
                .oauth2(Tokens.of("manager"))
                .get("/api/prompts")
                .then()
                .extract()
                .path("kinds.find { it.kind == 'answer' }.active");
        Page page = browser.newPage();
        List<String> errors = consoleErrors(page);
        page.onDialog(dialog -> dialog.accept());
        page.navigate(app + "evaluation");
        Browser.signIn(page, "manager");
        page.waitForURL(Pattern.compile(".*/evaluation$"));
        assertThat(page.locator("#prompt-versions tr[data-label=" + before + "]"))
                .containsText("in use");
        assertThat(page.locator("#prompt-variables")).containsText("{passages}");

        page.click("#new-prompt summary");
        Locator user = page.locator("#prompt-form textarea[name=user]");
        assertThat(user).hasValue(Pattern.compile(".*\\{question\\}.*", Pattern.DOTALL));
        Locator system = page.locator("#prompt-form textarea[name=system]");
        // A comment line: this version renders exactly as the one in use, so other tests are not affected.
        system.fill("{! journey " + tag + " !}\n" + system.inputValue());
        String good = user.inputValue();
        user.fill(good + "\n{questoin}");
        page.fill("#prompt-form input[name=note]", "journey " + tag);
        page.click("#prompt-form button[type=submit]");
        assertThat(page.locator("#prompt-form-error")).containsText("unknown variable {questoin}");
        assertThat(user).hasValue(Pattern.compile(".*questoin.*", Pattern.DOTALL));
        errors.removeIf(e -> e.contains("status of 400"));
        user.fill(good);
        page.click("#prompt-form button[type=submit]");
        Locator created =
                page.locator("#prompt-versions tbody tr", new Page.LocatorOptions().setHasText("journey " + tag));
        assertThat(created).containsText("not used yet");
        String label = created.getAttribute("data-label");
        try {
            page.locator("#prompt-versions tr[data-label=" + before + "] input[type=checkbox]")
                    .check();
            created.locator("input[type=checkbox]").check();
            page.click("#prompt-compare");
            assertThat(page.locator("#prompt-diff-title")).containsText("1 lines changed");
            assertThat(page.locator(".prompt-diff td.added")).hasText("{! journey " + tag + " !}");

            created.getByText("Evaluate on a set").click();
            assertThat(page.locator("#run-form select[name=promptVersion]")).hasValue(label);

            created.getByText("Promote").click();
            Locator promoted = page.locator("#prompt-versions tr[data-label=" + label + "]");
            assertThat(promoted).containsText("in use (promoted by manager");
            assertThat(page.locator("#prompt-versions tr[data-label=" + before + "]"))
                    .not()
                    .containsText("in use");
        } finally {
            given().auth().oauth2(Tokens.of("manager")).post("/api/prompts/" + before + "/promote");
        }
        assertTrue(errors.isEmpty(), errors.toString());
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
