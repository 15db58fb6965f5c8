-- 019_next_prompt_min.sql: the smallest prompt the assistant's next reply can have.
-- Every message sends the whole conversation again, so the next prompt is at
-- least the last one plus its reply.  Settling a reply records that sum; the
-- chat is spent once the tokens left cannot cover it and a shortest reply,
-- however short the candidate's next message, and the pages say so.
ALTER TABLE interviews ADD COLUMN next_prompt_min int NOT NULL DEFAULT 0;
-- Interviews under way: the sum from their last reply.
UPDATE interviews i SET next_prompt_min = m.tokens_in + m.tokens_out
FROM (SELECT DISTINCT ON (interview_id) interview_id, tokens_in, tokens_out
      FROM messages WHERE role = 'assistant'
      ORDER BY interview_id, seq DESC) m
WHERE m.interview_id = i.id AND i.status IN ('active', 'paused');
