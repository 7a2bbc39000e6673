package dev.docent.curated;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A change to a curated answer ({@code PATCH /api/curated/{id}}): only the fields sent change; each change is a new
 * version, the old one kept in its history.
 *
 * @param others any other field sent: refused with its name
 */
public record CuratedUpdate(
        String answer,
        List<String> documents,
        List<String> questions,
        @JsonAnySetter Map<String, Object> others) {

    Set<String> unknownFields() {
        return others == null ? Set.of() : others.keySet();
    }

    boolean empty() {
        return answer == null
                && documents == null
                && questions == null
                && unknownFields().isEmpty();
    }
}
