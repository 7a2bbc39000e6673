package dev.docent.gaps;

import dev.docent.security.Roles;
import dev.docent.system.InvalidInputException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** The gap reports for knowledge managers: clusters (JSON or CSV), one cluster, its workflow, and the overview. */
@Path("/api/gaps")
@RolesAllowed(Roles.KNOWLEDGE_MANAGER)
public class GapResource {

    public static final String CSV = "text/csv";

    @Inject
    GapReports reports;

    @Inject
    GapService gaps;

    /** The clusters as JSON, or as CSV when the client asks for {@code text/csv} first. */
    @GET
    @Produces({MediaType.APPLICATION_JSON, CSV})
    public Response list(@BeanParam GapQuery query, @Context HttpHeaders headers) {
        boolean csv = headers.getAcceptableMediaTypes().stream()
                .findFirst()
                .map(type -> type.isCompatible(MediaType.valueOf(CSV)) && !type.isWildcardType())
                .orElse(false);
        if (csv) {
            return export(query);
        }
        List<GapSummary> body = reports.list(query.filter());
        return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** The CSV as a link (links cannot set Accept): the page's "Export CSV". */
    @GET
    @Path("export.csv")
    @Produces(CSV)
    public Response export(@BeanParam GapQuery query) {
        String body = GapCsv.write(reports.list(query.filter()));
        return Response.ok(body, CSV + "; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"knowledge-gaps.csv\"")
                .build();
    }

    /** The overview: answered and unanswered per day, causes, top gaps of the week. */
    @GET
    @Path("overview")
    @Produces(MediaType.APPLICATION_JSON)
    public GapOverview overview(@QueryParam("days") Integer days) {
        int span = days == null ? 30 : days;
        if (span < 1 || span > 365) {
            throw new InvalidInputException(400, "'days' must be between 1 and 365.");
        }
        return reports.overview(span);
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public GapDetail get(@PathParam("id") long id) {
        return gaps.detail(id);
    }

    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public GapDetail update(
            @PathParam("id") long id, @Valid @NotNull(message = GapService.NOTHING_SENT) GapUpdate changes) {
        return gaps.update(id, changes);
    }
}
