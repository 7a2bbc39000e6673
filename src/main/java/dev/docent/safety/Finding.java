package dev.docent.safety;

import java.util.Objects;

/**
 * What a guard detected.
 *
 * @param cause the kind of attack
 * @param detail the rule or the text that matched, for admins (never shown to the asker)
 */
public record Finding(SafetyCause cause, String detail) {

    public Finding {
        Objects.requireNonNull(cause, "cause");
        detail = detail == null ? "" : detail.length() > 400 ? detail.substring(0, 400) + "…" : detail;
    }
}
