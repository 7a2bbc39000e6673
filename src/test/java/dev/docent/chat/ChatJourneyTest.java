package dev.docent.chat;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.assertions.LocatorAssertions;
import dev.docent.testing.Browser;
import dev.docent.testing.Documents;
import dev.docent.testing.Tags;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** A user asks in a real Chromium: a streamed, cited answer, the cited passage, the conversation kept across reloads. */
@QuarkusTest
class ChatJourneyTest {

    static final String VACATION = "How many days of paid vacation do employees receive?";
    static final Pattern CONVERSATION_URL = Pattern.compile(".*/chat\\?c=[0-9a-f-]{36}$");
    static final LocatorAssertions.ContainsTextOptions ANSWER_TIME =
            new LocatorAssertions.ContainsTextOptions().setTimeout(60_000);

    static final ObjectMapper JSON = new ObjectMapper();

    static final Browser browser = Browser.shared();

    @TestHTTPResource("/")
    URL app;

    @Test
    void aUserAsksReadsTheStreamedCitedAnswerOpensItsSourceAndFindsTheConversationAfterAReload() {
        String tag = Tags.random();
        Documents.ingest("chat-journey-" + tag + ".md", Documents.markdown("Chat journey " + tag));
        Page page = signedIn("alice");
        List<String> errors = new ArrayList<>();
        page.onConsoleMessage(message -> {
            if ("error".equals(message.type())) {
                errors.add(message.text()); // a CSP violation lands here too
            }
        });
        page.onPageError(errors::add);
        assertThat(page.locator("#welcome")).isVisible();

        page.fill("#question", VACATION);
        Response response = page.waitForResponse(
                r -> r.url().endsWith("/api/chat") && "POST".equals(r.request().method()),
                () -> page.press("#question", "Enter"));
        assertTrue(response.headerValue("content-type").startsWith("text/event-stream"), "the answer streams");

        Locator answer = page.locator(".exchange").first().locator(".answer");
        assertThat(answer).containsText("25 days", ANSWER_TIME);
        assertThat(page.locator(".question-bubble")).containsText(VACATION);
        assertThat(answer.locator(".provider")).containsText("Quoted from the documents");
        assertThat(answer).not().containsText("[1]");
        assertThat(page.locator("#question")).isEnabled();
        assertThat(page.locator("#stop")).isHidden();
        page.waitForURL(CONVERSATION_URL);
        String conversationUrl = page.url();
        Locator current = page.locator("#conversations a[aria-current=page]");
        assertThat(current).containsText("How many days of paid vacation");

        Locator cite = answer.locator(".answer-text .cite").first();
        assertThat(cite).isVisible();
        cite.click();
        Locator panel = page.locator("#citation");
        assertThat(panel).isVisible();
        assertThat(panel).isFocused();
        assertThat(page.locator("#citation-passage")).not().isEmpty();
        assertThat(page.locator("#citation-document")).not().isEmpty();
        assertThat(page.locator("#citation-where")).containsText("Section:");
        Locator source = page.locator("#citation-link");
        assertThat(source).hasText("Open the source");
        // A Markdown original opens in the panel's viewer (ChatPageJourneyTest), not in a new tab.
        assertThat(source).not().hasAttribute("target", "_blank");
        assertThat(source).hasAttribute("href", Pattern.compile("^/api/documents/[0-9a-f-]{36}/file$"));
        assertEquals(
                200,
                page.request()
                        .get(app + source.getAttribute("href").substring(1))
                        .status());
        page.keyboard().press("Escape");
        assertThat(panel).isHidden();
        assertThat(cite).isFocused();
        assertTrue(citedPassages(page, answer).contains("25 days"), "one citation shows the vacation passage");

        page.fill("#question", "Which way of travelling is preferred for short trips?");
        page.click("#send");
        assertThat(page.locator(".exchange")).hasCount(2);
        assertThat(page.locator(".exchange").nth(1).locator(".provider")).isVisible();
        assertEquals(conversationUrl, page.url());
        assertThat(page.locator(
                        "#conversations a[href$='" + conversationUrl.substring(conversationUrl.indexOf("?")) + "']"))
                .hasCount(1);

        page.reload();
        assertThat(page.locator(".exchange")).hasCount(2);
        assertThat(page.locator(".exchange").first().locator(".answer")).containsText("25 days");
        assertThat(page.locator(".exchange")
                        .first()
                        .locator(".answer-text .cite")
                        .first())
                .isVisible();
        assertThat(current).containsText("How many days of paid vacation");
        assertThat(page.locator("#welcome")).isHidden();

        page.click("#new-conversation");
        assertThat(page.locator(".exchange")).hasCount(0);
        assertThat(page.locator("#welcome")).isVisible();
        assertThat(page.locator("#question")).isFocused();
        page.goBack();
        assertThat(page.locator(".exchange")).hasCount(2);
        assertEquals(List.of(), errors);
    }

    @Test
    void anEmptyQuestionIsNotSentAndATooLongOneIsRefusedWithTheServersMessage() {
        Page page = signedIn("alice");
        Locator question = page.locator("#question");
        Locator error = page.locator("#ask-error");

        page.locator(".example")
                .filter(new Locator.FilterOptions().setHasText("Who can see my conversations?"))
                .click();
        assertThat(question).hasValue("Who can see my conversations?");
        assertThat(question).isFocused();

        question.fill("   ");
        question.press("Enter");
        assertThat(error).hasText("Type a question first.");
        page.click("#send");
        assertThat(error).hasText("Type a question first.");
        assertThat(page.locator(".exchange")).hasCount(0);
        assertTrue(page.url().endsWith("/chat"), "no conversation was started");

        assertThat(question).hasAttribute("maxlength", "4000");
        // A browser that ignores maxlength (or a pasted-in script) still meets the server's limit.
        question.evaluate("q => q.removeAttribute('maxlength')");
        question.fill("a".repeat(4001));
        assertThat(page.locator("#question-count")).hasText("4,001 / 4,000 characters");
        page.click("#send");
        assertThat(error).containsText("the limit is 4000");
        assertEquals(4001, question.inputValue().length(), "the question is kept to be shortened");
        assertThat(page.locator(".exchange")).hasCount(0);
        assertThat(question).isEnabled();
    }

    @Test
    void aQuestionTheDocumentsDoNotCoverIsShownAsNotAnswered() {
        Page page = signedIn("alice");
        page.fill("#question", "What is the best recipe for sourdough bread with rye flour?");
        page.press("#question", "Enter");
        Locator answer = page.locator(".exchange .answer");
        assertThat(answer).containsText("doesn't cover", ANSWER_TIME);
        assertThat(answer).hasClass(Pattern.compile("\\bnot-answered\\b"));
        assertThat(answer.locator(".not-answered-label")).isVisible();
        assertThat(answer.locator(".cite")).hasCount(0);
    }

    @Test
    void aNoticeShowsAboveTheAnswerWhichRendersAsTextWithOnlyKnownMarkersAsButtons() {
        Page page = signedIn("alice");
        String documentId = UUID.randomUUID().toString();
        String notice = "The language model was unavailable; this answer was composed from the documents.";
        Map<String, Object> citation = Map.of(
                "n",
                1,
                "documentId",
                documentId,
                "title",
                "Travel policy",
                "page",
                3,
                "headingPath",
                List.of("Travel"),
                "chunkId",
                7,
                "mediaType",
                "application/pdf",
                "snippet",
                "Hotels",
                "passage",
                "Hotels are booked by the desk.");
        Map<String, Object> done = Map.of(
                "conversationId",
                UUID.randomUUID().toString(),
                "messageId",
                UUID.randomUUID().toString(),
                "question",
                "Hotels?",
                "answer",
                "Hotels are booked through the <b>travel</b> desk [1] and refunded within 30 days [7].",
                "answered",
                true,
                "notice",
                notice,
                "provider",
                "ollama",
                "model",
                "llama3.1",
                "citations",
                List.of(citation),
                "createdAt",
                "2026-01-05T10:00:00Z");
        // The server's own stream, in the order the contract gives: deltas, citations, done.
        String stream = event("delta", Map.of("text", "Hotels are booked through the <b>travel</b> desk [1] "))
                + ": keep-alive\n\n"
                + event("delta", Map.of("text", "and refunded within 30 days [7]."))
                + event("citations", List.of(citation))
                + event("done", done);
        AtomicReference<String> accept = new AtomicReference<>();
        page.route("**/api/chat", route -> {
            accept.set(route.request().headerValue("accept"));
            route.fulfill(new Route.FulfillOptions()
                    .setStatus(200)
                    .setContentType("text/event-stream")
                    .setBody(stream));
        });

        page.fill("#question", "Hotels?");
        page.click("#send");
        Locator answer = page.locator(".exchange .answer");
        assertThat(answer.locator(".provider")).containsText("Answered by ollama · llama3.1");
        assertEquals("text/event-stream", accept.get());
        assertThat(answer.locator(":scope > :first-child")).hasText(notice);
        Locator text = answer.locator(".answer-text");
        assertThat(text).hasText("Hotels are booked through the <b>travel</b> desk 1 and refunded within 30 days.");
        assertThat(text.locator("b")).hasCount(0);
        assertThat(text.locator(".cite")).hasCount(1);

        text.locator(".cite").click();
        assertThat(page.locator("#citation-where")).hasText("page 3");
        assertThat(page.locator("#citation-passage")).hasText("Hotels are booked by the desk.");
        assertThat(page.locator("#citation-link"))
                .hasAttribute("href", "/api/documents/" + documentId + "/file#page=3");
        page.click("#citation-close");
        assertThat(page.locator("#citation")).isHidden();
        assertThat(text.locator(".cite")).isFocused();
    }

    @Test
    void stopAbandonsAnAnswerStillOnItsWayAndGivesTheQuestionBack() {
        Page page = signedIn("alice");
        page.route("**/api/chat", route -> {
            // Never answered: the request hangs like a slow language model.
        });
        page.fill("#question", "Which hotels may I book?");
        page.press("#question", "Enter");
        Locator answer = page.locator(".exchange .answer");
        assertThat(answer).hasAttribute("aria-busy", "true");
        assertThat(answer).containsText("Searching the documents");
        assertThat(page.locator("#question")).isDisabled();
        assertThat(page.locator("#send")).isDisabled();

        page.click("#stop");
        assertThat(answer).containsText("Stopped before the answer arrived.");
        assertThat(page.locator("#stop")).isHidden();
        assertThat(page.locator("#question")).isEnabled();
        assertThat(page.locator("#question")).hasValue("Which hotels may I book?");
        assertThat(page.locator("#question")).isFocused();
    }

    private Page signedIn(String user) {
        Page page = browser.newPage();
        page.navigate(app + "chat");
        Browser.signIn(page, user);
        page.waitForURL(Pattern.compile(".*/chat$"));
        assertThat(page.locator("#conversation-title")).hasText("New conversation");
        return page;
    }

    /** One server-sent event with a JSON payload. */
    private static String event(String name, Object data) {
        try {
            return "event: " + name + "\ndata: " + JSON.writeValueAsString(data) + "\n\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every cited passage of an answer, read by opening each citation in turn. */
    private static String citedPassages(Page page, Locator answer) {
        StringBuilder passages = new StringBuilder();
        Locator cites = answer.locator(".answer-text .cite");
        for (int i = 0; i < cites.count(); i++) {
            cites.nth(i).click();
            passages.append(page.locator("#citation-passage").textContent()).append('\n');
            page.click("#citation-close");
        }
        return passages.toString();
    }
}
