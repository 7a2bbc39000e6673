package dev.docent.system;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.Response.Status;
import java.util.Map;

/**
 * Ends a request that HTTP filters refuse before JAX-RS sees it (CSRF, body and rate limits) with the same
 * problem+json answer the resources give, so a script and the pages read every refusal the same way.
 */
public final class RouteProblems {

    private RouteProblems() {}

    /** Answers {@code status} with a problem document and the given extra headers, and ends the request. */
    public static void send(RoutingContext context, Status status, String detail, Map<String, String> headers) {
        Problem problem = Problem.of(status, detail, context.normalizedPath());
        JsonObject body = new JsonObject()
                .put("type", problem.type())
                .put("title", problem.title())
                .put("status", problem.status())
                .put("detail", problem.detail())
                .put("instance", problem.instance());
        var response = context.response()
                .setStatusCode(status.getStatusCode())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        headers.forEach(response::putHeader);
        response.end(body.encode());
    }
}
