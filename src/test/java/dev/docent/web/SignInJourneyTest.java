package dev.docent.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
import dev.docent.testing.Browser;
import dev.docent.testing.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** People sign in through the real Keycloak login page in a real Chromium and see their role's navigation. */
@QuarkusTest
class SignInJourneyTest {

    static final Browser browser = Browser.shared();

    @TestHTTPResource("/")
    URL app;

    @Test
    void anAdminSeesChatAndDocumentsButNotGaps() {
        Page page = signedIn("admin");
        assertEquals(
                List.of("Chat", "Documents", "Safety", "Evaluation", "Review", "Operations", "My data"),
                navigation(page));
        assertThat(page.locator(".who")).hasText("Ada Admin");
        page.navigate(app + "documents");
        assertThat(page.locator("h1")).hasText("Documents");
    }

    @Test
    void aUserSeesOnlyTheChat() {
        Page page = signedIn("alice");
        assertEquals(List.of("Chat", "My data"), navigation(page));
        page.navigate(app + "documents");
        assertThat(page.locator(".error-detail")).containsText("does not have the role");
    }

    @Test
    void aKnowledgeManagerSeesChatAndGaps() {
        Page page = signedIn("manager");
        assertEquals(List.of("Chat", "Knowledge gaps", "Evaluation", "Review", "My data"), navigation(page));
        page.click("text=Knowledge gaps");
        assertThat(page.locator("h1")).hasText("Knowledge gaps");
    }

    @Test
    void logoutEndsTheSessionAtKeycloakToo() {
        Page page = signedIn("alice");
        page.click("text=Log out");
        page.waitForURL(Pattern.compile(".*/signed-out(\\?.*)?$"));
        assertThat(page.locator("h1")).hasText("You are signed out");
        page.navigate(app + "chat");
        page.waitForURL(Pattern.compile(Pattern.quote(Tokens.realmUrl()) + ".*"));
        assertTrue(page.isVisible("#username"), "Keycloak asks for the password again");
    }

    private Page signedIn(String username) {
        Page page = browser.newPage();
        page.navigate(app.toString());
        Browser.signIn(page, username);
        page.waitForURL(Pattern.compile(Pattern.quote(app.toString()) + "chat$"));
        return page;
    }

    private static List<String> navigation(Page page) {
        return page.locator("nav.nav a").allInnerTexts();
    }
}
