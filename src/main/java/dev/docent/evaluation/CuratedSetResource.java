package dev.docent.evaluation;

import dev.docent.curated.CuratedService;
import dev.docent.security.CurrentUser;
import dev.docent.security.Roles;
import dev.docent.system.InvalidInputException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * A set from the knowledge team's curated answers ({@code POST /api/eval/sets/from-curated}): every question of every
 * active curated answer the caller may see, expecting its text and its documents. A run then shows whether curated
 * answers still reach their questions after a change (a threshold, a document moved to a restricted collection).
 */
@Path("/api/eval/sets/from-curated")
@RolesAllowed({Roles.KNOWLEDGE_MANAGER, Roles.ADMIN})
@Produces(MediaType.APPLICATION_JSON)
public class CuratedSetResource {

    @Inject
    CuratedService curated;

    @Inject
    EvalSets sets;

    @Inject
    CurrentUser user;

    /** Optional {@code name}; 409 when there is no active curated answer to build from. */
    @POST
    public Response create(@QueryParam("name") String name) {
        if (name != null && name.strip().length() > 200) {
            throw new InvalidInputException(400, EvalSetRequest.NAME);
        }
        List<EvalItem> items = curated.evaluationItems(user.getGroups()).stream()
                .map(i -> new EvalItem(
                        clip(i.question(), EvalItem.MAX_QUESTION),
                        clip(i.expectedAnswer(), EvalItem.MAX_ANSWER),
                        i.expectedDocuments(),
                        true))
                .toList();
        if (items.isEmpty()) {
            throw new InvalidInputException(
                    409, "There is no active curated answer to build a set from: write one on the Gaps page first.");
        }
        if (items.size() > EvalSets.MAX_ITEMS) {
            items = items.subList(0, EvalSets.MAX_ITEMS);
        }
        String setName =
                name == null || name.isBlank() ? "Curated answers (" + items.size() + " questions)" : name.strip();
        return Response.status(201)
                .entity(sets.create(setName, "curated", items, user.getUsername()))
                .build();
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
