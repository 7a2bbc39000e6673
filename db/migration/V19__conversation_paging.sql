-- The conversation list pages by (updated_at, id): the id breaks ties between conversations touched in the same
-- microsecond, so a page boundary never skips or repeats one. This index serves that order per owner.
CREATE INDEX conversations_by_owner_page ON conversations (owner, updated_at DESC, id DESC);
DROP INDEX conversations_by_owner;
