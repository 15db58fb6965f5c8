/* api_challenges.c: the challenge library as JSON (bearer token), for challenge_id. */
#include <json-c/json.h>
#include <string.h>

#include "core/challenge.h"
#include "handlers.h"

#define MAX_ERRORS	8

/* The list's members; with_body adds what only one challenge shows. */
static struct json_object *
challenge_json(const struct challenge *c, int with_body)
{
	struct json_object	*o = json_object_new_object(), *hints;
	size_t			 i;

	api_put_int(o, "id", c->id);
	api_put_str(o, "title", c->title);
	api_put_str(o, "category", c->category);
	api_put_str(o, "difficulty", c->difficulty);
	api_put_int(o, "time_limit_minutes", c->time_limit_min);
	api_put_int(o, "token_budget", c->token_budget);
	json_object_object_add(o, "shipped", json_object_new_boolean(
	    c->org_id == 0));
	json_object_object_add(o, "archived", json_object_new_boolean(
	    c->archived));
	if (!with_body) {
		api_put_int(o, "hints", (long long)c->n_hints);
		return o;
	}
	api_put_str(o, "body_markdown", c->body_md);
	hints = json_object_new_array();
	for (i = 0; i < c->n_hints; i++)
		json_object_array_add(hints, json_object_new_string(
		    c->hints[i]));
	json_object_object_add(o, "hints", hints);
	return o;
}

/* GET /api/v1/challenges?category=&archived=1 */
enum status
api_challenges(struct req *r)
{
	struct json_object	*o, *list;
	struct challenge	*c;
	const struct field_val	*cat = req_field(r, "category");
	const struct field_val	*arch = req_field(r, "archived");
	const char		*name[MAX_ERRORS], *msg[MAX_ERRORS];
	size_t			 n, i;
	enum status		 st;

	/* A bad or unknown query parameter: 400 naming each. */
	if ((n = api_query_problems(r, challenge_filter_fields, name, msg,
	    MAX_ERRORS)) > 0)
		return api_reply_fields(r, name, msg, n);
	st = challenge_list(r->a, r->db, r->user->org_id,
	    cat != NULL ? cat->text : "", arch != NULL && arch->num != 0,
	    &c, &n);
	if (st != ST_OK)
		return st;
	list = json_object_new_array();
	for (i = 0; i < n; i++)
		json_object_array_add(list, challenge_json(&c[i], 0));
	o = json_object_new_object();
	json_object_object_add(o, "challenges", list);
	return resp_json(r, 200, o);
}

/* GET /api/v1/challenges/:id: {"challenge":{...}}, with its text and hints. */
enum status
api_challenge_get(struct req *r)
{
	struct json_object	*o;
	struct challenge	 c;
	long long		 id;
	enum status		 st;

	st = req_arg_id(r, 0, &id);
	if (st == ST_OK)
		st = challenge_get(r->a, r->db, r->user->org_id, id, &c);
	if (st == ST_NOTFOUND)
		r->error_detail = "There is no challenge with that id in your"
		    " organisation's library or viva's.";
	if (st != ST_OK)
		return st;
	/* {"challenge":{...}}, as /questions/:id and /interviews/:id answer. */
	o = json_object_new_object();
	json_object_object_add(o, "challenge", challenge_json(&c, 1));
	return resp_json(r, 200, o);
}
