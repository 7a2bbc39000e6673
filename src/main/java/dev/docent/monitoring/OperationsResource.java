package dev.docent.monitoring;

import dev.docent.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Objects;

/**
 * The Operations page's data, for admins: answer, usage and ingestion trends over a window ({@code window=24h|7d|...},
 * {@code bucket=hour|day}), storage, JVM resources and the local model server.
 */
@Path("/api/monitoring/operations")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class OperationsResource {

    private final OperationsService operations;

    private final ModelServerMetrics modelServer;

    OperationsResource(OperationsService operations, ModelServerMetrics modelServer) {
        this.operations = Objects.requireNonNull(operations, "operations");
        this.modelServer = Objects.requireNonNull(modelServer, "modelServer");
    }

    /** Answered rate and its causes, thumbs down, groundedness, time to first token p50/p95 per bucket. */
    @GET
    @Path("answers")
    public Operations.AnswerTrends answers(@QueryParam("window") String window, @QueryParam("bucket") String bucket) {
        return operations.answers(operations.window(window, bucket));
    }

    /** Tokens and cost per day by provider and model, and the answers that needed no model. */
    @GET
    @Path("usage")
    public Operations.UsageTrends usage(@QueryParam("window") String window, @QueryParam("bucket") String bucket) {
        return operations.usage(operations.window(window, bucket));
    }

    /** Documents and chunks ingested per bucket, failures, and the queue. */
    @GET
    @Path("ingestion")
    public Operations.IngestionTrends ingestion(
            @QueryParam("window") String window, @QueryParam("bucket") String bucket) {
        return operations.ingestion(operations.window(window, bucket));
    }

    /** Database size and chunks per collection. */
    @GET
    @Path("storage")
    public Operations.Storage storage() {
        return operations.storage();
    }

    /** JVM memory and CPU samples within the window (kept for a day). */
    @GET
    @Path("resources")
    public Operations.Resources resources(@QueryParam("window") String window, @QueryParam("bucket") String bucket) {
        return operations.resources(operations.window(window, bucket));
    }

    /** The local model server's load, when {@code docent.monitoring.model-server-metrics-url} is set. */
    @GET
    @Path("model-server")
    public ModelServerMetrics.State modelServer() {
        return modelServer.state();
    }
}
