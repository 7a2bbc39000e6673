package dev.docent.sources;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.docent.system.Jdbc;
import dev.docent.testing.Documents;
import dev.docent.testing.Poll;
import dev.docent.testing.Tags;
import dev.docent.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** A website and a folder stay in sync: each sync adds, re-indexes and removes what changed, and reports it. */
@QuarkusTest
class SourcesTest {

    @Inject
    Jdbc jdbc;

    @Test
    void aWebsiteSourceFollowsAddedChangedAndRemovedPagesAndRespectsRobotsTxt() throws IOException {
        String tag = Tags.random();
        Map<String, String> pages = new ConcurrentHashMap<>();
        pages.put("/robots.txt", "User-agent: *\nDisallow: /private/\n");
        pages.put("/", page("Home " + tag, "a.html", "b.html", "private/secret.html", "go", "logo.png"));
        pages.put("/a.html", page("Alpha " + tag));
        pages.put("/b.html", page("Beta " + tag));
        pages.put("/private/secret.html", page("Secret " + tag));
        HttpServer server = serve(pages);
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            // otherHosts: a redirect off the host is then refused for its address, not for its host.
            long id = create(Map.of(
                    "name",
                    "site-" + tag,
                    "type",
                    "website",
                    "location",
                    base + "/",
                    "syncEveryMinutes",
                    60,
                    "otherHosts",
                    true));

            JsonPath first = awaitSync(id, 1);
            assertEquals("done", first.getString("status"), first.prettify());
            assertEquals(List.of(base + "/", base + "/a.html", base + "/b.html"), sorted(first, "details.added"));
            assertEquals(1, first.getInt("failed"), "the redirect to 169.254.169.254 is refused");
            assertTrue(
                    first.getString("details.failed[0].reason").startsWith("refused: 169.254.169.254"),
                    first.prettify());
            assertEquals(0L, documentsNamed("127.0.0.1/private/secret.html"), "robots.txt kept it out");
            assertEquals(1L, documentsNamed("127.0.0.1/a.html"));

            pages.remove("/a.html");
            pages.put("/b.html", page("Beta changed " + tag));
            pages.put("/c.html", page("Gamma " + tag));
            pages.put("/", page("Home " + tag, "a.html", "b.html", "c.html"));
            JsonPath second = syncNow(id, 2);
            assertEquals(List.of(base + "/c.html"), sorted(second, "details.added"));
            assertEquals(List.of(base + "/", base + "/b.html"), sorted(second, "details.changed"));
            assertEquals(List.of(base + "/a.html"), sorted(second, "details.removed"));
            assertEquals(0L, documentsNamed("127.0.0.1/a.html"), "the vanished page's document is gone");

            JsonPath third = syncNow(id, 3);
            assertEquals(3, third.getInt("unchanged"));
            assertEquals(0, third.getInt("added") + third.getInt("changed") + third.getInt("removed"));

            String beta = jdbc.one(
                            "SELECT id::text FROM documents WHERE file_name = ? ORDER BY uploaded_at DESC LIMIT 1",
                            row -> row.getString(1),
                            "127.0.0.1/b.html")
                    .orElseThrow();
            Documents.awaitFinal(beta, Duration.ofSeconds(120));
            Poll.until(
                    () -> documentsNamed("127.0.0.1/b.html") == 1
                            ? java.util.Optional.of(true)
                            : java.util.Optional.empty(),
                    Duration.ofSeconds(30),
                    () -> "the changed page's new version replaces the old one once ready");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aFolderSourceFollowsItsFiles() throws IOException {
        Path root = Path.of(System.getProperty("java.io.tmpdir"), "docent-test-sources");
        Path folder = Files.createDirectories(root.resolve("share-" + UUID.randomUUID()));
        Files.write(folder.resolve("leave.md"), Documents.markdown("Leave"));
        Files.createDirectories(folder.resolve("travel"));
        Files.writeString(folder.resolve("travel/rules.txt"), "Trains first. " + UUID.randomUUID());
        Files.writeString(folder.resolve(".hidden.txt"), "never indexed");
        String name = "share-" + Tags.random();
        long id = create(
                Map.of("name", name, "type", "directory", "location", folder.toString(), "syncEveryMinutes", 60));

        JsonPath first = awaitSync(id, 1);
        assertEquals(List.of("leave.md", "travel/rules.txt"), sorted(first, "details.added"), first.prettify());

        Files.delete(folder.resolve("leave.md"));
        Files.writeString(folder.resolve("travel/rules.txt"), "Trains first, always. " + UUID.randomUUID());
        Files.write(folder.resolve("expenses.md"), Documents.markdown("Expenses"));
        JsonPath second = syncNow(id, 2);
        assertEquals(List.of("expenses.md"), sorted(second, "details.added"));
        assertEquals(List.of("travel/rules.txt"), sorted(second, "details.changed"));
        assertEquals(List.of("leave.md"), sorted(second, "details.removed"));

        given().auth()
                .oauth2(Tokens.of("admin"))
                .delete("/api/sources/" + id)
                .then()
                .statusCode(204);
        given().auth()
                .oauth2(Tokens.of("admin"))
                .get("/api/sources/" + id)
                .then()
                .statusCode(404);
    }

    @Test
    void hostileDefinitionsAreRefusedWithAClearMessage() {
        refused(
                Map.of("name", "x", "type", "website", "location", "file:///etc/passwd", "syncEveryMinutes", 60),
                "http or https");
        refused(Map.of("name", "x", "type", "website", "location", "not a url", "syncEveryMinutes", 60), "not a");
        refused(
                Map.of("name", "x", "type", "website", "location", "ftp://example.com/", "syncEveryMinutes", 60),
                "http or https");
        refused(
                Map.of("name", "x", "type", "website", "location", "http://169.254.169.254/", "syncEveryMinutes", 60),
                "private, loopback or link-local");
        refused(
                Map.of("name", "x", "type", "directory", "location", "/etc", "syncEveryMinutes", 60),
                "outside the folders");
        String root = Path.of(System.getProperty("java.io.tmpdir"), "docent-test-sources")
                .toString();
        refused(
                Map.of("name", "x", "type", "directory", "location", root + "/../../etc", "syncEveryMinutes", 60),
                "outside the folders");
        refused(
                Map.of("name", "x", "type", "directory", "location", "relative/path", "syncEveryMinutes", 60),
                "absolute path");
        refused(Map.of("name", "x", "type", "ftp", "location", "x", "syncEveryMinutes", 60), "Unknown source type");
        refused(
                Map.of("name", "x", "type", "website", "location", "http://127.0.0.1/", "syncEveryMinutes", 0),
                "at least");
        given().auth()
                .oauth2(Tokens.of("admin"))
                .get("/api/sources/999999999")
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(Tokens.of("admin"))
                .contentType(ContentType.JSON)
                .body("{not json")
                .post("/api/sources")
                .then()
                .statusCode(400);
    }

    private static void refused(Map<String, Object> body, String reason) {
        given().auth()
                .oauth2(Tokens.of("admin"))
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/sources")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString(reason));
    }

    private static long create(Map<String, Object> body) {
        return given().auth()
                .oauth2(Tokens.of("admin"))
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/sources")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("id");
    }

    private static JsonPath syncNow(long id, int number) {
        given().auth()
                .oauth2(Tokens.of("admin"))
                .post("/api/sources/" + id + "/sync")
                .then()
                .statusCode(202);
        return awaitSync(id, number);
    }

    /** Waits until the source has {@code number} finished syncs; returns the newest. */
    private static JsonPath awaitSync(long id, int number) {
        return Poll.until(
                () -> {
                    JsonPath syncs = given().auth()
                            .oauth2(Tokens.of("admin"))
                            .get("/api/sources/" + id + "/syncs")
                            .then()
                            .statusCode(200)
                            .extract()
                            .jsonPath();
                    List<String> statuses = syncs.getList("status", String.class);
                    return statuses.size() >= number && !statuses.getFirst().equals("running")
                            ? java.util.Optional.of(new JsonPath(syncs.prettify()).setRootPath("[0]"))
                            : java.util.Optional.empty();
                },
                Duration.ofSeconds(90),
                () -> "sync " + number + " of source " + id + " finished");
    }

    private static List<String> sorted(JsonPath sync, String path) {
        return sync.getList(path, String.class).stream().sorted().toList();
    }

    private long documentsNamed(String fileName) {
        return jdbc.one("SELECT count(*) FROM documents WHERE file_name = ?", row -> row.getLong(1), fileName)
                .orElseThrow();
    }

    private static String page(String title, String... links) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html><head><title>" + title
                + "</title></head><body><h1>" + title + "</h1><p>This page is about " + title
                + ". It explains the policy in a few sentences so there is text to index.</p><ul>");
        for (String link : links) {
            html.append("<li><a href=\"")
                    .append(link)
                    .append("\">")
                    .append(link)
                    .append("</a></li>");
        }
        return html.append("</ul></body></html>").toString();
    }

    private static HttpServer serve(Map<String, String> pages) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/go")) {
                exchange.getResponseHeaders().add("Location", "http://169.254.169.254/latest/meta-data/");
                exchange.sendResponseHeaders(302, -1);
            } else if (pages.containsKey(path)) {
                byte[] body = pages.get(path).getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders()
                        .add("Content-Type", path.endsWith(".txt") ? "text/plain" : "text/html; charset=utf-8");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            } else {
                exchange.sendResponseHeaders(404, -1);
            }
            exchange.close();
        });
        server.start();
        return server;
    }
}
