package dev.docent.openapi;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The Swagger UI's page starts itself with an inline script and inline styles, which Docent's Content-Security-Policy
 * ({@code default-src 'self'}) blocks, leaving admins a blank page. Only under {@value #PATH}, which admins alone
 * reach, the policy allows them; it is set as the headers are written, so it replaces the application-wide one.
 */
@ApplicationScoped
public class SwaggerUiHeaders {

    static final String PATH = "/q/swagger-ui";

    static final String POLICY = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self'"
            + " 'unsafe-inline'; img-src 'self' data:; object-src 'none'; frame-ancestors 'none'; base-uri 'self';"
            + " form-action 'self'";

    /** After the body limit (260) and CSRF (250) filters; the order does not matter for a headers-end handler. */
    static final int PRIORITY = 240;

    void install(@Observes Filters filters) {
        filters.register(this::relax, PRIORITY);
    }

    void relax(RoutingContext context) {
        String path = context.normalizedPath();
        if (path.equals(PATH) || path.startsWith(PATH + "/")) {
            context.addHeadersEndHandler(v -> context.response().headers().set("Content-Security-Policy", POLICY));
        }
        context.next();
    }
}
