-- seed.sql: data for bench/interviews.sh (psql; ON_ERROR_STOP).
-- Needs: :dash_org (the signed-in admin's org), :'send_model' (the sending interviews'
-- model), :'page_hash' and :'page_csrf' (the candidate session of the page interview), and
-- a table send_tok (i int, hash text) the caller filled with the token hashes of the
-- sending interviews' candidate sessions.
-- Makes: 10,000 interviews in :dash_org (the dashboard); in a second org, one active
-- interview with 40 messages (the candidate page) and one active interview per send_tok row,
-- each with :send_history messages already.  Token counts are estimated (4 characters a
-- token) but consistent: messages, usage rows and the interviews' totals agree.

BEGIN;

-- Texts of realistic length (candidate 100-700 characters, assistant up to the 400-token
-- reply cap), with code, so that escaping is exercised.
CREATE TEMP TABLE user_text (n int PRIMARY KEY, t text NOT NULL);
INSERT INTO user_text VALUES
(1, 'Hi! Before I start: are the intervals half-open, so [60, 90) and [90, 120) share no minute? The statement says they should still be merged, I just want to be sure I read it right.'),
(2, 'I am thinking of sorting by start time first and then walking through the list once. Is that the kind of approach you would expect here, or is there something smarter without sorting?'),
(3, 'Here is my first version:

def merge(meetings):
    meetings.sort()
    out = []
    for s, e in meetings:
        if out and s <= out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return out

Does this handle the touching case?'),
(4, 'What about an empty input, or a single meeting? I return [] and [[s, e]] respectively.'),
(5, 'The tests I wrote: [[540, 600], [570, 660], [720, 780]] gives [[540, 660], [720, 780]] and [[100, 200], [110, 120], [130, 140]] gives [[100, 200]]. Both pass. Are there edge cases I am missing? Maybe meetings with the same start but different ends, like [[10, 20], [10, 50], [10, 15]]?'),
(6, 'Is it a problem that I sort the input list in place? The caller might not expect its list to change. I could use sorted(meetings) instead, at the cost of a copy.'),
(7, 'Complexity: the sort is O(n log n), the loop is O(n), so O(n log n) overall and O(n) for the output. Can we do better if the minutes are bounded by 1440? I guess a bucket approach over the day would be O(n + 1440).'),
(8, 'Let me try the bucket idea: an array of 1441 counters, +1 at start and -1 at end, then a prefix sum; busy wherever the sum is > 0. But then touching meetings [60, 90) and [90, 120) would produce a zero at 90 && I would split them. Hmm.'),
(9, 'OK, I fixed it by treating end as inclusive when building the buckets. Let me paste the final code:

def merge(meetings):
    if not meetings:
        return []
    ms = sorted(meetings, key=lambda m: (m[0], m[1]))
    out = [list(ms[0])]
    for s, e in ms[1:]:
        last = out[-1]
        if s <= last[1]:
            last[1] = max(last[1], e)
        else:
            out.append([s, e])
    return out

Any comments on style?'),
(10, 'Thanks. Last question: how would you test this more thoroughly in limited time?');

CREATE TEMP TABLE reply_text (n int PRIMARY KEY, t text NOT NULL);
INSERT INTO reply_text VALUES
(1, 'Yes: the intervals are half-open, so [60, 90) and [90, 120) share no minute, but the statement asks you to merge meetings that merely touch, because the room is busy without a break. In code that means the condition for merging is "next.start <= current.end", not "next.start < current.end". It is worth writing a test for exactly that boundary, since it is the most common off-by-one in this problem.'),
(2, 'Sorting by start time is the standard approach and a good one: once the meetings are sorted, any meeting that overlaps the current busy period must come right after it, so a single pass is enough. Without sorting you would need some structure that keeps the intervals ordered anyway (a balanced tree, or buckets if the time range is small), so you would not gain much in general.

A few things to decide before you code:
- whether you may modify the input list;
- what to return for an empty list;
- how to treat meetings that touch (merge them, per the statement).'),
(3, 'Your version is close. Walking through it:

1. `meetings.sort()` sorts the caller''s list in place; that may surprise the caller.
2. The condition `s <= out[-1][1]` merges touching meetings, which is what the statement asks for.
3. `max(out[-1][1], e)` handles a meeting that lies entirely inside the current one, e.g. [100, 200] and [110, 120].

One subtle point: `out.append([s, e])` stores a new list, which is good, but if the input contained lists and you appended those lists themselves, later updates of `out[-1][1]` would change the caller''s data. Your code avoids that, so keep it that way.'),
(4, 'Both are handled by your loop without special cases: with no meetings the loop does not run and you return [], and with one meeting it is appended as is. Some interviewers like to see an explicit early return for the empty case because it documents the intent, but it is not required.'),
(5, 'Good tests. A few more edge cases worth covering:

- Same start, different ends: [[10, 20], [10, 50], [10, 15]] should give [[10, 50]]. Sorting by (start, end) makes this deterministic, and the max() keeps the longest end.
- A meeting that contains all others: [[0, 1440], [60, 90], [100, 200]] gives [[0, 1440]].
- Touching chains: [[0, 10], [10, 20], [20, 30]] gives [[0, 30]].
- Already sorted and reverse sorted input, to check you do not rely on the order.
- Duplicates: [[5, 9], [5, 9]] gives [[5, 9]].

If the function can be given invalid intervals (start >= end), decide whether to reject them or skip them, and say so.'),
(6, 'That is a fair concern. Sorting in place is O(1) extra space but mutates the argument, which is surprising for a function whose name does not suggest it. Using `sorted(meetings)` makes a shallow copy of the outer list: O(n) extra space, but the output needs O(n) in the worst case anyway, so the asymptotic space does not change. Most reviewers would prefer the copy here; mention the trade-off in your final answer.'),
(7, 'Your analysis is right: O(n log n) time for the sort and O(n) for the scan and the output.

With minutes bounded by 1440, a counting approach works in O(n + 1440): mark +1 at each start and -1 at each end in an array of 1441 slots, take the prefix sum, and report the maximal runs where it is positive. It is faster only when n is large compared with log n, and it has a pitfall with touching meetings: at minute 90 in [60, 90) + [90, 120) the -1 and +1 cancel, so you must process the +1 before the -1 at the same minute, or merge runs that touch when you build the output.'),
(8, 'Exactly: with the difference array, the sum at 90 is 0 after [60, 90) ends and before [90, 120) starts, and if you only look at the prefix sum you see a gap of zero width. Two fixes:

1. When you emit runs, merge a run that starts exactly where the previous one ended.
2. Or count minutes instead of boundaries: mark every minute m with start <= m < end as busy, and treat adjacent busy minutes as one period. That is O(n * 1440) in the worst case, though, which loses the advantage.

The first fix keeps O(n + 1440) and is only a couple of lines.'),
(9, 'The final version reads well. Small comments:

- `sorted(..., key=lambda m: (m[0], m[1]))` is the same as `sorted(...)` for pairs, so the key can go, but being explicit does no harm.
- `out = [list(ms[0])]` copies the first interval, so you never modify the caller''s inner lists; good.
- The name `ms` is short; `by_start` would say what it is.
- Consider type hints: `def merge(meetings: list[list[int]]) -> list[list[int]]`.

Behaviour: it merges touching meetings, keeps the longest end for equal starts and handles empty input. I would mention the complexity, O(n log n) time and O(n) space, in your final answer.'),
(10, 'In limited time, combine a few hand-written cases (the ones from the statement plus the edge cases we discussed) with a property test: generate random lists of intervals within [0, 1440], and check that (1) the output is sorted and non-overlapping with gaps of at least one minute, (2) every minute covered by the input is covered by the output and vice versa, which you can verify with a simple 1440-slot boolean array. A few hundred random cases catch most off-by-one errors in seconds.');

-- --- the dashboard: 10,000 interviews in the admin's org ----------------------------------
CREATE TEMP TABLE ch AS
	SELECT row_number() OVER (ORDER BY id) - 1 AS k, id, title, body_md, hints
	FROM challenges WHERE org_id IS NULL AND archived_at IS NULL;

INSERT INTO interviews (org_id, created_by, kind, status, candidate_name, candidate_email,
    challenge_id, challenge_title, challenge_md, hints, instructions, model, invite_hash,
    invite_expires_at, consent_at, time_limit_s, started_at, ended_at, end_reason,
    token_budget, tokens_used, final_answer, cost_micros, last_activity_at, created_at)
SELECT :dash_org, (SELECT min(id) FROM users WHERE org_id = :dash_org), 'assisted', g.status,
    g.first || ' ' || g.last,
    lower(g.first) || '.' || lower(g.last) || g.i || '@example.com',
    ch.id, ch.title, ch.body_md, ch.hints,
    CASE WHEN g.i % 4 = 0 THEN 'Focus on testing and edge cases; do not give away the algorithm.'
	ELSE '' END,
    'builtin', md5('bench-dashboard-' || g.i), g.created + interval '7 days',
    g.started, g.limit_s, g.started, g.ended,
    CASE g.status WHEN 'completed' THEN (ARRAY['candidate', 'candidate', 'time', 'interviewer',
	'tokens'])[g.i % 5 + 1] WHEN 'expired' THEN 'expired' ELSE '' END,
    50000, g.used,
    CASE WHEN g.status = 'completed' AND g.i % 5 < 2 THEN repeat('I sort the meetings by start'
	|| ' time and merge each one into the current busy period when it starts before or'
	|| ' exactly when that period ends. O(n log n) time, O(n) space. ', 8) ELSE '' END,
    g.used * 3 / 10, coalesce(g.ended, g.started, g.created), g.created
FROM (
	SELECT i, status, created, limit_s,
	    CASE WHEN status IN ('active', 'paused') THEN now() - (i % 40 + 5) * interval '1 minute'
		WHEN status IN ('completed', 'abandoned') THEN created + interval '20 hours'
	    END AS started,
	    CASE WHEN status = 'completed' THEN created + interval '20 hours'
		+ (limit_s * (50 + i % 50) / 100) * interval '1 second'
		WHEN status IN ('expired', 'abandoned') THEN created + interval '7 days'
	    END AS ended,
	    CASE WHEN status IN ('created', 'expired') THEN 0 ELSE 4000 + (i * 7919) % 30000 END
		AS used,
	    (ARRAY['Ada', 'Grace', 'Alan', 'Edsger', 'Barbara', 'Donald', 'Margaret', 'Ken',
		'Dennis', 'Frances', 'John', 'Radia', 'Niklaus', 'Leslie', 'Sophie', 'Tony'])
		[i % 16 + 1] AS first,
	    (ARRAY['Lovelace', 'Hopper', 'Turing', 'Dijkstra', 'Liskov', 'Knuth', 'Hamilton',
		'Thompson', 'Ritchie', 'Allen', 'McCarthy', 'Perlman', 'Wirth', 'Lamport',
		'Wilson', 'Hoare', 'Backus', 'Kay', 'Cerf', 'Goldberg'])[i / 16 % 20 + 1] AS last
	FROM (
		SELECT i, now() - i * interval '90 minutes' AS created,
		    (ARRAY[45, 60, 60, 90])[i % 4 + 1] * 60 AS limit_s,
		    CASE
			-- The newest 400 (25 days): invites out, interviews running, some done.
			WHEN i <= 400 THEN (ARRAY['created', 'created', 'active', 'completed',
			    'created', 'paused', 'completed', 'active', 'completed', 'created'])
			    [i % 10 + 1]
			WHEN i % 50 < 3 THEN 'expired'
			WHEN i % 50 < 5 THEN 'abandoned'
			ELSE 'completed'
		    END AS status
		FROM generate_series(1, 10000) AS i
	) s
) g
JOIN ch ON ch.k = g.i % (SELECT count(*) FROM ch);

-- Active ones run for 45-90 minutes from a few minutes ago: the dashboard does not end them.
-- Paused ones are paused since now.
UPDATE interviews SET paused_at = now() WHERE org_id = :dash_org AND status = 'paused';

-- --- the candidates' org: the page interview and the sending interviews -------------------
INSERT INTO orgs (name) VALUES ('Bench candidates') RETURNING id AS cand_org \gset

-- Interviews: n = 0 is the page interview (20 exchanges, the offline assistant), n >= 1
-- the sending ones (send_model, a model of the bench's fake provider).
CREATE TEMP TABLE cand AS
	SELECT 0 AS n, :'page_hash'::text AS hash, :'page_csrf'::text AS csrf, 20 AS exchanges
	UNION ALL
	SELECT i, hash, md5('csrf' || hash) || md5(hash), :send_history / 2 FROM send_tok;

ALTER TABLE cand ADD COLUMN id bigint;
WITH ins AS (
	INSERT INTO interviews (org_id, kind, status, candidate_name, candidate_email,
	    challenge_id, challenge_title, challenge_md, hints, model, invite_hash,
	    invite_expires_at, consent_at, time_limit_s, started_at, token_budget,
	    last_activity_at, created_at)
	SELECT :cand_org, 'assisted', 'active', 'Candidate ' || c.n,
	    'candidate' || c.n || '@example.com', ch.id, ch.title, ch.body_md, ch.hints,
	    CASE WHEN c.n = 0 THEN 'builtin' ELSE :'send_model' END,
	    md5('bench-candidate-' || c.hash), now() + interval '7 days',
	    now() - interval '40 minutes', 7200, now() - interval '40 minutes', 200000, now(),
	    now() - interval '1 day'
	FROM cand c JOIN ch ON ch.k = 0
	RETURNING id, invite_hash
)
UPDATE cand SET id = ins.id FROM ins WHERE ins.invite_hash = md5('bench-candidate-' || cand.hash);

INSERT INTO candidate_sessions (token_hash, interview_id, csrf, ip, expires_at)
SELECT hash, id, csrf, '127.0.0.1', now() + interval '30 days' FROM cand;

-- Exchange k of each interview: the question, the reply, and the prompt as the model would
-- count it (system prompt, the conversation so far, the question).
CREATE TEMP TABLE ex AS
	SELECT c.id, k,
	    -- Each interview's own words: a text counted for one is not one counted before.
	    'Interview ' || c.n || ': ' || u.t AS q, 'Interview ' || c.n || ': ' || r.t AS a,
	    ceil((length(u.t) + 16) / 4.0)::int AS q_tok,
	    ceil((length(r.t) + 16) / 4.0)::int AS a_tok,
	    ceil((length(i.challenge_md) + 250) / 4.0)::int AS sys_tok,
	    now() - interval '38 minutes' + (k - 1) * interval '90 seconds' AS at
	FROM cand c
	JOIN interviews i ON i.id = c.id
	CROSS JOIN LATERAL generate_series(1, c.exchanges) AS k
	JOIN user_text u ON u.n = (k - 1) % 10 + 1
	JOIN reply_text r ON r.n = (k - 1) % 10 + 1;
ALTER TABLE ex ADD COLUMN prompt int;
UPDATE ex SET prompt = ex.sys_tok + p.before + ex.q_tok
FROM (SELECT id, k, coalesce(sum(q_tok + a_tok) OVER (PARTITION BY id ORDER BY k
	ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS before FROM ex) p
WHERE p.id = ex.id AND p.k = ex.k;

INSERT INTO messages (interview_id, seq, role, content, tokens_in, tokens_out, latency_ms,
    meta, created_at)
SELECT id, 2 * k - 1, 'user', q, 0, q_tok, 0, '{}', at FROM ex
UNION ALL
SELECT id, 2 * k, 'assistant', a, prompt, a_tok, 900 + k * 37 % 1500,
    jsonb_build_object('model', 'builtin'), at + interval '2 seconds' FROM ex;

INSERT INTO usage (interview_id, state, reserved, prompt_tokens, completion_tokens, model,
    cost_micros, created_at, settled_at)
SELECT id, 'settled', prompt + 400, prompt, a_tok, 'builtin', 0, at, at + interval '2 seconds'
FROM ex;

UPDATE interviews i SET tokens_used = s.used, last_activity_at = s.last,
    chat_messages = 2 * s.n, chat_user_messages = s.n, chat_replies = s.n,
    chat_reply_ms = s.ms
FROM (SELECT id, sum(prompt + a_tok) AS used, max(at) + interval '2 seconds' AS last,
    count(*) AS n, sum(900 + k * 37 % 1500) AS ms
    FROM ex GROUP BY id) s
WHERE i.id = s.id;

COMMIT;
-- A live database is vacuumed: visibility map and hint bits set, as autovacuum would.
VACUUM ANALYZE;
