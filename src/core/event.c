/* event.c: append to and read the audit timeline. */
#include <json-c/json.h>

#include "event.h"

enum status
event_add(struct arena *a, struct db *db, long long org_id, long long actor_id,
    const char *actor, const char *type, const char *detail, const char *ip)
{
	const char	*p[6];

	p[0] = org_id ? db_i64(a, org_id) : NULL;
	p[1] = actor_id ? db_i64(a, actor_id) : NULL;
	p[2] = actor != NULL ? actor : "";
	p[3] = type;
	p[4] = detail != NULL ? detail : "{}";
	p[5] = ip != NULL ? ip : "";
	return db_exec(a, db, SQL("INSERT INTO events (org_id, actor_user_id,"
	    " actor, type, detail, ip) VALUES ($1, $2, $3, $4, $5::jsonb, $6)"),
	    p, 6, NULL);
}

enum status
event_list(struct arena *a, struct db *db, long long org_id,
    int with_accounts, int limit, struct event **out, size_t *n)
{
	const char	*p[] = { db_i64(a, org_id), db_i64(a, limit),
			    with_accounts ? "t" : "f" };
	struct db_res	*r;
	enum status	 st;
	int		 i;

	st = db_query(a, db, SQL("SELECT e.id, actor, type, detail::text, ip,"
	    " to_char(e.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS'),"
	    " coalesce(e.interview_id, 0), coalesce(i.candidate_name, '')"
	    " FROM events e LEFT JOIN interviews i ON i.id = e.interview_id"
	    " WHERE e.org_id = $1 AND ($3 OR e.type NOT IN ('login', 'logout',"
	    " 'login_failed', 'login_throttled', 'password_changed',"
	    " 'password_reset', 'api_token_created', 'api_token_revoked',"
	    " 'user_added', 'user_disabled', 'user_enabled', 'user_changed'))"
	    " ORDER BY e.id DESC LIMIT $2"), p, 3, &r);
	if (st != ST_OK)
		return st;
	*n = (size_t)db_rows(r);
	*out = arena_calloc(a, *n + 1, sizeof(**out));
	for (i = 0; i < db_rows(r); i++) {
		(*out)[i].id = db_int(r, i, 0);
		(*out)[i].actor = db_get(r, i, 1);
		(*out)[i].type = db_get(r, i, 2);
		(*out)[i].detail = db_get(r, i, 3);
		(*out)[i].ip = db_get(r, i, 4);
		(*out)[i].created_at = db_get(r, i, 5);
		(*out)[i].interview_id = db_int(r, i, 6);
		(*out)[i].candidate_name = db_get(r, i, 7);
	}
	return ST_OK;
}

const char *
event_with(struct arena *a, const char *detail, const char *key,
    const char *val)
{
	struct json_object	*o;
	const char		*s;

	o = json_tokener_parse(detail != NULL ? detail : "{}");
	if (!json_object_is_type(o, json_type_object)) {
		json_object_put(o);
		o = json_object_new_object();
	}
	json_object_object_add(o, key, json_object_new_string(val));
	s = arena_strdup(a, json_object_to_json_string_ext(o,
	    JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(o);
	return s;
}
