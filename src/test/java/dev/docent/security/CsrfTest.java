package dev.docent.security;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FilePayload;
import com.microsoft.playwright.options.FormData;
import com.microsoft.playwright.options.RequestOptions;
import dev.docent.testing.Browser;
import dev.docent.testing.Documents;
import dev.docent.testing.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A page on another origin of the same site (here: another port of the host) tries to upload as the signed-in
 * admin, riding on the session cookie; Docent's own page, with its token, may; scripts with bearer tokens are
 * unaffected.
 */
@QuarkusTest
class CsrfTest {

    static final Browser browser = Browser.shared();

    @TestHTTPResource("/")
    URL app;

    @Test
    void aCrossSiteUploadWithTheSessionCookieIsRefusedAndStoresNothing() {
        Page page = signedInAdmin();
        String name = "csrf-cross-site-" + System.nanoTime() + ".md";
        String otherPort = "http://" + app.getHost() + ":" + (app.getPort() + 1);

        APIResponse response =
                page.request().post(app + "api/documents", upload(name).setHeader("Origin", otherPort));

        assertEquals(403, response.status(), response.text());
        assertTrue(response.text().contains("came from another site"), response.text());
        assertTrue(!documentsMatching(name).contains(name), "the refused upload left no document");
    }

    @Test
    void aSameOriginRequestWithoutThePageTokenIsRefused() {
        Page page = signedInAdmin();
        APIResponse response = page.request()
                .post(app + "api/documents", upload("csrf-no-token.md").setHeader("Origin", origin()));
        assertEquals(403, response.status(), response.text());
        assertTrue(response.text().contains("security token"), response.text());
    }

    @Test
    void docentsOwnPageWithItsTokenMayUpload() {
        Page page = signedInAdmin();
        String token = page.locator("meta[name=csrf-token]").getAttribute("content");
        APIResponse response = page.request()
                .post(
                        app + "api/documents",
                        upload("csrf-ok-" + System.nanoTime() + ".md")
                                .setHeader("Origin", origin())
                                .setHeader("X-CSRF-Token", token));
        assertEquals(202, response.status(), response.text());
    }

    @Test
    void bearerTokenRequestsAreUnaffected() {
        given().auth()
                .oauth2(Tokens.of("admin"))
                .header("Origin", "http://elsewhere.example")
                .multiPart("file", "csrf-bearer-" + System.nanoTime() + ".md", Documents.markdown("bearer"))
                .post("/api/documents")
                .then()
                .statusCode(202);
    }

    @Test
    void logoutByGetIsRefusedSoAnImageTagCannotSignSomeoneOut() {
        Page page = signedInAdmin();
        APIResponse response = page.request().get(app + "logout");
        assertEquals(405, response.status(), response.text());
        assertEquals(200, page.request().get(app + "api/me").status(), "still signed in");
    }

    private static RequestOptions upload(String name) {
        return RequestOptions.create()
                .setMultipart(FormData.create()
                        .set("file", new FilePayload(name, "text/markdown", Documents.markdown("csrf"))));
    }

    private static String documentsMatching(String name) {
        return given().auth()
                .oauth2(Tokens.of("admin"))
                .queryParam("q", name)
                .get("/api/documents")
                .asString();
    }

    private String origin() {
        return "http://" + app.getHost() + ":" + app.getPort();
    }

    private Page signedInAdmin() {
        Page page = browser.newPage();
        page.navigate(app + "documents");
        Browser.signIn(page, "admin");
        page.waitForURL(Pattern.compile(Pattern.quote(app.toString()) + "documents$"));
        return page;
    }
}
