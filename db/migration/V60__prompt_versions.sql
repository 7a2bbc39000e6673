-- Prompt templates as versions (issue 11). Owned by dev.docent.prompts.PromptVersionRepository.
-- Version 1 of each kind is seeded from the files in templates/prompts at start-up, so a database made before this
-- migration gets it too; later versions are written by knowledge managers and admins.

CREATE TABLE prompt_versions (
    kind             text        NOT NULL CHECK (kind IN ('answer', 'rewrite', 'judge')),
    number           int         NOT NULL CHECK (number >= 1),
    -- Null for kinds without a system message (rewrite).
    system_template  text,
    user_template    text        NOT NULL,
    note             text,
    created_by       text        NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    active           boolean     NOT NULL DEFAULT false,
    promoted_by      text,
    promoted_at      timestamptz,
    PRIMARY KEY (kind, number)
);

-- One active version per kind: what chat (and runs without a version of their own) use.
CREATE UNIQUE INDEX prompt_versions_one_active ON prompt_versions (kind) WHERE active;
