-- 020_usage_budgeted.sql: whether a usage row's tokens were charged to the
-- interview's token budget (interviews.tokens_used).  The chat, an adaptive
-- interview's evaluations and questions and a live voice session are; a
-- transcription is priced (cost_micros) but not budgeted, so the analytics
-- leave it out of the tokens that add up to tokens_used.
ALTER TABLE usage ADD COLUMN budgeted boolean NOT NULL DEFAULT true;
-- Transcriptions made before: settled without a hold, under a model that is
-- not the interview's (the chat and the adaptive calls use it) nor a
-- realtime one.  XXX: a guess from the model's name, the only trace left;
-- a wrong guess only moves old rows' tokens in or out of the analytics.
UPDATE usage u SET budgeted = false FROM interviews i
WHERE u.interview_id = i.id AND u.reserved = 0 AND u.state = 'settled'
  AND (i.kind = 'oneway' OR (u.model <> i.model
  AND u.model NOT ILIKE '%realtime%'));
