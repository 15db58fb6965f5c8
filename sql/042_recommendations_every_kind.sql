-- 042_recommendations_every_kind.sql: a reviewer's recommendation for
-- every kind of interview, not one-way's alone.  The table keeps its name
-- and rows (sql/033): only its key changes, from the one-way settings to
-- the interview itself, so that an assisted or adaptive interview takes
-- one too.  Each row already names an interview, and deleting it still
-- deletes them.  (Why not a new table: docs/ARCHITECTURE.md, "Data".)
ALTER TABLE oneway_recommendations
	DROP CONSTRAINT oneway_recommendations_interview_id_fkey,
	ADD CONSTRAINT oneway_recommendations_interview_id_fkey
	    FOREIGN KEY (interview_id) REFERENCES interviews (id)
	    ON DELETE CASCADE;
