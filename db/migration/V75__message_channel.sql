-- Where a question came from: the chat (pages and /api/chat) or an agent through the MCP server (/mcp). Both are
-- recorded alike and count for the knowledge-gap reports; the channel tells them apart for monitoring and review.
ALTER TABLE messages ADD COLUMN channel text NOT NULL DEFAULT 'chat';
ALTER TABLE messages ADD CONSTRAINT messages_channel_known CHECK (channel IN ('chat', 'mcp'));
