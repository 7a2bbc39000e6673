package dev.docent.openapi;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.docent.testing.Tokens;
import io.quarkus.security.Authenticated;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document cannot drift from the code: every JAX-RS endpoint under {@code /api}, found by reflection over
 * the compiled classes, appears in {@code /q/openapi} with its method, the roles of its {@code @RolesAllowed}, and
 * problem+json errors; the endpoints outside {@code /api} are the Qute pages, which it leaves out.
 */
@QuarkusTest
class OpenApiCoverageTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One JAX-RS endpoint, as the code declares it. */
    record Endpoint(String method, String path, Set<String> roles, Class<?> resource) {
        @Override
        public String toString() {
            return method + " " + path + " (" + resource.getSimpleName() + ")";
        }
    }

    @Test
    void everyApiEndpointIsDescribedWithItsRolesAndProblemErrors() throws Exception {
        JsonNode document = openApi();
        List<Endpoint> endpoints = endpoints();
        List<Endpoint> api =
                endpoints.stream().filter(e -> e.path().startsWith("/api")).toList();
        assertTrue(api.size() > 40, "found the API by reflection: " + api.size());
        List<String> problems = new ArrayList<>();
        for (Endpoint endpoint : api) {
            JsonNode operation = document.path("paths")
                    .path(endpoint.path())
                    .path(endpoint.method().toLowerCase());
            if (operation.isMissingNode()) {
                problems.add(endpoint + " is missing");
                continue;
            }
            Set<String> described = new TreeSet<>();
            operation
                    .path("security")
                    .forEach(requirement ->
                            requirement.path(ApiDescription.SCHEME).forEach(role -> described.add(role.asText())));
            if (operation.path("security").isEmpty()) {
                problems.add(endpoint + " has no security requirement");
            } else if (!described.equals(endpoint.roles())) {
                problems.add(endpoint + " lists roles " + described + ", the code " + endpoint.roles());
            }
            JsonNode error = operation.path("responses").path("default").path("content");
            if (!error.path("application/problem+json")
                    .path("schema")
                    .path("$ref")
                    .asText()
                    .endsWith("/Problem")) {
                problems.add(endpoint + " does not describe its errors as problem+json");
            }
        }
        assertEquals(List.of(), problems);
        assertNotNull(document.at("/components/securitySchemes/" + ApiDescription.SCHEME)
                .get("type"));
        assertEquals(
                "bearer",
                document.at("/components/securitySchemes/" + ApiDescription.SCHEME + "/scheme")
                        .asText());
    }

    @Test
    void theOnlyEndpointsLeftOutAreThePages() {
        JsonNode document = openApi();
        List<String> left = new ArrayList<>();
        for (Endpoint endpoint : endpoints()) {
            if (!endpoint.path().startsWith("/api")) {
                assertTrue(endpoint.resource().getSimpleName().endsWith("Page"), endpoint + " is not a page");
                assertTrue(document.path("paths").path(endpoint.path()).isMissingNode(), endpoint + " is described");
                left.add(endpoint.path());
            }
        }
        assertTrue(left.contains("/chat"), left.toString());
        document.path("paths").fieldNames().forEachRemaining(p -> assertTrue(p.startsWith("/api/"), p));
    }

    @Test
    void requestAndResponseRecordsAreDescribed() {
        JsonNode document = openApi();
        JsonNode ask = document.at("/paths/~1api~1chat/post");
        assertEquals(
                "#/components/schemas/ChatRequest",
                ask.at("/requestBody/content/application~1json/schema/$ref").asText(),
                ask.toString());
        assertEquals(
                "#/components/schemas/ChatAnswer",
                ask.at("/responses/200/content/application~1json/schema/$ref").asText());
        assertTrue(document.at("/components/schemas/ChatAnswer/properties").has("citations"));
    }

    @Test
    void theDocumentIsForSignedInCallersAndTheSwaggerUiForAdmins() {
        given().get("/q/openapi").then().statusCode(401);
        given().auth().oauth2(Tokens.of("alice")).get("/q/openapi").then().statusCode(200);
        given().auth().oauth2(Tokens.of("alice")).get("/q/swagger-ui/").then().statusCode(403);
        given().auth().oauth2(Tokens.of("admin")).get("/q/swagger-ui/").then().statusCode(200);
    }

    private static JsonNode openApi() {
        String body = given().auth()
                .oauth2(Tokens.of("alice"))
                .queryParam("format", "json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every resource method of Docent's compiled classes, with its full path and roles. */
    static List<Endpoint> endpoints() {
        java.nio.file.Path classes = Paths.get("target", "classes");
        List<Endpoint> endpoints = new ArrayList<>();
        try (Stream<java.nio.file.Path> files = Files.walk(classes.resolve("dev/docent"))) {
            for (java.nio.file.Path file :
                    files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name =
                        classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type =
                        Class.forName(name, false, Thread.currentThread().getContextClassLoader());
                Path root = type.getAnnotation(Path.class);
                if (root == null) {
                    continue;
                }
                for (Method method : type.getDeclaredMethods()) {
                    String verb = httpMethod(method);
                    if (verb != null) {
                        Path sub = method.getAnnotation(Path.class);
                        endpoints.add(new Endpoint(
                                verb, path(root.value(), sub == null ? "" : sub.value()), roles(method, type), type));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
        return endpoints;
    }

    private static String httpMethod(Method method) {
        for (Annotation a : method.getAnnotations()) {
            HttpMethod verb = a.annotationType().getAnnotation(HttpMethod.class);
            if (verb != null) {
                return verb.value();
            }
        }
        return null;
    }

    /** Joined, with template regular expressions ({@code {id: \d+}}) left out as OpenAPI does. */
    static String path(String root, String sub) {
        String joined = ("/" + root + "/" + sub).replaceAll("/+", "/").replaceAll("\\{\\s*(\\w+)\\s*:[^}]*}", "{$1}");
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }

    /** The method's own annotation, else the class's; {@code @Authenticated} is any signed-in user (no role). */
    private static Set<String> roles(Method method, Class<?> type) {
        for (AnnotatedElement element : List.of(method, type)) {
            RolesAllowed roles = element.getAnnotation(RolesAllowed.class);
            if (roles != null) {
                return new TreeSet<>(List.of(roles.value()));
            }
            if (element.isAnnotationPresent(Authenticated.class) || element.isAnnotationPresent(PermitAll.class)) {
                return Set.of();
            }
        }
        assertFalse(true, method + " declares no roles");
        return Set.of();
    }
}
