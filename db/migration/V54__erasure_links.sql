-- Evaluation items built from real traffic (a resolved gap's example questions) name the message they came from, and
-- so do the run results that quote them: erasing that message (its owner deleting the conversation, an erasure, the
-- retention purge) takes them along. Items written by hand or imported name none. Sets built before this migration
-- cannot be traced back to their messages (docs/privacy.md).
ALTER TABLE eval_items ADD COLUMN IF NOT EXISTS source_message uuid REFERENCES messages (id) ON DELETE CASCADE;
ALTER TABLE eval_run_items ADD COLUMN IF NOT EXISTS source_message uuid REFERENCES messages (id) ON DELETE CASCADE;
CREATE INDEX IF NOT EXISTS eval_items_by_source ON eval_items (source_message) WHERE source_message IS NOT NULL;
CREATE INDEX IF NOT EXISTS eval_run_items_by_source ON eval_run_items (source_message) WHERE source_message IS NOT NULL;
