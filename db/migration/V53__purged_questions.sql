-- What the retention purge removed, per UTC day the questions were asked (ConversationRepository): the gap overview's
-- questions per day keep counting them after their conversations are gone. Counts only: no text, no names.
-- "Unanswered" here is what the chat recorded (no answer given); a thumbs down on an answer is not kept.
CREATE TABLE purged_questions (
    day        date   PRIMARY KEY,
    questions  bigint NOT NULL CHECK (questions >= 0),
    unanswered bigint NOT NULL CHECK (unanswered >= 0)
);
