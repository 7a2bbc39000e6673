package dev.docent.limits;

import dev.docent.system.RouteProblems;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response.Status;
import java.util.Map;

/**
 * Refuses a JSON body over {@code docent.limits.json-body-size} before it is read: the 100 MB body limit is for
 * uploads, and a 10 MB question would otherwise be read and parsed before its 4,000-character check. A JSON body
 * without a declared length (chunked) is refused too, since its size is only known after reading it.
 */
@ApplicationScoped
public class JsonBodyLimit {

    /** Before CSRF (250) and authentication (200): a refused body costs nothing. */
    static final int PRIORITY = 260;

    @Inject
    LimitsConfig config;

    void install(@Observes Filters filters) {
        filters.register(this::check, PRIORITY);
    }

    void check(RoutingContext context) {
        String type = context.request().getHeader(HttpHeaders.CONTENT_TYPE);
        if (type == null || !isJson(type)) {
            context.next();
            return;
        }
        long max = config.jsonBodySize().asLongValue();
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            if (context.request().headers().contains(HttpHeaders.TRANSFER_ENCODING)) {
                RouteProblems.send(
                        context,
                        Status.LENGTH_REQUIRED,
                        "Send JSON with a Content-Length header (at most " + max / 1024 + " KB).",
                        Map.of(HttpHeaders.CONNECTION.toString(), "close"));
                return;
            }
        } else if (!length.matches("\\d{1,19}") || Long.parseLong(length) > max) {
            RouteProblems.send(
                    context,
                    Status.REQUEST_ENTITY_TOO_LARGE,
                    "This request body is larger than the " + max / 1024 + " KB Docent accepts for JSON: a question"
                            + " may have at most 4,000 characters.",
                    Map.of(HttpHeaders.CONNECTION.toString(), "close"));
            return;
        }
        context.next();
    }

    private static boolean isJson(String contentType) {
        String type = contentType.toLowerCase().split(";", 2)[0].strip();
        return type.equals("application/json") || type.endsWith("+json");
    }
}
