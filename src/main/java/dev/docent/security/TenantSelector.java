package dev.docent.security;

import io.quarkus.oidc.TenantResolver;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Chooses how a request signs in. Browsers use the authorization-code flow (the default tenant, session cookie);
 * scripts send bearer tokens (the {@value #API_TENANT} tenant; not named after a path segment, which Quarkus would match on its own). A machine path ({@code /api}, {@code /q}) without a
 * session cookie goes to the bearer tenant too, so an anonymous call gets 401 rather than a redirect to a login page.
 */
@ApplicationScoped
public class TenantSelector implements TenantResolver {

    /** The bearer-token tenant configured as {@code quarkus.oidc.api.*}. */
    public static final String API_TENANT = "bearer";

    private static final String SESSION_COOKIE = "q_session";

    @Override
    public String resolve(RoutingContext context) {
        String authorization = context.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return API_TENANT;
        }
        if (isMachinePath(context.normalizedPath()) && context.request().getCookie(SESSION_COOKIE) == null) {
            return API_TENANT;
        }
        return null;
    }

    /** Paths that answer JSON (or metrics, or MCP) rather than pages; the Swagger UI is a page (admins sign in). */
    public static boolean isMachinePath(String path) {
        return path.equals("/api")
                || path.startsWith("/api/")
                || (path.startsWith("/q/") && !path.startsWith("/q/swagger-ui"))
                || path.equals("/mcp")
                || path.startsWith("/mcp/");
    }
}
