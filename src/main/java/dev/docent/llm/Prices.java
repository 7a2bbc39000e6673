package dev.docent.llm;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** The estimated cost of an answer, from the configured price table ({@code docent.llm.prices}). */
@ApplicationScoped
public class Prices {

    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    @Inject
    LlmConfig config;

    /** Dollars, or null when the model has no price or the provider reported no token counts. */
    public BigDecimal cost(String model, Integer promptTokens, Integer completionTokens) {
        LlmConfig.Price price = model == null ? null : config.prices().get(model);
        if (price == null || promptTokens == null || completionTokens == null) {
            return null;
        }
        return price.input()
                .multiply(BigDecimal.valueOf(promptTokens))
                .add(price.output().multiply(BigDecimal.valueOf(completionTokens)))
                .divide(MILLION, 6, RoundingMode.HALF_UP);
    }
}
