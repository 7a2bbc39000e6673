package dev.docent.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Optional;

/** How Docent protects signed-in browsers: which origins may send state-changing requests with the session cookie. */
@ConfigMapping(prefix = "docent.security")
public interface SecurityConfig {

    /**
     * Origins (scheme://host[:port]) besides Docent's own that may send state-changing requests with the session
     * cookie, for a proxy that does not pass {@code X-Forwarded-Host}/{@code Forwarded}. Empty: only Docent's own
     * origin, as the request's Host header (or the forwarded one, with proxy headers on) names it.
     */
    Optional<List<String>> trustedOrigins();

    /**
     * Refuses to start outside the demo set-up (the {@code dev} and {@code test} profiles, or
     * {@code DOCENT_DEMO=true}) when the OIDC client secret is the public demo one or the session encryption secret
     * is missing or short.
     */
    @WithDefault("false")
    boolean demo();
}
