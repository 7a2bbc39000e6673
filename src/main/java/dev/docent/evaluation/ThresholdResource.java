package dev.docent.evaluation;

import dev.docent.answering.AnswerThresholds;
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
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The answering thresholds in force, and applying a calibrated one, for knowledge managers and admins. */
@Path("/api/eval/thresholds")
@RolesAllowed({Roles.KNOWLEDGE_MANAGER, Roles.ADMIN})
@Produces(MediaType.APPLICATION_JSON)
public class ThresholdResource {

    @Inject
    Thresholds thresholds;

    @Inject
    CurrentUser user;

    @GET
    public List<AnswerThresholds.Threshold> list() {
        return thresholds.list();
    }

    /** Applies a threshold to every answer from now on; the audit log records who, when, and from which run. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public AnswerThresholds.Threshold apply(
            @Valid @NotNull(message = "Send {\"name\": \"min-answerability\", \"value\": 0.5}.")
                    ApplyThresholdRequest request) {
        return thresholds.apply(request, user.getUsername());
    }
}
