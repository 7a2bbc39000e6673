package dev.docent.review;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.docent.review.ReviewFixture.ask;
import static dev.docent.review.ReviewFixture.rate;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
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
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * In a real Chromium: a user turns an answer down with a reason and a comment; a knowledge manager finds it on the
 * Review page with that reason and comment, marks it incorrect with the right answer, and builds an evaluation set
 * from the reviewed answers.
 */
@QuarkusTest
@TestProfile(LocalModelProfile.class)
class ReviewJourneyTest {

    static final Browser browser = Browser.shared();

    @TestHTTPResource("/")
    URL app;

    @Test
    void aManagerReviewsAnAnswerAndCorrectsIt() {
        String tag = Tags.random();
        String place = "Larkspire" + tag;
        Documents.ingest(
                "larkspire-" + tag + ".md", ("""
                # %s pool

                ## Opening hours

                The %s pool opens at 6:30 on weekdays and at 8:00 at weekends.
                """).formatted(place, place).getBytes(StandardCharsets.UTF_8));
        StubLlm model = StubLlm.shared("local");
        model.reset();
        model.fallback(Reply.text("The pool opens at 10:00 [1]."));
        String id = ask("alice", "When does the " + place + " pool open on weekdays?", null)
                .getString("messageId");
        rate(Tokens.of("alice"), id, "down", "incorrect", "It was already open at 7 " + tag);

        Page page = browser.newPage();
        List<String> errors = new ArrayList<>();
        page.onConsoleMessage(m -> {
            if ("error".equals(m.type())) {
                errors.add(m.text());
            }
        });
        page.onPageError(errors::add);
        page.navigate(app + "review");
        Browser.signIn(page, "manager");
        page.waitForURL(Pattern.compile(".*/review$"));
        assertThat(page.locator("nav a[aria-current=page]")).hasText("Review");

        page.selectOption("#filters select[name=feedbackReason]", "incorrect");
        Locator item = page.locator(".review-item[data-message-id='" + id + "']");
        assertThat(item).isVisible();
        assertThat(item.locator("h3")).hasText("When does the " + place + " pool open on weekdays?");
        assertThat(item.locator(".reasons")).containsText("Thumbs down");
        assertThat(item.locator(".feedback")).containsText("Incorrect");
        assertThat(item.locator(".feedback")).containsText("It was already open at 7 " + tag);
        assertThat(item.locator(".answer")).hasText("The pool opens at 10:00 [1].");
        item.locator("summary").click();
        assertThat(item.locator(".passage")).containsText("opens at 6:30 on weekdays");

        item.locator("textarea[name=correction]").fill("The pool opens at 6:30 on weekdays [1].");
        item.locator("button[data-verdict=incorrect]").click();
        assertThat(item.locator(".review-status")).hasText("Marked incorrect, with your correction.");
        assertThat(item.locator(".reviewed")).containsText("Reviewed: incorrect");

        page.selectOption("#filters select[name=status]", "reviewed");
        Locator reviewed = page.locator(".review-item[data-message-id='" + id + "']");
        assertThat(reviewed.locator(".reviewed")).containsText("corrected");
        assertThat(reviewed.locator("textarea[name=correction]")).hasValue("The pool opens at 6:30 on weekdays [1].");

        page.navigate(app + "evaluation");
        page.click("#from-reviews");
        assertThat(page.locator("#traffic-status"))
                .containsText(Pattern.compile("Created \"Reviewed answers \\(\\d+\\)\""));
        assertThat(page.locator("#sets tbody tr", new Page.LocatorOptions().setHasText("Reviewed answers"))
                        .first())
                .containsText("reviewed");
        assertTrue(errors.isEmpty(), errors.toString());
    }
}
