package dev.docent.limits;

import dev.docent.system.Problem;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** A reached limit as a problem with {@code Retry-After}, so scripts back off and people read when to try again. */
public class LimitResponses {

    @ServerExceptionMapper
    public Response limitExceeded(LimitExceededException e, RoutingContext context) {
        Response problem = Problem.of(
                        Response.Status.fromStatusCode(e.status()), e.getMessage(), context.normalizedPath())
                .toResponse();
        problem.getHeaders().add("Retry-After", Long.toString(e.retryAfterSeconds()));
        problem.getHeaders().add(HttpHeaders.CACHE_CONTROL, "no-store");
        return problem;
    }
}
