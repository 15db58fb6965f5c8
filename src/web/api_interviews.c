/* api_interviews.c: interviews as JSON, for the interviewer's bearer token. */
#include <json-c/json.h>
#include <limits.h>
#include <sodium.h>
#include <string.h>

#include "core/analytics.h"
#include "core/assistant.h"
#include "core/budget.h"
#include "core/challenge.h"
#include "core/export.h"
#include "core/interview.h"
#include "core/interview_detail.h"
#include "lib/markdown.h"
#include "handlers.h"

#define DEFAULT_MODEL		"builtin"

static const char challenge_gone[] = "That challenge is not in your library"
    " (any more): GET /api/v1/challenges lists them.";

/* The create body, checked by the HTML form's own table (interview_fields). */
static const struct api_name create_names[] = {
	{ "kind",		"kind",			NULL },
	{ "candidate_name",	"candidate_name",	NULL },
	{ "candidate_email",	"candidate_email",	NULL },
	{ "challenge_id",	"challenge_id",		NULL },
	{ "challenge_title",	"title",		NULL },
	{ "challenge_markdown",	"body_md",		NULL },
	/* Absent: the challenge's suggestion (interview_create). */
	{ "time_limit_minutes",	"minutes",	NULL },
	{ "token_budget",	"token_budget",	NULL },
	{ "model",		"model",		DEFAULT_MODEL },
	{ "instructions",	"instructions",		NULL },
	{ "invite_days",	"expiry_days",	INVITE_DAYS_DEFAULT_STR },
	{ NULL, NULL, NULL }
};

/* The interviews page's parameter that is no filter of the list. */
#define PAGE_ONLY	"refresh"

static const struct api_name minutes_names[] = {
	{ "minutes", "minutes", NULL },
	{ NULL, NULL, NULL }
};

static const struct api_name invite_names[] = {
	{ "invite_days", "expiry_days", INVITE_DAYS_DEFAULT_STR },
	{ "sign_out", "sign_out", NULL },
	{ NULL, NULL, NULL }
};

/* The interview page's recommendation form, member for field. */
static const struct api_name recommend_names[] = {
	{ "recommendation", "recommendation", NULL },
	{ "notes", "notes", NULL },
	{ NULL, NULL, NULL }
};

static const struct api_name tokens_names[] = {
	{ "tokens", "tokens", NULL },
	{ NULL, NULL, NULL }
};


/* --- JSON out ------------------------------------------------------------- */

static void
add_str(struct json_object *o, const char *k, const char *v)
{
	json_object_object_add(o, k, v != NULL && *v != '\0' ?
	    json_object_new_string(v) : NULL);
}

static void
add_time(struct json_object *o, const char *k, const char *v)
{
	json_object_object_add(o, k, api_time(v));
}

/* Status, time and tokens: what both sides watch. */
struct json_object *
api_resources_json(const struct interview *iv)
{
	struct json_object	*o = json_object_new_object();

	add_str(o, "status", iv->status);
	json_object_object_add(o, "chat_locked",
	    json_object_new_boolean(iv->chat_locked));
	add_str(o, "end_reason", iv->end_reason);
	/*
	 * An untimed interview has no clock: not the nominal day it keeps,
	 * neither as time left nor as its total (2026-12-07: time_total_s
	 * gave 86400, which the pages never show).
	 */
	json_object_object_add(o, "time_left_s", iv->untimed ? NULL :
	    json_object_new_int64(iv->time_left_s));
	json_object_object_add(o, "time_total_s", iv->untimed ? NULL :
	    json_object_new_int64((long long)iv->time_limit_s +
	    iv->extended_s));
	api_put_int(o, "token_budget", iv->token_budget);
	api_put_int(o, "tokens_used", iv->tokens_used);
	api_put_int(o, "tokens_left", interview_tokens_left(iv));
	json_object_object_add(o, "tokens_spent",
	    json_object_new_boolean(interview_tokens_spent(iv)));
	/*
	 * The pages' estimate, so that the candidate's script shows the
	 * server's figure, not one from the replies it saw in its own tab.
	 * Ended, none is left to send, and the pages show no estimate
	 * (2026-12-08: it gave what the tokens left would have paid for).
	 */
	if (interview_is_assisted(iv)) {
		api_put_int(o, "replies", iv->chat_replies);
		api_put_int(o, "messages_left", interview_running(iv) ?
		    assistant_messages_left(iv, iv->chat_replies) : 0);
	}
	return o;
}

/* A one-way interview's settings, as the create took them. */
static struct json_object *
oneway_json(const struct iv_detail *d)
{
	struct json_object	*o = json_object_new_object();

	add_str(o, "media", d->media);
	api_put_int(o, "answer_seconds", d->answer_s);
	/* Made before the interview's own was kept (sql/041): not known. */
	json_object_object_add(o, "prep_seconds", d->prep_s >= 0 ?
	    json_object_new_int(d->prep_s) : NULL);
	api_put_int(o, "max_attempts", d->max_attempts);
	return o;
}

/*
 * An interview with its details (interview_details); full adds the
 * challenge text, instructions and final answer.
 */
static struct json_object *
interview_json(const struct interview *iv, const struct iv_detail *d,
    int full)
{
	struct json_object	*o = api_resources_json(iv);

	api_put_int(o, "id", iv->id);
	add_str(o, "kind", iv->kind);
	json_object_object_add(o, "practice",
	    json_object_new_boolean(iv->practice));
	add_str(o, "candidate_name", iv->candidate_name);
	add_str(o, "candidate_email", iv->candidate_email);
	add_str(o, "challenge_title", iv->challenge_title);
	add_str(o, "model", iv->model);
	api_put_int(o, "time_limit_s", iv->time_limit_s);
	api_put_int(o, "extended_s", iv->extended_s);
	api_put_int(o, "tokens_reserved", iv->tokens_reserved);
	/*
	 * As the list page decides it: an adaptive or one-way interview's
	 * budget is the server's safety cap, never set nor shown when it was
	 * made, so the page gives its tokens used alone.
	 */
	json_object_object_add(o, "budget_internal",
	    json_object_new_boolean(!interview_is_assisted(iv)));
	json_object_object_add(o, "invite_expired",
	    json_object_new_boolean(iv->invite_expired));
	add_time(o, "created_at", iv->created_at);
	add_time(o, "started_at", iv->started_at);
	add_time(o, "ended_at", d->ended_at);
	add_time(o, "last_activity", iv->last_activity_at);
	if (strcmp(iv->kind, "oneway") == 0 && d->oneway)
		json_object_object_add(o, "oneway", oneway_json(d));
	if (full) {
		add_str(o, "challenge_markdown", iv->challenge_md);
		add_str(o, "instructions", iv->instructions);
		add_str(o, "final_answer", iv->final_answer);
	}
	return o;
}

/* One interview in full, its details read: into *out. */
static enum status
interview_full_json(struct req *r, const struct interview *iv,
    struct json_object **out)
{
	struct iv_detail	d;
	enum status		st;

	*out = NULL;
	st = interview_details(r->a, r->db, iv->org_id, &iv->id, 1, &d);
	if (st != ST_OK)
		return st;
	*out = interview_json(iv, &d, 1);
	return ST_OK;
}

/* A message; the assistant's also as HTML (Markdown, rendered safe). */
struct json_object *
api_message_json(struct arena *a, const struct iv_message *m)
{
	struct json_object	*o = json_object_new_object();
	const struct html_safe	*h;

	api_put_int(o, "seq", m->seq);
	add_str(o, "role", m->role);
	json_object_object_add(o, "content",
	    json_object_new_string(m->content));
	if (strcmp(m->role, "assistant") == 0 && m->content_html != NULL)
		json_object_object_add(o, "content_html",
		    json_object_new_string(m->content_html));
	else if (strcmp(m->role, "assistant") == 0) {
		h = markdown_render(a, m->content, strlen(m->content));
		json_object_object_add(o, "content_html",
		    json_object_new_string_len(h->p, (int)h->len));
	}
	api_put_int(o, "tokens_in", m->tokens_in);
	api_put_int(o, "tokens_out", m->tokens_out);
	api_put_int(o, "latency_ms", m->latency_ms);
	/*
	 * created_at is the time of day, as the API first gave it; timestamp is
	 * the date and time, for a conversation that runs past midnight.
	 */
	add_str(o, "created_at", m->created_at);	/* HH:MM:SS, UTC */
	add_str(o, "timestamp", m->created_iso);
	return o;
}

static enum status
reply_interview(struct req *r, int code, const struct interview *iv)
{
	struct json_object	*o, *ivo;
	enum status		 st;

	if ((st = interview_full_json(r, iv, &ivo)) != ST_OK)
		return st;
	o = json_object_new_object();
	json_object_object_add(o, "interview", ivo);
	return resp_json(r, code, o);
}

/* --- the interviewer's side (bearer token) -------------------------------- */

/* The path's interview, if the token's org has it, limits applied first. */
static enum status
load(struct req *r, struct interview *iv)
{
	long long	id;
	enum status	st;

	st = req_arg_id(r, 0, &id);
	if (st == ST_OK)
		st = interview_get(r->a, r->db, r->user->org_id, id, iv);
	if (st == ST_NOTFOUND) {
		r->error_detail = "There is no interview with that id in your"
		    " organisation.";
		return st;
	}
	if (st != ST_OK)
		return st;
	return interview_check_end(r->a, r->db, iv);
}

static void
read_create(const struct api_checked *c, struct interview_new *in)
{
	memset(in, 0, sizeof(*in));
	in->candidate_name = api_text(c, "candidate_name");
	in->candidate_email = api_text(c, "candidate_email");
	in->challenge_id = api_num(c, "challenge_id");
	in->title = api_text(c, "title");
	in->body_md = api_text(c, "body_md");
	in->time_limit_min = (int)api_num(c, "minutes");
	in->token_budget = (int)api_num(c, "token_budget");
	in->model = api_text(c, "model");
	in->instructions = api_text(c, "instructions");
	in->expiry_days = (int)api_num(c, "expiry_days");
}

const char *
api_model_refusal(struct req *r)
{
	const struct config	*cfg = &r->app->cfg;

	if (*cfg->ai_base_url == '\0' || cfg->ai_models == NULL ||
	    *cfg->ai_models == '\0')
		return api_choices(r->a, "builtin");
	return api_choices(r->a, arena_printf(r->a, "builtin,%s",
	    cfg->ai_models));
}

/* A library challenge the org may use: its own or viva's, not archived. */
static enum status
check_library(struct req *r, long long id, struct api_checked *c)
{
	struct challenge	ch;
	enum status		st;

	st = challenge_get(r->a, r->db, r->user->org_id, id, &ch);
	if (st == ST_NOTFOUND || (st == ST_OK && ch.archived))
		api_field_error(c, "challenge_id", challenge_gone);
	return st == ST_NOTFOUND ? ST_OK : st;
}

/*
 * A known model; a library challenge that is there, taking no title and
 * text of its own (they were dropped without a word: the interview had
 * the library's title and text, not the ones sent); a custom one with
 * both.  Each member the table refused already is left as it is, the
 * others checked, so that one 400 names every problem (2026-12-07: these
 * ran only once the table had none, and a bad invite_days hid a bad model).
 */
static enum status
check_create(struct req *r, const struct interview_new *in,
    struct api_checked *c)
{
	if (!api_refused(c, "model") &&
	    !interview_model_offered(r, in->model))
		api_field_error(c, "model", api_model_refusal(r));
	if (api_refused(c, "challenge_id"))
		return ST_OK;	/* which challenge was meant is not known */
	if (in->challenge_id != 0) {
		if (*in->title != '\0')
			api_field_error(c, "challenge_title", "Leave it out"
			    " with a challenge_id: the library challenge's"
			    " title is used.");
		if (*in->body_md != '\0')
			api_field_error(c, "challenge_markdown", "Leave it"
			    " out with a challenge_id: the library"
			    " challenge's text is used.");
		return check_library(r, in->challenge_id, c);
	}
	if (*in->title == '\0' && !api_refused(c, "challenge_title"))
		api_field_error(c, "challenge_title", "Give the custom challenge a"
		    " title, or send a challenge_id from the library.");
	if (*in->body_md == '\0' && !api_refused(c, "challenge_markdown"))
		api_field_error(c, "challenge_markdown", "Describe the custom"
		    " challenge, or send a challenge_id from the library.");
	return ST_OK;
}

/* The interview and its invite URL (shown only here), no-store. */
static enum status
reply_invite(struct req *r, int code, long long id, char *token)
{
	struct json_object	*o, *ivo;
	struct interview	 iv;
	enum status		 st;

	st = interview_get(r->a, r->db, r->user->org_id, id, &iv);
	if (st == ST_OK)
		st = interview_full_json(r, &iv, &ivo);
	if (st != ST_OK)
		return st;
	o = json_object_new_object();
	json_object_object_add(o, "interview", ivo);
	json_object_object_add(o, "invite_url", json_object_new_string(
	    arena_printf(r->a, "%s/i/%s", r->app->cfg.base_url, token)));
	sodium_memzero(token, strlen(token));
	r->no_store = 1;
	return resp_json(r, code, o);
}

/* 201 and the Location of the interview created. */
enum status
api_reply_created(struct req *r, long long id, char *token)
{
	resp_header(r, "Location", arena_printf(r->a, "/api/v1/interviews/%lld",
	    id));
	return reply_invite(r, 201, id, token);
}

static enum status
create_assisted(struct req *r, struct json_object *body)
{
	struct interview_new	 in;
	struct api_checked	 c;
	char			*token;
	long long		 id;
	enum status		 st;

	api_object_fields(r, body, interview_fields, create_names, &c);
	read_create(&c, &in);
	if ((st = check_create(r, &in, &c)) != ST_OK)
		return st;
	if (c.nerr > 0)
		return api_reply_checked(r, &c);
	st = interview_create(r->a, r->db, r->user->org_id, r->user->id, &in,
	    &token, &id);
	if (st == ST_NOTFOUND) {	/* archived meanwhile */
		api_field_error(&c, "challenge_id", challenge_gone);
		return api_reply_checked(r, &c);
	}
	if (st != ST_OK)
		return st;
	interview_created_event(r, id, "assisted");
	return api_reply_created(r, id, token);
}

/* What every kind takes alike, checked when the kind is none of them. */
static const struct api_name common_names[] = {
	{ "kind",		"kind",			NULL },
	{ "candidate_name",	"candidate_name",	NULL },
	{ "candidate_email",	"candidate_email",	NULL },
	{ "invite_days",	"expiry_days",	INVITE_DAYS_DEFAULT_STR },
	{ NULL, NULL, NULL }
};

/* Whether some kind's create takes the member. */
static int
some_kind_takes(const char *member)
{
	return api_names_have(create_names, member) ||
	    api_names_have(api_adaptive_names, member) ||
	    api_names_have(api_oneway_names, member);
}

/*
 * A kind that is none of the three, with what the body gets wrong besides:
 * the members every kind checks alike and those no kind takes (a bad kind
 * hid them all).  A member of some kind is left alone: which was meant is
 * not known.
 */
static enum status
bad_kind(struct req *r, struct json_object *body)
{
	struct json_object	*common = json_object_new_object();
	struct api_checked	 c;

	json_object_object_foreach(body, key, v)
		if (api_names_have(common_names, key) || !some_kind_takes(key))
			json_object_object_add(common, key,
			    json_object_get(v));
	json_object_object_del(common, "kind");
	api_object_fields(r, common, interview_fields, common_names, &c);
	json_object_put(common);
	api_field_error(&c, "kind", api_choices(r->a,
	    "assisted|adaptive|oneway"));
	return api_reply_checked(r, &c);
}

/* POST /api/v1/interviews: by "kind": assisted (default), adaptive, oneway. */
enum status
api_interview_create(struct req *r)
{
	struct json_object	*body, *kind;
	const char		*k = "assisted";
	enum status		 st;

	if ((st = api_read_object(r, &body)) != ST_OK)
		return st;
	if (json_object_object_get_ex(body, "kind", &kind) && kind != NULL)
		k = json_object_is_type(kind, json_type_string) ?
		    json_object_get_string(kind) : "";
	if (strcmp(k, "assisted") == 0)
		st = create_assisted(r, body);
	else if (strcmp(k, "adaptive") == 0)
		st = api_adaptive_create(r, body);
	else if (strcmp(k, "oneway") == 0)
		st = api_oneway_create(r, body);
	else
		st = bad_kind(r, body);
	json_object_put(body);
	return st;
}

/*
 * What the list compares candidates by (interview_list read it): each
 * reviewer's recommendation, oldest first, and the result.
 */
static void
list_review_json(struct arena *a, struct json_object *o,
    const struct interview *iv)
{
	struct json_object	*arr = json_object_new_array(), *res;
	const char		*p = iv->recommendation;
	size_t			 len;

	for (; *p != '\0'; p += len + (p[len] == ',')) {
		len = strcspn(p, ",");
		json_object_array_add(arr, json_object_new_string_len(p,
		    (int)len));
	}
	json_object_object_add(o, "recommendations", arr);
	res = json_object_new_object();
	add_str(res, "text", interview_result_text(a, iv));
	add_str(res, "band", iv->adaptive_band);
	json_object_object_add(res, "average_score", iv->adaptive_score >= 0 ?
	    json_object_new_int(iv->adaptive_score) : NULL);
	json_object_object_add(res, "average_rating", iv->rating_avg >= 0 ?
	    json_object_new_double(iv->rating_avg) : NULL);
	json_object_object_add(o, "result", res);
}

/* GET /api/v1/interviews?status=&q=&page=: the org's, newest first. */
enum status
api_interviews(struct req *r)
{
	struct json_object	*o, *list;
	struct interview	*iv;
	struct iv_detail	*d;
	struct api_checked	 c;
	struct iv_filter	 f;
	long long		*ids;
	const char		*name[API_MAX_FIELD_ERRORS];
	const char		*msg[API_MAX_FIELD_ERRORS];
	const struct field	*t;
	int			 page, more;
	size_t			 n, i, nr;
	enum status		 st;

	memset(&c, 0, sizeof(c));
	c.table = interview_filter_fields;
	c.f = r->fields;
	for (t = interview_filter_fields; t->name != NULL; t++)
		if (strcmp(t->name, PAGE_ONLY) != 0 &&
		    req_field(r, t->name)->err != NULL)
			api_field_error(&c, t->name, api_field_message(r->a,
			    interview_filter_fields, t->name,
			    req_field(r, t->name)->err));
	nr = api_query_refused(r, interview_filter_fields, PAGE_ONLY, name,
	    msg, NITEMS(name));
	for (i = 0; i < nr; i++)
		api_field_error(&c, name[i], msg[i]);
	if (c.nerr > 0)
		return api_reply_checked(r, &c);
	interview_filter_from_req(r, &f);
	page = f.page;
	st = interview_list(r->a, r->db, r->user->org_id, &f, &iv, &n, &more);
	if (st != ST_OK)
		return st;
	/* The page's details in one statement, not one a row. */
	ids = arena_calloc(r->a, n + 1, sizeof(*ids));
	d = arena_calloc(r->a, n + 1, sizeof(*d));
	for (i = 0; i < n; i++)
		ids[i] = iv[i].id;
	st = interview_details(r->a, r->db, r->user->org_id, ids, n, d);
	if (st != ST_OK)
		return st;
	list = json_object_new_array();
	for (i = 0; i < n; i++) {
		o = interview_json(&iv[i], &d[i], 0);
		list_review_json(r->a, o, &iv[i]);
		json_object_array_add(list, o);
	}
	o = json_object_new_object();
	json_object_object_add(o, "interviews", list);
	api_put_int(o, "page", page);
	json_object_object_add(o, "more", json_object_new_boolean(more));
	return resp_json(r, 200, o);
}

/* 200 with the interview in full and "review", every reviewer's. */
static enum status
reply_reviewed(struct req *r, const struct interview *iv)
{
	const struct review	*recs;
	struct json_object	*o, *ivo;
	size_t			 n;
	enum status		 st;

	if ((st = recommend_list(r->a, r->db, iv->org_id, iv->id, &recs,
	    &n)) != ST_OK || (st = interview_full_json(r, iv, &ivo)) != ST_OK)
		return st;
	o = json_object_new_object();
	json_object_object_add(o, "interview", ivo);
	json_object_object_add(o, "review", export_recommendation_json(r->a,
	    recs, n));
	return resp_json(r, 200, o);
}

/*
 * GET /api/v1/interviews/:id, with "review": every reviewer's
 * recommendation, as the exports give it (any kind).
 */
enum status
api_interview_get(struct req *r)
{
	struct interview	iv;
	enum status		st;

	if ((st = load(r, &iv)) != ST_OK)
		return st;
	return reply_reviewed(r, &iv);
}

/*
 * POST /api/v1/interviews/:id/recommendation {"recommendation", "notes"}:
 * the token's user's own, as the interview page's form saves it (its
 * table, its rules: one-way at any time, the others once ended, never a
 * practice interview nor one never started; one's own replaced, never
 * another reviewer's), and the same event.  The interview
 * first (another org's is a 404 whatever the body), then every member's
 * problem in one 400, then its state (409), as the controls have it.
 */
enum status
api_interview_recommend(struct req *r)
{
	struct api_checked	 c;
	struct interview	 iv;
	const char		*rec, *was;
	enum status		 st;

	if ((st = load(r, &iv)) != ST_OK ||
	    (st = api_read_fields(r, recommend_fields, recommend_names, &c)) !=
	    ST_OK)
		return st;
	if (c.nerr > 0)
		return api_reply_checked(r, &c);
	rec = api_text(&c, "recommendation");
	/* A practice interview, one never started: none, whatever its time. */
	if ((r->error_detail = review_refusals[recommend_refusal(&iv)]) !=
	    NULL)
		return ST_CONFLICT;
	st = recommend_save(r->a, r->db, r->user->org_id, iv.id, r->user->id,
	    rec, api_text(&c, "notes"), &was);
	if (st == ST_CONFLICT)
		r->error_detail = arena_printf(r->a, "%s Its status is %s; a"
		    " one-way interview takes one at any time.",
		    review_not_ended, iv.status);
	else if (st == ST_NOTFOUND)	/* deleted meanwhile */
		r->error_detail = "There is no interview with that id in your"
		    " organisation.";
	if (st != ST_OK)
		return st;
	admin_review_event(r, iv.id, rec, was);
	return reply_reviewed(r, &iv);
}

/*
 * DELETE /api/v1/interviews/:id (admins' tokens): the interview and all it
 * holds, as the interview page's Delete does; {"deleted":{"id":N}}.
 */
enum status
api_interview_delete(struct req *r)
{
	struct json_object	*o, *d;
	long long		 id;
	enum status		 st;

	if ((st = req_arg_id(r, 0, &id)) != ST_OK)
		return st;
	req_writes_interview(r, id);
	st = interview_delete(r->a, r->db, r->app->cfg.storage_dir,
	    r->user->org_id, id, r->user->id, r->user->email, r->ip);
	if (st == ST_NOTFOUND)
		r->error_detail = "There is no interview with that id in your"
		    " organisation.";
	if (st != ST_OK)
		return st;
	o = json_object_new_object();
	d = json_object_new_object();
	json_object_object_add(d, "id", json_object_new_int64(id));
	json_object_object_add(o, "deleted", d);
	return resp_json(r, 200, o);
}

/*
 * ?after=&limit=: the seq to start after and a page's size (2026-12-07: the
 * whole conversation came at once, 5.3 MB for 1,500 messages; a client that
 * sends neither still gets all of a conversation of up to MESSAGES_PAGE_MAX).
 */
const struct field message_page_fields[] = {
	{ "after",	F_INT,	0, LLONG_MAX, 0, NULL },
	{ "limit",	F_INT,	1, MESSAGES_PAGE_MAX, 0, NULL },
	{ NULL, 0, 0, 0, 0, NULL }
};

/* The bad, unknown and repeated parameters, named with messages; how many. */
static size_t
page_refused(struct req *r, const char **name, const char **msg, size_t max)
{
	const struct field	*t;
	const struct field_val	*v;
	size_t			 n = 0;

	for (t = message_page_fields; t->name != NULL && n < max; t++)
		if ((v = req_field(r, t->name))->err != NULL) {
			name[n] = t->name;
			msg[n++] = v->err;
		}
	return n + api_query_refused(r, message_page_fields, NULL, name + n,
	    msg + n, max - n);
}

/*
 * The candidate's messages whose replies are being written: not messages
 * yet (no seq), dated when they were sent, as they will be once settled.
 */
static enum status
in_flight_json(struct req *r, const struct interview *iv,
    struct json_object *o)
{
	struct json_object	*list, *e;
	struct in_flight	*fl;
	size_t			 n, i;
	enum status		 st;

	if ((st = budget_in_flight(r->a, r->db, iv->id, &fl, &n)) != ST_OK)
		return st;
	list = json_object_new_array();
	for (i = 0; i < n; i++) {
		e = json_object_new_object();
		json_object_object_add(e, "content",
		    json_object_new_string(fl[i].question));
		json_object_object_add(e, "created_at",
		    json_object_new_string(fl[i].sent_at));
		json_object_object_add(e, "timestamp",
		    json_object_new_string(fl[i].sent_iso));
		json_object_array_add(list, e);
	}
	json_object_object_add(o, "in_flight", list);
	return ST_OK;
}

/* GET /api/v1/interviews/:id/messages?after=&limit=: oldest first, a page. */
enum status
api_interview_messages(struct req *r)
{
	const struct field_val	*after = req_field(r, "after");
	const struct field_val	*limit = req_field(r, "limit");
	const char		*name[8], *msg[8];
	struct json_object	*o, *list;
	struct interview	 iv;
	struct iv_message	*m;
	size_t			 n, i;
	int			 more;
	enum status		 st;

	/* The interview first: another org's is a 404 whatever the query. */
	if ((st = load(r, &iv)) != ST_OK)
		return st;
	if ((n = page_refused(r, name, msg, NITEMS(name))) > 0)
		return api_reply_fields(r, name, msg, n);
	st = interview_messages_page(r->a, r->db, r->user->org_id, iv.id,
	    after->present ? after->num : 0, limit->present ?
	    (int)limit->num : MESSAGES_PAGE_MAX, &m, &n, &more);
	if (st != ST_OK)
		return st;
	list = json_object_new_array();
	for (i = 0; i < n; i++)
		json_object_array_add(list, api_message_json(r->a, &m[i]));
	o = json_object_new_object();
	api_put_int(o, "interview_id", iv.id);
	json_object_object_add(o, "messages", list);
	json_object_object_add(o, "more", json_object_new_boolean(more));
	/* Where the next page starts; null when this one is empty. */
	json_object_object_add(o, "next_after", n > 0 ?
	    json_object_new_int64(m[n - 1].seq) : NULL);
	if ((st = in_flight_json(r, &iv, o)) != ST_OK) {
		json_object_put(o);
		return st;
	}
	return resp_json(r, 200, o);
}

static struct json_object *
analytics_json(const struct an_interview *an)
{
	struct json_object	*o = json_object_new_object(), *tl, *pt;
	size_t			 i;

	api_put_int(o, "messages", an->messages);
	api_put_int(o, "user_messages", an->user_messages);
	api_put_int(o, "assistant_messages", an->assistant_messages);
	api_put_int(o, "tokens_in", an->tokens_in);
	api_put_int(o, "tokens_out", an->tokens_out);
	api_put_int(o, "tokens_used", an->tokens_used);
	api_put_int(o, "token_budget", an->token_budget);
	json_object_object_add(o, "budget_pct",
	    json_object_new_double(an->budget_pct));
	api_put_int(o, "limit_s", an->limit_s);
	api_put_int(o, "used_s", an->used_s);
	api_put_int(o, "left_s", an->left_s);
	api_put_int(o, "active_s", an->active_s);
	api_put_int(o, "idle_s", an->idle_s);
	api_put_int(o, "questions", an->questions);
	api_put_int(o, "answers", an->answers);
	json_object_object_add(o, "avg_prompt_chars",
	    json_object_new_double(an->avg_prompt_chars));
	json_object_object_add(o, "avg_prompt_tokens",
	    json_object_new_double(an->avg_prompt_tokens));
	json_object_object_add(o, "avg_latency_ms",
	    json_object_new_double(an->avg_latency_ms));
	api_put_int(o, "cost_micros", an->cost_micros);
	tl = json_object_new_array();
	for (i = 0; i < an->npoints; i++) {
		pt = json_object_new_object();
		json_object_object_add(pt, "minute",
		    json_object_new_double(an->timeline[i].minute));
		api_put_int(pt, "tokens", an->timeline[i].tokens);
		json_object_array_add(tl, pt);
	}
	json_object_object_add(o, "timeline", tl);
	return o;
}

/* GET /api/v1/interviews/:id/analytics: what the session used. */
enum status
api_interview_analytics(struct req *r)
{
	struct json_object	*o;
	struct interview	 iv;
	struct an_interview	 an;
	enum status		 st;

	if ((st = load(r, &iv)) != ST_OK ||
	    (st = analytics_interview(r->a, r->db, r->user->org_id, iv.id,
	    &an)) != ST_OK)
		return st;
	o = json_object_new_object();
	api_put_int(o, "interview_id", iv.id);
	json_object_object_add(o, "analytics", analytics_json(&an));
	return resp_json(r, 200, o);
}

/* GET /api/v1/interviews/:id/export: all of it, as the JSON download. */
enum status
api_interview_export(struct req *r)
{
	struct interview	 iv;
	struct an_interview	 an;
	struct adaptive		 ad;
	struct export_data	 d;
	enum status		 st;

	if ((st = load(r, &iv)) != ST_OK ||
	    (st = export_load(r->a, r->db, r->user->org_id, iv.id, &iv, &an,
	    &ad, &d)) != ST_OK)
		return st;
	r->no_store = 1;
	return resp_json(r, 200, export_json(&d));
}

/* A control, with the token's user as actor; 200 with the interview. */
static enum status
control(struct req *r, enum iv_control ctl, long long arg)
{
	const char		*name = interview_control_name(ctl);
	struct interview	 iv;
	int			 changed;
	enum status		 st;

	if ((st = load(r, &iv)) != ST_OK)
		return st;
	req_writes_interview(r, iv.id);
	st = interview_control(r->a, r->db, r->user->org_id, iv.id, ctl, arg,
	    &changed);
	if (st == ST_CONFLICT && ctl == IV_LOCK && interview_running(&iv) &&
	    strcmp(iv.kind, "assisted") != 0) {
		r->error_detail = arena_printf(r->a, "Only an assisted"
		    " interview has a chat to lock; a lock would not stop"
		    " the candidate of this %s one.", iv.kind);
		return st;
	}
	if (st == ST_CONFLICT && ctl == IV_EXTEND_TOKENS &&
	    interview_running(&iv) && strcmp(iv.kind, "oneway") == 0) {
		r->error_detail = "A one-way interview spends no tokens:"
		    " there are none to give.";
		return st;
	}
	if (st == ST_CONFLICT && ctl == IV_EXTEND_TIME && iv.untimed) {
		r->error_detail = "This interview has no time limit"
		    " (time_limit_minutes 0): there is no time to extend.";
		return st;
	}
	if (st == ST_CONFLICT) {
		r->error_detail = arena_printf(r->a, "The interview's status"
		    " is %s, which does not allow %s (it may have changed"
		    " meanwhile).", iv.status, name);
		return st;
	}
	if (st == ST_INVALID) {
		/* An extend past its cap: the member is named. */
		const char	*member = "tokens", *msg = budget_cap_refusal;

		if (ctl == IV_EXTEND_TIME) {
			member = "minutes";
			msg = time_cap_refusal(r->a, iv.extended_s);
		}
		return api_reply_fields(r, &member, &msg, 1);
	}
	if (st != ST_OK)
		return st;
	/* A lock of a locked chat changed nothing: 200, and nothing logged. */
	if (changed)
		(void)interview_event(r->a, r->db, r->user->org_id,
		    r->user->id, r->user->email, iv.id, arena_printf(r->a,
		    "interview_%s", name), arg ? arena_printf(r->a,
		    "{\"amount\":%lld}", arg) : NULL, r->ip);
	if ((st = load(r, &iv)) != ST_OK)
		return st;
	return reply_interview(r, 200, &iv);
}

enum status
api_interview_pause(struct req *r)
{
	return control(r, IV_PAUSE, 0);
}

enum status
api_interview_resume(struct req *r)
{
	return control(r, IV_RESUME, 0);
}

enum status
api_interview_lock(struct req *r)
{
	return control(r, IV_LOCK, 0);
}

enum status
api_interview_unlock(struct req *r)
{
	return control(r, IV_UNLOCK, 0);
}

enum status
api_interview_end(struct req *r)
{
	return control(r, IV_END, 0);
}

/*
 * The amount from {"<name>": N}, by the HTML form's table; times unit.  The
 * interview first, as the other controls and invite have it: one that is
 * not there is a 404 whatever the body, not a 400 about its members.
 */
static enum status
extend(struct req *r, enum iv_control ctl, const struct field *table,
    const struct api_name *names, long long unit)
{
	struct api_checked	c;
	struct interview	iv;
	enum status		st;

	if ((st = load(r, &iv)) != ST_OK ||
	    (st = api_read_fields(r, table, names, &c)) != ST_OK)
		return st;
	if (c.nerr > 0)
		return api_reply_checked(r, &c);
	return control(r, ctl, api_num(&c, names[0].form) * unit);
}

/* POST /api/v1/interviews/:id/extend-time {"minutes": N} */
enum status
api_interview_extend_time(struct req *r)
{
	return extend(r, IV_EXTEND_TIME, extend_time_fields, minutes_names,
	    60);
}

/* POST /api/v1/interviews/:id/extend-tokens {"tokens": N} */
enum status
api_interview_extend_tokens(struct req *r)
{
	return extend(r, IV_EXTEND_TOKENS, extend_tokens_fields, tokens_names,
	    1);
}

/* POST /api/v1/interviews/:id/invite {"invite_days": N, "sign_out": bool} */
/* Every member is optional, so a POST with no body at all takes the defaults. */
static enum status
read_invite(struct req *r, struct api_checked *c)
{
	struct json_object	*o;

	if (r->raw_len > 0)
		return api_read_fields(r, invite_fields, invite_names, c);
	memset(c, 0, sizeof(*c));
	o = json_object_new_object();
	api_object_fields(r, o, invite_fields, invite_names, c);
	json_object_put(o);
	return ST_OK;
}

enum status
api_interview_invite(struct req *r)
{
	struct api_checked	 c;
	struct interview	 iv;
	char			*token;
	int			 days, sign_out;
	enum status		 st;

	if ((st = load(r, &iv)) != ST_OK ||
	    (st = read_invite(r, &c)) != ST_OK)
		return st;
	if (c.nerr > 0)
		return api_reply_checked(r, &c);
	days = (int)api_num(&c, "expiry_days");
	sign_out = api_num(&c, "sign_out") != 0;
	req_writes_interview(r, iv.id);
	st = interview_new_invite(r->a, r->db, r->user->org_id, iv.id, days,
	    sign_out, &token);
	if (st == ST_CONFLICT)
		r->error_detail = arena_printf(r->a, "The interview's status is"
		    " %s: a new link cannot reopen it.", iv.status);
	if (st != ST_OK)
		return st;
	interview_invite_event(r, iv.id, days, sign_out);
	return reply_invite(r, 200, iv.id, token);
}
