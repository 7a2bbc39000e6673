package dev.docent.system;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.docent.security.TenantSelector;
import io.quarkus.qute.Template;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticator;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns failures into answers people can act on: {@code application/problem+json} under {@code /api}, an HTML page
 * elsewhere, a login redirect for a browser that is not signed in. Never a stack trace, never an empty body.
 */
public class ErrorResponses {

    private static final Logger LOG = Logger.getLogger(ErrorResponses.class);

    static final String SIGN_IN =
            "Sign in first: send 'Authorization: Bearer <access token>' issued by Docent's Keycloak realm.";
    static final String BAD_TOKEN = "Your access token was refused (expired, malformed or not issued for Docent):"
            + " get a new one from Keycloak and try again.";
    static final String FORBIDDEN = "Your account does not have the role this needs. Ask a Docent administrator"
            + " for access if you should have it.";

    @Inject
    Template error;

    @ServerExceptionMapper
    public Uni<Response> unauthorized(UnauthorizedException e, RoutingContext context) {
        return challenge(context, SIGN_IN);
    }

    @ServerExceptionMapper
    public Uni<Response> authenticationFailed(AuthenticationFailedException e, RoutingContext context) {
        return challenge(context, BAD_TOKEN);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, RoutingContext context) {
        return respond(context, Status.FORBIDDEN, FORBIDDEN);
    }

    @ServerExceptionMapper
    public Response invalidInput(InvalidInputException e, RoutingContext context) {
        return respond(context, Status.fromStatusCode(e.status()), e.getMessage());
    }

    /** A request body that breaks its record's rules (Bean Validation): every rule's message, in a stable order. */
    @ServerExceptionMapper
    public Response invalidBody(ConstraintViolationException e, RoutingContext context) {
        String detail = e.getConstraintViolations().stream()
                .map(ConstraintViolation::getMessage)
                .distinct()
                .sorted()
                .collect(Collectors.joining(" "));
        return respond(context, Status.BAD_REQUEST, detail.isBlank() ? "The request is not valid." : detail);
    }

    @ServerExceptionMapper
    public Response badJson(JsonProcessingException e, RoutingContext context) {
        String where = e.getLocation() == null
                ? ""
                : " (line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr() + ")";
        return respond(
                context,
                Status.BAD_REQUEST,
                "The request body is not the JSON this endpoint expects" + where
                        + ": check the field names and types in the README's API table.");
    }

    /** A field of the right JSON but the wrong type or format (e.g. an id that is not a UUID). */
    @ServerExceptionMapper
    public Response badField(MismatchedInputException e, RoutingContext context) {
        String field = e.getPath().isEmpty() ? null : e.getPath().getLast().getFieldName();
        if (field == null) {
            return badJson(e, context);
        }
        return respond(
                context,
                Status.BAD_REQUEST,
                "The field '" + field + "' has the wrong type or format: check the README's API table.");
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, RoutingContext context) {
        Response.StatusType status = e.getResponse().getStatusInfo();
        if (status.getStatusCode() >= 500) {
            return unexpected(e, context);
        }
        if (e.getCause() instanceof JsonProcessingException json) {
            return badJson(json, context);
        }
        return respond(context, status, detailFor(status, e));
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, RoutingContext context) {
        String incident = UUID.randomUUID().toString().substring(0, 8);
        LOG.errorf(
                e, "Unexpected error on %s %s (incident %s)", context.request().method(), path(context), incident);
        return respond(
                context,
                Status.INTERNAL_SERVER_ERROR,
                "Something went wrong on Docent's side. Try again; if it keeps happening, give the administrator"
                        + " incident id " + incident + ".");
    }

    /** Pages get the identity provider's challenge (a login redirect); the API gets a 401 problem. */
    private Uni<Response> challenge(RoutingContext context, String detail) {
        HttpAuthenticator authenticator = context.get(HttpAuthenticator.class.getName());
        if (TenantSelector.isMachinePath(path(context)) || authenticator == null) {
            Response problem =
                    Problem.of(Status.UNAUTHORIZED, detail, path(context)).toResponse();
            problem.getHeaders().add(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"docent\"");
            return Uni.createFrom().item(problem);
        }
        return authenticator.getChallenge(context).map(ErrorResponses::toResponse);
    }

    private static Response toResponse(ChallengeData challenge) {
        Response.ResponseBuilder builder = Response.status(challenge.status);
        challenge.getHeaders().forEach((name, value) -> builder.header(name.toString(), value));
        return builder.header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    private Response respond(RoutingContext context, Response.StatusType status, String detail) {
        if (TenantSelector.isMachinePath(path(context))) {
            return Problem.of(status, detail, path(context)).toResponse();
        }
        // The full layout (navigation, user, log out) needs the identity; only read it when already resolved.
        String page = error.data("bare", context.user() == null)
                .data("status", status.getStatusCode())
                .data("title", status.getReasonPhrase())
                .data("detail", detail)
                .render();
        return Response.status(status)
                .type(MediaType.TEXT_HTML_TYPE)
                .entity(page)
                .build();
    }

    private static String detailFor(Response.StatusType status, WebApplicationException e) {
        return switch (status.getStatusCode()) {
            case 404 -> "Nothing here: check the address.";
            case 405 -> "This address does not accept that method: check the API reference in the README.";
            case 406 -> "Docent cannot answer in the format you asked for (Accept header).";
            case 415 -> "Docent does not accept that content type here: send JSON (or multipart for uploads).";
            default ->
                e.getMessage() == null || e.getMessage().startsWith("HTTP ")
                        ? status.getReasonPhrase()
                        : e.getMessage();
        };
    }

    private static String path(RoutingContext context) {
        return context.normalizedPath();
    }
}
