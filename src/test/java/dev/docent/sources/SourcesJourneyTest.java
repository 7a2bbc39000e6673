package dev.docent.sources;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import dev.docent.testing.Browser;
import dev.docent.testing.Documents;
import dev.docent.testing.Tags;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** An admin adds a folder as a source on the documents page and reads its first sync's report there. */
@QuarkusTest
class SourcesJourneyTest {

    static final Browser browser = Browser.shared();

    @TestHTTPResource("/")
    URL app;

    @Test
    void anAdminAddsAFolderSourceAndSeesWhatItsSyncAdded() throws IOException {
        Path folder = Files.createDirectories(
                Path.of(System.getProperty("java.io.tmpdir"), "docent-test-sources", "journey-" + UUID.randomUUID()));
        Files.write(folder.resolve("onboarding.md"), Documents.markdown("Onboarding"));
        Files.write(folder.resolve("security.md"), Documents.markdown("Security"));
        String name = "handbook-" + Tags.random();

        Page page = browser.newPage();
        page.navigate(app + "documents");
        Browser.signIn(page, "admin");
        page.waitForURL(Pattern.compile(".*/documents$"));

        Locator form = page.locator("#new-source");
        form.locator("[name=name]").fill(name);
        form.locator("[name=type]").selectOption("directory");
        form.locator("[name=location]").fill("/etc");
        form.locator("[name=syncEveryMinutes]").fill("60");
        form.locator("button[type=submit]").click();
        assertThat(form.locator(".form-error")).containsText("outside the folders");

        form.locator("[name=location]").fill(folder.toString());
        form.locator("button[type=submit]").click();
        Locator row = page.locator("#sources tr[data-source='" + name + "']");
        assertThat(row.locator(".last-sync"))
                .containsText("2 added", new LocatorAssertions.ContainsTextOptions().setTimeout(60_000));
        assertThat(row).containsText(folder.toString());
    }
}
