-- 009_question_sources.sql: where each adaptive question came from, the
-- rubric of questions the bank did not hold as they were asked, and what
-- the provider cost per question (for the report and the exports).

-- bank: a bank question as it is; model_followup: phrased by the model after
-- an answer the engine wanted probed deeper; stored_followup: the bank
-- question's own follow-up prompt (no provider, or the model failed);
-- generated: written by the model for the role, skill and level chosen.
ALTER TABLE interview_questions
	ADD COLUMN source text NOT NULL DEFAULT 'bank'
		CHECK (source IN ('bank', 'model_followup', 'stored_followup', 'generated')),
	-- The rubric a follow-up keeps from its parent, or the model wrote with a
	-- generated question; NULL: the bank question's (questions.rubric).
	ADD COLUMN rubric jsonb,
	-- The question a follow-up follows (its n), NULL otherwise.
	ADD COLUMN parent_n int,
	-- Provider tokens and cost spent on this question: writing it and
	-- judging its answer.  Their sums are the interview's.
	ADD COLUMN tokens int NOT NULL DEFAULT 0,
	ADD COLUMN cost_micros bigint NOT NULL DEFAULT 0;
