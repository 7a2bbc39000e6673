package dev.docent.chat;

import java.util.List;
import java.util.UUID;

/**
 * Fired (synchronously, inside the deleting transaction, before the rows go) when a conversation is deleted, so the
 * features that derived something from its answers remove it in the same transaction: the gap reports drop its
 * questions and refresh their clusters. Feedback on its answers goes with the messages (a cascading key). A listener
 * that fails undoes the whole deletion.
 *
 * @param id the conversation
 * @param owner the user it belonged to
 * @param messageIds every recorded answer in it
 */
public record ConversationDeleted(UUID id, String owner, List<UUID> messageIds) {}
