package dev.docent.chat;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.BoundingBox;
import dev.docent.system.Jdbc;
import dev.docent.testing.Browser;
import dev.docent.testing.Documents;
import dev.docent.testing.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The chat page as its users found it, in a real Chromium: the newest answer in view, conversations renamed, deleted,
 * searched and paged, Copy and Retry, the skip link, the extractive notice once, HTML sources in the page, a phone.
 */
@QuarkusTest
class ChatPageJourneyTest {

    static final LocatorAssertions.ContainsTextOptions ANSWER_TIME =
            new LocatorAssertions.ContainsTextOptions().setTimeout(90_000);
    static final LocatorAssertions.HasCountOptions MANY = new LocatorAssertions.HasCountOptions().setTimeout(30_000);

    static final String VACATION = "How many days of paid vacation do employees receive?";

    static final Browser browser = Browser.shared();

    static {
        // This machine is shared and slow at times: assertions wait as long as the browser context does.
        PlaywrightAssertions.setDefaultAssertionTimeout(30_000);
    }

    static boolean ingested;

    @TestHTTPResource("/")
    URL app;

    @Inject
    Jdbc jdbc;

    /** Once per class; not @BeforeAll, where RestAssured does not point at the test application yet. */
    @BeforeEach
    void knowledgeBase() {
        if (!ingested) {
            Documents.ingest("chat-page-" + tag() + ".md", Documents.markdown("Chat page " + tag()));
            ingested = true;
        }
    }

    @Test
    void theNewestAnswerIsScrolledIntoViewAboveTheQuestionBoxAndTheExtractiveNoticeShowsOnce() {
        String tag = tag();
        UUID long_ = conversation("alice", "Long " + tag, Instant.now());
        for (int i = 0; i < 8; i++) {
            message(long_, "Question " + i + " " + tag, ("A long recorded answer, line after line. ").repeat(25));
        }
        Page page = signedIn("alice", "chat?c=" + long_);
        Locator exchanges = page.locator(".exchange");
        assertThat(exchanges).hasCount(8);
        assertClearOfTheQuestionBox(page, exchanges.last());

        page.fill("#question", VACATION);
        page.press("#question", "Enter");
        Locator newest = exchanges.nth(8).locator(".answer");
        assertThat(newest.locator(".provider")).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(90_000));
        assertThat(newest).containsText("25 days");
        assertThat(newest.locator(".feedback")).isVisible();
        assertClearOfTheQuestionBox(page, exchanges.nth(8));

        page.fill("#question", "Which way of travelling is preferred for short trips?");
        page.press("#question", "Enter");
        assertThat(exchanges.nth(9).locator(".provider"))
                .isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(90_000));
        assertClearOfTheQuestionBox(page, exchanges.nth(9));
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/chat-newest-answer.png")));

        // Extractive mode is explained once, at the top, not under each of the two new answers.
        assertThat(page.getByText("Extractive mode", new Page.GetByTextOptions().setExact(false)))
                .hasCount(1);
        assertThat(page.locator("#answer-mode")).containsText("Extractive mode");
        assertThat(exchanges.nth(9).locator(".provider")).containsText("Quoted from the documents");
    }

    @Test
    void aConversationIsFoundBySearchRenamedAndDeletedAfterConfirmation() {
        String tag = tag();
        UUID apples = conversation("alice", tag + " apples", Instant.now().minus(3, ChronoUnit.MINUTES));
        message(apples, "Are apples served at the canteen " + tag + "?", "Apples are served daily.");
        UUID bananas = conversation("alice", tag + " bananas", Instant.now().minus(2, ChronoUnit.MINUTES));
        message(bananas, "Where do the kiwis " + tag + " come from?", "From the market.");
        UUID old = conversation("alice", tag + " archive", Instant.parse("2025-01-15T10:00:00Z"));
        message(old, "An old question " + tag, "An old answer.");

        Page page = signedIn("alice", "chat");
        Locator list = page.locator("#conversations a");
        page.fill("#conversation-q", tag);
        assertThat(list).hasCount(3);
        assertThat(list.first()).containsText(tag + " bananas");
        assertThat(list.first().locator("time")).containsText("Today");
        assertThat(list.last().locator("time")).containsText("2025");
        assertThat(list.last().locator("time")).hasAttribute("datetime", "2025-01-15T10:00:00Z");

        page.fill("#conversation-q", tag + " BAN");
        assertThat(list).hasCount(1);
        page.fill("#conversation-q", "kiwis " + tag);
        assertThat(list).hasCount(1);
        assertThat(list.first()).containsText(tag + " bananas");
        page.fill("#conversation-q", tag + " nothing like it");
        assertThat(list).hasCount(0);
        assertThat(page.locator("#no-conversations")).hasText("No conversations match “" + tag + " nothing like it”");

        page.fill("#conversation-q", tag + " bananas");
        list.first().click();
        assertThat(page.locator("#conversation-title")).hasText(tag + " bananas");

        page.click("#rename");
        Locator title = page.locator("#rename-title");
        assertThat(title).isFocused();
        assertThat(title).hasValue(tag + " bananas");
        title.fill("   ");
        title.press("Enter");
        assertThat(page.locator("#rename-error")).hasText("Give the conversation a title: it is empty.");
        title.press("Escape");
        assertThat(page.locator("#conversation-title")).hasText(tag + " bananas");
        assertThat(page.locator("#rename")).isFocused();

        page.click("#rename");
        title.fill(tag + " fruit from abroad");
        title.press("Enter");
        assertThat(page.locator("#conversation-title")).hasText(tag + " fruit from abroad");
        assertThat(page.locator("#conversations a[aria-current=page]")).containsText(tag + " fruit from abroad");
        page.reload();
        assertThat(page.locator("#conversation-title")).hasText(tag + " fruit from abroad");

        page.click("#delete");
        Locator dialog = page.locator("#delete-dialog");
        assertThat(dialog).isVisible();
        assertThat(dialog).containsText(tag + " fruit from abroad");
        assertThat(page.locator("#delete-cancel")).isFocused();
        page.click("#delete-cancel");
        assertThat(dialog).isHidden();
        assertThat(page.locator(".exchange")).hasCount(1);

        page.click("#delete");
        page.click("#delete-confirm");
        assertThat(dialog).isHidden();
        assertThat(page.locator("#conversation-status")).hasText("The conversation was deleted.");
        assertThat(page.locator("#conversation-title")).hasText("New conversation");
        assertThat(page.locator(".exchange")).hasCount(0);
        assertTrue(page.url().endsWith("/chat"), page.url());
        page.fill("#conversation-q", tag);
        assertThat(list).hasCount(2);
        assertThat(page.locator("#conversations")).not().containsText("fruit from abroad");
        given().auth()
                .oauth2(Tokens.of("alice"))
                .get("/api/chat/conversations/" + bananas)
                .then()
                .statusCode(404);
    }

    @Test
    void theConversationListLoadsPagesPastTwoHundred() {
        String tag = tag();
        Instant base = Instant.parse("2002-02-02T02:02:02Z");
        for (int i = 0; i < 230; i++) {
            conversation("alice", tag + " paged #" + i, base.plus(i, ChronoUnit.MINUTES));
        }
        Page page = signedIn("alice", "chat");
        Locator list = page.locator("#conversations a");
        Locator more = page.locator("#more-conversations");
        assertThat(list).hasCount(ConversationQuery.DEFAULT_LIMIT);
        assertThat(more).isVisible();

        page.fill("#conversation-q", tag);
        assertThat(list.first()).containsText(tag + " paged #229");
        assertThat(list).hasCount(50);
        for (int loaded = 100; loaded <= 250; loaded += 50) {
            more.click();
            assertThat(list).hasCount(Math.min(loaded, 230), MANY);
        }
        assertThat(more).isHidden();
        assertThat(list.last()).containsText(tag + " paged #0");
        List<?> hrefs = (List<?>) list.evaluateAll("links => links.map(a => a.getAttribute('href'))");
        assertEquals(230, hrefs.stream().distinct().count(), "each conversation once");
    }

    @Test
    void copyPutsThePlainAnswerWithItsMarkersOnTheClipboardAndRetryAsksAgainInTheSameConversation() {
        Page page = signedIn("alice", "chat");
        page.context().grantPermissions(List.of("clipboard-read", "clipboard-write"));
        page.fill("#question", VACATION);
        page.press("#question", "Enter");
        Locator first = page.locator(".exchange").first().locator(".answer");
        assertThat(first).containsText("25 days", ANSWER_TIME);
        page.waitForURL(Pattern.compile(".*/chat\\?c=[0-9a-f-]{36}$"));
        String conversation = page.url();

        first.locator("button.copy").click();
        assertThat(first.locator(".answer-actions [role=status]")).hasText("Copied");
        String copied = (String) page.evaluate("navigator.clipboard.readText()");
        assertTrue(copied.contains("25 days"), copied);
        assertTrue(Pattern.compile("\\[1]").matcher(copied).find(), "citation markers are kept: " + copied);
        assertTrue(copied.contains("\n\nSources:\n[1] "), "the sources follow: " + copied);
        assertFalse(copied.contains("**") || copied.contains("<"), copied);

        page.fill("#question", "a draft I am still typing");
        first.locator("button.retry").click();
        Locator exchanges = page.locator(".exchange");
        assertThat(exchanges).hasCount(2);
        assertThat(exchanges.nth(1).locator(".question-bubble")).containsText(VACATION);
        assertThat(exchanges.nth(1).locator(".answer")).containsText("25 days", ANSWER_TIME);
        assertThat(page.locator("#question")).hasValue("a draft I am still typing");
        assertEquals(conversation, page.url(), "the same conversation");
        page.reload();
        assertThat(exchanges).hasCount(2);
        assertThat(exchanges.nth(1).locator("button.retry")).isVisible();
        assertThat(exchanges.nth(1).locator("button.copy")).isVisible();
    }

    @Test
    void theSkipLinkIsTheFirstStopAndTakesTheKeyboardToTheQuestionBox() {
        UUID conversation = conversation("alice", "Skip " + tag(), Instant.now());
        message(conversation, "Where is the skip link?", "At the top.");
        // An opened conversation does not put the cursor in the question box (a new one does): the skip link gets it
        // there.
        Page page = signedIn("alice", "chat?c=" + conversation);
        assertThat(page.locator(".exchange")).hasCount(1);
        assertThat(page.locator("#question")).not().isFocused();
        page.keyboard().press("Tab");
        Locator skip = page.locator("#skip-to-question");
        assertThat(skip).isFocused();
        assertThat(skip).hasText("Skip to the question box");
        BoundingBox box = skip.boundingBox();
        assertTrue(box != null && box.y >= 0 && box.height > 0, "the focused skip link is on screen");
        page.keyboard().press("Enter");
        assertThat(page.locator("#question")).isFocused();
        page.keyboard().type("Typed after skipping");
        assertThat(page.locator("#question")).hasValue("Typed after skipping");
    }

    @Test
    void openTheSourceShowsAnHtmlDocumentInThePassageViewerWithoutDownloadingOrRunningIt() {
        String tag = tag();
        String html = """
                <!DOCTYPE html><html><head><title>Zorblat lighthouse %1$s</title>
                <script>window.pwned = true; document.title = 'pwned';</script></head>
                <body><h1>Zorblat lighthouse %1$s</h1>
                <p>The lighthouse stands on the northern cliff of Zorblat island.</p>
                <img src="/tracker-%1$s.png" onerror="window.pwned = true">
                <h2>Keeping the clock</h2>
                <p>The Zorblat lighthouse keeper winds the great clock every Thursday at dawn.</p>
                <p>Visitors may climb the tower on Sundays.</p>
                </body></html>
                """.formatted(tag);
        Documents.ingest("zorblat-" + tag + ".html", html.getBytes(StandardCharsets.UTF_8));
        Page page = signedIn("alice", "chat");
        AtomicInteger downloads = new AtomicInteger();
        AtomicInteger trackers = new AtomicInteger();
        page.onDownload(download -> downloads.incrementAndGet());
        page.onRequest(request -> {
            if (request.url().contains("tracker-" + tag)) {
                trackers.incrementAndGet();
            }
        });

        page.fill("#question", "When does the Zorblat lighthouse keeper wind the great clock?");
        page.press("#question", "Enter");
        Locator answer = page.locator(".exchange .answer");
        assertThat(answer).containsText("every Thursday at dawn", ANSWER_TIME);
        answer.locator(".source")
                .filter(new Locator.FilterOptions().setHasText("Zorblat"))
                .first()
                .click();
        Locator link = page.locator("#citation-link");
        assertThat(link).hasText("Open the source");
        assertThat(link).not().hasAttribute("target", "_blank");

        link.click();
        Locator viewer = page.locator("#source-view");
        assertThat(viewer).isVisible();
        assertThat(viewer).containsText("northern cliff of Zorblat island");
        assertThat(viewer).containsText("Visitors may climb the tower on Sundays.");
        assertThat(viewer.locator("h3").first()).hasText("Zorblat lighthouse " + tag);
        Locator cited = viewer.locator(".cited");
        assertThat(cited.first()).isVisible();
        assertThat(page.locator("#source-text")).containsText("every Thursday at dawn");
        assertThat(viewer).not().containsText("window.pwned");
        assertTrue(
                cited.allTextContents().stream().anyMatch(t -> t.contains("every Thursday at dawn")),
                "the cited sentence is highlighted: " + cited.allTextContents());
        assertThat(page.locator("#source-download")).hasAttribute("download", "");

        assertEquals(0, downloads.get(), "nothing was downloaded");
        assertEquals(0, trackers.get(), "the page's image was never loaded");
        assertEquals(null, page.evaluate("window.pwned ?? null"), "the page's script never ran");
        assertFalse(page.title().contains("pwned"));

        page.click("#source-back");
        assertThat(viewer).isHidden();
        assertThat(page.locator("#citation-passage")).isVisible();
        assertThat(link).isFocused();
    }

    @Test
    void atPhoneWidthNothingScrollsSidewaysAndTheQuestionBoxStaysInReach() {
        Page page = browser.newPage(390, 844);
        page.navigate(app + "chat");
        Browser.signIn(page, "alice");
        page.waitForURL(Pattern.compile(".*/chat$"));
        assertNoSidewaysScroll(page);
        assertInView(page, page.locator("#question"));
        assertInView(page, page.locator("#send"));

        page.fill("#question", VACATION + " " + "Supercalifragilistic".repeat(8));
        page.click("#send");
        Locator answer = page.locator(".exchange .answer");
        assertThat(answer.locator(".provider")).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(90_000));
        assertNoSidewaysScroll(page);
        assertInView(page, page.locator("#question"));
        assertInView(page, page.locator("#send"));
        assertInView(page, answer.locator("button.retry"));

        page.fill("#question", VACATION);
        page.click("#send");
        Locator second = page.locator(".exchange").nth(1).locator(".answer");
        assertThat(second).containsText("25 days", ANSWER_TIME);
        assertNoSidewaysScroll(page);
        Locator cite = second.locator(".answer-text .cite").first();
        cite.click();
        Locator panel = page.locator("#citation");
        assertThat(panel).isVisible();
        BoundingBox box = panel.boundingBox();
        assertNotNull(box);
        assertTrue(box.x >= 0 && box.x + box.width <= 390.5, "the source panel fits: " + box.x + "+" + box.width);
        assertInView(page, page.locator("#citation-close"));
        assertNoSidewaysScroll(page);
        // For a reviewer's eye: what a phone shows (target/screenshots/).
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/chat-390-source.png")));
        page.click("#citation-close");
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/chat-390.png")));
    }

    // ---- helpers ----

    private Page signedIn(String user, String path) {
        Page page = browser.newPage();
        page.navigate(app + path);
        Browser.signIn(page, user);
        page.waitForURL(Pattern.compile(".*/" + Pattern.quote(path) + "$"));
        return page;
    }

    /** The exchange's bottom edge is on screen and above the question box that floats over the window's bottom. */
    private static void assertClearOfTheQuestionBox(Page page, Locator exchange) {
        // Scrolling is smooth only when asked for; the positions settle within a frame or two.
        long deadline = System.nanoTime() + 5_000_000_000L;
        String last = "";
        while (System.nanoTime() < deadline) {
            BoundingBox item = exchange.boundingBox();
            BoundingBox ask = page.locator("#ask").boundingBox();
            double bottom = item.y + item.height;
            if (bottom <= ask.y + 1 && bottom > 0) {
                return;
            }
            last = "exchange bottom " + bottom + ", question box top " + ask.y;
            page.waitForTimeout(100);
        }
        throw new AssertionError("the newest answer is hidden under the question box: " + last);
    }

    private static void assertNoSidewaysScroll(Page page) {
        Object widths =
                page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        List<?> w = (List<?>) widths;
        assertTrue(
                ((Number) w.get(0)).intValue() <= ((Number) w.get(1)).intValue(),
                "the page scrolls sideways: scrollWidth " + w.get(0) + " > " + w.get(1));
    }

    private static void assertInView(Page page, Locator locator) {
        assertThat(locator).isVisible();
        BoundingBox box = locator.boundingBox();
        var size = page.viewportSize();
        assertTrue(
                box.x >= 0
                        && box.y >= 0
                        && box.x + box.width <= size.width + 0.5
                        && box.y + box.height <= size.height + 0.5,
                locator + " is off screen: " + box.x + "," + box.y + " " + box.width + "x" + box.height);
    }

    private static String tag() {
        Random random = new Random();
        StringBuilder tag = new StringBuilder("q");
        for (int i = 0; i < 9; i++) {
            tag.append((char) ('a' + random.nextInt(26)));
        }
        return tag.toString();
    }

    private UUID conversation(String owner, String title, Instant updatedAt) {
        UUID id = UUID.randomUUID();
        jdbc.update(
                "INSERT INTO conversations (id, owner, title, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
                id,
                owner,
                title,
                updatedAt,
                updatedAt);
        return id;
    }

    private void message(UUID conversation, String question, String answer) {
        jdbc.update("""
                INSERT INTO messages (id, conversation_id, owner, question, rewritten_query, answer, answered,
                                      provider, total_ms)
                SELECT ?, id, owner, ?, ?, ?, true, 'extractive', 1 FROM conversations WHERE id = ?
                """, UUID.randomUUID(), question, question, answer, conversation);
    }
}
