package dev.docent.openapi;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.Page;
import dev.docent.testing.Browser;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** An admin opens the Swagger UI, signs in and browses the API; a user who signs in is refused. */
@QuarkusTest
class SwaggerUiJourneyTest {

    static final Browser browser = Browser.shared();

    @TestHTTPResource("/")
    URL app;

    @Test
    void anAdminSignsInAndBrowsesTheApi() {
        Page page = browser.newPage();
        List<String> blocked = new ArrayList<>();
        page.onConsoleMessage(m -> {
            if (m.type().equals("error")) {
                blocked.add(m.text());
            }
        });
        page.navigate(app + "q/swagger-ui/");
        Browser.signIn(page, "admin");
        page.waitForURL(Pattern.compile(".*/q/swagger-ui/?$"));
        assertThat(page.locator(".swagger-ui .title").first()).containsText("Docent API");
        assertThat(page.locator(".opblock-summary-path", new Page.LocatorOptions().setHasText("/api/chat"))
                        .first())
                .isVisible();
        assertEquals(
                List.of(),
                blocked.stream()
                        .filter(m -> m.contains("Content Security Policy"))
                        .toList());
        page.context().close();
    }

    @Test
    void aUserIsRefused() {
        Page page = browser.newPage();
        page.navigate(app + "q/swagger-ui/");
        Browser.signIn(page, "alice");
        page.waitForLoadState();
        assertThat(page.locator(".swagger-ui")).hasCount(0);
        page.context().close();
    }
}
