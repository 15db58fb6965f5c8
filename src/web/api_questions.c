/* api_questions.c: the question bank and its roles as JSON (bearer token). */
#include <json-c/json.h>
#include <string.h>

#include "core/event.h"
#include "core/question.h"
#include "core/role.h"
#include "handlers.h"

#define MAX_ERRORS	16

/* Messages by member name, for the 400 reply's "fields". */
struct errors {
	const char	*name[MAX_ERRORS];
	const char	*msg[MAX_ERRORS];
	size_t		 n;
};

static void
add_error(struct errors *e, const char *name, const char *msg)
{
	if (e->n < MAX_ERRORS) {
		e->name[e->n] = name;
		e->msg[e->n++] = msg;
	}
}

static enum status
reply_errors(struct req *r, const struct errors *e)
{
	return api_reply_fields(r, e->name, e->msg, e->n);
}

/* --- JSON out ------------------------------------------------------------- */

static struct json_object *
lines_json(const char *const *v, size_t n)
{
	struct json_object	*a = json_object_new_array();
	size_t			 i;

	for (i = 0; i < n; i++)
		json_object_array_add(a, json_object_new_string(v[i]));
	return a;
}

static struct json_object *
question_json(const struct question *q)
{
	struct json_object	*o = json_object_new_object();
	struct json_object	*rubric = json_tokener_parse(q->rubric);

	json_object_object_add(o, "id", json_object_new_int64(q->id));
	api_put_str(o, "role", q->role);
	api_put_str(o, "skill_area", q->skill_area);
	api_put_str(o, "category", q->category);
	api_put_str(o, "difficulty", q->difficulty);
	api_put_str(o, "body_md", q->body_md);
	json_object_object_add(o, "rubric", rubric != NULL ? rubric :
	    json_tokener_parse("{\"points\":[]}"));
	json_object_object_add(o, "follow_ups", lines_json(q->follow_ups,
	    q->n_follow_ups));
	api_put_str(o, "sample_answer", q->sample_answer);
	json_object_object_add(o, "shipped",
	    json_object_new_boolean(q->org_id == 0));
	json_object_object_add(o, "archived",
	    json_object_new_boolean(q->archived));
	/* For the token's org: another org may still ask it. */
	json_object_object_add(o, "hidden",
	    json_object_new_boolean(q->hidden));
	json_object_object_add(o, "created_at", api_time(q->created_at));
	json_object_object_add(o, "updated_at", api_time(q->updated_at));
	return o;
}

static enum status
reply_question(struct req *r, int code, const struct question *q)
{
	struct json_object	*o = json_object_new_object();

	json_object_object_add(o, "question", question_json(q));
	return resp_json(r, code, o);
}

/* --- JSON in -------------------------------------------------------------- */

/* A string member with no NUL inside; NULL with *err otherwise. */
static const char *
string_of(struct req *r, struct json_object *v, const char **err)
{
	const char	*s;
	size_t		 len;

	if (!json_object_is_type(v, json_type_string)) {
		*err = "Must be a string.";
		return NULL;
	}
	s = json_object_get_string(v);
	len = (size_t)json_object_get_string_len(v);
	if (strlen(s) != len) {
		*err = "Must not hold control characters.";
		return NULL;
	}
	return arena_strndup(r->a, s, len);
}

/* follow_ups: a list of one-line strings, joined by newlines. */
static const char *
follow_ups_of(struct req *r, struct json_object *v, const char **err)
{
	struct buf	 b;
	const char	*s;
	size_t		 i;

	*err = "Must be a list of strings, each one line.";
	if (!json_object_is_type(v, json_type_array))
		return NULL;
	buf_init(&b, r->a);
	for (i = 0; i < json_object_array_length(v); i++) {
		/* [5] is not "Must be a string.": the member is a list. */
		if (!json_object_is_type(json_object_array_get_idx(v, i),
		    json_type_string))
			return NULL;
		s = string_of(r, json_object_array_get_idx(v, i), err);
		if (s == NULL || strpbrk(s, "\r\n") != NULL || *s == '\0')
			return NULL;
		buf_printf(&b, "%s%s", i > 0 ? "\n" : "", s);
	}
	*err = NULL;
	return b.p != NULL ? b.p : "";
}

/* The value of member v, as question_check takes field f. */
static const char *
member_of(struct req *r, enum question_field f, struct json_object *v,
    const char **err)
{
	*err = NULL;
	if (f == QF_RUBRIC) {
		if (json_object_is_type(v, json_type_object))
			return arena_strdup(r->a,
			    json_object_to_json_string_ext(v,
			    JSON_C_TO_STRING_PLAIN));
		*err = "Must be an object {\"points\": [...]}.";
		return NULL;
	}
	if (f == QF_FOLLOW_UPS)
		return follow_ups_of(r, v, err);
	return string_of(r, v, err);
}

/*
 * The question object's members that no body sets: a client that sends back
 * what it read is told so, not that a member it was given is unknown.
 */
static const char *const read_only[] = {
	"id", "shipped", "archived", "hidden", "created_at", "updated_at", NULL
};

static const char *
unknown_member(const char *key)
{
	size_t	i;

	for (i = 0; read_only[i] != NULL; i++)
		if (strcmp(key, read_only[i]) == 0)
			return strcmp(key, "archived") == 0 ? "Read only:"
			    " archive it on the question's page." :
			    strcmp(key, "hidden") == 0 ? "Read only: hide it"
			    " on the question's page." :
			    "Read only: leave it out.";
	return "Unknown field.";
}

/* Sets in's fields from the object's members; bad members go into e. */
static void
members(struct req *r, struct json_object *o, struct question_input *in,
    struct errors *e)
{
	const char	*val, *err;
	size_t		 f;

	json_object_object_foreach(o, key, v) {
		for (f = 0; f < QF__MAX; f++)
			if (strcmp(key, question_field_names[f]) == 0)
				break;
		if (f == QF__MAX) {
			add_error(e, arena_strdup(r->a, key),
			    unknown_member(key));
			continue;
		}
		if (v == NULL)
			continue;	/* null: as if absent */
		val = member_of(r, (enum question_field)f, v, &err);
		if (val == NULL)
			add_error(e, question_field_names[f], err);
		else
			in->v[f] = val;
	}
}

/*
 * question_check's message for field f as the API words it: a value none
 * of the choices is "One of: ...", as in the list's filters and every
 * other body; the rest beside its member, not named again.
 */
static const char *
api_words(struct req *r, size_t f, const char *msg)
{
	if (f == QF_CATEGORY && strstr(msg, " must be one of ") != NULL)
		return api_choices(r->a, QUESTION_CATEGORIES);
	if (f == QF_DIFFICULTY && strstr(msg, " must be one of ") != NULL)
		return api_choices(r->a, QUESTION_DIFFICULTIES);
	return question_check_beside(r->a, question_field_names[f], msg);
}

/* Reads the body over in (absent members keep in's values) and checks it. */
static enum status
read_question(struct req *r, struct question_input *in, struct errors *e)
{
	struct json_object	*o;
	struct question_errors	 qe;
	const char		**roles;
	size_t			  nroles, f;
	enum status		  st;

	memset(e, 0, sizeof(*e));
	if ((st = api_read_object(r, &o)) != ST_OK)
		return st;
	members(r, o, in, e);
	json_object_put(o);
	if (e->n > 0)
		return ST_OK;
	if ((st = role_slugs(r->a, r->db, r->user->org_id, &roles,
	    &nroles)) != ST_OK)
		return st;
	(void)question_check(r->a, roles, nroles, in, &qe);
	for (f = 0; f < QF__MAX; f++)
		if (qe.msg[f] != NULL)
			add_error(e, question_field_names[f], api_words(r, f,
			    qe.msg[f]));
	return ST_OK;
}

/* --- the endpoints -------------------------------------------------------- */

/* A list of roles short enough to give in a message, not GET /roles's. */
#define ROLES_NAMED	12

/*
 * ?role= names a role the org has or viva ships, archived ones included
 * (their questions are still listed); an unknown one was an empty list, as
 * though the role had no questions, where a bad state is refused.
 */
static enum status
check_role(struct req *r, struct errors *e)
{
	const struct field_val	*v = req_field(r, "role");
	struct role		*ro;
	struct buf		 b;
	size_t			 n, i;
	enum status		 st;

	if (v->err != NULL || *v->text == '\0')
		return ST_OK;
	if ((st = role_list(r->a, r->db, r->user->org_id, 1, &ro, &n)) !=
	    ST_OK)
		return st;
	for (i = 0; i < n; i++)
		if (strcmp(ro[i].slug, v->text) == 0)
			return ST_OK;
	if (n == 0 || n > ROLES_NAMED) {
		add_error(e, "role", api_not_a_role);
		return ST_OK;
	}
	buf_init(&b, r->a);
	for (i = 0; i < n; i++)
		buf_printf(&b, "%s%s", i > 0 ? "|" : "", ro[i].slug);
	add_error(e, "role", api_choices(r->a, b.p));
	return ST_OK;
}

/* GET /api/v1/questions?role=&skill_area=&category=&difficulty=&q=&state=&page= */
enum status
api_questions(struct req *r)
{
	struct json_object	*o, *list;
	struct question_filter	 f;
	struct question		*q;
	struct errors		 e;
	const char		*name[MAX_ERRORS], *msg[MAX_ERRORS];
	size_t			 n, i, nr;
	int			 more;
	enum status		 st;

	memset(&e, 0, sizeof(e));
	nr = api_query_problems(r, question_filter_fields, name, msg,
	    NITEMS(name));
	for (i = 0; i < nr; i++)
		add_error(&e, name[i], msg[i]);
	if ((st = check_role(r, &e)) != ST_OK)
		return st;
	if (e.n > 0)
		return reply_errors(r, &e);
	question_filter_of(r, &f);
	st = question_list(r->a, r->db, r->user->org_id, &f, &q, &n, &more);
	if (st != ST_OK)
		return st;
	list = json_object_new_array();
	for (i = 0; i < n; i++)
		json_object_array_add(list, question_json(&q[i]));
	o = json_object_new_object();
	json_object_object_add(o, "questions", list);
	json_object_object_add(o, "page", json_object_new_int(f.page));
	json_object_object_add(o, "more", json_object_new_boolean(more));
	return resp_json(r, 200, o);
}

/* The path's question, if the token's org can see it. */
static enum status
load(struct req *r, struct question *q)
{
	long long	id;
	enum status	st;

	st = req_arg_id(r, 0, &id);
	if (st == ST_OK)
		st = question_get(r->a, r->db, r->user->org_id, id, q);
	if (st == ST_NOTFOUND)
		r->error_detail = "There is no question with that id in your"
		    " organisation's bank or viva's.";
	return st;
}

/* GET /api/v1/questions/:id */
enum status
api_question_get(struct req *r)
{
	struct question	q;
	enum status	st;

	if ((st = load(r, &q)) != ST_OK)
		return st;
	return reply_question(r, 200, &q);
}

static void
record(struct req *r, const char *type, long long id)
{
	(void)event_add(r->a, r->db, r->user->org_id, r->user->id,
	    r->user->email, type, arena_printf(r->a,
	    "{\"question_id\":%lld}", id), r->ip);
}

/* POST /api/v1/questions: 201 with the question and its Location. */
enum status
api_question_create(struct req *r)
{
	struct question_input	 in;
	struct question		 q;
	struct errors		 e;
	long long		 id;
	enum status		 st;

	memset(&in, 0, sizeof(in));
	if ((st = read_question(r, &in, &e)) != ST_OK)
		return st;
	if (e.n > 0)
		return reply_errors(r, &e);
	if ((st = question_create(r->a, r->db, r->user->org_id, r->user->id,
	    &in, &id)) != ST_OK ||
	    (st = question_get(r->a, r->db, r->user->org_id, id, &q)) != ST_OK)
		return st;
	record(r, "question_created", id);
	resp_header(r, "Location", arena_printf(r->a, "/api/v1/questions/%lld",
	    id));
	return reply_question(r, 201, &q);
}

/* POST /api/v1/questions/:id: the members sent replace those fields. */
enum status
api_question_update(struct req *r)
{
	struct question_input	 in;
	struct question		 q;
	struct errors		 e;
	int			 changed;
	enum status		 st;

	if ((st = load(r, &q)) != ST_OK)
		return st;
	if (q.org_id == 0) {
		r->error_detail = "Questions shipped with viva cannot be changed;"
		    " create your own copy with POST /api/v1/questions.";
		return ST_DENIED;
	}
	question_input_of(&q, &in);
	if ((st = read_question(r, &in, &e)) != ST_OK)
		return st;
	if (e.n > 0)
		return reply_errors(r, &e);
	if ((st = question_update(r->a, r->db, r->user->org_id, q.id,
	    &in, &changed)) != ST_OK || (st = load(r, &q)) != ST_OK)
		return st;
	if (changed)	/* {} or the same values: nothing changed or logged */
		record(r, "question_updated", q.id);
	return reply_question(r, 200, &q);
}

/* GET /api/v1/roles: viva's and the org's, archived ones marked. */
enum status
api_roles(struct req *r)
{
	struct json_object	*o, *list, *e;
	struct role		*ro;
	size_t			 n, i;
	enum status		 st;

	if ((st = role_list(r->a, r->db, r->user->org_id, 1, &ro, &n)) != ST_OK)
		return st;
	list = json_object_new_array();
	for (i = 0; i < n; i++) {
		e = json_object_new_object();
		json_object_object_add(e, "id",
		    json_object_new_int64(ro[i].id));
		api_put_str(e, "slug", ro[i].slug);
		api_put_str(e, "name", ro[i].name);
		json_object_object_add(e, "skill_areas", lines_json(
		    ro[i].skill_areas, ro[i].n_skill_areas));
		json_object_object_add(e, "questions",
		    json_object_new_int64(ro[i].n_questions));
		json_object_object_add(e, "shipped",
		    json_object_new_boolean(ro[i].org_id == 0));
		json_object_object_add(e, "archived",
		    json_object_new_boolean(ro[i].archived));
		json_object_array_add(list, e);
	}
	o = json_object_new_object();
	json_object_object_add(o, "roles", list);
	return resp_json(r, 200, o);
}
