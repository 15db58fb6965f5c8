-- 028_chat_counts.sql: each interview keeps the counts of its chat that the
-- org's analytics overview averages and ranks by (src/core/analytics.c), so
-- that the overview reads one row per interview instead of every message
-- the org ever exchanged: 24,000 interviews and 123,000 messages took
-- 330 ms, growing with every message.  Written with the messages they
-- count (budget.c settle_once, interview.c interview_finish, realtime.c
-- realtime_store); retention deletes the messages and keeps the counts,
-- which are no one's words.
ALTER TABLE interviews
	ADD COLUMN chat_messages int NOT NULL DEFAULT 0,	-- of every role
	ADD COLUMN chat_user_messages int NOT NULL DEFAULT 0,
	ADD COLUMN chat_replies int NOT NULL DEFAULT 0,		-- role assistant
	ADD COLUMN chat_reply_ms bigint NOT NULL DEFAULT 0;	-- their latency_ms
UPDATE interviews i SET chat_messages = m.n, chat_user_messages = m.nu,
	chat_replies = m.na, chat_reply_ms = m.ms
	FROM (SELECT interview_id, count(*) n,
		count(*) FILTER (WHERE role = 'user') nu,
		count(*) FILTER (WHERE role = 'assistant') na,
		coalesce(sum(latency_ms) FILTER (WHERE role = 'assistant'), 0) ms
		FROM messages GROUP BY interview_id) m
	WHERE m.interview_id = i.id;
