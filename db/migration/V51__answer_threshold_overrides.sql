-- Answering thresholds a knowledge manager applied from a calibration (issue 11). The newest row per name overrides
-- the configured default; older rows stay as the history. Owned by dev.docent.answering.AnswerThresholds.
CREATE TABLE answer_threshold_overrides (
    id      bigserial        PRIMARY KEY,
    name    text             NOT NULL CHECK (name IN ('min-similarity', 'min-answerability')),
    value   double precision NOT NULL CHECK (value >= -1 AND value <= 1),
    set_by  text             NOT NULL,
    set_at  timestamptz      NOT NULL DEFAULT now()
);

CREATE INDEX answer_threshold_overrides_latest ON answer_threshold_overrides (name, id DESC);
