-- 030_no_activity_idx.sql: 027's index of the list by last activity is
-- dropped.  last_activity_at changes with every message and answer, and a
-- column in an index makes those updates of the interview's row touch
-- every index of the table instead of staying heap-only (sql/017): 77
-- buffers for a message's update of the row instead of 7.  The list sorted
-- by activity sorts the org's interviews again (57 ms a page at 24,000);
-- newest first and by name keep their indexes, whose columns do not change.
DROP INDEX IF EXISTS interviews_org_activity_idx;
