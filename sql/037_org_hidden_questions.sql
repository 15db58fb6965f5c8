-- 037_org_hidden_questions.sql: an org hides a question shipped with viva
-- from its own interviews.  Shipped questions (org_id NULL) are read-only
-- and cannot be archived, so an org had no way to take one out of its
-- pool; "Duplicate to edit" made it worse: the copy and the original were
-- both asked (a role of 42 questions showed 43).  A row here takes the
-- question out of the org's adaptive interviews and role counts; other
-- orgs still ask it.  Deleting the row shows it again.
CREATE TABLE org_hidden_questions (
	org_id		bigint NOT NULL REFERENCES orgs(id),
	question_id	bigint NOT NULL REFERENCES questions(id),
	hidden_by	bigint REFERENCES users(id),
	hidden_at	timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (org_id, question_id)
);
