-- 024_login_known_address.sql: an account's limit on failed sign-ins does
-- not lock its owner out from an address they signed in from before: the
-- sign-in asks, for the email and the address, whether a sign-in succeeded
-- there in the last 30 days (src/core/session.c, recent_failures).
CREATE INDEX events_login_ok_idx ON events (lower(actor), ip, created_at)
	WHERE type = 'login';
