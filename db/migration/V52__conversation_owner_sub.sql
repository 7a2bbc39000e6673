-- Conversations belong to the Keycloak account, not to a user name: owner_sub is the token's `sub` (a stable id), so a
-- renamed user keeps their conversations and a new account that takes a deleted user's name gets none of them.
-- `owner` stays as the name last seen, for display, the audit trail and an admin's erasure by name.
-- Rows from before this migration have no sub yet: Docent fills it the first time an account with that name signs in
-- (ConversationOwners), when the name-to-sub mapping is known. docs/privacy.md says what that leaves open.
ALTER TABLE conversations ADD COLUMN owner_sub text;
CREATE INDEX conversations_by_owner_sub_page ON conversations (owner_sub, updated_at DESC, id DESC);
CREATE INDEX conversations_unclaimed ON conversations (owner) WHERE owner_sub IS NULL;
