package dev.docent.evaluation;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** A new evaluation set with its items: {@code POST /api/eval/sets}. */
public record EvalSetRequest(
        @NotBlank(message = EvalSetRequest.NAME) @Size(max = 200, message = EvalSetRequest.NAME)
        String name,

        @NotNull(message = EvalSetRequest.ITEMS) @Size(max = EvalSets.MAX_ITEMS, message = EvalSetRequest.ITEMS)
        List<@Valid @NotNull(message = EvalSetRequest.ITEM) EvalItem> items) {

    static final String NAME = "A set needs a 'name' of 1 to 200 characters.";
    static final String ITEMS = "A set has a list of 'items', at most 5000.";
    static final String ITEM = "An item may not be null.";
}
