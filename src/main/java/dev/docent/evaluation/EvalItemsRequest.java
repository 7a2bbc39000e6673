package dev.docent.evaluation;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** Items added to an existing set: {@code POST /api/eval/sets/{id}/items}. */
public record EvalItemsRequest(
        @NotEmpty(message = EvalItemsRequest.ITEMS) @Size(max = EvalSets.MAX_ITEMS, message = EvalItemsRequest.ITEMS)
        List<@Valid @NotNull(message = EvalSetRequest.ITEM) EvalItem> items) {

    static final String ITEMS = "Send {\"items\": [...]} with 1 to 5000 items.";
}
