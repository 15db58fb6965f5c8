-- 007_adaptive.sql: what the adaptive interview needs beside 005.

-- An adaptive interview may run without a time limit; time_limit_s then holds
-- the longest allowed (a day) and the pages say "no time limit".
ALTER TABLE interviews ADD COLUMN timed boolean NOT NULL DEFAULT true;

-- Why this question was asked when the bank had none at the level and skill
-- the engine wanted ("" when it had one).
ALTER TABLE interview_questions ADD COLUMN note text NOT NULL DEFAULT '';
-- The level and skill the engine asked for, beside what the bank gave.
ALTER TABLE interview_questions ADD COLUMN wanted_level text NOT NULL DEFAULT '';
