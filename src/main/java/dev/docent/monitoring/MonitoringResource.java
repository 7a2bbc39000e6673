package dev.docent.monitoring;

import dev.docent.security.Roles;
import dev.docent.system.InvalidInputException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** What monitoring shows knowledge managers and admins about answers. */
@Path("/api/monitoring")
@RolesAllowed({Roles.KNOWLEDGE_MANAGER, Roles.ADMIN})
public class MonitoringResource {

    static final int MAX_LIMIT = 500;
    static final String NO_ANSWER = "There is no observed answer with that id (answers are observed when recorded).";

    private final ObservationRepository observations;
    private final AlertRepository alerts;
    private final MonitoringConfig config;

    MonitoringResource(ObservationRepository observations, AlertRepository alerts, MonitoringConfig config) {
        this.observations = Objects.requireNonNull(observations, "observations");
        this.alerts = Objects.requireNonNull(alerts, "alerts");
        this.config = Objects.requireNonNull(config, "config");
    }

    /** Degradation alerts with their evidence: open ones first, then the latest cleared (at most 100). */
    @GET
    @Path("alerts")
    @RolesAllowed(Roles.ADMIN)
    @Produces(MediaType.APPLICATION_JSON)
    public List<Alert> alerts() {
        return alerts.recent(100);
    }

    /**
     * Model answers whose groundedness is below {@code below} (default {@code docent.monitoring.low-groundedness}),
     * newest first: the ones to check against their documents.
     */
    @GET
    @Path("answers/low-groundedness")
    @Produces(MediaType.APPLICATION_JSON)
    public List<LowGroundedAnswer> lowGroundedness(
            @QueryParam("below") String below, @QueryParam("limit") String limit) {
        double level = below == null ? config.lowGroundedness() : number(below, "'below' is a share between 0 and 1");
        if (Double.isNaN(level) || level < 0 || level > 1) {
            throw new InvalidInputException(400, "'below' is a share between 0 and 1, e.g. below=0.5.");
        }
        double n = limit == null ? 50 : number(limit, "'limit' is a whole number");
        if (n != Math.rint(n) || n < 1 || n > MAX_LIMIT) {
            throw new InvalidInputException(400, "'limit' must be a whole number from 1 to " + MAX_LIMIT + ".");
        }
        return observations.below(level, (int) n);
    }

    /**
     * What monitoring kept about one answer (its message id, as in the chat's {@code start} event): how it ended,
     * who wrote it, tokens, cost, groundedness, the trace id, and where its time to first token went, per stage.
     */
    @GET
    @Path("answers/{messageId}")
    @Produces(MediaType.APPLICATION_JSON)
    public Observation answer(@PathParam("messageId") String messageId) {
        UUID id;
        try {
            id = UUID.fromString(messageId.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(404, NO_ANSWER);
        }
        return observations.find(id).orElseThrow(() -> new InvalidInputException(404, NO_ANSWER));
    }

    private static double number(String text, String what) {
        try {
            return Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(400, what + ", not '" + abbreviate(text) + "'.");
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 20 ? s : s.substring(0, 19) + "…";
    }
}
