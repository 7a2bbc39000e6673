-- Whether the model was asked for a concise answer (by the asker or by configuration), so the Operations page can
-- show what concise answers saved against full-length ones of the same model. Owned by
-- dev.docent.monitoring.ObservationRepository. Rows observed before this column existed count as full-length.
ALTER TABLE answer_observations ADD COLUMN concise boolean NOT NULL DEFAULT false;
