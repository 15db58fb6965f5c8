-- 016_usage_hold.sql: a token reservation holds its tokens until hold_until.
-- A pool process killed mid-call (a restart, the OOM killer) never settles or
-- releases its reservation, and the tokens stayed held for good, out of the
-- candidate's budget.  Past hold_until (the longest a provider call may take,
-- and a margin) the interview's next send, or `viva jobs run`, releases it as
-- 'abandoned'.  Reservations made before this have an hour.
ALTER TABLE usage ADD COLUMN hold_until timestamptz;
UPDATE usage SET hold_until = created_at + interval '1 hour' WHERE state = 'reserved';
CREATE INDEX usage_held_idx ON usage (hold_until) WHERE state = 'reserved';
