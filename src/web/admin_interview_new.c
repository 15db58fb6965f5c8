/* admin_interview_new.c: the form that creates an assisted interview, and the page that shows its invite link once. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/challenge.h"
#include "core/interview.h"
#include "lib/url.h"
#include "handlers.h"

const struct field interview_fields[] = {
	{ "candidate_name",	F_LINE,	 1, 200,	FIELD_REQUIRED, NULL },
	{ "candidate_email",	F_EMAIL, 3, 254,	FIELD_REQUIRED, NULL },
	{ "challenge_id",	F_INT,	 0, 1000000000000LL, 0, NULL },
	{ "title",		F_LINE,	 0, 200,	0, NULL },
	{ "body_md",		F_TEXT,	 0, 100000,	0, NULL },
	/* Empty: the challenge's suggestion (interview_create). */
	{ "minutes",		F_INT,	 5, 480,	0, NULL },
	{ "token_budget",	F_INT,	 1000, 2000000,	0, NULL },
	/* Checked against the configured models by model_offered(). */
	{ "model",		F_LINE,	 1, 200,	FIELD_REQUIRED, NULL },
	{ "instructions",	F_TEXT,	 0, 4000,	0, NULL },
	{ "expiry_days",	F_INT,	 1, 30,		FIELD_REQUIRED, NULL },
	/* The page's random id, so that the form acts once (form_use.h). */
	{ "form_id",	F_TEXT,	 0, FORM_ID_MAX, 0, NULL },
	{ NULL, 0, 0, 0, 0, NULL }
};

/* --- the create form ------------------------------------------------------ */

/* The library's challenges, selected chosen (0: custom, -1: none). */
static enum status
set_choices(struct req *r, struct view *v, long long selected)
{
	struct iv_choice	*c;
	struct view		*list = view_list(r->a), *e;
	size_t			 n, i;
	enum status		 st;

	st = interview_challenge_choices(r->a, r->db, r->user->org_id, &c, &n);
	if (st != ST_OK)
		return st;
	for (i = 0; i < n; i++) {
		e = view_map(r->a);
		view_set_int(e, "id", c[i].id);
		view_set_str(e, "title", c[i].title);
		view_set_int(e, "minutes", c[i].time_limit_min);
		view_set_num(e, "token_budget", c[i].token_budget);
		view_set_bool(e, "selected", c[i].id == selected);
		view_push(list, e);
	}
	view_set(v, "challenges", list);
	view_set_bool(v, "custom", selected == 0);
	view_set_int(v, "default_minutes", INTERVIEW_DEFAULT_MINUTES);
	view_set_num(v, "default_budget", INTERVIEW_DEFAULT_BUDGET);
	return ST_OK;
}

/* builtin, and the configured models when a provider is set up. */
int
interview_model_offered(const struct req *r, const char *model)
{
	return strcmp(model, "builtin") == 0 ||
	    (*r->app->cfg.ai_base_url != '\0' &&
	    config_list_has(r->app->cfg.ai_models, model));
}

/*
 * The assistant's choices: "builtin" first, then each configured model;
 * selected NULL (a new form) picks the first model, if there is one.
 */
void
interview_set_models(struct req *r, struct view *v, const char *selected)
{
	const struct config	*c = &r->app->cfg;
	struct view		*list = view_list(r->a), *e;
	const char		*p, *end, *id;

	for (p = c->ai_models; *c->ai_base_url != '\0' && p != NULL;
	    p = end != NULL ? end + 1 : NULL) {
		end = strchr(p, ',');
		id = end != NULL ? arena_strndup(r->a, p, (size_t)(end - p)) :
		    p;
		e = view_map(r->a);
		view_set_str(e, "id", id);
		/* A new form: the AI service's first model, not none by mistake. */
		view_set_bool(e, "selected", selected != NULL ?
		    strcmp(selected, id) == 0 : p == c->ai_models);
		view_push(list, e);
	}
	view_set(v, "models", list);
}

/*
 * The offline assistant answers only from the challenge's hints, and a
 * custom challenge has none: said beside the assistant when it is the one
 * chosen (selected "builtin"), or the only one (no AI service); on the
 * created page when a custom challenge was made with it.  Before
 * 2026-12-08 only the candidate was told, on the consent page.
 */
static const char offline_custom[] = "The offline assistant answers only"
    " from the challenge's hints, and this custom challenge has none: it"
    " will have nothing to answer from (the candidate is told so). Choose"
    " an AI model, or a challenge from the library with hints, for help"
    " that answers.";

static void
set_offline_hint(struct req *r, struct view *v, const char *selected)
{
	const struct config	*c = &r->app->cfg;

	view_set_bool(v, "offline_model", (selected != NULL &&
	    strcmp(selected, "builtin") == 0) || *c->ai_base_url == '\0' ||
	    c->ai_models == NULL || *c->ai_models == '\0');
}

/*
 * The form's values and messages go in a map of their own, "form": its
 * "title" (the custom challenge's) would otherwise be the page's title,
 * filling the empty field with "New interview" and naming the browser's
 * tab after what was typed.
 */
static struct view *
form_view(struct req *r, struct view *v)
{
	struct view	*f = view_map(r->a);

	view_set(v, "form", f);
	return f;
}

/*
 * A challenge_id the library does not offer (archived, deleted, another
 * org's, or no number at all): the form starts from a custom challenge,
 * and says so rather than silently (2026-12-08).  *id is the one to
 * select: the id given when the library offers it, else 0 (custom).
 */
static enum status
chosen_challenge(struct req *r, struct view *v, const char *chosen,
    long long *id)
{
	struct challenge	 c;
	const char		*why;
	char			*end;
	enum status		 st;

	errno = 0;
	*id = strtoll(chosen, &end, 10);
	if (*id == 0 && end != chosen && *end == '\0')
		return ST_OK;		/* 0: custom, asked for */
	if (end == chosen || *end != '\0' || errno != 0 || *id < 0)
		st = ST_NOTFOUND;
	else
		st = challenge_get(r->a, r->db, r->user->org_id, *id, &c);
	if (st == ST_OK && !c.archived)
		return ST_OK;
	if (st != ST_OK && st != ST_NOTFOUND)
		return st;
	why = st == ST_OK ? arena_printf(r->a, "The challenge \u201c%s\u201d"
	    " is archived", c.title) : "That challenge no longer exists";
	view_set_str(v, "challenge_warning", arena_printf(r->a, "%s, so the"
	    " form starts from a custom challenge; pick one from the"
	    " library.", why));
	*id = 0;
	return ST_OK;
}

enum status
admin_interview_new(struct req *r)
{
	struct view	*v = page_view(r, "New interview", "interviews");
	struct view	*f = form_view(r, v);
	const char	*chosen = params_val(&r->query, "challenge_id");
	long long	 id = -1;
	enum status	 st;

	view_set_str(f, "title", "");
	view_set_int(f, "expiry_days", INVITE_DAYS_DEFAULT);
	page_set_form_id(r, f, 0);
	interview_set_models(r, v, NULL);
	set_offline_hint(r, v, NULL);
	/*
	 * From a challenge's page: it is chosen, and the limits left empty,
	 * as a changed choice would otherwise keep the first one's limits.
	 */
	if (chosen != NULL && (st = chosen_challenge(r, v, chosen, &id)) !=
	    ST_OK)
		return st;
	st = set_choices(r, v, id);
	if (st != ST_OK)
		return st;
	return resp_render(r, 200, "admin/interview_new", v);
}

/* Puts msg beside field in f (NULL: only counts); returns 1. */
static int
mark(struct req *r, struct view *f, const char *field, const char *msg)
{
	if (f != NULL) {
		view_set_str(f, arena_printf(r->a, "%s_error", field), msg);
		view_set_bool(f, "has_errors", 1);
	}
	return 1;
}

/* An empty field that has no message of its own yet. */
static int
left_empty(struct req *r, const char *name)
{
	const struct field_val	*v = req_field(r, name);

	return v->err == NULL && *v->text == '\0';
}

/*
 * The rules across fields, each marked in f beside its field along with
 * the field table's messages, so that one round trip shows every problem;
 * returns how many are broken.
 */
static int
mark_rules(struct req *r, struct view *f)
{
	const struct field_val	*model = req_field(r, "model");
	const struct field_val	*ch = req_field(r, "challenge_id");
	int			 n = 0;

	if (model->err == NULL && !interview_model_offered(r, model->text))
		n += mark(r, f, "model", "Choose one of the assistants"
		    " offered.");
	if (ch->err != NULL || ch->num != 0)
		return n;
	if (left_empty(r, "title"))
		n += mark(r, f, "title", "Give the custom challenge a title,"
		    " or choose one from the library.");
	if (left_empty(r, "body_md"))
		n += mark(r, f, "body_md", "Describe the custom challenge, or"
		    " choose one from the library.");
	return n;
}

/* The form again with its values and messages; field gets msg beside it. */
static enum status
form_again(struct req *r, const char *field, const char *msg)
{
	struct view	*v = page_view(r, "New interview", "interviews");
	struct view	*f = form_view(r, v);
	enum status	 st;

	page_form_values(r, f);
	page_set_form_id(r, f, 1);	/* unused: its correction is the first */
	(void)mark_rules(r, f);
	if (field != NULL)
		(void)mark(r, f, field, msg);
	interview_set_models(r, v, req_field(r, "model")->text);
	set_offline_hint(r, v, req_field(r, "model")->text);
	st = set_choices(r, v, req_field(r, "challenge_id")->num);
	if (st != ST_OK)
		return st;
	return resp_render(r, 400, "admin/interview_new", v);
}

static void
read_form(struct req *r, struct interview_new *in)
{
	memset(in, 0, sizeof(*in));
	in->candidate_name = req_field(r, "candidate_name")->text;
	in->candidate_email = req_field(r, "candidate_email")->text;
	in->challenge_id = req_field(r, "challenge_id")->num;
	in->title = req_field(r, "title")->text;
	in->body_md = req_field(r, "body_md")->text;
	in->time_limit_min = (int)req_field(r, "minutes")->num;
	in->token_budget = (int)req_field(r, "token_budget")->num;
	in->model = req_field(r, "model")->text;
	in->instructions = req_field(r, "instructions")->text;
	in->expiry_days = (int)req_field(r, "expiry_days")->num;
	in->form_id = page_form_id_sent(r);
}

/* The created page, warning that the offline assistant has no hints. */
static enum status
created_offline_custom(struct req *r, long long id,
    const struct interview_new *in, const char *token)
{
	struct view	*v;

	v = interview_created_view(r, id, in->candidate_name,
	    in->candidate_email, in->expiry_days, 0, token,
	    "Interview created");
	view_set_str(v, "offline_warning", offline_custom);
	return resp_render(r, 200, "admin/interview_created", v);
}

enum status
admin_interview_create(struct req *r)
{
	struct interview_new	 in;
	char			*token;
	long long		 id;
	enum status		 st;

	if (r->fields_st != ST_OK || mark_rules(r, NULL) > 0)
		return form_again(r, NULL, NULL);
	read_form(r, &in);
	st = interview_create(r->a, r->db, r->user->org_id, r->user->id, &in,
	    &token, &id);
	if (st == ST_NOTFOUND)
		return form_again(r, "challenge_id",
		    "That challenge is not in your library (any more).");
	if (st != ST_OK)
		return st;
	if (token != NULL)	/* else a repeat: logged the first time */
		interview_created_event(r, id, "assisted");
	if (token != NULL && in.challenge_id == 0 &&
	    strcmp(in.model, "builtin") == 0)
		return created_offline_custom(r, id, &in, token);
	return interview_render_created(r, id, in.candidate_name,
	    in.candidate_email, in.expiry_days, token);
}

/*
 * The invitation as an email in the interviewer's own mail program
 * (mailto, RFC 6068): viva sends no mail itself, and the link, shown once,
 * goes straight into a message instead of through the clipboard.
 */
static const char *
invite_mailto(struct req *r, const char *name, const char *email, int days,
    int started, const char *url)
{
	const char	*body;

	/* A started interview's new link brings the candidate back to it. */
	if (started)
		body = arena_printf(r->a, "Hello %s,\r\n\r\nHere is a new link"
		    " to your interview with %s:\r\n\r\n%s\r\n\r\nIt takes"
		    " you back to the interview you started, on any device,"
		    " until it ends; the link you had before no longer works."
		    " Please keep the link to yourself: anyone with it can take"
		    " the interview.\r\n", name, r->user->org_name, url);
	else
		body = arena_printf(r->a, "Hello %s,\r\n\r\nHere is the link"
		    " to your interview with %s:\r\n\r\n%s\r\n\r\nYou can"
		    " start it within %d %s. Once started, the same link takes"
		    " you back to it, on any device, until it ends. Please keep"
		    " the link to yourself: anyone with it can take the"
		    " interview.\r\n", name, r->user->org_name, url, days,
		    days == 1 ? "day" : "days");
	return arena_printf(r->a, "mailto:%s?subject=%s&body=%s",
	    url_encode(r->a, email, 0), url_encode(r->a, arena_printf(r->a,
	    "Your interview with %s", r->user->org_name), 0),
	    url_encode(r->a, body, 0));
}

struct view *
interview_created_view(struct req *r, long long id, const char *name,
    const char *email, int expiry_days, int started, const char *token,
    const char *title)
{
	struct view	*v = page_view(r, title, "interviews");
	const char	*url;

	view_set_int(v, "id", id);
	view_set_str(v, "candidate_name", name);
	view_set_str(v, "candidate_email", email);
	view_set_int(v, "expiry_days", expiry_days);
	view_set_str(v, "days_word", expiry_days == 1 ? "day" : "days");
	url = arena_printf(r->a, "%s/i/%s", r->app->cfg.base_url, token);
	view_set_str(v, "invite_url", url);
	view_set_bool(v, "started", started);
	view_set_str(v, "mailto", invite_mailto(r, name, email, expiry_days,
	    started, url));
	view_set_str(v, "heading", title);
	r->no_store = 1;	/* the invite link is shown once */
	return v;
}

enum status
interview_render_created(struct req *r, long long id, const char *name,
    const char *email, int expiry_days, const char *token)
{
	/*
	 * The form sent twice: the browser shows this response, not the
	 * first's with the link (stored only as a hash).  So the interview,
	 * saying where a new link is made.
	 */
	if (token == NULL)
		return resp_redirect(r, id > 0 ? arena_printf(r->a,
		    "/admin/interviews/%lld?done=created-twice#invite", id) :
		    "/admin/interviews");
	return resp_render(r, 200, "admin/interview_created",
	    interview_created_view(r, id, name, email, expiry_days, 0, token,
	    "Interview created"));
}

