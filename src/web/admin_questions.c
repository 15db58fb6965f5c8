/*
 * admin_questions.c: the question bank: list, preview, create, edit,
 * archive, duplicate, and hiding a shipped question from the org's
 * interviews.
 */
#include <string.h>

#include "core/event.h"
#include "core/question.h"
#include "core/role.h"
#include "lib/markdown.h"
#include "lib/url.h"
#include "handlers.h"

/* The list's excerpt of a body, in characters. */
#define EXCERPT_MAX	140

const struct field question_fields[] = {
	{ "role",		F_LINE,	1, 40,    FIELD_REQUIRED, NULL },
	{ "skill_area",		F_LINE,	1, QUESTION_SKILL_MAX, FIELD_REQUIRED, NULL },
	{ "category",		F_ENUM,	0, 0,     FIELD_REQUIRED, QUESTION_CATEGORIES },
	{ "difficulty",		F_ENUM,	0, 0,     FIELD_REQUIRED, QUESTION_DIFFICULTIES },
	{ "body_md",		F_TEXT,	1, QUESTION_BODY_MAX, FIELD_REQUIRED, NULL },
	{ "rubric",		F_TEXT,	1, 20000, FIELD_REQUIRED, NULL },
	{ "follow_ups",		F_TEXT,	0, 6000,  0, NULL },
	{ "sample_answer",	F_TEXT,	0, QUESTION_BODY_MAX, 0, NULL },
	/* The page's random id, so that the form acts once (form_use.h). */
	{ "form_id",	F_TEXT,	 0, FORM_ID_MAX, 0, NULL },
	{ NULL, 0, 0, 0, 0, NULL }
};

/* The list's filters, from the query string; a bad value is ignored. */
const struct field question_filter_fields[] = {
	{ "role",	F_LINE,	0, 40,  0, NULL },
	{ "skill_area",	F_LINE,	0, QUESTION_SKILL_MAX, 0, NULL },
	{ "category",	F_ENUM,	0, 0,   0, QUESTION_CATEGORIES },
	{ "difficulty",	F_ENUM,	0, 0,   0, QUESTION_DIFFICULTIES },
	{ "q",		F_LINE,	0, 200, 0, NULL },
	{ "state",	F_ENUM,	0, 0,   0, QUESTION_STATES },
	{ "page",	F_INT,	1, 100000, 0, NULL },
	{ NULL, 0, 0, 0, 0, NULL }
};

/* POST /admin/questions/:id/duplicate: a shipped original hidden too. */
const struct field question_duplicate_fields[] = {
	{ "hide_original",	F_BOOL,	0, 0, 0, NULL },
	{ NULL, 0, 0, 0, 0, NULL }
};

static const char *const states[][2] = {
	{ "active", "In use" },
	{ "archived", "Archived" },
	{ "hidden", "Hidden from our interviews" },
	{ "all", "All" },
};

static const char *const done_messages[][2] = {
	{ "created", "The question was added to the bank." },
	{ "updated", "The question was saved." },
	{ "archived", "The question was archived: interviews no longer ask it." },
	{ "unarchived", "The question is back in use." },
	{ "duplicated", "This is your org's own copy: edit it as you like." },
	{ "duplicated-hidden", "This is your org's own copy: edit it as you"
	    " like. The original is hidden from your organisation's"
	    " interviews, so this copy takes its place." },
	{ "hidden", "The question is hidden from your organisation's"
	    " interviews." },
	{ "shown", "The question is back in your organisation's interviews." },
	/* The new question form sent twice (admin_question_create). */
	{ "created-twice", "The form was sent twice; the question was added"
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

/*
 * The start of the body as text on one line, cut between two characters as
 * a reader sees them (an emoji of joined parts, an accent typed apart stay
 * whole): the Markdown rendered to text, so a list reads "Explain x" rather
 * than "**Explain** `x`".
 */
const char *
question_excerpt(struct req *r, const char *body)
{
	const char	*p = markdown_text(r->a, body, strnlen(body,
			    EXCERPT_MAX * 8));
	char		*s = arena_alloc(r->a, strlen(p) + 1), *q = s;
	size_t		 n = 0;

	/* Runs of spaces, tabs and newlines become one space. */
	for (p += strspn(p, " \t\n"); *p != '\0'; p++) {
		/* A character starts here: the cut falls between two. */
		if ((*p & 0xc0) != 0x80 && n++ == EXCERPT_MAX)
			return arena_printf(r->a, "%.*s%.*s…", (int)(q - s), s,
			    (int)(utf8_char_end(p) - p), p);
		if (strchr(" \t\n", *p) == NULL) {
			*q++ = *p;
			continue;
		}
		p += strspn(p, " \t\n") - 1;
		if (p[1] != '\0')
			*q++ = ' ';
	}
	*q = '\0';
	return s;
}

/* Fields every view of a question shows: in the list and on its page. */
static void
set_meta(struct req *r, struct view *e, const struct question *q)
{
	view_set_int(e, "id", q->id);
	view_set_str(e, "excerpt", question_excerpt(r, q->body_md));
	view_set_str(e, "role", q->role);
	view_set_str(e, "skill_area", q->skill_area);
	view_set_str(e, "category", question_category_label(q->category));
	view_set_str(e, "difficulty", question_difficulty_label(q->difficulty));
	view_set_str(e, "difficulty_word", q->difficulty);
	view_set_int(e, "n_points", (long long)q->n_points);
	view_set_int(e, "n_follow_ups", (long long)q->n_follow_ups);
	view_set_bool(e, "shipped", q->org_id == 0);
	view_set_bool(e, "archived", q->archived);
	view_set_bool(e, "hidden", q->hidden);
	view_set_str(e, "hidden_at", q->hidden_at);
	view_set_str(e, "updated_at", q->updated_at);
}

/* The text of a filter field, or "" when absent or not valid. */
static const char *
filter_text(struct req *r, const char *name)
{
	const struct field_val	*fv = req_field(r, name);

	return fv == NULL || fv->err != NULL ? "" : fv->text;
}

void
question_filter_of(struct req *r, struct question_filter *f)
{
	const struct field_val	*pf = req_field(r, "page");

	f->role = filter_text(r, "role");
	f->skill_area = filter_text(r, "skill_area");
	f->category = filter_text(r, "category");
	f->difficulty = filter_text(r, "difficulty");
	f->q = filter_text(r, "q");
	f->state = filter_text(r, "state");
	f->hidden_apart = 0;
	f->page = pf != NULL && pf->err == NULL && pf->present ?
	    (int)pf->num : 1;
}

/* The filter as a query string, every value encoded. */
static const char *
filter_query(struct req *r, const struct question_filter *f)
{
	return arena_printf(r->a, "role=%s&skill_area=%s&category=%s"
	    "&difficulty=%s&q=%s&state=%s", url_encode(r->a, f->role, 0),
	    url_encode(r->a, f->skill_area, 0),
	    url_encode(r->a, f->category, 0),
	    url_encode(r->a, f->difficulty, 0), url_encode(r->a, f->q, 0),
	    url_encode(r->a, f->state, 0));
}

/*
 * <option> rows of the roles, "Name (slug)".  An archived role is listed
 * only when it is the one selected: missing, the browser chose the first
 * role instead, and saving a question moved it there without a word; now
 * the check says the role is archived.
 */
static enum status
role_options(struct req *r, const char *selected, struct view **out)
{
	struct role	*ro;
	size_t		 n, i, k = 0;
	const char	*(*tab)[2];
	enum status	 st;

	if ((st = role_list(r->a, r->db, r->user->org_id, 1, &ro, &n)) != ST_OK)
		return st;
	tab = arena_calloc(r->a, n + 1, sizeof(*tab));
	for (i = 0; i < n; i++) {
		if (ro[i].archived && (selected == NULL ||
		    strcmp(ro[i].slug, selected) != 0))
			continue;
		tab[k][0] = ro[i].slug;
		tab[k++][1] = arena_printf(r->a, "%s (%s%s)", ro[i].name,
		    ro[i].slug, ro[i].archived ? ", archived" : "");
	}
	*out = page_options(r, (const char *const (*)[2])tab, k, selected);
	return ST_OK;
}

/* The skill areas in use, as <option> rows. */
static enum status
skill_options(struct req *r, const char *selected, struct view **out)
{
	const char	**s, *(*tab)[2];
	size_t		  n, i;
	enum status	  st;

	st = question_skill_areas(r->a, r->db, r->user->org_id, &s, &n);
	if (st != ST_OK)
		return st;
	tab = arena_calloc(r->a, n + 1, sizeof(*tab));
	for (i = 0; i < n; i++)
		tab[i][0] = tab[i][1] = s[i];
	*out = page_options(r, (const char *const (*)[2])tab, n, selected);
	return ST_OK;
}

/* Links to the pages before and after, keeping the filters. */
static void
set_pages(struct req *r, struct view *v, const struct question_filter *f,
    int more)
{
	const char	*base = arena_printf(r->a, "/admin/questions?%s",
			    filter_query(r, f));

	view_set_int(v, "page", f->page);
	if (f->page > 1)
		view_set_str(v, "prev_url", arena_printf(r->a, "%s&page=%d",
		    base, f->page - 1));
	if (more)
		view_set_str(v, "next_url", arena_printf(r->a, "%s&page=%d",
		    base, f->page + 1));
	view_set_bool(v, "paged", f->page > 1 || more);
	view_set_str(v, "csv_url", arena_printf(r->a, "/admin/questions.csv?%s",
	    filter_query(r, f)));
	view_set_bool(v, "csv_leaves_hidden", strcmp(f->state, "all") == 0);
}

static enum status
set_filters(struct req *r, struct view *v, const struct question_filter *f)
{
	struct view	*o;
	enum status	 st;

	if ((st = role_options(r, f->role, &o)) != ST_OK)
		return st;
	view_set(v, "role_options", o);
	if ((st = skill_options(r, f->skill_area, &o)) != ST_OK)
		return st;
	view_set(v, "skill_options", o);
	view_set(v, "category_options", page_options(r, question_categories,
	    QC__MAX, f->category));
	view_set(v, "difficulty_options", page_options(r,
	    question_difficulties, QD__MAX, f->difficulty));
	view_set(v, "state_options", page_options(r, states, NITEMS(states),
	    *f->state != '\0' ? f->state : "active"));
	view_set_str(v, "q", f->q);
	view_set_bool(v, "filtered", *f->role || *f->skill_area ||
	    *f->category || *f->difficulty || *f->q || *f->state);
	return ST_OK;
}

/* GET /admin/questions: the bank, filtered, a page at a time. */
enum status
admin_questions(struct req *r)
{
	struct view		*v = page_view(r, "Questions", "questions");
	struct view		*list = view_list(r->a), *e;
	struct question_filter	 f;
	struct question		*q;
	size_t			 n, i;
	int			 more;
	enum status		 st;

	question_filter_of(r, &f);
	st = question_list(r->a, r->db, r->user->org_id, &f, &q, &n, &more);
	if (st != ST_OK || (st = set_filters(r, v, &f)) != ST_OK)
		return st;
	for (i = 0; i < n; i++) {
		e = view_map(r->a);
		set_meta(r, e, &q[i]);
		view_push(list, e);
	}
	view_set(v, "questions", list);
	view_set_bool(v, "has_questions", n > 0);
	set_pages(r, v, &f, more);
	set_flash(r, v);
	return resp_render(r, 200, "admin/questions", v);
}

/* --- the form ------------------------------------------------------------- */

/* The create or edit form; f holds the field values and errors. */
static enum status
render_form(struct req *r, int code, const struct question *q,
    struct view *f)
{
	struct view	*v, *o;
	enum status	 st;

	v = page_view(r, q != NULL ? "Edit question" : "New question",
	    "questions");
	if ((st = role_options(r, view_text(view_get(f, "role"), NULL),
	    &o)) != ST_OK)
		return st;
	view_set(f, "role_options", o);
	if ((st = skill_options(r, NULL, &o)) != ST_OK)
		return st;
	view_set(f, "skill_options", o);
	view_set(f, "category_options", page_options(r, question_categories,
	    QC__MAX, view_text(view_get(f, "category"), NULL)));
	view_set(f, "difficulty_options", page_options(r,
	    question_difficulties, QD__MAX,
	    view_text(view_get(f, "difficulty"), NULL)));
	if (q != NULL) {
		view_set_int(v, "id", q->id);
		view_set_bool(v, "editing", 1);
		view_set_str(v, "action", arena_printf(r->a,
		    "/admin/questions/%lld", q->id));
	} else {
		view_set_str(v, "action", "/admin/questions");
		/* The one sent, for the form again: nothing was added. */
		page_set_form_id(r, f, 1);
	}
	view_set(v, "form", f);
	set_flash(r, v);
	return resp_render(r, code, "admin/questions_form", v);
}

/* GET /admin/questions/new */
enum status
admin_question_new(struct req *r)
{
	struct view	*f = view_map(r->a);

	view_set_str(f, "category", "technical");
	view_set_str(f, "difficulty", "fundamental");
	return render_form(r, 200, NULL, f);
}

/*
 * The form's fields as a checked question.  The table's own message for a
 * field comes first; then the rubric's line errors; then question_check's.
 * ST_INVALID with the messages set on f (the form again), or a db status.
 */
static enum status
read_form(struct req *r, struct question_input *in, struct view *f)
{
	struct question_errors	 e;
	const char		*rubric_err = NULL, **roles;
	size_t			 i, nroles;
	enum status		 st;

	for (i = 0; i < QF__MAX; i++)
		in->v[i] = req_field(r, question_field_names[i])->text;
	if (question_rubric_from_lines(r->a, in->v[QF_RUBRIC],
	    &in->v[QF_RUBRIC], &rubric_err) != ST_OK)
		in->v[QF_RUBRIC] = "";
	if ((st = role_slugs(r->a, r->db, r->user->org_id, &roles,
	    &nroles)) != ST_OK)
		return st;
	st = question_check(r->a, roles, nroles, in, &e);
	if (rubric_err != NULL)
		e.msg[QF_RUBRIC] = rubric_err;
	if (st == ST_OK && rubric_err == NULL && r->fields_st == ST_OK)
		return ST_OK;
	page_form_values(r, f);
	for (i = 0; i < QF__MAX; i++)
		if (e.msg[i] != NULL)
			page_mark(r, f, question_field_names[i], question_check_beside(
			    r->a, question_field_names[i], e.msg[i]));
	view_set_bool(f, "has_errors", 1);
	return ST_INVALID;
}

static void
record(struct req *r, const char *type, long long id)
{
	(void)event_add(r->a, r->db, r->user->org_id, r->user->id,
	    r->user->email, type, arena_printf(r->a,
	    "{\"question_id\":%lld}", id), r->ip);
}

/* POST /admin/questions */
enum status
admin_question_create(struct req *r)
{
	struct question_input	 in;
	struct view		*f = view_map(r->a);
	long long		 id;
	int			 repeated;
	enum status		 st;

	st = read_form(r, &in, f);
	if (st == ST_INVALID)
		return render_form(r, 400, NULL, f);
	if (st != ST_OK || (st = question_create_once(r->a, r->db,
	    page_form_id_sent(r), r->user->org_id, r->user->id, &in, &id,
	    &repeated)) != ST_OK)
		return st;
	if (repeated)
		return resp_redirect(r, id > 0 ? arena_printf(r->a,
		    "/admin/questions/%lld?done=created-twice", id) :
		    "/admin/questions");
	record(r, "question_created", id);
	return resp_redirect(r, arena_printf(r->a,
	    "/admin/questions/%lld?done=created", id));
}

/* --- one question --------------------------------------------------------- */

static struct view *
points_view(struct req *r, const struct question *q)
{
	struct view	*list = view_list(r->a), *e;
	struct buf	 b;
	size_t		 i, k;

	for (i = 0; i < q->n_points; i++) {
		e = view_map(r->a);
		view_set_int(e, "weight", q->points[i].weight);
		view_set_str(e, "text", q->points[i].text);
		buf_init(&b, r->a);
		for (k = 0; k < q->points[i].n_phrases; k++)
			buf_printf(&b, "%s%s", k > 0 ? ", " : "",
			    q->points[i].phrases[k]);
		view_set_str(e, "phrases", b.p);
		view_push(list, e);
	}
	return list;
}

static struct view *
follow_ups_view(struct req *r, const struct question *q)
{
	struct view	*list = view_list(r->a);
	size_t		 i;

	for (i = 0; i < q->n_follow_ups; i++)
		view_push(list, view_str(r->a, q->follow_ups[i]));
	return list;
}

/* GET /admin/questions/:id: the question, and how answers to it are judged. */
enum status
admin_question_show(struct req *r)
{
	struct question	 q;
	struct view	*v, *e;
	long long	 id;
	enum status	 st;

	if ((st = req_arg_id(r, 0, &id)) != ST_OK ||
	    (st = question_get(r->a, r->db, r->user->org_id, id, &q)) != ST_OK)
		return st;
	v = page_view(r, arena_printf(r->a, "Question %lld", q.id),
	    "questions");
	e = view_map(r->a);
	set_meta(r, e, &q);
	view_set_html(e, "body_html", markdown_render(r->a, q.body_md,
	    strlen(q.body_md)));
	view_set_html(e, "sample_html", markdown_render(r->a,
	    q.sample_answer, strlen(q.sample_answer)));
	view_set_bool(e, "has_sample", *q.sample_answer != '\0');
	view_set(v, "question", e);
	view_set(v, "points", points_view(r, &q));
	view_set_bool(v, "has_points", q.n_points > 0);
	view_set(v, "follow_ups", follow_ups_view(r, &q));
	view_set_bool(v, "has_follow_ups", q.n_follow_ups > 0);
	set_flash(r, v);
	return resp_render(r, 200, "admin/questions_show", v);
}

/* The org's own question :id, for a change; shipped ones are read-only. */
static enum status
get_own(struct req *r, struct question *q)
{
	long long	id;
	enum status	st;

	if ((st = req_arg_id(r, 0, &id)) != ST_OK ||
	    (st = question_get(r->a, r->db, r->user->org_id, id, q)) != ST_OK)
		return st;
	if (q->org_id == 0) {
		r->error_detail = "Questions shipped with viva cannot be changed."
		    " Use \"Duplicate to edit\" on its page to make your own copy.";
		return ST_DENIED;
	}
	return ST_OK;
}

/* GET /admin/questions/:id/edit */
enum status
admin_question_edit(struct req *r)
{
	struct question	 q;
	struct view	*f;
	enum status	 st;

	if ((st = get_own(r, &q)) != ST_OK)
		return st;
	f = view_map(r->a);
	view_set_str(f, "role", q.role);
	view_set_str(f, "skill_area", q.skill_area);
	view_set_str(f, "category", q.category);
	view_set_str(f, "difficulty", q.difficulty);
	view_set_str(f, "body_md", q.body_md);
	view_set_str(f, "rubric", question_rubric_to_lines(r->a, q.rubric));
	view_set_str(f, "follow_ups", q.follow_ups_text);
	view_set_str(f, "sample_answer", q.sample_answer);
	return render_form(r, 200, &q, f);
}

/* POST /admin/questions/:id */
enum status
admin_question_update(struct req *r)
{
	struct question		 q;
	struct question_input	 in;
	struct view		*f = view_map(r->a);
	int			 changed;
	enum status		 st;

	if ((st = get_own(r, &q)) != ST_OK)
		return st;
	st = read_form(r, &in, f);
	if (st == ST_INVALID)
		return render_form(r, 400, &q, f);
	if (st != ST_OK || (st = question_update(r->a, r->db, r->user->org_id,
	    q.id, &in, &changed)) != ST_OK)
		return st;
	if (changed)	/* saved as it was: nothing to log */
		record(r, "question_updated", q.id);
	return resp_redirect(r, arena_printf(r->a,
	    "/admin/questions/%lld?done=updated", q.id));
}

static enum status
set_archived(struct req *r, int archived)
{
	struct question	q;
	enum status	st;

	if ((st = get_own(r, &q)) != ST_OK ||
	    (st = question_set_archived(r->a, r->db, r->user->org_id, q.id,
	    archived)) != ST_OK)
		return st;
	record(r, archived ? "question_archived" : "question_unarchived", q.id);
	return resp_redirect(r, arena_printf(r->a,
	    "/admin/questions/%lld?done=%s", q.id,
	    archived ? "archived" : "unarchived"));
}

/* POST /admin/questions/:id/archive */
enum status
admin_question_archive(struct req *r)
{
	return set_archived(r, 1);
}

/* POST /admin/questions/:id/unarchive */
enum status
admin_question_unarchive(struct req *r)
{
	return set_archived(r, 0);
}

/*
 * Hides or shows again shipped question :id for the org.  One of the
 * org's own is refused: archiving takes it out of every interview.
 */
static enum status
set_hidden(struct req *r, int hidden)
{
	struct question	q;
	long long	id;
	int		changed;
	enum status	st;

	if ((st = req_arg_id(r, 0, &id)) != ST_OK ||
	    (st = question_get(r->a, r->db, r->user->org_id, id, &q)) != ST_OK)
		return st;
	if (q.org_id != 0) {
		r->error_detail = "Only questions shipped with viva are hidden;"
		    " archive your organisation's own questions instead.";
		return ST_DENIED;
	}
	if ((st = question_set_hidden(r->a, r->db, r->user->org_id,
	    r->user->id, q.id, hidden, &changed)) != ST_OK)
		return st;
	if (changed)	/* sent twice: logged once */
		record(r, hidden ? "question_hidden" : "question_shown", q.id);
	return resp_redirect(r, arena_printf(r->a,
	    "/admin/questions/%lld?done=%s", q.id, hidden ? "hidden" : "shown"));
}

/* POST /admin/questions/:id/hide */
enum status
admin_question_hide(struct req *r)
{
	return set_hidden(r, 1);
}

/* POST /admin/questions/:id/unhide */
enum status
admin_question_unhide(struct req *r)
{
	return set_hidden(r, 0);
}

/*
 * POST /admin/questions/:id/duplicate: the org's own copy, opened to edit.
 * From a shipped question the form offers to hide the original, ticked:
 * else both were asked, and the role counted one question more.
 */
enum status
admin_question_duplicate(struct req *r)
{
	long long	id, copy;
	int		hid;
	enum status	st;

	if ((st = req_arg_id(r, 0, &id)) != ST_OK ||
	    (st = question_duplicate(r->a, r->db, r->user->org_id, r->user->id,
	    id, (int)req_field(r, "hide_original")->num, &copy, &hid)) != ST_OK)
		return st;
	(void)event_add(r->a, r->db, r->user->org_id, r->user->id,
	    r->user->email, "question_created", arena_printf(r->a,
	    "{\"question_id\":%lld,\"copied_from\":%lld}", copy, id), r->ip);
	if (hid)
		(void)event_add(r->a, r->db, r->user->org_id, r->user->id,
		    r->user->email, "question_hidden", arena_printf(r->a,
		    "{\"question_id\":%lld,\"replaced_by\":%lld}", id, copy),
		    r->ip);
	return resp_redirect(r, arena_printf(r->a,
	    "/admin/questions/%lld/edit?done=%s", copy,
	    hid ? "duplicated-hidden" : "duplicated"));
}
