package dev.docent.privacy;

import dev.docent.chat.ConversationOwners;
import dev.docent.chat.ConversationRepository;
import dev.docent.chat.Owner;
import dev.docent.curated.CuratedService;
import dev.docent.evaluation.EvalSets;
import dev.docent.feedback.FeedbackService;
import dev.docent.gaps.GapRepository;
import dev.docent.monitoring.ObservationRepository;
import dev.docent.review.ReviewService;
import dev.docent.safety.SafetyRepository;
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
 * centroids, feedback, question embeddings, safety records, monitoring observations, evaluation items built from
 * their questions, curated answers' copies of their questions). Conversations belong to the account ({@code sub}); what hangs off a message goes with it
 * ({@link dev.docent.chat.ConversationDeleted} and foreign keys), and each feature's own repository does the reading.
 */
@ApplicationScoped
public class PersonalDataService {

    @Inject
    CuratedService curated;

    @Inject
    ConversationRepository conversations;

    @Inject
    ConversationOwners owners;

    @Inject
    FeedbackService feedback;

    @Inject
    GapRepository gaps;

    @Inject
    ErasureRepository erasure;

    @Inject
    SafetyRepository safety;

    @Inject
    ObservationRepository observations;

    @Inject
    EvalSets evaluation;

    @Inject
    ReviewService reviews;

    /** Everything Docent holds about the signed-in user, as one JSON document. */
    public Map<String, Object> export(CurrentUser user) {
        Owner owner = owners.of(user);
        String name = owner.name();
        Map<String, Object> account = new LinkedHashMap<>();
        account.put("username", name);
        account.put("id", owner.sub());
        account.put("name", user.getDisplayName());
        account.put("email", user.getEmail());
        account.put("roles", user.getRoles());
        account.put("groups", user.getGroups());
        List<Map<String, Object>> messages = conversations.exportOf(owner);
        List<UUID> messageIds =
                messages.stream().map(m -> (UUID) m.get("messageId")).toList();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("exportedAt", Instant.now());
        data.put("account", account);
        data.put("messages", messages);
        data.put("feedback", feedback.exportOf(messageIds));
        data.put("gapExamples", gaps.questionsOf(messageIds));
        data.put("safetyEvents", safety.eventsOf(name, messageIds));
        data.put(
                "answerObservations",
                messageIds.stream()
                        .flatMap(id -> observations.find(id).stream())
                        .toList());
        data.put("evaluationItems", evaluation.itemsFrom(messageIds));
        data.put("answerReviews", reviews.exportOf(messageIds));
        data.put("documentsUploaded", erasure.documentsUploadedBy(name));
        data.put("collectionsCreated", erasure.collectionsCreatedBy(name));
        return data;
    }

    /** Erases one of the user's conversations and what was derived from it; 404 when it is not theirs. */
    @Transactional
    public void eraseConversation(UUID id, CurrentUser user) {
        Owner owner = owners.of(user);
        List<String> asked = conversations.questionsIn(id, owner);
        if (!conversations.delete(id, owner)) {
            throw new InvalidInputException(404, "There is no such conversation (or it is not yours).");
        }
        curated.forgetQuestionsAsked(asked);
    }

    /** What an erasure removed, for the person (or the admin) who asked for it. */
    public record Erased(String user, int conversations, int gapClustersTouched, int namesForgotten) {}

    /** Erases everything about the signed-in user: their account's conversations and all derived from them, and their name. */
    @Transactional
    public Erased eraseMine(CurrentUser user) {
        Owner owner = owners.of(user);
        List<Long> clusters = gaps.clustersOf(conversations.messageIdsOf(owner));
        List<String> asked = conversations.questionsOf(owner);
        // Only the account's own: another account once seen under the same name (a recycled name) is not theirs.
        // owners.of has just claimed what was recorded under the name before conversations were keyed on sub.
        return forget(owner.name(), conversations.deleteAllOf(owner), clusters, asked);
    }

    /**
     * Erases everything about the user named {@code name} (an admin's request): every conversation last seen under that
     * name (whichever account: a name given to a new account after the first was deleted names both), what was derived
     * from them, and the name wherever it records who did something.
     */
    @Transactional
    public Erased eraseNamed(String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidInputException(400, "Name the user whose data to erase.");
        }
        List<Long> clusters = gaps.clustersOf(conversations.messageIdsNamed(name));
        List<String> asked = conversations.questionsNamed(name);
        return forget(name, conversations.deleteAllNamed(name), clusters, asked);
    }

    private Erased forget(String name, int conversationsRemoved, List<Long> clusters, List<String> asked) {
        // The conversations' deletion already refreshed these clusters; the replay's evidence may quote a question.
        clusters.forEach(gaps::afterErasure);
        // A curated answer written from a gap starts with its (masked) questions: theirs go with the rest.
        curated.forgetQuestionsAsked(asked);
        int names = gaps.forgetAssignee(name)
                + safety.forgetUser(name, ErasureRepository.ERASED)
                + erasure.forgetName(name)
                + reviews.forgetReviewer(name, ErasureRepository.ERASED);
        return new Erased(name, conversationsRemoved, clusters.size(), names);
    }
}
