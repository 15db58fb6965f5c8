-- 041_prep_times_invite_expired.sql: a one-way interview keeps the
-- preparation time it was made with (each question's own is in
-- oneway_questions.prep_s), for the exports.  One made before this: a bank
-- question's time where it has one (bank questions always got the
-- interview's), else the time every question shares; NULL when neither
-- tells (a question's "[N]" may have replaced it).
ALTER TABLE oneway_settings ADD COLUMN prep_s int
	CHECK (prep_s BETWEEN 0 AND 600);
UPDATE oneway_settings s SET prep_s = coalesce(
	(SELECT min(q.prep_s) FROM oneway_questions q
	 WHERE q.interview_id = s.interview_id AND q.question_id IS NOT NULL),
	(SELECT min(q.prep_s) FROM oneway_questions q
	 WHERE q.interview_id = s.interview_id
	 HAVING min(q.prep_s) = max(q.prep_s)));

-- An invite that ran out unused is on the timeline (invite_expired, by
-- system, dated when it ran out) from now on; the interviews expired
-- before this get theirs too.
INSERT INTO events (org_id, actor, type, detail, interview_id, created_at)
SELECT i.org_id, 'system', 'invite_expired', '{}', i.id, i.invite_expires_at
FROM interviews i
WHERE i.status = 'expired' AND i.end_reason = 'expired'
	AND i.started_at IS NULL
	AND NOT EXISTS (SELECT 1 FROM events e WHERE e.interview_id = i.id
	    AND e.type = 'invite_expired');
