package dev.docent.feedback;

import dev.docent.security.CurrentUser;
import dev.docent.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;

/**
 * Thumbs up/down on one's own answers. It sits beside ChatResource's {@code /api/chat}: JAX-RS picks the root path
 * with the most literal characters, so requests ending in {@code /feedback} come here (FeedbackApiTest checks it).
 */
@Path("/api/chat/{messageId}/feedback")
@RolesAllowed(Roles.USER)
public class FeedbackResource {

    @Inject
    FeedbackService feedback;

    @Inject
    CurrentUser user;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public FeedbackView give(
            @PathParam("messageId") UUID messageId,
            @Valid @NotNull(message = "Send {\"rating\": \"up\"} or {\"rating\": \"down\"}.") FeedbackRequest request) {
        return feedback.give(messageId, request, user);
    }

    /** The latest verdict on the answer ({"rating": null} when none), so a reopened conversation shows it. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public FeedbackView get(@PathParam("messageId") UUID messageId) {
        return feedback.latest(messageId, user);
    }
}
