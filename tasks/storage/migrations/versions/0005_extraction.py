"""Extraction tiers: per-tier extractions with provenance, the skills taxonomy, LLM calls and the answer cache.

Revision ID: 0005
Revises: 0001
"""

from alembic import op

revision = "0005"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        """
        ALTER TABLE jobs
            ADD COLUMN IF NOT EXISTS job_function text,
            ADD COLUMN IF NOT EXISTS summary text,
            ADD COLUMN IF NOT EXISTS skills text[] NOT NULL DEFAULT '{}',
            ADD COLUMN IF NOT EXISTS tools text[] NOT NULL DEFAULT '{}',
            ADD COLUMN IF NOT EXISTS cities text[] NOT NULL DEFAULT '{}',
            ADD COLUMN IF NOT EXISTS regions text[] NOT NULL DEFAULT '{}',
            ADD COLUMN IF NOT EXISTS countries text[] NOT NULL DEFAULT '{}',
            ADD COLUMN IF NOT EXISTS years_experience_min integer;

        CREATE TABLE IF NOT EXISTS job_extractions (
            job_uid          text NOT NULL REFERENCES jobs(job_uid) ON DELETE CASCADE,
            tier             text NOT NULL CHECK (tier IN ('final', 'rules', 'ollama', 'openai')),
            content_hash     text NOT NULL,
            description_hash text,
            prompt_version   text,
            model            text,
            status           text NOT NULL,
            fields           jsonb NOT NULL,
            field_tiers      jsonb NOT NULL DEFAULT '{}',
            run_id           text,
            extracted_at     timestamptz NOT NULL DEFAULT now(),
            PRIMARY KEY (job_uid, tier)
        );

        CREATE TABLE IF NOT EXISTS skills (
            skill_id  serial PRIMARY KEY,
            name      text NOT NULL UNIQUE,
            kind      text NOT NULL CHECK (kind IN ('skill', 'tool'))
        );
        CREATE TABLE IF NOT EXISTS skill_aliases (
            alias     text PRIMARY KEY,
            skill_id  integer NOT NULL REFERENCES skills(skill_id) ON DELETE CASCADE
        );
        CREATE TABLE IF NOT EXISTS job_skills (
            job_uid   text NOT NULL REFERENCES jobs(job_uid) ON DELETE CASCADE,
            skill_id  integer NOT NULL REFERENCES skills(skill_id) ON DELETE CASCADE,
            tier      text NOT NULL,
            PRIMARY KEY (job_uid, skill_id)
        );
        CREATE INDEX IF NOT EXISTS job_skills_skill_idx ON job_skills (skill_id);

        CREATE TABLE IF NOT EXISTS llm_calls (
            id              bigserial PRIMARY KEY,
            run_id          text,
            tier            text NOT NULL,
            model           text NOT NULL,
            prompt_version  text NOT NULL,
            postings        integer NOT NULL DEFAULT 0,
            tokens_in       integer NOT NULL DEFAULT 0,
            tokens_out      integer NOT NULL DEFAULT 0,
            latency_ms      integer NOT NULL DEFAULT 0,
            usd             numeric(12, 8) NOT NULL DEFAULT 0,
            outcome         text NOT NULL,
            detail          text,
            called_at       timestamptz NOT NULL DEFAULT now()
        );
        CREATE INDEX IF NOT EXISTS llm_calls_run_idx ON llm_calls (run_id);

        CREATE TABLE IF NOT EXISTS extraction_cache (
            description_hash text NOT NULL,
            prompt_version   text NOT NULL,
            model            text NOT NULL,
            answer           jsonb NOT NULL,
            created_at       timestamptz NOT NULL DEFAULT now(),
            PRIMARY KEY (description_hash, prompt_version, model)
        );
        """
    )


def downgrade() -> None:
    op.execute(
        "DROP TABLE IF EXISTS extraction_cache; DROP TABLE IF EXISTS llm_calls; DROP TABLE IF EXISTS job_skills;"
        " DROP TABLE IF EXISTS skill_aliases; DROP TABLE IF EXISTS skills; DROP TABLE IF EXISTS job_extractions;"
    )
