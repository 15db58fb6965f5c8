-- 001_accounts.sql: tenants, people, their sessions and API tokens, and the audit timeline.

CREATE TABLE orgs (
	id		bigserial PRIMARY KEY,
	name		text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
	created_at	timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
	id		bigserial PRIMARY KEY,
	org_id		bigint NOT NULL REFERENCES orgs(id),
	email		text NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
	name		text NOT NULL DEFAULT '' CHECK (length(name) <= 200),
	role		text NOT NULL CHECK (role IN ('admin', 'interviewer')),
	password_hash	text NOT NULL,
	disabled_at	timestamptz,
	created_at	timestamptz NOT NULL DEFAULT now(),
	password_changed_at timestamptz NOT NULL DEFAULT now()
);
-- People sign in with their email alone, so it is unique across orgs.
CREATE UNIQUE INDEX users_email_key ON users (lower(email));
CREATE INDEX users_org_idx ON users (org_id);

CREATE TABLE web_sessions (
	id		bigserial PRIMARY KEY,
	token_hash	text NOT NULL UNIQUE,	-- BLAKE2b of the cookie value; the value is never stored
	user_id		bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	csrf		text NOT NULL,		-- per-session token every POST must carry
	ip		text NOT NULL DEFAULT '',
	user_agent	text NOT NULL DEFAULT '',
	created_at	timestamptz NOT NULL DEFAULT now(),
	last_seen_at	timestamptz NOT NULL DEFAULT now(),
	expires_at	timestamptz NOT NULL
);
CREATE INDEX web_sessions_user_idx ON web_sessions (user_id);

CREATE TABLE api_tokens (
	id		bigserial PRIMARY KEY,
	org_id		bigint NOT NULL REFERENCES orgs(id),
	user_id		bigint NOT NULL REFERENCES users(id),
	name		text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
	token_hash	text NOT NULL UNIQUE,
	prefix		text NOT NULL,		-- first characters, to recognise a token in a list
	created_at	timestamptz NOT NULL DEFAULT now(),
	last_used_at	timestamptz,
	revoked_at	timestamptz
);
CREATE INDEX api_tokens_org_idx ON api_tokens (org_id);

CREATE TABLE events (
	id		bigserial PRIMARY KEY,
	org_id		bigint REFERENCES orgs(id),
	actor_user_id	bigint REFERENCES users(id),
	actor		text NOT NULL DEFAULT '',	-- email or "system" or "candidate", kept if the user goes
	type		text NOT NULL,
	detail		jsonb NOT NULL DEFAULT '{}',
	ip		text NOT NULL DEFAULT '',
	created_at	timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX events_org_time_idx ON events (org_id, created_at DESC);
-- Login throttling counts recent failures by account and by address.
CREATE INDEX events_login_actor_idx ON events (lower(actor), created_at) WHERE type = 'login_failed';
CREATE INDEX events_login_ip_idx ON events (ip, created_at) WHERE type = 'login_failed';
