-- Why an answer was not given, recorded with the answer itself so the gap reports can tell causes apart:
--   no_content  retrieval found nothing close enough to the question (best similarity under the threshold)
--   abstained   the passages were close, but the model (or the extractive answerer) said they do not answer it
-- Causes found later (a withheld answer, a user's "didn't answer my question") are recorded by the gap reports.
ALTER TABLE messages ADD COLUMN unanswered_cause text
    CHECK (unanswered_cause IN ('no_content', 'abstained'));
