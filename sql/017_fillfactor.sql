-- 017_fillfactor.sql: room on each page for a row's next version.
-- An interview's row is rewritten on every message (tokens, last activity),
-- every answer (the adaptive state) and every control; an adaptive question's
-- row when it is answered.  With full pages each new version went to another
-- page, and every index of the table got a new entry: 23 buffers for one
-- adaptive answer's state update against 6 with room to spare (EXPLAIN
-- (ANALYZE, BUFFERS) on a bench database).  No indexed column changes in
-- those updates, so with free space PostgreSQL keeps the new version on the
-- same page and touches no index (a heap-only tuple).  Pages written from
-- now on keep the room; `VACUUM FULL interviews, interview_questions`
-- rewrites the old ones (it locks the tables while it runs).
ALTER TABLE interviews SET (fillfactor = 70);
ALTER TABLE interview_questions SET (fillfactor = 80);
