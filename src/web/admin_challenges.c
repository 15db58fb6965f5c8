/* admin_challenges.c: the challenge library: list, preview, create, edit, archive, duplicate. */
#include <string.h>

#include "core/challenge.h"
#include "core/event.h"
#include "lib/markdown.h"
#include "handlers.h"

const struct field challenge_fields[] = {
	{ "title",		F_LINE,	1, 200,     FIELD_REQUIRED, NULL },
	{ "body",		F_TEXT,	1, 100000,  FIELD_REQUIRED, NULL },
	{ "category",		F_ENUM,	0, 0,       FIELD_REQUIRED, CHALLENGE_CATEGORIES },
	{ "difficulty",		F_ENUM,	0, 0,       FIELD_REQUIRED, CHALLENGE_DIFFICULTIES },
	{ "time_limit_min",	F_INT,	5, 480,     FIELD_REQUIRED, NULL },
	{ "token_budget",	F_INT,	1000, 2000000, FIELD_REQUIRED, NULL },
	{ "hints",		F_TEXT,	0, 5000,    0, NULL },
	/* The page's random id, so that the form acts once (form_use.h). */
	{ "form_id",	F_TEXT,	 0, FORM_ID_MAX, 0, NULL },
	/* The Preview button: show the body as sent, save nothing. */
	{ "preview",	F_BOOL,	 0, 1,		0, NULL },
	{ NULL, 0, 0, 0, 0, NULL }
};

/* The list's filters, from the query string; a bad value is ignored. */
const struct field challenge_filter_fields[] = {
	{ "category",	F_ENUM,	0, 0, 0, CHALLENGE_CATEGORIES },
	{ "archived",	F_BOOL,	0, 0, 0, NULL },
	{ NULL, 0, 0, 0, 0, NULL }
};

static const char *const difficulties[][2] = {
	{ "easy", "Easy" },
	{ "medium", "Medium" },
	{ "hard", "Hard" },
};

static const char *const done_messages[][2] = {
	{ "created", "The challenge was added to the library." },
	{ "updated", "The challenge was saved." },
	{ "archived", "The challenge was archived: it no longer shows in the list." },
	{ "unarchived", "The challenge is back in the list." },
	{ "duplicated", "This is your org's own copy: edit it as you like." },
	/* The new challenge form sent twice (admin_challenge_create). */
	{ "created-twice", "The form was sent twice; the challenge was added"
	    " once." },
};

static void
set_flash(struct req *r, struct view *v)
{
	const char	*done = params_val(&r->query, "done");
	size_t		 i;

	for (i = 0; done != NULL && i < NITEMS(done_messages); i++)
		if (strcmp(done, done_messages[i][0]) == 0)
			view_set_str(v, "flash", done_messages[i][1]);
}

static const char *
difficulty_label(const char *d)
{
	size_t	i;

	for (i = 0; i < NITEMS(difficulties); i++)
		if (strcmp(difficulties[i][0], d) == 0)
			return difficulties[i][1];
	return d;
}

/* Fields every view of a challenge shows: in the list and on its page. */
static void
set_meta(struct view *e, const struct challenge *c)
{
	view_set_int(e, "id", c->id);
	view_set_str(e, "title", c->title);
	view_set_str(e, "category", challenge_category_label(c->category));
	view_set_str(e, "difficulty", difficulty_label(c->difficulty));
	view_set_bool(e, "is_easy", strcmp(c->difficulty, "easy") == 0);
	view_set_bool(e, "is_hard", strcmp(c->difficulty, "hard") == 0);
	view_set_int(e, "time_limit_min", c->time_limit_min);
	view_set_num(e, "token_budget", c->token_budget);
	view_set_int(e, "n_hints", (long long)c->n_hints);
	view_set_bool(e, "shipped", c->org_id == 0);
	view_set_bool(e, "archived", c->archived);
	view_set_str(e, "updated_at", c->updated_at);
}

static struct view *
list_view(struct req *r, const struct challenge *c, size_t n)
{
	struct view	*list = view_list(r->a), *e;
	size_t		 i;

	for (i = 0; i < n; i++) {
		e = view_map(r->a);
		set_meta(e, &c[i]);
		view_push(list, e);
	}
	return list;
}

/* The text of a filter field, or "" when absent or not valid. */
static const char *
filter_text(struct req *r, const char *name, long long *num)
{
	const struct field_val	*fv = req_field(r, name);

	if (fv == NULL || fv->err != NULL) {
		if (num != NULL)
			*num = 0;
		return "";
	}
	if (num != NULL)
		*num = fv->num;
	return fv->text;
}

/* GET /admin/challenges: the library, filtered by category, archived ones on request. */
enum status
admin_challenges(struct req *r)
{
	struct view		*v = page_view(r, "Challenges", "challenges");
	struct challenge	*c;
	const char		*cat;
	long long		 archived;
	size_t			 n;
	enum status		 st;

	cat = filter_text(r, "category", NULL);
	(void)filter_text(r, "archived", &archived);
	st = challenge_list(r->a, r->db, r->user->org_id, cat, archived != 0,
	    &c, &n);
	if (st != ST_OK)
		return st;
	view_set(v, "challenges", list_view(r, c, n));
	view_set_bool(v, "has_challenges", n > 0);
	view_set(v, "category_options", page_options(r, challenge_categories,
	    CC__MAX, cat));
	view_set_bool(v, "show_archived", archived != 0);
	view_set_bool(v, "filtered", *cat != '\0');
	set_flash(r, v);
	return resp_render(r, 200, "admin/challenges", v);
}

/*
 * The create or edit form.  f holds the field values (and errors); it is a
 * map of its own so that "title" does not clash with the page's title.
 */
static enum status
render_form(struct req *r, int code, const struct challenge *c,
    struct view *f)
{
	struct view	*v;
	const char	*cat, *diff;

	v = page_view(r, c != NULL ? "Edit challenge" : "New challenge",
	    "challenges");
	cat = view_text(view_get(f, "category"), NULL);
	diff = view_text(view_get(f, "difficulty"), NULL);
	view_set(f, "category_options", page_options(r, challenge_categories,
	    CC__MAX, cat));
	view_set(f, "difficulty_options", page_options(r, difficulties,
	    NITEMS(difficulties), diff));
	if (c != NULL) {
		view_set_int(v, "id", c->id);
		view_set_bool(v, "editing", 1);
		view_set_str(v, "action", arena_printf(r->a,
		    "/admin/challenges/%lld", c->id));
	} else {
		view_set_str(v, "action", "/admin/challenges");
		/* The one sent, for the form again: nothing was added. */
		page_set_form_id(r, f, 1);
	}
	view_set(v, "form", f);
	set_flash(r, v);
	return resp_render(r, code, "admin/challenges_form", v);
}

/* The form as sent, with each bad field's message, for a 400. */
static enum status
render_form_again(struct req *r, const struct challenge *c)
{
	struct view	*f = view_map(r->a);

	page_form_values(r, f);
	return render_form(r, 400, c, f);
}

/*
 * The form as sent, and above it the body rendered as the candidate will
 * read it; nothing is saved (the header's link to the saved challenge,
 * which an author took for a preview, lost what was being edited).
 */
static enum status
render_preview(struct req *r, const struct challenge *c)
{
	struct view	*f = view_map(r->a);
	const char	*body = req_field(r, "body")->text;

	page_form_values(r, f);
	view_set_html(f, "preview_html", markdown_render(r->a, body,
	    strlen(body)));
	view_set_str(f, "preview_title", req_field(r, "title")->text);
	return render_form(r, 200, c, f);
}

/* GET /admin/challenges/new */
enum status
admin_challenge_new(struct req *r)
{
	struct view	*f = view_map(r->a);

	/* Set, or the field would show the page's title, "New challenge". */
	view_set_str(f, "title", "");
	view_set_str(f, "category", "algorithms");
	view_set_str(f, "difficulty", "medium");
	/* What a custom challenge gets on the interview form, said there. */
	view_set_int(f, "time_limit_min", INTERVIEW_DEFAULT_MINUTES);
	view_set_int(f, "token_budget", INTERVIEW_DEFAULT_BUDGET);
	return render_form(r, 200, NULL, f);
}

/* Line breaks as LF only, so the stored length is what the form counted. */
static const char *
lf_only(struct arena *a, const char *s)
{
	char	*out, *o;

	if (strchr(s, '\r') == NULL)
		return s;
	out = o = arena_strdup(a, s);
	for (; *s != '\0'; s++)
		if (!(s[0] == '\r' && s[1] == '\n'))
			*o++ = *s == '\r' ? '\n' : *s;
	*o = '\0';
	return out;
}

static void
input_from_fields(struct req *r, struct challenge_input *in)
{
	in->title = req_field(r, "title")->text;
	in->body_md = lf_only(r->a, req_field(r, "body")->text);
	in->category = req_field(r, "category")->text;
	in->difficulty = req_field(r, "difficulty")->text;
	in->time_limit_min = (int)req_field(r, "time_limit_min")->num;
	in->token_budget = (int)req_field(r, "token_budget")->num;
	in->hints = lf_only(r->a, req_field(r, "hints")->text);
	in->form_id = page_form_id_sent(r);	/* creating; editing: unused */
}

static void
record(struct req *r, const char *type, long long id)
{
	(void)event_add(r->a, r->db, r->user->org_id, r->user->id,
	    r->user->email, type, arena_printf(r->a,
	    "{\"challenge_id\":%lld}", id), r->ip);
}

/* POST /admin/challenges */
enum status
admin_challenge_create(struct req *r)
{
	struct challenge_input	 in;
	long long		 id;
	int			 repeated;
	enum status		 st;

	if (req_field(r, "preview")->num != 0)
		return render_preview(r, NULL);
	if (r->fields_st != ST_OK)
		return render_form_again(r, NULL);
	input_from_fields(r, &in);
	st = challenge_create(r->a, r->db, r->user->org_id, &in, &id,
	    &repeated);
	if (st != ST_OK)
		return st;
	if (repeated)
		return resp_redirect(r, id > 0 ? arena_printf(r->a,
		    "/admin/challenges/%lld?done=created-twice", id) :
		    "/admin/challenges");
	record(r, "challenge_created", id);
	return resp_redirect(r, arena_printf(r->a,
	    "/admin/challenges/%lld?done=created", id));
}

static struct view *
hints_view(struct req *r, const struct challenge *c)
{
	struct view	*list = view_list(r->a);
	size_t		 i;

	for (i = 0; i < c->n_hints; i++)
		view_push(list, view_str(r->a, c->hints[i]));
	return list;
}

/* GET /admin/challenges/:id: the task as a candidate will read it, with its settings and hints. */
enum status
admin_challenge_show(struct req *r)
{
	struct challenge	 c;
	struct view		*v;
	long long		 id;
	enum status		 st;

	if ((st = req_arg_id(r, 0, &id)) != ST_OK ||
	    (st = challenge_get(r->a, r->db, r->user->org_id, id, &c)) != ST_OK)
		return st;
	v = page_view(r, c.title, "challenges");
	view_set(v, "challenge", view_map(r->a));
	set_meta(view_get(v, "challenge"), &c);
	view_set_html(view_get(v, "challenge"), "body_html",
	    markdown_render(r->a, c.body_md, strlen(c.body_md)));
	view_set(v, "hints", hints_view(r, &c));
	view_set_bool(v, "has_hints", c.n_hints > 0);
	set_flash(r, v);
	return resp_render(r, 200, "admin/challenges_show", v);
}

/* The org's own challenge :id, for a change; shipped ones are read-only. */
static enum status
get_own(struct req *r, struct challenge *c)
{
	long long	id;
	enum status	st;

	if ((st = req_arg_id(r, 0, &id)) != ST_OK ||
	    (st = challenge_get(r->a, r->db, r->user->org_id, id, c)) != ST_OK)
		return st;
	if (c->org_id == 0) {
		r->error_detail = "Challenges shipped with viva cannot be changed."
		    " Use \"Duplicate to edit\" on its page to make your own copy.";
		return ST_DENIED;
	}
	return ST_OK;
}

/* GET /admin/challenges/:id/edit */
enum status
admin_challenge_edit(struct req *r)
{
	struct challenge	 c;
	struct view		*f;
	enum status		 st;

	if ((st = get_own(r, &c)) != ST_OK)
		return st;
	f = view_map(r->a);
	view_set_str(f, "title", c.title);
	view_set_str(f, "body", c.body_md);
	view_set_str(f, "category", c.category);
	view_set_str(f, "difficulty", c.difficulty);
	view_set_int(f, "time_limit_min", c.time_limit_min);
	view_set_int(f, "token_budget", c.token_budget);
	view_set_str(f, "hints", c.hints_text);
	return render_form(r, 200, &c, f);
}

/* POST /admin/challenges/:id */
enum status
admin_challenge_update(struct req *r)
{
	struct challenge	 c;
	struct challenge_input	 in;
	enum status		 st;

	if ((st = get_own(r, &c)) != ST_OK)
		return st;
	if (req_field(r, "preview")->num != 0)
		return render_preview(r, &c);
	if (r->fields_st != ST_OK)
		return render_form_again(r, &c);
	input_from_fields(r, &in);
	if ((st = challenge_update(r->a, r->db, r->user->org_id, c.id, &in)) != ST_OK)
		return st;
	record(r, "challenge_updated", c.id);
	return resp_redirect(r, arena_printf(r->a,
	    "/admin/challenges/%lld?done=updated", c.id));
}

static enum status
set_archived(struct req *r, int archived)
{
	struct challenge	c;
	enum status		st;

	if ((st = get_own(r, &c)) != ST_OK ||
	    (st = challenge_set_archived(r->a, r->db, r->user->org_id, c.id,
	    archived)) != ST_OK)
		return st;
	record(r, archived ? "challenge_archived" : "challenge_unarchived", c.id);
	return resp_redirect(r, arena_printf(r->a, "/admin/challenges/%lld?done=%s",
	    c.id, archived ? "archived" : "unarchived"));
}

/* POST /admin/challenges/:id/archive */
enum status
admin_challenge_archive(struct req *r)
{
	return set_archived(r, 1);
}

/* POST /admin/challenges/:id/unarchive */
enum status
admin_challenge_unarchive(struct req *r)
{
	return set_archived(r, 0);
}

/* POST /admin/challenges/:id/duplicate: an editable copy in the org, opened for editing. */
enum status
admin_challenge_duplicate(struct req *r)
{
	long long	id, copy;
	enum status	st;

	if ((st = req_arg_id(r, 0, &id)) != ST_OK ||
	    (st = challenge_duplicate(r->a, r->db, r->user->org_id, id,
	    &copy)) != ST_OK)
		return st;
	(void)event_add(r->a, r->db, r->user->org_id, r->user->id,
	    r->user->email, "challenge_created", arena_printf(r->a,
	    "{\"challenge_id\":%lld,\"copied_from\":%lld}", copy, id), r->ip);
	return resp_redirect(r, arena_printf(r->a,
	    "/admin/challenges/%lld/edit?done=duplicated", copy));
}
