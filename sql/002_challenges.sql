-- 002_challenges.sql: the library of tasks for assisted interviews.

CREATE TABLE challenges (
	id		bigserial PRIMARY KEY,
	org_id		bigint REFERENCES orgs(id),	-- NULL: the shipped library every org sees
	title		text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
	body_md		text NOT NULL CHECK (length(body_md) <= 100000),
	category	text NOT NULL CHECK (category IN ('algorithms', 'debugging', 'sql',
			    'api_design', 'frontend', 'data_analysis', 'system_design',
			    'refactoring', 'other')),
	difficulty	text NOT NULL CHECK (difficulty IN ('easy', 'medium', 'hard')),
	time_limit_min	int NOT NULL CHECK (time_limit_min BETWEEN 5 AND 480),
	token_budget	int NOT NULL CHECK (token_budget BETWEEN 1000 AND 2000000),
	hints		text[] NOT NULL DEFAULT '{}',
	archived_at	timestamptz,
	created_at	timestamptz NOT NULL DEFAULT now(),
	updated_at	timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX challenges_org_idx ON challenges (org_id, archived_at);
