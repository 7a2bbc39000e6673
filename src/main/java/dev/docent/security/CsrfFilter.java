package dev.docent.security;

import dev.docent.system.RouteProblems;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response.Status;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Refuses cross-site requests that ride on the session cookie. {@code SameSite=Lax} alone lets any page of the same
 * site (another port of the host, a sibling subdomain) post with it, so a state-changing request that signs in by
 * cookie must come from Docent's own origin ({@code Origin}, else {@code Referer}) and carry the browser's CSRF token
 * (header {@value #HEADER}, or {@code ?csrf=} for the logout form), a double-submit cookie a cross-site page can
 * neither read nor set for this origin. Bearer-token requests carry no ambient credential and pass untouched. Runs
 * before authentication, so a refused request never reaches the session.
 */
@ApplicationScoped
public class CsrfFilter {

    /** The header the pages' scripts send the token in. */
    public static final String HEADER = "X-CSRF-Token";

    static final String COOKIE = "docent-csrf";
    static final String PARAM = "csrf";
    static final String TOKEN_KEY = CsrfFilter.class.getName() + ".token";
    static final String LOGOUT_PATH = "/logout";

    /** After CORS (300), before authentication (200). */
    static final int PRIORITY = 250;

    static final String CROSS_SITE = "This request came from another site (or without an Origin header) and was"
            + " refused to protect your session. Use Docent's own pages, or send a bearer token from scripts.";
    static final String NO_TOKEN = "This request lacks the page's security token: reload the page and try again."
            + " Scripts should send a bearer token instead of the session cookie.";
    static final String LOGOUT_BY_POST = "Log out with the Log out button on Docent's pages.";

    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    SecurityConfig config;

    void install(@Observes Filters filters) {
        filters.register(this::check, PRIORITY);
    }

    void check(RoutingContext context) {
        HttpServerRequest request = context.request();
        String token = issueToken(context);
        if (LOGOUT_PATH.equals(context.normalizedPath()) && request.method() == HttpMethod.GET) {
            // A logout by GET could be triggered by any page's image tag.
            RouteProblems.send(context, Status.METHOD_NOT_ALLOWED, LOGOUT_BY_POST, Map.of("Allow", "POST"));
            return;
        }
        if (!SAFE.contains(request.method()) && (signsInByCookie(request) || isLogout(context))) {
            if (!sameOrigin(request)) {
                RouteProblems.send(context, Status.FORBIDDEN, CROSS_SITE, Map.of());
                return;
            }
            if (!tokenMatches(request, token)) {
                RouteProblems.send(context, Status.FORBIDDEN, NO_TOKEN, Map.of());
                return;
            }
        }
        context.next();
    }

    /** The browser's token, from its cookie, or a new one set on this response. */
    private static String issueToken(RoutingContext context) {
        Cookie cookie = context.request().getCookie(COOKIE);
        String token = cookie == null ? null : cookie.getValue();
        if (token == null || !token.matches("[A-Za-z0-9_-]{43}")) {
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            context.response()
                    .addCookie(Cookie.cookie(COOKIE, token)
                            .setPath("/")
                            .setHttpOnly(true)
                            .setSecure(context.request().isSSL()
                                    || "https".equals(context.request().scheme()))
                            .setSameSite(CookieSameSite.STRICT));
        }
        context.put(TOKEN_KEY, token);
        return token;
    }

    private static boolean isLogout(RoutingContext context) {
        return LOGOUT_PATH.equals(context.normalizedPath());
    }

    /** A request without a bearer token that carries an OIDC session cookie (q_session, or its split parts). */
    static boolean signsInByCookie(HttpServerRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return request.cookies().stream().anyMatch(c -> c.getName().startsWith("q_session"));
    }

    private boolean sameOrigin(HttpServerRequest request) {
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (origin == null) {
            origin = originOf(request.getHeader(HttpHeaders.REFERER));
        }
        if (origin == null || origin.equals("null")) {
            return false;
        }
        String normalised = normalise(origin);
        if (normalised == null) {
            return false;
        }
        HostAndPort authority = request.authority();
        if (authority == null) {
            return false;
        }
        String own = normalise(
                request.scheme() + "://" + authority.host() + (authority.port() >= 0 ? ":" + authority.port() : ""));
        List<String> trusted = config.trustedOrigins().orElse(List.of());
        return normalised.equals(own)
                || trusted.stream().map(CsrfFilter::normalise).anyMatch(normalised::equals);
    }

    private static String originOf(String referer) {
        if (referer == null) {
            return null;
        }
        try {
            URI uri = URI.create(referer);
            return uri.getScheme() == null || uri.getRawAuthority() == null
                    ? null
                    : uri.getScheme() + "://" + uri.getRawAuthority();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** scheme://host:port in lower case, the default port spelled out, or null when it is not an origin. */
    static String normalise(String origin) {
        try {
            URI uri = URI.create(origin.trim());
            String scheme = uri.getScheme();
            String host = uri.getHost();
            if (scheme == null || host == null) {
                return null;
            }
            scheme = scheme.toLowerCase();
            int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
            return scheme + "://" + host.toLowerCase() + ":" + port;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean tokenMatches(HttpServerRequest request, String token) {
        String sent = request.getHeader(HEADER);
        if (sent == null) {
            sent = request.getParam(PARAM);
        }
        return sent != null
                && MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
    }
}
