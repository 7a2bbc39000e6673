package dev.docent.privacy;

import dev.docent.chat.ConversationRepository;
import dev.docent.feedback.FeedbackService;
import dev.docent.gaps.GapRepository;
import dev.docent.security.CurrentUser;
import dev.docent.system.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A person's rights over what Docent keeps about them: a copy of all of it (access and portability), and erasure of
 * one conversation or all of it, including what was derived from their questions (gap examples, cluster labels and
 * centroids, feedback, question embeddings). Each feature's own repository does the reading and deleting.
 */
@ApplicationScoped
public class PersonalDataService {

    @Inject
    ConversationRepository conversations;

    @Inject
    FeedbackService feedback;

    @Inject
    GapRepository gaps;

    @Inject
    ErasureRepository erasure;

    /** Everything Docent holds about the signed-in user, as one JSON document. */
    public Map<String, Object> export(CurrentUser user) {
        String owner = user.getUsername();
        Map<String, Object> account = new LinkedHashMap<>();
        account.put("username", owner);
        account.put("name", user.getDisplayName());
        account.put("email", user.getEmail());
        account.put("roles", user.getRoles());
        account.put("groups", user.getGroups());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("exportedAt", Instant.now());
        data.put("account", account);
        data.put("messages", conversations.exportOf(owner));
        data.put("feedback", feedback.exportOf(owner));
        data.put("gapExamples", gaps.questionsOf(owner));
        data.put("documentsUploaded", erasure.documentsUploadedBy(owner));
        data.put("collectionsCreated", erasure.collectionsCreatedBy(owner));
        return data;
    }

    /** Erases one of the user's conversations and what was derived from it; 404 when it is not theirs. */
    @Transactional
    public void eraseConversation(UUID id, String owner) {
        List<Long> clusters = gaps.clustersOf(owner);
        if (!conversations.delete(id, owner)) {
            throw new InvalidInputException(404, "There is no such conversation (or it is not yours).");
        }
        clusters.forEach(gaps::afterErasure);
    }

    /** What an erasure removed, for the person (or the admin) who asked for it. */
    public record Erased(String user, int conversations, int gapClustersTouched, int namesForgotten) {}

    /** Erases everything about {@code owner}: conversations, messages, feedback, gap examples; names elsewhere. */
    @Transactional
    public Erased eraseAll(String owner) {
        if (owner == null || owner.isBlank()) {
            throw new InvalidInputException(400, "Name the user whose data to erase.");
        }
        List<Long> clusters = gaps.clustersOf(owner);
        int removed = conversations.deleteAllOf(owner);
        clusters.forEach(gaps::afterErasure);
        int names = gaps.forgetAssignee(owner) + erasure.forgetName(owner);
        return new Erased(owner, removed, clusters.size(), names);
    }
}
