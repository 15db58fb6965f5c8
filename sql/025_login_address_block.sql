-- 025_login_address_block.sql: the sign-in limits count an IPv6 address by
-- its /64, the block a subscriber is given.  Counted one by one, an attacker
-- on IPv6 had 2^64 addresses to spread guesses over, and a user's own
-- address, which privacy extensions change every day or so, was a new
-- address each time to the known-address rule (024).  An IPv4 address, or
-- one mapped into IPv6 (::ffff:a.b.c.d), stays itself.  What nginx sends is
-- always an address; anything else (a unix socket's "unix:") stays itself
-- too rather than failing the sign-in.
CREATE FUNCTION address_block(a text) RETURNS text
	LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE STRICT
AS $$
DECLARE
	v6	inet;
BEGIN
	IF position(':' IN a) = 0 THEN
		RETURN a;
	END IF;
	BEGIN
		v6 := a::inet;
	EXCEPTION WHEN invalid_text_representation THEN
		RETURN a;
	END;
	IF family(v6) <> 6 OR v6 << '::ffff:0.0.0.0/96'::inet THEN
		RETURN a;
	END IF;
	RETURN host(network(set_masklen(v6, 64))) || '/64';
END $$;

DROP INDEX events_login_ip_idx;
CREATE INDEX events_login_block_idx ON events (address_block(ip), created_at)
	WHERE type = 'login_failed';
DROP INDEX events_login_ok_idx;
CREATE INDEX events_login_ok_idx ON events (lower(actor), address_block(ip),
	created_at) WHERE type = 'login';
