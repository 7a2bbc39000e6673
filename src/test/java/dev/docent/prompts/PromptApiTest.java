package dev.docent.prompts;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.audit.AuditLog;
import dev.docent.system.Jdbc;
import dev.docent.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Prompt versions through the real API: the seeded versions, a new version checked before it is stored, the diff, a
 * promotion recorded with who and when, and every kind of broken input refused with a message and nothing stored.
 */
@QuarkusTest
class PromptApiTest {

    @Inject
    Jdbc jdbc;

    @Inject
    AuditLog audit;

    static RequestSpecification as(String user) {
        return given().auth().oauth2(Tokens.of(user));
    }

    static Map<String, Object> answerVersion(String system, String user, String note) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", "answer");
        body.put("system", system);
        body.put("user", user);
        if (note != null) {
            body.put("note", note);
        }
        return body;
    }

    /** The shipped answer prompt with a Qute comment added: renders exactly as version 1 does. */
    static Map<String, Object> sameAsShipped(String note) throws IOException {
        return answerVersion(
                "{! " + note + " !}" + PromptTemplatesTest.shipped("answer-system.v1.txt"),
                PromptTemplatesTest.shipped("answer-user.v1.txt"),
                note);
    }

    int versions() {
        return jdbc.one("SELECT count(*) FROM prompt_versions", r -> r.getInt(1))
                .orElseThrow();
    }

    @Test
    void theShippedPromptsAreSeededAsActiveVersionOneWithTheirVariablesListed() {
        JsonPath overview = as("manager")
                .get("/api/prompts")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        List<String> labels = overview.getList("versions.label");
        assertTrue(labels.containsAll(List.of("answer-v1", "rewrite-v1", "judge-v1")), labels.toString());
        assertEquals("docent", overview.getString("versions.find { it.label == 'answer-v1' }.createdBy"));
        assertEquals(
                List.of("passages", "question"),
                overview.getList("kinds.find { it.kind == 'answer' }.userVariables.name"));
        assertEquals(List.of("concise"), overview.getList("kinds.find { it.kind == 'answer' }.systemVariables.name"));
        assertEquals(false, overview.getBoolean("kinds.find { it.kind == 'rewrite' }.hasSystem"));

        as("admin")
                .get("/api/prompts/answer-v1")
                .then()
                .statusCode(200)
                .body("system", startsWith("You are Docent"))
                .body("user", containsString("{#for p in passages}"));
    }

    @Test
    void aNewVersionIsStoredInactiveAndPromotingItRecordsWhoAndWhen() throws IOException {
        String before =
                as("manager").get("/api/prompts").then().extract().path("kinds.find { it.kind == 'answer' }.active");
        JsonPath created = as("manager")
                .contentType(ContentType.JSON)
                .body(sameAsShipped("api test " + UUID.randomUUID()))
                .post("/api/prompts")
                .then()
                .statusCode(201)
                .header("Location", startsWith("/api/prompts/answer-v"))
                .body("active", equalTo(false))
                .body("createdBy", equalTo("manager"))
                .extract()
                .jsonPath();
        String label = created.getString("label");
        try {
            JsonPath diff = as("manager")
                    .get("/api/prompts/" + before + "/diff/" + label)
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            // The comment opens the first line: that line is shown removed, then added with the comment.
            assertEquals(List.of("-", "+"), diff.getList("system.op").subList(0, 2));
            assertTrue(diff.getString("system[1].text").startsWith("{! api test "), diff.getString("system[1].text"));
            assertTrue(diff.getInt("changed") >= 1);
            assertTrue(diff.getList("user.op").stream().allMatch("="::equals), "the user part is unchanged");

            as("admin")
                    .post("/api/prompts/" + label + "/promote")
                    .then()
                    .statusCode(200)
                    .body("active", equalTo(true))
                    .body("promotedBy", equalTo("admin"))
                    .body("promotedAt", not(equalTo(null)));
            as("manager")
                    .get("/api/prompts")
                    .then()
                    .body("kinds.find { it.kind == 'answer' }.active", equalTo(label))
                    .body("versions.findAll { it.kind == 'answer' && it.active }.label", equalTo(List.of(label)));
            AuditLog.Entry entry = audit.latest(50).stream()
                    .filter(e -> e.action().equals(PromptVersions.PROMOTED)
                            && e.target().equals(label))
                    .findFirst()
                    .orElseThrow();
            assertEquals("admin", entry.actor());
            assertTrue(entry.details().contains(before), entry.details());
        } finally {
            as("admin").post("/api/prompts/" + before + "/promote").then().statusCode(200);
        }
    }

    @Test
    void aTemplateThatFailsItsCheckIsRefusedAndNothingIsStored() throws IOException {
        int before = versions();
        String system = PromptTemplatesTest.shipped("answer-system.v1.txt");
        List<Object[]> cases = List.of(
                new Object[] {answerVersion(system, "{#for p in passages}{p.text}\n{question}", null), "does not parse"
                },
                new Object[] {
                    answerVersion(system, "{#for p in passages}{p.text}{/for}{question}{user.email}", null),
                    "unknown variable {user.email}"
                },
                new Object[] {
                    answerVersion(system + "{passages}", "{question}{#each passages}{it.text}{/each}", null),
                    "The system template uses the unknown variable {passages}"
                },
                new Object[] {
                    answerVersion(null, "{question}{#each passages}{it.text}{/each}", null), "needs a system template"
                },
                new Object[] {
                    Map.of("kind", "rewrite", "system", "Be brief.", "user", "{question}"), "has no system message"
                },
                new Object[] {
                    answerVersion(system, "{question}{#each passages}{it.text}{/each}", "x".repeat(501)),
                    "The note is 501 characters long"
                },
                new Object[] {answerVersion(system, "{question}" + "x".repeat(20_001), null), "the limit is 20000"},
                new Object[] {Map.of("kind", "poem", "user", "{question}"), "'kind' must be answer, rewrite or judge."},
                new Object[] {Map.of("kind", "answer", "system", system), "'user' must hold"});
        for (Object[] c : cases) {
            as("manager")
                    .contentType(ContentType.JSON)
                    .body(c[0])
                    .post("/api/prompts")
                    .then()
                    .statusCode(400)
                    .contentType(startsWith("application/problem+json"))
                    .body("detail", containsString((String) c[1]))
                    .body(not(containsString("at dev.docent")));
        }
        as("manager")
                .contentType(ContentType.JSON)
                .body("{\"kind\": ")
                .post("/api/prompts")
                .then()
                .statusCode(400);
        as("manager").contentType(ContentType.JSON).post("/api/prompts").then().statusCode(400);
        as("manager")
                .contentType(ContentType.TEXT)
                .body("{question}")
                .post("/api/prompts")
                .then()
                .statusCode(415);
        assertEquals(before, versions(), "nothing half-written");
    }

    @Test
    void unknownAndHostileLabelsAreNotFound() {
        for (String label :
                List.of("answer-v999999", "answer-v", "..%2F..%2Fetc%2Fpasswd", "answer-v1'--", "ANSWER-V1")) {
            as("manager")
                    .get("/api/prompts/" + label)
                    .then()
                    .statusCode(404)
                    .contentType(startsWith("application/problem+json"));
        }
        as("manager").post("/api/prompts/answer-v999999/promote").then().statusCode(404);
        as("manager").get("/api/prompts/answer-v1/diff/judge-v0").then().statusCode(404);
    }

    @Test
    void onlyKnowledgeManagersAndAdminsMayReadOrWritePrompts() {
        for (String user : List.of("alice")) {
            as(user).get("/api/prompts").then().statusCode(403);
            as(user).get("/api/prompts/answer-v1").then().statusCode(403);
            as(user).contentType(ContentType.JSON)
                    .body(Map.of("kind", "rewrite", "user", "{question}"))
                    .post("/api/prompts")
                    .then()
                    .statusCode(403);
            as(user).post("/api/prompts/answer-v1/promote").then().statusCode(403);
        }
        given().get("/api/prompts").then().statusCode(401);
    }

    @Test
    void aRunAskingForAnUnknownPromptVersionOrAJudgeWithoutAModelIsRefused() {
        String set = as("manager")
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "name",
                        "prompt checks " + UUID.randomUUID(),
                        "items",
                        List.of(Map.of("question", "q?", "answerable", true))))
                .post("/api/eval/sets")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        as("manager")
                .contentType(ContentType.JSON)
                .body(Map.of("setId", set, "config", Map.of("promptVersion", "answer-v999")))
                .post("/api/eval/runs")
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("detail", containsString("There is no prompt version 'answer-v999'"));
        as("manager")
                .contentType(ContentType.JSON)
                .body(Map.of("setId", set, "config", Map.of("promptVersion", "rewrite-v1")))
                .post("/api/eval/runs")
                .then()
                .statusCode(400)
                .body("detail", containsString("must name an answer prompt version"));
        as("manager")
                .contentType(ContentType.JSON)
                .body(Map.of("setId", set, "config", Map.of("judge", true)))
                .post("/api/eval/runs")
                .then()
                .statusCode(400)
                .body("detail", containsString("Model-as-judge needs a language model, and none is configured"));
        as("manager").get("/api/eval/runs").then().body("setId", not(hasItem(set)));
    }
}
