package dev.docent.ingestion;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FilePayload;
import dev.docent.testing.Browser;
import dev.docent.testing.Documents;
import dev.docent.testing.Tags;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URL;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** An admin drops a ZIP on the documents page and reads, on its upload line, what was added and what was refused. */
@QuarkusTest
class ZipUploadJourneyTest {

    static final Browser browser = Browser.shared();

    @TestHTTPResource("/")
    URL app;

    @Test
    void theUploadLineCountsTheDocumentsAndNamesEachRefusedFileWithItsReason() throws IOException {
        Page page = browser.newPage();
        page.navigate(app + "documents");
        Browser.signIn(page, "admin");
        page.waitForURL(Pattern.compile(".*/documents$"));

        String tag = Tags.random();
        byte[] zip = ZipUploadTest.zip(Map.of(
                "policies/leave-" + tag + ".md",
                Documents.markdown("Leave " + tag),
                "policies/travel-" + tag + ".md",
                Documents.markdown("Travel " + tag),
                "policies/scan-" + tag + ".bin",
                new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0},
                "__MACOSX/policies/._leave.md",
                new byte[] {0, 5, 22, 7}));
        page.setInputFiles("#file-picker", new FilePayload("policies-" + tag + ".zip", "application/zip", zip));

        Locator line = page.locator("#uploads li").filter(new Locator.FilterOptions().setHasText("policies-" + tag));
        assertThat(line).containsText("2 documents added, 1 refused, 1 skipped");
        line.locator("summary").click();
        assertThat(line.locator(".zip-refused")).containsText("policies/scan-" + tag + ".bin");
        assertThat(line.locator(".zip-refused")).containsText("cannot index this file");
        assertThat(page.locator("#documents tbody")).containsText("Leave " + tag);
    }
}
