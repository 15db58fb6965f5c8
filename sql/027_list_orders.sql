-- 027_list_orders.sql: the interviews list's other two orders walk an index
-- as the newest-first one does (interviews_org_idx), instead of sorting all
-- of an org's interviews for every page: 24,000 of them took 57 ms a page
-- by last activity and 72 ms by name, against 7 ms (the list refreshes
-- itself every 15 seconds).
CREATE INDEX interviews_org_activity_idx ON interviews
	(org_id, last_activity_at DESC, created_at DESC, id DESC);

-- search_fold is STABLE (unaccent with no dictionary named reads the
-- search_path), so no index may use it; name_fold is the same rule with the
-- dictionary bound when it is made, and IMMUTABLE.  Only the order uses it:
-- declared IMMUTABLE, PostgreSQL will not inline it, and a search calling it
-- for every row took twice as long as search_fold.  Should unaccent.rules
-- ever change, REINDEX INDEX interviews_org_name_idx.
CREATE FUNCTION name_fold(text) RETURNS text
	LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
	RETURN lower(unaccent('unaccent'::regdictionary, $1));
CREATE INDEX interviews_org_name_idx ON interviews
	(org_id, name_fold(candidate_name), created_at DESC, id DESC);
