package dev.docent.evaluation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.system.Jdbc;
import dev.docent.testing.Documents;
import dev.docent.testing.Poll;
import dev.docent.testing.Tags;
import dev.docent.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Evaluation sets and runs through the real API: who may use them, what a bad request or file gets back, and a run of
 * a constructed set whose metrics and comparison a knowledge manager can rely on.
 */
@QuarkusTest
class EvalApiTest {

    @Inject
    EvalRunner runner;

    @Inject
    Jdbc jdbc;

    static final String TAG = Tags.random();
    static final String FILE = "zelmore-" + TAG + ".md";
    static boolean ready;

    /** Facts with made-up names, so nothing else in the test database answers them; each with its question. */
    static final List<String[]> FACTS = List.of(
            new String[] {
                "The Zelmore facility opens at 7:15 on working days.", "When does the Zelmore facility open?", "7:15"
            },
            new String[] {
                "Visitors to Zelmore park their cars in the Quarry Lane garage.",
                "Where do Zelmore visitors park their cars?",
                "Quarry Lane garage"
            },
            new String[] {
                "The Zelmore library lends at most 12 books per person.",
                "How many books does the Zelmore library lend per person?",
                "12 books"
            },
            new String[] {
                "The Zelmore canteen serves lunch from 11:30 to 14:00.",
                "When does the Zelmore canteen serve lunch?",
                "11:30 to 14:00"
            },
            new String[] {
                "Lost Zelmore badges are replaced by the Orrin security desk.",
                "Who replaces lost Zelmore badges?",
                "Orrin security desk"
            },
            new String[] {
                "The Zelmore guest wifi network is called Brackenfold.",
                "What is the Zelmore guest wifi network called?",
                "Brackenfold"
            },
            new String[] {
                "Zelmore bicycles are stored in the Hazelby shed next to the east gate.",
                "Where are Zelmore bicycles stored?",
                "Hazelby shed"
            },
            new String[] {
                "Zelmore fire drills take place on the first Tuesday of every month.",
                "When do Zelmore fire drills take place?",
                "first Tuesday"
            });

    @BeforeEach
    void knowledgeBase() {
        if (ready) {
            return;
        }
        StringBuilder doc = new StringBuilder("# Zelmore facility handbook " + TAG + "\n\n");
        String[] headings = {"Opening hours", "Parking", "Library", "Canteen", "Badges", "Wifi", "Bicycles", "Drills"};
        for (int i = 0; i < FACTS.size(); i++) {
            doc.append("## ")
                    .append(headings[i])
                    .append("\n\n")
                    .append(FACTS.get(i)[0])
                    .append("\n\n");
        }
        Documents.ingest(FILE, doc.toString().getBytes(StandardCharsets.UTF_8));
        ready = true;
    }

    static RequestSpecification as(String user) {
        return given().auth().oauth2(Tokens.of(user));
    }

    static Map<String, Object> item(String question, String answer, List<String> documents, boolean answerable) {
        Map<String, Object> item = new java.util.LinkedHashMap<>();
        item.put("question", question);
        if (answer != null) {
            item.put("expectedAnswer", answer);
        }
        item.put("expectedDocuments", documents);
        item.put("answerable", answerable);
        return item;
    }

    static String createSet(String user, String name, List<Map<String, Object>> items) {
        return as(user).contentType(ContentType.JSON)
                .body(Map.of("name", name, "items", items))
                .post("/api/eval/sets")
                .then()
                .statusCode(201)
                .body("items", equalTo(items.size()))
                .extract()
                .path("id");
    }

    @Test
    void onlyKnowledgeManagersAndAdminsMayUseEvaluation() {
        String set = createSet("manager", "roles " + TAG, List.of(item("q?", null, List.of(), true)));
        String body = "{\"name\": \"x\", \"items\": [{\"question\": \"q\", \"answerable\": true}]}";
        List<String[]> endpoints = List.of(
                new String[] {"GET", "/api/eval/sets"},
                new String[] {"POST", "/api/eval/sets"},
                new String[] {"GET", "/api/eval/sets/" + set},
                new String[] {"DELETE", "/api/eval/sets/" + set},
                new String[] {"POST", "/api/eval/sets/" + set + "/items"},
                new String[] {"POST", "/api/eval/sets/import?name=x&format=jsonl"},
                new String[] {"GET", "/api/eval/runs"},
                new String[] {"POST", "/api/eval/runs"},
                new String[] {"GET", "/api/eval/runs/" + UUID.randomUUID()},
                new String[] {"POST", "/api/eval/runs/" + UUID.randomUUID() + "/cancel"},
                new String[] {"GET", "/api/eval/runs/" + UUID.randomUUID() + "/compare/" + UUID.randomUUID()});
        for (String[] e : endpoints) {
            for (String user : List.of("alice", "hana")) {
                as(user).contentType(e[1].contains("import") ? ContentType.TEXT : ContentType.JSON)
                        .body(body)
                        .request(e[0], e[1])
                        .then()
                        .statusCode(403)
                        .contentType(startsWith("application/problem+json"));
            }
            given().contentType(e[1].contains("import") ? ContentType.TEXT : ContentType.JSON)
                    .body(body)
                    .request(e[0], e[1])
                    .then()
                    .statusCode(401);
        }
        as("admin").get("/api/eval/sets/" + set).then().statusCode(200).body("name", equalTo("roles " + TAG));
        as("manager").get("/api/eval/sets").then().statusCode(200).body("id", hasItem(set));
        as("admin").delete("/api/eval/sets/" + set).then().statusCode(204);
        as("manager")
                .get("/api/eval/sets/" + set)
                .then()
                .statusCode(404)
                .contentType(startsWith("application/problem+json"))
                .body("detail", containsString("no evaluation set"));
    }

    @Test
    void aSetIsCreatedReadExtendedAndDeleted() {
        String set = createSet(
                "manager",
                "crud " + TAG,
                List.of(
                        item("When does it open?", "7:15", List.of(FILE), true),
                        item("Moons of Krelvax?", null, List.of(), false)));
        as("manager")
                .contentType(ContentType.JSON)
                .body(Map.of("items", List.of(item("Third?", null, List.of(), true))))
                .post("/api/eval/sets/" + set + "/items")
                .then()
                .statusCode(200)
                .body("items", equalTo(3));
        as("manager")
                .get("/api/eval/sets/" + set)
                .then()
                .statusCode(200)
                .body("items.question", equalTo(List.of("When does it open?", "Moons of Krelvax?", "Third?")))
                .body("items[0].expectedDocuments", equalTo(List.of(FILE)))
                .body("items[1].answerable", equalTo(false))
                .body("createdBy", equalTo("manager"));
        as("manager").delete("/api/eval/sets/" + set).then().statusCode(204);
        as("manager").delete("/api/eval/sets/" + set).then().statusCode(404);
    }

    @Test
    void brokenRequestsGetAProblemThatSaysWhatToFixAndStoreNothing() {
        int before = sets();
        String longQuestion = "x".repeat(2001);
        List<Object[]> cases = List.of(
                new Object[] {"{}", "A set needs a 'name'"},
                new Object[] {"{\"name\": \"n\"}", "A set has a list of 'items'"},
                new Object[] {"{\"name\": \"n\", \"items\": [{\"question\": \"q\"}]}", "needs 'answerable'"},
                new Object[] {"{\"name\": \"n\", \"items\": [{\"answerable\": true}]}", "needs a 'question'"},
                new Object[] {"{\"name\": \"n\", \"items\": [null]}", "may not be null"},
                new Object[] {
                    "{\"name\": \"n\", \"items\": [{\"question\": \"" + longQuestion + "\", \"answerable\": true}]}",
                    "at most 2000 characters"
                },
                new Object[] {
                    "{\"name\": \"n\", \"items\": [{\"question\": \"q\", \"answerable\": \"maybe\"}]}", "'answerable'"
                },
                new Object[] {"{\"name\": \"n\", \"items\": ", "not the JSON"},
                new Object[] {"[1, 2]", "not the JSON"},
                new Object[] {"null", "Send {"});
        for (Object[] c : cases) {
            as("manager")
                    .contentType(ContentType.JSON)
                    .body((String) c[0])
                    .post("/api/eval/sets")
                    .then()
                    .statusCode(400)
                    .contentType(startsWith("application/problem+json"))
                    .body("detail", containsString((String) c[1]))
                    .body("detail", not(containsString("Exception")));
        }
        as("manager").get("/api/eval/sets/not-a-uuid").then().statusCode(404);
        as("manager")
                .contentType(ContentType.JSON)
                .body(Map.of("items", List.of(item("q", null, List.of(), true))))
                .post("/api/eval/sets/" + UUID.randomUUID() + "/items")
                .then()
                .statusCode(404)
                .contentType(startsWith("application/problem+json"));
        assertEquals(before, sets());
    }

    @Test
    void anImportWithBadLinesNamesEachAndImportsNothing() {
        int before = sets();
        String jsonl = """
                {"question": "fine", "answerable": true}
                {"question": "no flag"}
                {oops
                """;
        as("manager")
                .contentType(ContentType.TEXT)
                .body(jsonl)
                .post("/api/eval/sets/import?name=bad&format=jsonl")
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("detail", containsString("2 lines are not a valid item, so nothing was imported."))
                .body("detail", containsString("line 2: 'answerable' must be true or false."))
                .body("detail", containsString("line 3: is not JSON."));
        as("manager")
                .contentType("text/csv")
                .body("question,answerable\nfine,true\n")
                .post("/api/eval/sets/import?name=csv&format=xml")
                .then()
                .statusCode(400)
                .body("detail", containsString("jsonl or csv"));
        as("manager")
                .contentType("text/csv")
                .body("")
                .post("/api/eval/sets/import?name=empty&format=csv")
                .then()
                .statusCode(400)
                .body("detail", containsString("empty"));
        as("manager")
                .contentType("text/csv")
                .body(new byte[] {'q', ',', 'a', '\n', (byte) 0xff, (byte) 0xfe, ',', '1', '\n'})
                .post("/api/eval/sets/import?name=binary&format=csv")
                .then()
                .statusCode(400)
                .body("detail", containsString("not UTF-8"));
        byte[] huge = new byte[10 * 1024 * 1024 + 1];
        java.util.Arrays.fill(huge, (byte) 'x');
        as("manager")
                .contentType("text/csv")
                .body(huge)
                .post("/api/eval/sets/import?name=huge&format=csv")
                .then()
                .statusCode(413)
                .contentType(startsWith("application/problem+json"))
                .body("detail", containsString("larger than 10 MB"));
        assertEquals(before, sets());
        as("manager")
                .contentType("text/csv")
                .body("question,expectedAnswer,answerable\n\"When, exactly?\",7:15,true\nMoons?,,false\n")
                .post("/api/eval/sets/import?name=good " + TAG + "&format=csv")
                .then()
                .statusCode(201)
                .body("items", equalTo(2))
                .body("source", equalTo("import"));
    }

    @Test
    void aRunMeasuresTheSetAndAStricterThresholdShowsUpAsASignificantRegression() {
        List<Map<String, Object>> items = new ArrayList<>();
        for (String[] f : FACTS) {
            items.add(item(f[1], f[2], List.of(FILE), true));
        }
        items.add(item("How many moons does the planet Krelvax have?", null, List.of(), false));
        items.add(item("Which opera did Quentavio Brask compose in 1788?", null, List.of(), false));
        String set = createSet("manager", "zelmore " + TAG, items);

        String live = startRun(set, Map.of("provider", "extractive"));
        Map<String, Object> a = awaitDone(live);
        Map<String, Object> metrics = map(a.get("metrics"));
        assertEquals(10, ((Number) metrics.get("items")).intValue(), a.toString());
        assertEquals(1.0, number(metrics.get("hitAt1")), "every fact is in the one expected document: " + a);
        assertEquals(1.0, number(metrics.get("mrr")));
        assertEquals(Map.of("done", 10, "total", 10), a.get("progress"));
        List<Map<String, Object>> results = list(a.get("items"));
        assertEquals(10, results.size());
        Map<String, Object> first = results.getFirst();
        assertEquals("When does the Zelmore facility open?", first.get("question"));
        assertTrue(!list(first.get("retrieved")).isEmpty(), first.toString());
        assertTrue(((Number) first.get("totalMs")).longValue() >= 0);
        long right = results.stream()
                .filter(r -> (Boolean) r.get("answerable")
                        && (Boolean) r.get("answered")
                        && Boolean.TRUE.equals(r.get("contained")))
                .count();
        assertTrue(right >= 6, "the extractive answerer should answer most facts: " + results);
        assertEquals(1.0, number(metrics.get("unansweredRecall")), "both made-up questions go unanswered: " + results);

        String strict = startRun(set, Map.of("provider", "extractive", "minSimilarity", 0.99));
        Map<String, Object> b = awaitDone(strict);
        assertEquals(0.0, number(map(b.get("metrics")).get("answeredRate")));
        assertEquals(Map.of("provider", "extractive", "minSimilarity", 0.99), withoutNulls(map(b.get("config"))));

        Map<String, Object> comparison = as("manager")
                .get("/api/eval/runs/" + live + "/compare/" + strict)
                .then()
                .statusCode(200)
                .extract()
                .as(Map.class);
        assertEquals("regression", comparison.get("verdict"), comparison.toString());
        Map<String, Object> correct = list(comparison.get("tests")).stream()
                .filter(t -> t.get("metric").equals("correct"))
                .findFirst()
                .orElseThrow();
        assertEquals("mcnemar-exact", correct.get("kind"));
        assertEquals(true, correct.get("significant"), correct.toString());
        assertEquals("worse", correct.get("direction"));
        assertEquals((int) right, ((Number) correct.get("onlyA")).intValue());
        assertEquals((int) right, list(comparison.get("worse")).size());
        assertTrue(list(comparison.get("better")).isEmpty());
        Map<String, Object> delta = map(map(comparison.get("deltas")).get("answeredRate"));
        assertEquals(-number(map(a.get("metrics")).get("answeredRate")), number(delta.get("delta")), 1e-9);

        calibrateAndApply(live);

        // Nothing of the runs reached the chat history or the gap reports.
        as("manager")
                .get("/api/chat/conversations?q=Zelmore")
                .then()
                .statusCode(200)
                .body("conversations", equalTo(List.of()));
        as("manager")
                .get("/api/gaps?limit=1000")
                .then()
                .statusCode(200)
                .body("label", not(hasItem(containsString("Krelvax"))));
    }

    /** Calibrates the threshold on the run, applies it, sees it in force and audited, and puts the old one back. */
    static void calibrateAndApply(String run) {
        Map<String, Object> calibration = as("manager")
                .get("/api/eval/runs/" + run + "/calibration?threshold=min-similarity")
                .then()
                .statusCode(200)
                .extract()
                .as(Map.class);
        assertEquals(8, ((Number) calibration.get("answerable")).intValue());
        assertEquals(2, ((Number) calibration.get("unanswerable")).intValue());
        assertTrue(list(calibration.get("curve")).size() >= 2, calibration.toString());
        double recommended = number(calibration.get("recommended"));
        double before = number(calibration.get("current"));
        try {
            as("manager")
                    .contentType(ContentType.JSON)
                    .body(Map.of("name", "min-similarity", "value", recommended, "runId", run))
                    .post("/api/eval/thresholds")
                    .then()
                    .statusCode(200)
                    .body("value", equalTo((float) recommended))
                    .body("setBy", equalTo("manager"));
            as("admin")
                    .get("/api/eval/thresholds")
                    .then()
                    .statusCode(200)
                    .body("find { it.name == 'min-similarity' }.value", equalTo((float) recommended));
            as("admin")
                    .get("/api/audit")
                    .then()
                    .statusCode(200)
                    .body("find { it.action == 'answer.threshold-changed' }.target", equalTo("min-similarity"))
                    .body("find { it.action == 'answer.threshold-changed' }.details", containsString(run));
        } finally {
            as("manager")
                    .contentType(ContentType.JSON)
                    .body(Map.of("name", "min-similarity", "value", before))
                    .post("/api/eval/thresholds")
                    .then()
                    .statusCode(200);
        }
        as("manager")
                .contentType(ContentType.JSON)
                .body(Map.of("name", "min-answerability", "value", -0.2))
                .post("/api/eval/thresholds")
                .then()
                .statusCode(400)
                .body("detail", containsString("between 0 and 1"));
        as("manager")
                .contentType(ContentType.JSON)
                .body(Map.of("name", "temperature", "value", 0.2))
                .post("/api/eval/thresholds")
                .then()
                .statusCode(400)
                .body("detail", containsString("min-answerability or min-similarity"));
        as("alice").get("/api/eval/thresholds").then().statusCode(403);
        as("alice").get("/api/eval/runs/" + run + "/calibration").then().statusCode(403);
    }

    @Test
    void oneRunAtATimeAndACancelledRunStopsKeepingWhatItAnswered() {
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            String[] f = FACTS.get(i % FACTS.size());
            items.add(item(f[1] + " (" + i + ")", f[2], List.of(FILE), true));
        }
        String set = createSet("manager", "long " + TAG, items);
        String run = startRun(set, Map.of("provider", "extractive"));
        as("admin")
                .contentType(ContentType.JSON)
                .body(Map.of("setId", set))
                .post("/api/eval/runs")
                .then()
                .statusCode(409)
                .contentType(startsWith("application/problem+json"))
                .body("detail", containsString("one run at a time"));
        as("manager").delete("/api/eval/runs/" + run).then().statusCode(409);
        as("manager").post("/api/eval/runs/" + run + "/cancel").then().statusCode(200);
        Map<String, Object> body = Poll.until(
                () -> Optional.of((Map<String, Object>) as("manager")
                                .get("/api/eval/runs/" + run)
                                .then()
                                .extract()
                                .as(Map.class))
                        .filter(b -> "cancelled".equals(b.get("status"))),
                Duration.ofSeconds(60),
                () -> "the run did not stop");
        int done = ((Number) map(body.get("progress")).get("done")).intValue();
        assertTrue(done < 80, "stopped before the end: " + done);
        assertEquals(done, list(body.get("items")).size());
        assertEquals(done, ((Number) map(body.get("metrics")).get("items")).intValue());
        as("manager")
                .post("/api/eval/runs/" + run + "/cancel")
                .then()
                .statusCode(409)
                .body("detail", containsString("cancelled already"));
        // The slot is free again.
        String next = startRun(set, Map.of("provider", "extractive", "k", 1));
        as("manager").post("/api/eval/runs/" + next + "/cancel").then().statusCode(200);
    }

    @Test
    void aRunWhoseInstanceStoppedRenewingItsLeaseIsMarkedFailedAndStaysFailed() {
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            String[] f = FACTS.get(i % FACTS.size());
            items.add(item(f[1] + " [" + i + "]", f[2], List.of(FILE), true));
        }
        String set = createSet("manager", "abandoned " + TAG, items);
        String run = startRun(set, Map.of("provider", "extractive"));
        UUID id = UUID.fromString(run);

        runner.failAbandoned();
        assertTrue(
                List.of("queued", "running")
                        .contains(as("manager").get("/api/eval/runs/" + run).path("status")),
                "a run whose instance keeps renewing its lease is left alone");

        // As if the instance answering it had been killed: no renewal since a moment ago.
        jdbc.update("UPDATE eval_runs SET lease_until = now() - interval '1 second' WHERE id = ?", id);
        assertTrue(runner.failAbandoned() >= 1);
        as("manager")
                .get("/api/eval/runs/" + run)
                .then()
                .statusCode(200)
                .body("status", equalTo("failed"))
                .body("error", containsString("stopped before it finished"));

        // This instance was only stalled: its next renewal finds the run given up and stops answering it.
        runner.renewLease();
        Poll.until(
                () -> runner.busyWith(id) ? Optional.empty() : Optional.of(true),
                Duration.ofSeconds(60),
                () -> "the stalled instance kept answering a run marked failed");
        Map<String, Object> body =
                as("manager").get("/api/eval/runs/" + run).then().extract().as(Map.class);
        assertEquals("failed", body.get("status"), "finishing late does not overwrite the failure: " + body);
        assertTrue(((Number) map(body.get("progress")).get("done")).intValue() < 120);
        // The slot is free again.
        String next = startRun(set, Map.of("provider", "extractive", "k", 1));
        as("manager").post("/api/eval/runs/" + next + "/cancel").then().statusCode(200);
    }

    @Test
    void brokenRunRequestsAreRefusedWithAProblem() {
        as("manager")
                .contentType(ContentType.JSON)
                .body("{}")
                .post("/api/eval/runs")
                .then()
                .statusCode(400)
                .body("detail", containsString("Say which set to run"));
        as("manager")
                .contentType(ContentType.JSON)
                .body(Map.of("setId", UUID.randomUUID()))
                .post("/api/eval/runs")
                .then()
                .statusCode(404)
                .contentType(startsWith("application/problem+json"));
        String set = createSet("manager", "bad config " + TAG, List.of(item("q?", null, List.of(), true)));
        List<Object[]> configs = List.of(
                new Object[] {Map.of("k", 0), "'config.k' must be between 1 and 100."},
                new Object[] {Map.of("mode", "psychic"), "'config.mode' must be hybrid, vector or keyword."},
                new Object[] {Map.of("minSimilarity", 2), "'config.minSimilarity' must be between -1 and 1."},
                new Object[] {Map.of("minAnswerability", -0.5), "'config.minAnswerability' must be between 0 and 1."},
                new Object[] {Map.of("provider", "oracle"), "'config.provider' must be auto"},
                new Object[] {Map.of("candidates", 5000), "'config.candidates' must be between 1 and 1000."});
        for (Object[] c : configs) {
            as("manager")
                    .contentType(ContentType.JSON)
                    .body(Map.of("setId", set, "config", c[0]))
                    .post("/api/eval/runs")
                    .then()
                    .statusCode(400)
                    .contentType(startsWith("application/problem+json"))
                    .body("detail", containsString((String) c[1]));
        }
        as("manager")
                .get("/api/eval/runs/" + UUID.randomUUID())
                .then()
                .statusCode(404)
                .body("detail", containsString("no evaluation run"));
    }

    static String startRun(String set, Map<String, Object> config) {
        // Another test's run may still hold the instance's one slot (409): ask again until it is free.
        var response = Poll.until(
                () -> Optional.of(as("manager")
                                .contentType(ContentType.JSON)
                                .body(Map.of("setId", set, "config", config))
                                .post("/api/eval/runs"))
                        .filter(r -> r.statusCode() != 409),
                Duration.ofSeconds(120),
                () -> "the evaluation slot stayed busy");
        return response.then().statusCode(202).extract().path("id");
    }

    static Map<String, Object> awaitDone(String run) {
        Map<String, Object> body = Poll.until(
                () -> Optional.of((Map<String, Object>) as("manager")
                                .get("/api/eval/runs/" + run)
                                .then()
                                .statusCode(200)
                                .extract()
                                .as(Map.class))
                        .filter(b -> !"queued".equals(b.get("status")) && !"running".equals(b.get("status"))),
                Duration.ofSeconds(180),
                () -> "the run did not finish");
        assertEquals("done", body.get("status"), body.toString());
        return body;
    }

    static int sets() {
        return as("manager")
                .get("/api/eval/sets")
                .then()
                .statusCode(200)
                .extract()
                .path("size()");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Object o) {
        return (List<Map<String, Object>>) o;
    }

    static double number(Object o) {
        return ((Number) o).doubleValue();
    }

    static Map<String, Object> withoutNulls(Map<String, Object> m) {
        Map<String, Object> out = new java.util.HashMap<>();
        m.forEach((k, v) -> {
            if (v != null) {
                out.put(k, v);
            }
        });
        return out;
    }
}
