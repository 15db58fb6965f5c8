-- 029_question_body_idx.sql: a question is added once per role and text
-- (src/core/question.c question_create_new, the CSV import's rows): the
-- check found the text by reading every question of the role, so an import
-- took longer with every question the bank had, 1,000 rows into a role of
-- 5,841 questions 7.4 s.  The text may be 20,000 characters, too long for
-- a btree key: its md5 is the key, and the text itself is compared after.
CREATE INDEX questions_body_idx ON questions (role, md5(body_md))
	WHERE archived_at IS NULL;
