-- 021_form_uses.sql: forms whose action must happen once however often
-- they are sent (a double click on "Extend time" gave the time twice).
-- Each such form carries a random id; the action inserts it here in its own
-- transaction, and a second submit finds it and does nothing.  A day later
-- no browser still holds the page, so `viva jobs run` forgets older rows.
CREATE TABLE form_uses (
	id		text PRIMARY KEY CHECK (length(id) BETWEEN 16 AND 64),
	used_at		timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX form_uses_used_at_idx ON form_uses (used_at);
