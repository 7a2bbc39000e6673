package dev.docent.retrieval;

import dev.docent.security.CurrentUser;
import dev.docent.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.util.List;

/** Search the knowledge base: ranked passages from the collections the caller may read. */
@Path("/api/search")
public class SearchResource {

    @Inject
    SearchService search;

    @Inject
    CurrentUser user;

    @GET
    @RolesAllowed({Roles.USER, Roles.ADMIN})
    public List<SearchHit> search(@QueryParam("q") String query, @QueryParam("k") Integer k) {
        return search.search(query, k, user.getGroups());
    }
}
