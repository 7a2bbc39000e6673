package dev.docent.security;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses to start a real deployment with the demo realm's public secrets: the OIDC client secret is published with
 * the demo realm, and whoever knows the session-cookie encryption secret can read every session cookie. Only the
 * demo set-up ({@code make run}, {@code make test}, the compose file, all with {@code DOCENT_DEMO=true}) may use them.
 */
@ApplicationScoped
public class SessionSecrets {

    /** The client secret of the demo realm (keycloak/docent-realm.json), public by design. */
    public static final String DEMO_CLIENT_SECRET = "docent-demo-secret";

    /** The session encryption secret of the demo set-up, public by design. */
    public static final String DEMO_SESSION_SECRET = "docent-demo-session-secret-public-do-not-use-in-production";

    /** Shortest session encryption secret accepted outside the demo (32 characters: 256 bits of key material). */
    public static final int MIN_SESSION_SECRET_LENGTH = 32;

    @ConfigProperty(name = "quarkus.oidc.credentials.secret")
    String clientSecret;

    @ConfigProperty(name = "quarkus.oidc.token-state-manager.encryption-secret", defaultValue = "")
    String sessionSecret;

    @ConfigProperty(name = "docent.security.demo", defaultValue = "false")
    boolean demo;

    void check(@Observes StartupEvent event) {
        List<String> problems = problems(clientSecret, sessionSecret, demo);
        if (!problems.isEmpty()) {
            throw new IllegalStateException(String.join(" ", problems));
        }
    }

    /** What is wrong with these secrets for a real deployment; nothing in the demo. */
    public static List<String> problems(String clientSecret, String sessionSecret, boolean demo) {
        List<String> problems = new ArrayList<>();
        if (demo) {
            return problems;
        }
        if (clientSecret == null || clientSecret.isBlank() || clientSecret.equals(DEMO_CLIENT_SECRET)) {
            problems.add("DOCENT_OIDC_CLIENT_SECRET is the public demo secret (or empty): set it to the secret of"
                    + " Docent's client in your Keycloak realm.");
        }
        if (sessionSecret == null
                || sessionSecret.equals(DEMO_SESSION_SECRET)
                || sessionSecret.strip().length() < MIN_SESSION_SECRET_LENGTH) {
            problems.add("DOCENT_SESSION_SECRET must be set to at least " + MIN_SESSION_SECRET_LENGTH
                    + " random characters (e.g. `openssl rand -base64 48`); it encrypts the session cookies.");
        }
        if (!problems.isEmpty()) {
            problems.add("(DOCENT_DEMO=true runs with the demo secrets, for a local demo only.)");
        }
        return problems;
    }
}
