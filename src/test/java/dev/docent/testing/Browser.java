package dev.docent.testing;

import com.microsoft.playwright.Browser.NewContextOptions;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A real headless Chromium (the system's, {@code /usr/bin/chromium} unless {@code DOCENT_CHROMIUM} says otherwise)
 * driven by Playwright. One per test class; each test takes a fresh context, so no cookies leak between users.
 */
public final class Browser implements AutoCloseable {

    private static final List<String> ARGS = List.of(
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run");

    private static Browser shared;

    private final Playwright playwright;
    private final com.microsoft.playwright.Browser chromium;

    public Browser() {
        Path executable = Path.of(System.getenv().getOrDefault("DOCENT_CHROMIUM", "/usr/bin/chromium"));
        if (!Files.isExecutable(executable)) {
            throw new IllegalStateException(executable + " is missing: run `make test`, which installs Chromium");
        }
        playwright = Playwright.create(
                new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        chromium = playwright
                .chromium()
                .launch(new BrowserType.LaunchOptions()
                        .setExecutablePath(executable)
                        .setHeadless(true)
                        .setArgs(ARGS));
    }

    /** One Chromium for the whole test run (started on first use, closed when the JVM exits). */
    public static synchronized Browser shared() {
        if (shared == null) {
            shared = new Browser();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    /** A new page in a new, empty browser context. */
    public Page newPage() {
        return newPage(1280, 800);
    }

    /** A new page in a new, empty browser context, with a window of this size (390 wide: a phone). */
    public Page newPage(int width, int height) {
        BrowserContext context = chromium.newContext(new NewContextOptions().setViewportSize(width, height));
        context.setDefaultTimeout(30_000);
        return context.newPage();
    }

    /** Signs in through Keycloak's own login page; the browser must be on it. */
    public static void signIn(Page page, String username) {
        page.waitForSelector("#username");
        page.fill("#username", username);
        page.fill("#password", username);
        page.click("#kc-login");
    }

    @Override
    public void close() {
        chromium.close();
        playwright.close();
    }
}
