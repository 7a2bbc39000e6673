package dev.docent.ingestion;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FilePayload;
import dev.docent.testing.Browser;
import dev.docent.testing.Documents;
import dev.docent.testing.Tags;
import dev.docent.testing.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URL;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** An admin builds the knowledge base in a real Chromium: upload several files, watch them become ready, inspect, delete. */
@QuarkusTest
class DocumentsJourneyTest {

    static final Browser browser = Browser.shared();

    @TestHTTPResource("/")
    URL app;

    @Test
    void anAdminUploadsWatchesProgressReadsTheReportAndDeletes() {
        Page page = browser.newPage();
        page.navigate(app + "documents");
        Browser.signIn(page, "admin");
        page.waitForURL(Pattern.compile(".*/documents$"));
        assertThat(page.locator("h1")).hasText("Documents");

        String tag = Tags.random();
        page.setInputFiles("#file-picker", new FilePayload[] {
            new FilePayload("travel-" + tag + ".md", "text/markdown", Documents.markdown("Travel " + tag)),
            new FilePayload("leave-" + tag + ".md", "text/markdown", Documents.markdown("Leave " + tag)),
            new FilePayload("archive-" + tag + ".pdf", "application/pdf", new byte[] {'P', 'K', 3, 4, 0, 0, 0, 0})
        });

        Locator uploads = page.locator("#uploads li");
        assertThat(uploads).hasCount(3);
        assertThat(uploads.filter(new Locator.FilterOptions().setHasText("archive-" + tag)))
                .containsText("Docent accepts");

        Locator travel = row(page, "Travel " + tag);
        Locator leave = row(page, "Leave " + tag);
        assertThat(travel.locator(".badge"))
                .hasText(
                        "ready",
                        new com.microsoft.playwright.assertions.LocatorAssertions.HasTextOptions().setTimeout(90_000));
        assertThat(leave.locator(".badge"))
                .hasText(
                        "ready",
                        new com.microsoft.playwright.assertions.LocatorAssertions.HasTextOptions().setTimeout(90_000));

        travel.locator("text=Report").click();
        assertThat(page.locator("#report")).isVisible();
        assertThat(page.locator("#report-body")).containsText("Headings found");
        assertThat(page.locator("#report-body")).containsText("Chunks");
        page.locator("#report >> text=Close").click();

        page.onceDialog(dialog -> dialog.accept());
        leave.locator("text=Delete").click();
        assertThat(row(page, "Leave " + tag)).hasCount(0);
        page.reload();
        assertThat(row(page, "Travel " + tag)).hasCount(1);
        assertThat(row(page, "Leave " + tag)).hasCount(0);
    }

    @Test
    void anAdminRenamesThenDeletesACollectionWithItsDocumentsFromThePage() {
        String tag = Tags.random();
        String name = "journey-" + tag;
        String renamed = "renamed-" + tag;
        given().auth()
                .oauth2(Tokens.of("admin"))
                .contentType(ContentType.JSON)
                .body(Map.of("name", name))
                .post("/api/collections")
                .then()
                .statusCode(201);
        String id = Documents.upload("journey-" + tag + ".md", Documents.markdown("Journey " + tag), name)
                .then()
                .statusCode(202)
                .extract()
                .path("id");
        Documents.awaitFinal(id, java.time.Duration.ofSeconds(120));

        Page page = browser.newPage();
        page.navigate(app + "documents");
        Browser.signIn(page, "admin");
        page.waitForURL(Pattern.compile(".*/documents$"));
        assertThat(page.locator("#collections tr[data-collection=\"general\"] [data-action=delete]"))
                .hasCount(0);

        page.onceDialog(dialog -> dialog.accept(renamed));
        page.locator("#collections tr[data-collection=\"" + name + "\"] [data-action=rename]")
                .click();
        assertThat(page.locator("#collections tr[data-collection=\"" + renamed + "\"]"))
                .hasCount(1);
        assertThat(page.locator("#toast")).containsText("moved with it");

        // A wrong confirmation deletes nothing and says why.
        page.onceDialog(dialog -> dialog.accept("not-the-name"));
        page.locator("#collections tr[data-collection=\"" + renamed + "\"] [data-action=delete]")
                .click();
        assertThat(page.locator("#toast")).containsText("repeat its name");
        assertThat(page.locator("#collections tr[data-collection=\"" + renamed + "\"]"))
                .hasCount(1);

        page.onceDialog(dialog -> dialog.accept(renamed));
        page.locator("#collections tr[data-collection=\"" + renamed + "\"] [data-action=delete]")
                .click();
        assertThat(page.locator("#collections tr[data-collection=\"" + renamed + "\"]"))
                .hasCount(0);
        assertThat(page.locator("#toast")).containsText("were deleted");
        given().auth()
                .oauth2(Tokens.of("admin"))
                .get("/api/documents/" + id)
                .then()
                .statusCode(404);
        page.close();
    }

    @Test
    void filteringNarrowsTheTable() {
        String tag = Tags.random();
        String id = Documents.ingest("filter-" + tag + ".md", Documents.markdown("Filter " + tag));
        Page page = browser.newPage();
        page.navigate(app + "documents");
        Browser.signIn(page, "admin");
        page.waitForURL(Pattern.compile(".*/documents$"));
        assertThat(row(page, "Filter " + tag)).hasCount(1);
        page.fill("#filter-text", "no document is called this " + tag);
        assertThat(row(page, "Filter " + tag)).hasCount(0);
        page.fill("#filter-text", tag);
        assertThat(row(page, "Filter " + tag)).hasCount(1);
    }

    @Test
    void anAdminRestrictsACollectionToAGroupOnThePage() {
        String name = "journey-" + Tags.random();
        given().auth()
                .oauth2(Tokens.of("admin"))
                .contentType(ContentType.JSON)
                .body(Map.of("name", name))
                .post("/api/collections")
                .then()
                .statusCode(201);
        Page page = browser.newPage();
        page.navigate(app + "documents");
        Browser.signIn(page, "admin");
        page.waitForURL(Pattern.compile(".*/documents$"));
        Locator row = page.locator("#collections tr[data-collection='" + name + "']");
        row.locator("input").first().fill("hr");
        row.locator("[data-action=save]").click();
        assertThat(page.locator("#toast")).containsText("readable by hr");
        given().auth().oauth2(Tokens.of("hana")).get("/api/collections").then().body("name", hasItem(name));
        given().auth().oauth2(Tokens.of("alice")).get("/api/collections").then().body("name", not(hasItem(name)));
    }

    private static Locator row(Page page, String title) {
        return page.locator("#documents tbody tr").filter(new Locator.FilterOptions().setHasText(title));
    }
}
