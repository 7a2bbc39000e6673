-- Which prompt template version wrote an answer (see dev.docent.llm.PromptBuilder.VERSION), so answers and feedback
-- can be compared across prompt changes. Null for extractive answers.
ALTER TABLE messages ADD COLUMN prompt_version text;
