-- 022_form_results.sql: what a form that acts once made, kept with its
-- claim (form_uses), so that a second submit of the same form can show the
-- first one's result instead of making another: the interview, user or API
-- token created (its id), or the candidate's message (its usage row, whose
-- state says whether the reply is still coming).  NULL: nothing to find.
ALTER TABLE form_uses ADD COLUMN result text;
