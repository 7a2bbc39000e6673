package dev.docent.ingestion;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.BoundingBox;
import dev.docent.system.Jdbc;
import dev.docent.testing.Browser;
import dev.docent.testing.Tags;
import dev.docent.testing.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The documents page with more documents than a page holds, under a stream of status events, and at phone width: the
 * count is shown, pages turn, filters ask the server, and nothing is cut off, broken or overlapping.
 */
@QuarkusTest
class DocumentsAtScaleJourneyTest {

    static final Browser browser = Browser.shared();
    static final int DOCUMENTS = 120;

    @TestHTTPResource("/")
    URL app;

    @Inject
    Jdbc jdbc;

    @Inject
    DocumentRepository repository;

    @Inject
    DocumentEvents events;

    String collection;

    @BeforeEach
    void aCollectionOfMoreThanTwoPages() {
        collection = "scale-" + Tags.random();
        given().auth()
                .oauth2(Tokens.of("admin"))
                .contentType(ContentType.JSON)
                .body(Map.of("name", collection))
                .post("/api/collections")
                .then()
                .statusCode(201);
        jdbc.update("""
                INSERT INTO documents (id, collection_id, file_name, title, size_bytes, sha256, status, stage, progress,
                                       chunk_count, uploaded_by, uploaded_at)
                SELECT gen_random_uuid(), c.id, 'scale-' || i || '.md', 'Scale document ' || lpad(i::text, 3, '0'),
                       100 + i, md5(random()::text || i),
                       CASE i WHEN 1 THEN 'processing' WHEN 2 THEN 'queued' ELSE 'ready' END,
                       CASE i WHEN 1 THEN 'embedding' END, CASE i WHEN 1 THEN 0.4 ELSE 1 END,
                       CASE WHEN i > 2 THEN 1 END, 'admin', now() - make_interval(secs => i)
                FROM collections c, generate_series(1, ?) i WHERE c.name = ?
                """, DOCUMENTS, collection);
    }

    @Test
    void theCountIsShownPagesTurnAndFiltersAskTheServer() {
        Page page = open(1280, 800);
        page.selectOption("#filter-collection", collection);
        assertThat(page.locator("#list-count")).hasText("1–50 of 120 documents");
        assertThat(page.locator("#documents tbody tr[data-id]")).hasCount(50);
        page.click("#page-next");
        assertThat(page.locator("#list-count")).hasText("51–100 of 120 documents");
        page.click("#page-next");
        assertThat(page.locator("#list-count")).hasText("101–120 of 120 documents");
        assertThat(page.locator("#page-next")).isDisabled();

        page.fill("#filter-text", "Scale document 07");
        assertThat(page.locator("#list-count")).hasText("1–10 of 10 documents");
        page.click("th >> text=Title");
        assertThat(page.locator("#documents tbody tr[data-id]").first()).containsText("Scale document 070");
        page.click("th >> text=Title");
        assertThat(page.locator("#documents tbody tr[data-id]").first()).containsText("Scale document 079");

        Locator collectionRow = page.locator("#collections tr[data-collection='" + collection + "']");
        assertThat(collectionRow.locator(".count-documents")).hasText("120");
        assertThat(collectionRow.locator(".count-chunks")).hasText("118");
    }

    @Test
    void aStreamOfStatusEventsDoesNotReloadTheListForEachOne() {
        Page page = open(1280, 800);
        page.selectOption("#filter-collection", collection);
        assertThat(page.locator("#list-count")).hasText("1–50 of 120 documents");
        AtomicInteger listRequests = new AtomicInteger();
        page.onRequest(request -> {
            if (request.url().contains("/api/documents?")) {
                listRequests.incrementAndGet();
            }
        });
        // 10 documents a second for 6 seconds, none of them on the page: what a bulk ingestion sends.
        List<UUID> others = jdbc.list(
                "SELECT d.id FROM documents d JOIN collections c ON c.id = d.collection_id WHERE c.name = ?"
                        + " ORDER BY d.uploaded_at LIMIT 60",
                row -> row.getObject(1, UUID.class),
                collection);
        long start = System.nanoTime();
        for (int i = 0; i < others.size(); i++) {
            repository.find(others.get(i)).ifPresent(events::publish);
            page.waitForTimeout(100); // paces the stream in the browser's clock; asserts nothing
            if (i == 30) {
                page.fill("#filter-text", "Scale document 11");
                assertThat(page.locator("#list-count")).hasText("1–10 of 10 documents");
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(
                listRequests.get() <= Math.ceil(seconds / 3) + 3,
                listRequests.get() + " list requests in " + seconds + " s for 60 events: refreshes are throttled");
    }

    @Test
    void atPhoneWidthNothingIsOffScreenAndStatusNeverBreaksOrOverlaps() {
        // A collection open to long group paths makes the collection menus wider than a phone.
        given().auth()
                .oauth2(Tokens.of("admin"))
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "name",
                        "wide-" + Tags.random() + "-engineering-handbooks-and-runbooks",
                        "groups",
                        List.of("engineering/platform/infrastructure", "human resources/benefits and payroll")))
                .post("/api/collections")
                .then()
                .statusCode(201);
        Page page = open(390, 844);
        page.selectOption("#filter-collection", collection);
        assertThat(page.locator("#list-count")).hasText("1–50 of 120 documents");

        Locator collectionRow = page.locator("#collections tr[data-collection='" + collection + "']");
        // Every control of the row: the "Local only" and "Training data" switches and Save.
        for (Locator control : List.of(
                collectionRow.locator("input[type=checkbox]").first(),
                collectionRow.locator("input[data-field=trainingUse]"),
                collectionRow.locator("[data-action=save]"))) {
            control.scrollIntoViewIfNeeded();
            BoundingBox box = control.boundingBox();
            assertTrue(box.x >= 0 && box.x + box.width <= 390, "on screen at 390 px: " + box.x + "+" + box.width);
        }

        Locator processing = page.locator("#documents tr[data-id]")
                .filter(new Locator.FilterOptions().setHasText("Scale document 001"));
        BoundingBox bar = processing.locator("progress").boundingBox();
        BoundingBox stage = processing.locator(".stage").boundingBox();
        BoundingBox badge = processing.locator(".badge").boundingBox();
        assertTrue(bar.y >= badge.y + badge.height || bar.y + bar.height <= badge.y, "the bar is not over the badge");
        assertTrue(stage.y >= bar.y + bar.height, "the stage text is below the bar, not under it");

        Locator queued = page.locator("#documents tr[data-id]")
                .filter(new Locator.FilterOptions().setHasText("Scale document 002"));
        BoundingBox queuedBadge = queued.locator(".badge").boundingBox();
        BoundingBox readyBadge =
                page.locator("#documents tr[data-id] .badge").nth(5).boundingBox();
        assertTrue(queuedBadge.height <= readyBadge.height + 1, "\"queued\" stays on one line: " + queuedBadge.height);
        for (Locator action : List.of(queued.locator("[data-action=delete]"), queued.locator("[data-action=cancel]"))) {
            BoundingBox box = action.boundingBox();
            assertTrue(box.x + box.width <= 390, "actions reachable at 390 px");
        }
        Object scrollWidth = page.evaluate("document.documentElement.scrollWidth");
        assertTrue(
                ((Number) scrollWidth).intValue() <= 390,
                "no sideways scrolling: " + scrollWidth + "; past the edge: " + page.evaluate(WIDER));
    }

    /** The innermost elements whose right edge passes the viewport's, to say what to fix when the page is too wide. */
    private static final String WIDER = """
            [...document.querySelectorAll('body *')]
              .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
              .sort((a, b) => b.getBoundingClientRect().right - a.getBoundingClientRect().right)
              .slice(0, 12)
              .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + String(e.className).split(' ').join('.') : '')
                  + ' right=' + Math.round(e.getBoundingClientRect().right) + ' text=' + (e.textContent || '').trim().slice(0, 40))
              .join(' | ')
            """;

    private Page open(int width, int height) {
        Page page = browser.newPage();
        page.setViewportSize(width, height);
        page.navigate(app + "documents");
        Browser.signIn(page, "admin");
        page.waitForURL(Pattern.compile(".*/documents$"));
        page.waitForSelector("#collections tr[data-collection='" + collection + "']");
        return page;
    }
}
