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
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Evaluation runs for knowledge managers and admins: start, follow, cancel, compare. */
@Path("/api/eval/runs")
@RolesAllowed({Roles.KNOWLEDGE_MANAGER, Roles.ADMIN})
@Produces(MediaType.APPLICATION_JSON)
public class EvalRunResource {

    @Inject
    EvalRuns runs;

    @Inject
    Thresholds thresholds;

    @Inject
    CurrentUser user;

    /** Starts a run: 202 with its id; follow it with {@code GET /api/eval/runs/{id}}. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response start(@Valid @NotNull(message = RunRequest.SET) RunRequest request) {
        UUID id = runs.start(request, user);
        return Response.accepted(Map.of("id", id))
                .header("Location", "/api/eval/runs/" + id)
                .build();
    }

    @GET
    public List<RunStatus> list() {
        return runs.list();
    }

    @GET
    @Path("{id}")
    public RunStatus get(@PathParam("id") UUID id) {
        return runs.get(id);
    }

    @POST
    @Path("{id}/cancel")
    public RunStatus cancel(@PathParam("id") UUID id) {
        return runs.cancel(id);
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") UUID id) {
        runs.delete(id);
        return Response.noContent().build();
    }

    @GET
    @Path("{a}/compare/{b}")
    public RunComparison compare(@PathParam("a") UUID a, @PathParam("b") UUID b) {
        return runs.compare(a, b);
    }

    /** The threshold that best separates the run's answerable and unanswerable items, with its curve. */
    @GET
    @Path("{id}/calibration")
    public Calibration calibrate(@PathParam("id") UUID id, @QueryParam("threshold") String threshold) {
        return thresholds.calibrate(id, threshold);
    }
}
