/* api.c: the JSON API under /api/v1, authenticated by bearer tokens. */
#include <json-c/json.h>

#include "handlers.h"

static struct json_object *
user_json(const struct user *u)
{
	struct json_object	*o = json_object_new_object();

	json_object_object_add(o, "id", json_object_new_int64(u->id));
	json_object_object_add(o, "email", json_object_new_string(u->email));
	/* Not set is null, as everywhere in the API (docs/API.md). */
	json_object_object_add(o, "name", *u->name != '\0' ?
	    json_object_new_string(u->name) : NULL);
	json_object_object_add(o, "role", json_object_new_string(u->role));
	json_object_object_add(o, "disabled", json_object_new_boolean(u->disabled));
	json_object_object_add(o, "created_at", api_time(u->created_at));
	return o;
}

/* GET /api/v1/me: who the token belongs to. */
enum status
api_me(struct req *r)
{
	struct json_object	*o = json_object_new_object();
	struct json_object	*org = json_object_new_object();

	json_object_object_add(org, "id", json_object_new_int64(r->user->org_id));
	json_object_object_add(org, "name", json_object_new_string(r->user->org_name));
	json_object_object_add(o, "user", user_json(r->user));
	json_object_object_add(o, "org", org);
	return resp_json(r, 200, o);
}

/* GET /api/v1/users: the org's users (admins' tokens only). */
enum status
api_users(struct req *r)
{
	struct json_object	*o, *list;
	struct user		*u;
	size_t			 n, i;
	enum status		 st;

	if ((st = user_list(r->a, r->db, r->user->org_id, &u, &n)) != ST_OK)
		return st;
	list = json_object_new_array();
	for (i = 0; i < n; i++)
		json_object_array_add(list, user_json(&u[i]));
	o = json_object_new_object();
	json_object_object_add(o, "users", list);
	return resp_json(r, 200, o);
}
