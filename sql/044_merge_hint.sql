-- 044_merge_hint.sql: a shipped hint that contradicted its challenge.  "Merge
-- overlapping meetings" says meetings that merely touch are merged; its
-- third hint told the candidate to decide whether they touch or overlap.
-- Interviews made before keep the copy they were made with.
UPDATE challenges
SET hints[3] = 'Meetings that only touch ([60, 90) and [90, 120)) merge too:'
	' compare the next start with the current end using <=, and test that case.'
WHERE org_id IS NULL AND title = 'Merge overlapping meetings'
	AND hints[3] LIKE 'Decide up front whether%';
