package dev.docent.retrieval;

import dev.docent.limits.UserRateLimits;
import dev.docent.security.CurrentUser;
import dev.docent.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.util.List;

/**
 * Search the knowledge base: ranked passages from the collections the caller may read. Searches share one per-user
 * budget with the MCP server's {@code search_documents} ({@code DOCENT_LIMITS_SEARCHES_PER_MINUTE}): a script can loop
 * far faster than a person.
 */
@Path("/api/search")
public class SearchResource {

    @Inject
    SearchService search;

    @Inject
    CurrentUser user;

    @Inject
    UserRateLimits rateLimits;

    @GET
    @RolesAllowed({Roles.USER, Roles.ADMIN})
    public List<SearchHit> search(@QueryParam("q") String query, @QueryParam("k") Integer k) {
        rateLimits.take(user.getUsername(), UserRateLimits.Action.SEARCH);
        return search.search(query, k, user.getGroups());
    }
}
