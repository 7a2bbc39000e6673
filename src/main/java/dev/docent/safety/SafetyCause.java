package dev.docent.safety;

/** Why a guard stopped or marked something; the code is stored and shown on the Safety page. */
public enum SafetyCause {
    /** "Ignore previous instructions" and other attempts to replace the rules. */
    PROMPT_INJECTION("prompt_injection", "it tries to override Docent's instructions"),
    /** Role-play overrides, "developer mode", DAN and friends. */
    JAILBREAK("jailbreak", "it asks the assistant to drop its rules or play an unrestricted role"),
    /** Asks for the hidden instructions. */
    SYSTEM_PROMPT_REQUEST("system_prompt_request", "it asks for Docent's hidden instructions"),
    /** Base64, hex or similar blobs, or a request to decode and follow one. */
    ENCODED_PAYLOAD("encoded_payload", "it carries an encoded payload"),
    /** Look-alike letters from other scripts hiding words, or invisible characters. */
    DISGUISED_TEXT("disguised_text", "it hides text with look-alike letters or invisible characters"),
    /** Close to a known attack in meaning. */
    KNOWN_ATTACK("known_attack", "it closely resembles a known attack"),
    /** A document chunk addresses instructions to the model. */
    INSTRUCTION_TO_MODEL("instruction_to_model", "it addresses instructions to an AI model"),
    /** A document chunk carries a request for an assistant close in meaning to known planted requests. */
    PLANTED_TASK("planted_task", "it carries a request for an assistant like those attackers plant in documents"),
    /** A document chunk carries text its original hides from a reader (HTML styled away). */
    HIDDEN_TEXT("hidden_text", "it contains text the original document hides from its readers"),
    /** A document chunk carries chat-template or prompt delimiters. */
    PROMPT_DELIMITER("prompt_delimiter", "it contains prompt-like delimiters"),
    /** The answer carried the system prompt's canary. */
    CANARY_LEAK("canary_leak", "the answer revealed Docent's hidden instructions"),
    /** The answer linked to a domain no cited passage mentions. */
    FOREIGN_LINK("foreign_link", "the answer linked to an address that no cited passage mentions"),
    /** The answer repeated an instruction planted in a document. */
    REPEATED_INJECTION("repeated_injection", "the answer repeated an instruction planted in a document");

    private final String code;
    private final String reason;

    SafetyCause(String code, String reason) {
        this.code = code;
        this.reason = reason;
    }

    /** The value stored in the database and shown in the API. */
    public String code() {
        return code;
    }

    /** Why, in words a user understands (completes "... because ..."). */
    public String reason() {
        return reason;
    }
}
