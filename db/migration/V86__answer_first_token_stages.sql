-- Where each chat answer's time to first token went (dev.docent.monitoring.ObservationRepository), stage by stage, in
-- milliseconds on the monotonic clock: {"request": 1.2, "admission": 0.1, ..., "provider": 3.4, "delivery": 0.2}.
-- The stages are consecutive, so they add up to first_token_ms (each is rounded down to a tenth). Null for answers
-- that were not clocked (before V86, evaluation runs) or that ended before their first token.
ALTER TABLE answer_observations ADD COLUMN stages_ms jsonb;
