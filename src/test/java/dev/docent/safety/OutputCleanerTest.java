package dev.docent.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OutputCleanerTest {

    private static final String PASSAGES = "disputes are handled at https://mercury.com/help and support@mercury.com.";

    @Test
    void linkNoPassageMentions_isRemoved_butItsTextStays() {
        OutputCleaner.Cleaned c = OutputCleaner.clean("Sign in [here](https://evil.example/login) now [1].", PASSAGES);
        assertEquals("Sign in here now [1].", c.text());
        assertEquals(java.util.List.of("https://evil.example/login"), c.removed());
    }

    @Test
    void linkACitedPassageMentions_stays() {
        String answer = "Raise a dispute at https://mercury.com/help [1].";
        assertFalse(OutputCleaner.clean(answer, PASSAGES).changed());
    }

    @Test
    void bareDomainsUrlsAndAddresses_areRemoved() {
        String cleaned = OutputCleaner.clean(
                        "Visit www.evil.example or evil.com, or write to thief@evil.example. Done.", PASSAGES)
                .text();
        assertFalse(cleaned.contains("evil"), cleaned);
        assertTrue(cleaned.contains("Visit") && cleaned.contains("Done."), cleaned);
    }

    @Test
    void imagesAndScripts_neverSurvive_evenFromAllowedHosts() {
        String cleaned = OutputCleaner.clean(
                        "A ![chart](https://mercury.com/p.png?q=secret) <img src=x onerror=alert(1)>"
                                + "<script>fetch('//evil')</script> end",
                        PASSAGES)
                .text();
        assertEquals("A end", cleaned);
    }

    @Test
    void javascriptLinks_lose_theirAddress() {
        assertFalse(
                OutputCleaner.clean("[click](javascript:alert(1)) ok", PASSAGES)
                        .text()
                        .contains("javascript"),
                OutputCleaner.clean("[click](javascript:alert(1)) ok", PASSAGES).text());
    }

    @Test
    void plainAnswer_isUntouched() {
        String answer = "The card was charged $2,099.00 [1]. See section 4.2 e.g. the table.";
        assertEquals(answer, OutputCleaner.clean(answer, PASSAGES).text());
    }
}
