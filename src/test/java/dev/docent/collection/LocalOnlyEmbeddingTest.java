package dev.docent.collection;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.embedding.EmbeddingConfig;
import dev.docent.embedding.EmbeddingLocality;
import dev.docent.testing.Tags;
import dev.docent.testing.Tokens;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A local-only collection promises that its text stays on the organisation's hardware. Its chunks go to the embedding
 * model, so with a remote embedding endpoint Docent must refuse it, unless the operator declares the endpoint theirs.
 */
@QuarkusTest
class LocalOnlyEmbeddingTest {

    static final String ENDPOINT = "https://api.embeddings.example/v1";

    @Inject
    CollectionService collections;

    private static void embedRemotely(boolean declaredLocal) {
        QuarkusMock.installMockForType(
                new EmbeddingLocality(EmbeddingConfig.Provider.OPENAI_COMPATIBLE, Optional.of(ENDPOINT), declaredLocal),
                EmbeddingLocality.class);
    }

    @Test
    void withARemoteEmbedderNoCollectionBecomesLocalOnlyAndNothingIsUploadedIntoOne() {
        String existing = "lo-" + Tags.random();
        String plain = "pl-" + Tags.random();
        // Made local-only while Docent embedded in process; then the operator switched to a remote endpoint.
        admin().body(Map.of("name", existing, "localOnly", true))
                .post("/api/collections")
                .then()
                .statusCode(201);
        admin().body(Map.of("name", plain)).post("/api/collections").then().statusCode(201);
        embedRemotely(false);

        admin().body(Map.of("name", "lo2-" + plain, "localOnly", true))
                .post("/api/collections")
                .then()
                .statusCode(409)
                .body("detail", containsString(ENDPOINT))
                .body("detail", containsString("DOCENT_EMBEDDING_REMOTE_IS_LOCAL"));
        given().auth()
                .oauth2(Tokens.of("admin"))
                .get("/api/collections")
                .then()
                .body("name", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem("lo2-" + plain)));
        admin().body(Map.of("localOnly", true))
                .put("/api/collections/" + plain)
                .then()
                .statusCode(409)
                .body("detail", containsString("local-only"));
        given().auth()
                .oauth2(Tokens.of("admin"))
                .multiPart(
                        "file", "secret.txt", "Salaries of the board.".getBytes(StandardCharsets.UTF_8), "text/plain")
                .multiPart("collection", existing)
                .post("/api/documents")
                .then()
                .statusCode(409)
                .body("detail", containsString("'" + existing + "' is a local-only collection"));
        // The start-up check names it: a restart with this configuration would refuse to run.
        assertTrue(
                collections.localOnlyAtRisk().contains(existing),
                collections.localOnlyAtRisk().toString());
        assertTrue(!collections.localOnlyAtRisk().contains(plain));
        IllegalStateException refused = assertThrows(
                IllegalStateException.class,
                () -> new LocalOnlyStartupCheck() {
                    {
                        collections = LocalOnlyEmbeddingTest.this.collections;
                    }
                }.onStart(null));
        assertTrue(refused.getMessage().contains(existing), refused.getMessage());

        embedRemotely(true);
        assertEquals(List.of(), collections.localOnlyAtRisk(), "an endpoint the operator runs is allowed");
        admin().body(Map.of("localOnly", true))
                .put("/api/collections/" + plain)
                .then()
                .statusCode(200)
                .body("localOnly", equalTo(true));
    }

    private static io.restassured.specification.RequestSpecification admin() {
        return given().auth().oauth2(Tokens.of("admin")).contentType(ContentType.JSON);
    }
}
