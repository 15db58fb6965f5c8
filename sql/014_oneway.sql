-- 014_oneway.sql: one-way recorded interviews: a fixed list of questions, a
-- recorded answer per question (several takes, the last submitted one kept
-- for review), the interviewer's ratings and recommendation, and chunked
-- uploads in progress.

-- The interview's settings (kind 'oneway' only).
CREATE TABLE oneway_settings (
	interview_id	bigint PRIMARY KEY REFERENCES interviews(id) ON DELETE CASCADE,
	media		text NOT NULL CHECK (media IN ('audio', 'video')),
	answer_s	int NOT NULL CHECK (answer_s BETWEEN 10 AND 3600),
	max_attempts	int NOT NULL CHECK (max_attempts BETWEEN 1 AND 10),
	recommendation	text NOT NULL DEFAULT '' CHECK (recommendation IN ('',
			    'strong_yes', 'yes', 'no', 'strong_no')),
	recommendation_notes text NOT NULL DEFAULT '',
	recommended_by	bigint REFERENCES users(id),
	recommended_at	timestamptz
);

-- The questions, copied in at creation (later bank edits change nothing).
CREATE TABLE oneway_questions (
	interview_id	bigint NOT NULL REFERENCES interviews(id) ON DELETE CASCADE,
	n		int NOT NULL CHECK (n BETWEEN 1 AND 50),
	question_id	bigint REFERENCES questions(id) ON DELETE SET NULL,
	body		text NOT NULL CHECK (length(body) BETWEEN 1 AND 4000),
	prep_s		int NOT NULL CHECK (prep_s BETWEEN 0 AND 600),
	submitted	int,			-- the attempt the candidate submitted
	submitted_at	timestamptz,
	rating		int CHECK (rating BETWEEN 1 AND 5),
	notes		text NOT NULL DEFAULT '',
	rated_by	bigint REFERENCES users(id),
	rated_at	timestamptz,
	PRIMARY KEY (interview_id, n)
);

-- One-way answers may be video, and are stored encrypted.
ALTER TABLE recordings DROP CONSTRAINT recordings_format_check;
ALTER TABLE recordings ADD CONSTRAINT recordings_format_check
	CHECK (format IN ('wav', 'ogg', 'flac', 'mp3', 'webm', 'mp4'));
ALTER TABLE recordings ADD COLUMN ctype text NOT NULL DEFAULT '';

-- A chunked upload in progress: its chunks sit in storage_dir/tmp/up-ID/
-- until it is finalised; then the row goes.
CREATE TABLE oneway_uploads (
	id		text PRIMARY KEY,	-- 32 random hex characters
	org_id		bigint NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
	interview_id	bigint NOT NULL REFERENCES interviews(id) ON DELETE CASCADE,
	n		int NOT NULL,
	total_chunks	int NOT NULL CHECK (total_chunks BETWEEN 1 AND 100000),
	total_bytes	bigint NOT NULL CHECK (total_bytes > 0),
	ctype		text NOT NULL,
	created_at	timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX oneway_uploads_iv_idx ON oneway_uploads (interview_id);
