package dev.docent.chat;

import java.util.List;

/**
 * One page of a user's conversations, newest first, as {@code GET /api/chat/conversations} returns it.
 *
 * @param next pass it as {@code before} for the following page; null on the last page
 */
public record ConversationPage(List<ConversationRepository.Summary> conversations, String next) {}
