-- 040_interview_drafts.sql: what a candidate without JavaScript typed and
-- has not sent.  Their page has one form (a message to the assistant and
-- the final answer); sending a message or "Save draft" keeps both here, so
-- the page after the post shows them again, on any device, and the
-- interviewer can read an answer the time ran out on.  Gone with the final
-- answer, the interview, or the transcripts' retention.
CREATE TABLE interview_drafts (
	interview_id	bigint PRIMARY KEY REFERENCES interviews(id) ON DELETE CASCADE,
	message		text NOT NULL DEFAULT '',
	answer		text NOT NULL DEFAULT '',
	saved_at	timestamptz NOT NULL DEFAULT now()
);
