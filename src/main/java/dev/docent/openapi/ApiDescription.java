package dev.docent.openapi;

import dev.docent.system.Problem;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Finishes the generated OpenAPI document ({@code /q/openapi}): it describes the JSON API under {@code /api} only (the
 * Qute pages are for browsers), and every operation's errors as the {@code application/problem+json} documents
 * Docent sends ({@link Problem}), so a client generated from it reads every refusal the same way. Roles come from the
 * endpoints' {@code @RolesAllowed} (SmallRye adds them as the {@value #SCHEME} requirement's scopes).
 */
public class ApiDescription implements OASFilter {

    /** The bearer-token security scheme's name ({@code quarkus.smallrye-openapi.security-scheme-name}). */
    public static final String SCHEME = "keycloak";

    static final String PROBLEM = "Problem";
    static final String PROBLEM_REF = "#/components/schemas/" + PROBLEM;

    private static final Map<String, String> ERRORS = Map.of(
            "400", "The request is not valid: the detail says what to change.",
            "401", "No valid bearer token: sign in (Keycloak) and send the access token.",
            "403", "The token's user lacks the role this endpoint needs.",
            "404", "Not found, or not readable by this user (reported alike).",
            "413", "The body is larger than Docent accepts.",
            "429", "Too many requests from this user: try again after Retry-After seconds.",
            "503", "Docent is busy: try again after Retry-After seconds.");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents().addSchema(PROBLEM, problemSchema());
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (String path : Map.copyOf(openAPI.getPaths().getPathItems()).keySet()) {
            if (!path.equals("/api") && !path.startsWith("/api/")) {
                openAPI.getPaths().removePathItem(path);
            }
        }
        openAPI.getPaths().getPathItems().values().forEach(ApiDescription::describeErrors);
    }

    private static void describeErrors(PathItem item) {
        for (Operation operation : item.getOperations().values()) {
            if (operation.getResponses() == null) {
                operation.setResponses(OASFactory.createAPIResponses());
            }
            APIResponses responses = operation.getResponses();
            if (responses.getAPIResponses() != null) {
                responses.getAPIResponses().forEach((code, response) -> {
                    if (code.startsWith("4") || code.startsWith("5")) {
                        response.setContent(problemContent());
                        if (ERRORS.containsKey(code)) {
                            response.setDescription(ERRORS.get(code));
                        }
                    }
                });
            }
            responses.setDefaultValue(OASFactory.createAPIResponse()
                    .description("An error, as an RFC 9457 problem document with a detail a user can act on.")
                    .content(problemContent()));
        }
    }

    private static Content problemContent() {
        return OASFactory.createContent()
                .addMediaType(
                        Problem.MEDIA_TYPE,
                        OASFactory.createMediaType()
                                .schema(OASFactory.createSchema().ref(PROBLEM_REF)));
    }

    private static Schema problemSchema() {
        return OASFactory.createSchema()
                .addType(Schema.SchemaType.OBJECT)
                .description("What went wrong (RFC 9457), in words a user can act on.")
                .addProperty("type", text("A URI naming the kind of problem; about:blank when the status says it all."))
                .addProperty("title", text("The status in words."))
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER))
                .addProperty("detail", text("What happened and what to do about it."))
                .addProperty("instance", text("The request path."))
                .addRequired("title")
                .addRequired("status")
                .addRequired("detail");
    }

    private static Schema text(String description) {
        return OASFactory.createSchema().addType(Schema.SchemaType.STRING).description(description);
    }
}
