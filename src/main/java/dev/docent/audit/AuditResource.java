package dev.docent.audit;

import dev.docent.security.Roles;
import dev.docent.system.InvalidInputException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** The audit log for admins: read it, or download it as JSON. */
@Path("/api/audit")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    static final int MAX = 10_000;

    @Inject
    AuditLog log;

    @GET
    public List<AuditLog.Entry> latest(@QueryParam("limit") @DefaultValue("200") int limit) {
        return log.latest(checked(limit));
    }

    @GET
    @Path("export")
    public Response export(@QueryParam("limit") @DefaultValue("10000") int limit) {
        return Response.ok(log.latest(checked(limit)))
                .header("Content-Disposition", "attachment; filename=\"docent-audit-log.json\"")
                .build();
    }

    private static int checked(int limit) {
        if (limit < 1 || limit > MAX) {
            throw new InvalidInputException(400, "limit must be between 1 and " + MAX + ".");
        }
        return limit;
    }
}
