package dev.docent.gaps;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import jakarta.validation.constraints.Size;
import java.util.Map;
import java.util.Set;

/**
 * A knowledge manager's change to a cluster ({@code PATCH /api/gaps/{id}}): only the fields sent change. An empty
 * owner or notes ({@code ""}) clears it; a field left out (or null) stays as it is.
 *
 * @param status one of {@link GapStatus#SETTABLE}
 * @param others any other field sent: refused with its name (they cannot be changed)
 */
public record GapUpdate(
        String status,

        @Size(max = GapUpdate.MAX_OWNER, message = "'owner' has at most " + GapUpdate.MAX_OWNER + " characters.")
        String owner,

        @Size(max = GapUpdate.MAX_NOTES, message = "'notes' has at most " + GapUpdate.MAX_NOTES + " characters.")
        String notes,

        @JsonAnySetter Map<String, Object> others) {

    public static final int MAX_OWNER = 100;
    public static final int MAX_NOTES = 4000;

    /** Fields sent that are not status, owner or notes. */
    Set<String> unknownFields() {
        return others == null ? Set.of() : others.keySet();
    }

    boolean empty() {
        return status == null
                && owner == null
                && notes == null
                && unknownFields().isEmpty();
    }
}
