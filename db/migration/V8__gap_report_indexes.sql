-- The gap overview counts answered and unanswered messages per day over a date range: without an index on the time
-- alone (V3 has only the per-conversation and the unanswered partial index) each day scanned the whole table.
CREATE INDEX messages_by_time ON messages (created_at);
