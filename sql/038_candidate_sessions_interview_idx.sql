-- 038_candidate_sessions_interview_idx.sql: an interview's candidate
-- sessions by interview.  The home page lists invites that no candidate has
-- opened yet (no session) and that run out soon; without an index each such
-- question read every session of every interview.  The same lookup serves
-- a new invite's "sign out" (DELETE ... WHERE interview_id) and the cascade
-- when an interview is deleted.
CREATE INDEX candidate_sessions_interview_idx
	ON candidate_sessions (interview_id);
