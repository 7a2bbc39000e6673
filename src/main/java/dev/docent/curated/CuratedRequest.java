package dev.docent.curated;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A new curated answer ({@code POST /api/curated}).
 *
 * @param answer the text users will get, as written (Markdown like other answers)
 * @param documents ids of the documents it relies on (1 to 20): its citations, and who may get it
 * @param questions the questions it answers; optional when {@code gapId} is given (the gap's questions are used)
 * @param gapId the knowledge-gap cluster it answers, or null for a standalone answer
 * @param others any other field sent: refused with its name
 */
public record CuratedRequest(
        String answer,
        List<String> documents,
        List<String> questions,
        Long gapId,
        @JsonAnySetter Map<String, Object> others) {

    Set<String> unknownFields() {
        return others == null ? Set.of() : others.keySet();
    }
}
