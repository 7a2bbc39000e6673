package dev.docent.evaluation;

import dev.docent.security.CurrentUser;
import dev.docent.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.List;
import java.util.UUID;

/** Evaluation sets for knowledge managers and admins. */
@Path("/api/eval/sets")
@RolesAllowed({Roles.KNOWLEDGE_MANAGER, Roles.ADMIN})
@Produces(MediaType.APPLICATION_JSON)
public class EvalSetResource {

    static final String BODY = "Send {\"name\": \"...\", \"items\": [{\"question\": \"...\", \"answerable\": true}]}.";

    @Inject
    EvalSets sets;

    @Inject
    GapSets gapSets;

    @Inject
    TrafficSets trafficSets;

    @Inject
    EvaluationConfig config;

    @Inject
    CurrentUser user;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@Valid @NotNull(message = BODY) EvalSetRequest request) {
        return Response.status(201)
                .entity(sets.create(request, user.getUsername()))
                .build();
    }

    /** A set from a JSONL or CSV file sent as the body ({@code format=jsonl|csv}, {@code name=...}). */
    @POST
    @Path("import")
    @Consumes({MediaType.TEXT_PLAIN, "text/csv", "application/x-ndjson", "application/jsonl"})
    public Response importFile(@QueryParam("name") String name, @QueryParam("format") String format, InputStream body) {
        String text = ImportBody.read(body, config.maxImportBytes());
        return Response.status(201)
                .entity(sets.importFile(name, format, text, user.getUsername()))
                .build();
    }

    /**
     * A set from a knowledge-gap cluster a document resolved: its example questions (masked), each expecting that
     * document. Optional {@code name}. Knowledge managers only, like the gap reports.
     */
    @POST
    @Path("from-gap/{clusterId}")
    @RolesAllowed(Roles.KNOWLEDGE_MANAGER)
    public Response fromGap(@PathParam("clusterId") long clusterId, @QueryParam("name") String name) {
        return Response.status(201)
                .entity(gapSets.fromGap(clusterId, name, user.getUsername()))
                .build();
    }

    /**
     * A set from answers users rated helpful (thumbs up): the question, the answer as expected, the documents it cited.
     * Optional {@code name} and {@code limit} (the newest answers first).
     */
    @POST
    @Path("from-helpful")
    public Response fromHelpful(@QueryParam("name") String name, @QueryParam("limit") String limit) {
        return Response.status(201)
                .entity(trafficSets.fromHelpful(name, limit, user.getUsername()))
                .build();
    }

    /** A set from reviewed answers: correct ones as they were, incorrect ones with their correction. */
    @POST
    @Path("from-reviews")
    public Response fromReviews(@QueryParam("name") String name, @QueryParam("limit") String limit) {
        return Response.status(201)
                .entity(trafficSets.fromReviewed(name, limit, user.getUsername()))
                .build();
    }

    @GET
    public List<EvalSetSummary> list() {
        return sets.list();
    }

    @GET
    @Path("{id}")
    public EvalSetDetail get(@PathParam("id") UUID id) {
        return sets.get(id);
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") UUID id) {
        sets.delete(id);
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/items")
    @Consumes(MediaType.APPLICATION_JSON)
    public EvalSetSummary addItems(
            @PathParam("id") UUID id, @Valid @NotNull(message = EvalItemsRequest.ITEMS) EvalItemsRequest request) {
        return sets.addItems(id, request);
    }
}
