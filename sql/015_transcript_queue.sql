-- 015_transcript_queue.sql: one-way answers are transcribed after the
-- candidate's submit has been answered, not while it waits.  A submitted take
-- is 'pending' until a pool process (right after the response) or `viva jobs`
-- (a sweep for what a crash or a provider outage left) takes it: 'running',
-- then 'done', or back to 'pending' to be tried again, or 'failed' with the
-- reason in transcript.  Earlier rows were transcribed inline: 'done'.
ALTER TABLE recordings ADD COLUMN transcript_state text NOT NULL DEFAULT 'done'
	CHECK (transcript_state IN ('pending', 'running', 'done', 'failed'));
ALTER TABLE recordings ADD COLUMN transcript_tries int NOT NULL DEFAULT 0;
ALTER TABLE recordings ADD COLUMN transcript_claimed_at timestamptz;
CREATE INDEX recordings_transcript_queue_idx ON recordings (id)
	WHERE transcript_state IN ('pending', 'running');
