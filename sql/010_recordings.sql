-- 010_recordings.sql: recorded answers, stored as files under storage_dir.
-- A voice answer to an adaptive question is one recording (attempt 1) whose
-- transcript became the answer; one-way interviews will add attempts.  Rows are
-- written only after the file is safely in place (written, synced, renamed).
CREATE TABLE recordings (
	id		bigserial PRIMARY KEY,
	org_id		bigint NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
	interview_id	bigint NOT NULL REFERENCES interviews(id) ON DELETE CASCADE,
	question_n	int NOT NULL CHECK (question_n >= 1),
	attempt		int NOT NULL DEFAULT 1 CHECK (attempt >= 1),
	path		text NOT NULL,		-- relative to storage_dir, never absolute
	format		text NOT NULL CHECK (format IN ('wav', 'ogg', 'flac', 'mp3')),
	bytes		bigint NOT NULL CHECK (bytes > 0),
	duration_ms	int NOT NULL CHECK (duration_ms >= 0),
	checksum	text NOT NULL,		-- SHA-256 of the stored file, hex
	encrypted	boolean NOT NULL DEFAULT false,
	transcript	text,
	created_at	timestamptz NOT NULL DEFAULT now(),
	UNIQUE (interview_id, question_n, attempt)
);
CREATE INDEX recordings_org_idx ON recordings (org_id, created_at);
