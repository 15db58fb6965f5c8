-- 043_usage_question.sql: the candidate's message while its reply is being
-- written, kept on its hold (budget_reserve) so that the interviewer's live
-- page can show it.  Settling and releasing clear it: a settled message is
-- in messages, a failed one was never sent (it is back in the candidate's
-- box), and a hold's text outlives neither.
ALTER TABLE usage ADD COLUMN question text;
