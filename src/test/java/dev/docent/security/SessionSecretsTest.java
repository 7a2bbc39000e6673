package dev.docent.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Outside the demo, Docent will not start with the demo realm's public secrets, and says which variable to set. */
class SessionSecretsTest {

    static final String STRONG = "f3Yp0q9Zr2Lm8Kc7Vb6Nx5Wd4Ts1Ua0Hg9Je8Qo7";

    @Test
    void theDemoClientSecretIsRefusedNamingItsVariable() {
        List<String> problems = SessionSecrets.problems(SessionSecrets.DEMO_CLIENT_SECRET, STRONG, false);
        assertTrue(String.join(" ", problems).contains("DOCENT_OIDC_CLIENT_SECRET"), problems.toString());
    }

    @Test
    void aMissingShortOrDemoSessionSecretIsRefusedNamingItsVariable() {
        for (String weak : new String[] {"", "short-secret", SessionSecrets.DEMO_SESSION_SECRET}) {
            List<String> problems = SessionSecrets.problems("real-client-secret", weak, false);
            assertTrue(String.join(" ", problems).contains("DOCENT_SESSION_SECRET"), weak + ": " + problems);
        }
    }

    @Test
    void realSecretsPass() {
        assertEquals(List.of(), SessionSecrets.problems("real-client-secret", STRONG, false));
    }

    @Test
    void theDemoSetUpMayUseTheDemoSecrets() {
        assertEquals(
                List.of(),
                SessionSecrets.problems(SessionSecrets.DEMO_CLIENT_SECRET, SessionSecrets.DEMO_SESSION_SECRET, true));
    }
}
