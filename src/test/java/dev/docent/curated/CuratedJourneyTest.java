package dev.docent.curated;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import dev.docent.system.Jdbc;
import dev.docent.testing.Browser;
import dev.docent.testing.Documents;
import dev.docent.testing.Tags;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * In a real Chromium: a knowledge manager opens a gap, writes a curated answer citing a document found with the
 * picker, and the gap is resolved; a user asking the same thing in other words gets that answer in the chat, marked as
 * curated, with the document as a source they can open.
 */
@QuarkusTest
class CuratedJourneyTest {

    static final Browser browser = Browser.shared();
    static final LocatorAssertions.IsVisibleOptions SLOW = new LocatorAssertions.IsVisibleOptions().setTimeout(60_000);
    static final LocatorAssertions.ContainsTextOptions ANSWER_TIME =
            new LocatorAssertions.ContainsTextOptions().setTimeout(60_000);

    @TestHTTPResource("/")
    URL app;

    @Inject
    Jdbc jdbc;

    @Test
    void aManagerAnswersAGapAndAUserGetsTheCuratedAnswerInChat() {
        jdbc.update("UPDATE curated_answers SET status = 'retired' WHERE status = 'active'");
        String tag = Tags.random();
        String question = "Can I bring my dog to the Thistlecombe office? (ref " + tag + ")";
        CuratedAnswersTest.ask("alice", question);
        long gap = CuratedAnswersTest.awaitGap(tag);
        Documents.ingest(
                "thistlecombe-pets-" + tag + ".md",
                ("# Thistlecombe pets policy " + tag + "\n\nWell-behaved dogs may come to the office on Fridays.\n")
                        .getBytes(StandardCharsets.UTF_8));

        Page gaps = signedIn("manager", "gaps?gap=" + gap, "gaps");
        List<String> errors = consoleErrors(gaps);
        assertThat(gaps.locator("#gap-examples"))
                .containsText(tag, new LocatorAssertions.ContainsTextOptions().setTimeout(30_000));
        gaps.click("#curated-write");
        assertThat(gaps.locator("#curated-questions")).hasValue(Pattern.compile(".*" + tag + ".*", Pattern.DOTALL));
        String text = "Yes, on Fridays: well-behaved dogs are welcome at the Thistlecombe office (" + tag + ").";
        gaps.fill("#curated-answer", text);
        gaps.fill("#curated-search", "Thistlecombe pets policy " + tag);
        gaps.click("#curated-find");
        Locator found = gaps.locator(
                "#curated-found li", new Page.LocatorOptions().setHasText("Thistlecombe pets policy " + tag));
        assertThat(found).isVisible(SLOW);
        found.getByText("Add").click();
        assertThat(gaps.locator("#curated-chosen")).containsText("Thistlecombe pets policy " + tag);
        gaps.click("#curated-save");
        assertThat(gaps.locator("#curated-saved")).containsText("Saved");
        assertThat(gaps.locator("#curated-text")).hasText(text);
        assertThat(gaps.locator("#curated-documents")).containsText("Thistlecombe pets policy " + tag);
        assertThat(gaps.locator("#gap-status")).hasValue("resolved");
        assertThat(gaps.locator("#curated-retire")).isVisible();
        assertEquals(List.of(), errors);

        Page chat = signedIn("alice", "chat", "chat");
        List<String> chatErrors = consoleErrors(chat);
        chat.fill("#question", "Are dogs allowed in the Thistlecombe office? (ref " + tag + ")");
        chat.press("#question", "Enter");
        Locator answer = chat.locator(".exchange").last().locator(".answer");
        assertThat(answer).containsText(text, ANSWER_TIME);
        assertThat(answer.locator(".provider")).containsText("Answer curated by the knowledge team");
        Locator source = answer.locator(".sources .source").first();
        assertThat(source).containsText("Thistlecombe pets policy " + tag);
        source.click();
        Locator link = chat.locator("#citation-link");
        assertThat(link).isVisible();
        assertThat(link).hasAttribute("href", Pattern.compile("^/api/documents/[0-9a-f-]{36}/file$"));
        assertEquals(
                200,
                chat.request().get(app + link.getAttribute("href").substring(1)).status());
        assertEquals(List.of(), chatErrors);
    }

    @org.junit.jupiter.api.AfterEach
    void deleteTheConversations() {
        CuratedAnswersTest.forgetConversations();
    }

    private Page signedIn(String user, String path, String landing) {
        Page page = browser.newPage();
        page.navigate(app + path);
        Browser.signIn(page, user);
        page.waitForURL(Pattern.compile(".*/" + landing + ".*"));
        return page;
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
