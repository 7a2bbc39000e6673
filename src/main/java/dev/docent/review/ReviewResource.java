package dev.docent.review;

import dev.docent.security.CurrentUser;
import dev.docent.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;

/** The review queue for knowledge managers and admins: read it, judge an answer, correct it. */
@Path("/api/review")
@RolesAllowed({Roles.KNOWLEDGE_MANAGER, Roles.ADMIN})
@Produces(MediaType.APPLICATION_JSON)
public class ReviewResource {

    @Inject
    ReviewService reviews;

    @Inject
    CurrentUser user;

    /**
     * Answers to review, newest first. {@code reason}: thumbs_down, uncited or low_groundedness; {@code feedbackReason}:
     * a thumbs-down reason; {@code status}: open (default), reviewed or all; {@code offset}, {@code limit} page it.
     */
    @GET
    public ReviewQueuePage queue(
            @QueryParam("reason") String reason,
            @QueryParam("feedbackReason") String feedbackReason,
            @QueryParam("status") String status,
            @QueryParam("offset") String offset,
            @QueryParam("limit") String limit) {
        return reviews.queue(reason, feedbackReason, status, offset, limit, user);
    }

    /** Marks an answer correct or incorrect, optionally with the correct answer: {"verdict", "correction"}. */
    @PUT
    @Path("{messageId}")
    @Consumes(MediaType.APPLICATION_JSON)
    public ReviewItem.Verdict review(@PathParam("messageId") UUID messageId, ReviewRequest request) {
        return reviews.review(messageId, request, user);
    }
}
