package dev.docent.collection;

import java.time.Instant;
import java.util.List;

/**
 * A set of documents with one access rule.
 *
 * @param groups Keycloak groups that may read it; empty means everyone
 * @param localOnly its content is never sent to a commercial LLM provider
 * @param trainingUse an admin allowed its passages in exported fine-tuning data (off until then)
 */
public record Collection(
        long id,
        String name,
        String description,
        List<String> groups,
        boolean localOnly,
        String createdBy,
        Instant createdAt,
        boolean trainingUse) {

    /** The collection every upload goes to when it names none. */
    public static final String DEFAULT = "general";

    /** Whether a user in these groups may read this collection. */
    public boolean openTo(java.util.Set<String> userGroups) {
        return groups.isEmpty() || groups.stream().anyMatch(userGroups::contains);
    }
}
