-- 035_asked_level.sql: a question's difficulty is the level the engine
-- asked it at (wanted_level), not the bank's rating of the question.  A
-- behavioural question the bank rated intermediate, asked after two
-- warm-up answers, read "Intermediate" on the report and its chart, a
-- jump of two levels the engine never makes; so did a question of the
-- nearest level when the bank had none left at the wanted one.  The
-- bank's rating stays with the question (question_id), and the note of a
-- nearest-level question says that it was one.
UPDATE interview_questions SET difficulty = wanted_level
	WHERE wanted_level IN ('warmup', 'fundamental', 'intermediate',
	    'advanced', 'expert') AND difficulty <> wanted_level;
