-- 005_questions.sql: the question bank and the adaptive interview's state.
--
-- Shipped roles and questions have org_id NULL: every org sees them, none can change
-- them. An org adds its own roles and questions with its org_id.

CREATE TABLE roles (
	id		bigserial PRIMARY KEY,
	org_id		bigint REFERENCES orgs(id),
	slug		text NOT NULL CHECK (slug ~ '^[a-z0-9][a-z0-9_-]{0,39}$'),
	name		text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
	-- The key skill areas: the interview is complete once each has a boundary.
	skill_areas	text[] NOT NULL DEFAULT '{}',
	archived_at	timestamptz,
	created_at	timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX roles_slug_idx ON roles (coalesce(org_id, 0), slug);

CREATE TABLE questions (
	id		bigserial PRIMARY KEY,
	org_id		bigint REFERENCES orgs(id),
	role		text NOT NULL CHECK (role ~ '^[a-z0-9][a-z0-9_-]{0,39}$'),
	skill_area	text NOT NULL CHECK (length(skill_area) BETWEEN 1 AND 60),
	category	text NOT NULL CHECK (category IN ('technical', 'behavioral',
			    'situational', 'cultural')),
	difficulty	text NOT NULL CHECK (difficulty IN ('warmup', 'fundamental',
			    'intermediate', 'advanced', 'expert')),
	body_md		text NOT NULL CHECK (length(body_md) BETWEEN 1 AND 20000),
	-- {"points": [{"text": "...", "weight": 1..5, "phrases": ["...", ...]}, ...]}
	rubric		jsonb NOT NULL DEFAULT '{"points": []}',
	follow_ups	text[] NOT NULL DEFAULT '{}',
	sample_answer	text NOT NULL DEFAULT '',	-- a strong answer, shown in practice mode
	archived_at	timestamptz,
	created_by	bigint REFERENCES users(id),
	created_at	timestamptz NOT NULL DEFAULT now(),
	updated_at	timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX questions_pick_idx ON questions (role, difficulty, skill_area) WHERE archived_at IS NULL;
CREATE INDEX questions_org_idx ON questions (org_id, role);

-- The adaptive interview: settings, and the engine's state as one JSON document
-- (level, questions asked, boundaries, phase and quality history, skills explored
-- and pending), written only under the interview row's lock.
ALTER TABLE interviews
	ADD COLUMN role		text NOT NULL DEFAULT '',
	ADD COLUMN min_questions int NOT NULL DEFAULT 8 CHECK (min_questions BETWEEN 1 AND 50),
	ADD COLUMN max_questions int NOT NULL DEFAULT 12 CHECK (max_questions BETWEEN 1 AND 50),
	ADD COLUMN practice	boolean NOT NULL DEFAULT false,
	ADD COLUMN voice_offered boolean NOT NULL DEFAULT false,
	ADD COLUMN question_source text NOT NULL DEFAULT 'bank'
			CHECK (question_source IN ('bank', 'bank_followups', 'generated')),
	ADD COLUMN adaptive_state jsonb NOT NULL DEFAULT '{}',
	ADD CONSTRAINT interviews_questions_range CHECK (min_questions <= max_questions);

-- One row per question put to the candidate, with its answer and evaluation.
CREATE TABLE interview_questions (
	id		bigserial PRIMARY KEY,
	interview_id	bigint NOT NULL REFERENCES interviews(id) ON DELETE CASCADE,
	n		int NOT NULL,			-- 1, 2, ... in the order asked
	question_id	bigint REFERENCES questions(id),	-- NULL for a generated question
	skill_area	text NOT NULL,
	category	text NOT NULL,
	difficulty	text NOT NULL,
	body_md		text NOT NULL,
	answer		text,				-- NULL until answered
	-- {"quality","technical_accuracy","explanation_clarity","composite","scorer":
	--  "builtin"|"model","missing":[...],"star":{...},"reasons":"..."}
	evaluation	jsonb,
	asked_at	timestamptz NOT NULL DEFAULT now(),
	answered_at	timestamptz,
	UNIQUE (interview_id, n)
);
