-- 023_search_fold.sql: searches ignore accents as well as case, so that
-- "zoe" finds "Zoë" and "jose" finds "José".  unaccent is one of
-- PostgreSQL's trusted extensions: the database's owner (viva) may create
-- it.  search_fold() is the one rule that every search applies to both the
-- text and what was typed; its body is bound when it is made, so it does
-- not depend on the search_path of whoever calls it.
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE FUNCTION search_fold(text) RETURNS text
	LANGUAGE sql STABLE PARALLEL SAFE STRICT
	RETURN lower(unaccent($1));
