-- 003_interviews.sql: interviews, their conversation, provider usage and candidate sessions.

CREATE TABLE interviews (
	id		bigserial PRIMARY KEY,
	org_id		bigint NOT NULL REFERENCES orgs(id),
	created_by	bigint REFERENCES users(id),
	kind		text NOT NULL CHECK (kind IN ('assisted', 'adaptive', 'oneway', 'practice')),
	status		text NOT NULL DEFAULT 'created' CHECK (status IN ('created', 'active',
			    'paused', 'completed', 'expired', 'abandoned')),
	candidate_name	text NOT NULL CHECK (length(candidate_name) BETWEEN 1 AND 200),
	candidate_email	text NOT NULL CHECK (length(candidate_email) BETWEEN 3 AND 254),
	-- The task as it was when the interview was made: later edits of the library do not change it.
	challenge_id	bigint REFERENCES challenges(id),
	challenge_title	text NOT NULL DEFAULT '',
	challenge_md	text NOT NULL DEFAULT '',
	hints		text[] NOT NULL DEFAULT '{}',
	instructions	text NOT NULL DEFAULT '',	-- extra instructions for the assistant
	model		text NOT NULL DEFAULT 'builtin',
	invite_hash	text NOT NULL UNIQUE,		-- BLAKE2b of the 256-bit invite token
	invite_expires_at timestamptz NOT NULL,
	consent_at	timestamptz,
	-- Time: left = limit + extended - (now - started_at - paused_total - current pause).
	time_limit_s	int NOT NULL CHECK (time_limit_s BETWEEN 60 AND 86400),
	extended_s	int NOT NULL DEFAULT 0 CHECK (extended_s >= 0),
	started_at	timestamptz,
	paused_at	timestamptz,			-- set while paused
	paused_total_s	double precision NOT NULL DEFAULT 0,
	ended_at	timestamptz,
	end_reason	text NOT NULL DEFAULT '',	-- time, tokens, interviewer, candidate, expired
	-- Tokens: a call reserves its prompt and its reply cap first, in an UPDATE whose
	-- WHERE keeps used + reserved <= budget, so no race can overspend.
	token_budget	int NOT NULL CHECK (token_budget BETWEEN 1000 AND 2000000),
	tokens_used	int NOT NULL DEFAULT 0,
	tokens_reserved	int NOT NULL DEFAULT 0,
	chat_locked	boolean NOT NULL DEFAULT false,
	final_answer	text NOT NULL DEFAULT '',
	cost_micros	bigint NOT NULL DEFAULT 0,	-- provider cost in millionths of the currency unit
	last_activity_at timestamptz NOT NULL DEFAULT now(),
	created_at	timestamptz NOT NULL DEFAULT now(),
	CHECK (tokens_used >= 0 AND tokens_reserved >= 0)
);
CREATE INDEX interviews_org_idx ON interviews (org_id, created_at DESC);
CREATE INDEX interviews_org_status_idx ON interviews (org_id, status);

CREATE TABLE messages (
	id		bigserial PRIMARY KEY,
	interview_id	bigint NOT NULL REFERENCES interviews(id) ON DELETE CASCADE,
	seq		int NOT NULL,
	role		text NOT NULL CHECK (role IN ('user', 'assistant', 'system', 'final')),
	content		text NOT NULL,
	tokens_in	int NOT NULL DEFAULT 0,		-- prompt tokens of the call that made a reply
	tokens_out	int NOT NULL DEFAULT 0,		-- tokens of this message itself
	latency_ms	int NOT NULL DEFAULT 0,
	meta		jsonb NOT NULL DEFAULT '{}',
	created_at	timestamptz NOT NULL DEFAULT now(),
	UNIQUE (interview_id, seq)
);

-- One row per provider call: reserved first, then settled with the reported usage or released.
CREATE TABLE usage (
	id		bigserial PRIMARY KEY,
	interview_id	bigint NOT NULL REFERENCES interviews(id) ON DELETE CASCADE,
	state		text NOT NULL DEFAULT 'reserved' CHECK (state IN ('reserved', 'settled', 'released')),
	reserved	int NOT NULL,
	prompt_tokens	int NOT NULL DEFAULT 0,
	completion_tokens int NOT NULL DEFAULT 0,
	model		text NOT NULL DEFAULT '',
	cost_micros	bigint NOT NULL DEFAULT 0,
	error		text NOT NULL DEFAULT '',
	created_at	timestamptz NOT NULL DEFAULT now(),
	settled_at	timestamptz
);
CREATE INDEX usage_interview_idx ON usage (interview_id, created_at);

-- A candidate's browser, after it exchanged the invite link for a cookie.
CREATE TABLE candidate_sessions (
	id		bigserial PRIMARY KEY,
	token_hash	text NOT NULL UNIQUE,
	interview_id	bigint NOT NULL REFERENCES interviews(id) ON DELETE CASCADE,
	csrf		text NOT NULL,
	ip		text NOT NULL DEFAULT '',
	created_at	timestamptz NOT NULL DEFAULT now(),
	expires_at	timestamptz NOT NULL
);

ALTER TABLE events ADD COLUMN interview_id bigint REFERENCES interviews(id) ON DELETE CASCADE;
CREATE INDEX events_interview_idx ON events (interview_id, created_at) WHERE interview_id IS NOT NULL;
