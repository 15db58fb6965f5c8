-- Retention: how long an org keeps candidates' transcripts and recordings after an
-- interview ends.  NULL keeps them; `viva jobs run` (daily, viva-jobs.timer) deletes
-- what has expired and records each deletion in the events.
ALTER TABLE orgs
	ADD COLUMN retention_transcript_days integer
		CHECK (retention_transcript_days BETWEEN 1 AND 3650),
	ADD COLUMN retention_recording_days integer
		CHECK (retention_recording_days BETWEEN 1 AND 3650);

-- When the transcript was deleted: the report says so instead of showing an empty one.
ALTER TABLE interviews ADD COLUMN transcript_purged_at timestamptz;

CREATE INDEX interviews_ended ON interviews (org_id, ended_at)
	WHERE ended_at IS NOT NULL AND transcript_purged_at IS NULL;
