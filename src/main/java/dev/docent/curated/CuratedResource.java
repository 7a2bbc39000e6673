package dev.docent.curated;

import dev.docent.security.CurrentUser;
import dev.docent.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** Curated answers for the knowledge team: write (standalone or for a gap), list, read, edit, retire. */
@Path("/api/curated")
@RolesAllowed({Roles.KNOWLEDGE_MANAGER, Roles.ADMIN})
@Produces(MediaType.APPLICATION_JSON)
public class CuratedResource {

    @Inject
    CuratedService curated;

    @Inject
    CurrentUser user;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(CuratedRequest request) {
        return Response.status(201).entity(curated.create(request, author())).build();
    }

    /** Newest first; {@code status} (active, retired) and {@code gap} (a cluster id) narrow the list. */
    @GET
    public List<CuratedAnswer> list(@QueryParam("status") String status, @QueryParam("gap") Long gap) {
        return curated.list(status, gap, user.getGroups());
    }

    @GET
    @Path("{id}")
    public CuratedAnswer get(@PathParam("id") long id) {
        return curated.get(id, user.getGroups());
    }

    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public CuratedAnswer update(@PathParam("id") long id, CuratedUpdate changes) {
        return curated.update(id, changes, author());
    }

    @POST
    @Path("{id}/retire")
    public CuratedAnswer retire(@PathParam("id") long id) {
        return curated.retire(id, author());
    }

    private CuratedService.Author author() {
        return new CuratedService.Author(user.getUsername(), user.getGroups());
    }
}
