package dev.docent.chat;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A conversation's new title ({@code PATCH /api/chat/conversations/{id}}). */
public record RenameRequest(
        @NotBlank(message = RenameRequest.EMPTY)
        @Size(
                max = ConversationService.MAX_TITLE,
                message = "A title has at most " + ConversationService.MAX_TITLE + " characters.")
        String title) {

    static final String EMPTY = "Give the conversation a title: it is empty.";
}
