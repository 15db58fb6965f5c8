-- 011_question_samples.sql: the stronger sample answer that practice mode
-- shows, for questions the bank did not hold as they were asked: the model
-- writes one with each follow-up it phrases and each question it writes.
-- NULL: the bank question's own (questions.sample_answer), or none.
ALTER TABLE interview_questions ADD COLUMN sample_answer text;
