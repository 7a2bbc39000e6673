package dev.docent.gaps;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Reports show what people asked about, not who they are or which account they meant. */
class PiiMaskTest {

    @Test
    void emailAddressesAreMasked() {
        assertEquals(
                "Why did [email] not get the payslip?",
                PiiMask.mask("Why did jo.doe+hr@corp.example.co.uk not get the payslip?"));
    }

    @Test
    void phoneNumbersInCommonFormatsAreMasked() {
        assertEquals("Call me on [phone] please", PiiMask.mask("Call me on +49 30 1234 5678 please"));
        assertEquals("Is [phone] the helpdesk?", PiiMask.mask("Is (555) 123-4567 the helpdesk?"));
        assertEquals("Is [phone] the helpdesk?", PiiMask.mask("Is 555-123-4567 the helpdesk?"));
    }

    @Test
    void longDigitRunsLikeAccountAndCardNumbersAreMasked() {
        assertEquals("Refund to account [number]?", PiiMask.mask("Refund to account 12345678901?"));
        assertEquals("Card [number] was declined", PiiMask.mask("Card 4111 1111 1111 1111 was declined"));
        assertEquals("IBAN [number]", PiiMask.mask("IBAN DE89370400440532013000"));
    }

    @Test
    void yearsDatesAndSmallNumbersStayBecauseTheyAreTheTopic() {
        String question = "How many of the 25 vacation days carry over from 2024 to 2025, and is 3 the limit?";
        assertEquals(question, PiiMask.mask(question));
        assertEquals(
                "What changed on 2025-03-31 and 31.03.2025?",
                PiiMask.mask("What changed on 2025-03-31 and 31.03.2025?"));
    }

    @Test
    void nullStaysNull() {
        assertEquals(null, PiiMask.mask(null));
    }
}
