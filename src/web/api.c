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

/* Users an API page, as on the admin page. */
#define API_USERS_PER_PAGE	100

const struct field user_list_fields[] = {
	{ "page",	F_INT,	1, 100000, 0, NULL },
	{ NULL, 0, 0, 0, 0, NULL }
};

/* GET /api/v1/users?page=: the org's users (admins' tokens only), 100 a page. */
enum status
api_users(struct req *r)
{
	struct json_object	*o, *list;
	const struct field_val	*pf = req_field(r, "page");
	const char		*name[4], *msg[4];
	struct user		*u;
	size_t			 n, i, nr = 0;
	int			 page, more;
	enum status		 st;

	if (pf->err != NULL) {
		name[nr] = "page";
		msg[nr++] = api_field_message(r->a, user_list_fields, "page",
		    pf->err);
	}
	nr += api_query_refused(r, user_list_fields, NULL, name + nr,
	    msg + nr, NITEMS(name) - nr);
	if (nr > 0)
		return api_reply_fields(r, name, msg, nr);
	page = pf->present ? (int)pf->num : 1;
	if ((st = user_page(r->a, r->db, r->user->org_id, page,
	    API_USERS_PER_PAGE, &u, &n, &more)) != ST_OK)
		return st;
	list = json_object_new_array();
	for (i = 0; i < n; i++)
		json_object_array_add(list, user_json(&u[i]));
	o = json_object_new_object();
	json_object_object_add(o, "users", list);
	json_object_object_add(o, "page", json_object_new_int(page));
	json_object_object_add(o, "more", json_object_new_boolean(more));
	return resp_json(r, 200, o);
}
