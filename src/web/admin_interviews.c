/* admin_interviews.c: the list, one interview's page, its controls and new invite links. */
#include <stdlib.h>
#include <string.h>

#include "core/analytics.h"
#include "core/budget.h"
#include "core/event.h"
#include "core/interview.h"
#include "core/interview_draft.h"
#include "lib/crypto.h"
#include "lib/markdown.h"
#include "lib/url.h"
#include "handlers.h"

/* What the extend controls offer before anything is typed. */
#define DEFAULT_EXTEND_MINUTES	10
#define DEFAULT_EXTEND_TOKENS	10000
/* The interview page's timeline: the newest; the export has them all. */
#define EVENTS_SHOWN		200

const struct field interview_filter_fields[] = {
	{ "status",	F_ENUM,	0, 0, 0,
	    "created|active|paused|completed|expired|abandoned" },
	{ "kind",	F_ENUM,	0, 0, 0, "assisted|adaptive|oneway|practice" },
	{ "q",		F_LINE,	0, 200, 0, NULL },
	{ "page",	F_INT,	1, 100000, 0, NULL },
	{ "sort",	F_ENUM,	0, 0, 0, "created|activity|name" },
	{ "refresh",	F_INT,	0, 1, 0, NULL },
	{ NULL, 0, 0, 0, 0, NULL }
};

/* form_id: the page's random id for the form, so that it acts once. */
const struct field extend_time_fields[] = {
	{ "minutes",	F_INT,	1, 240, FIELD_REQUIRED, NULL },
	{ "form_id",	F_TEXT,	0, 64, 0, NULL },
	{ NULL, 0, 0, 0, 0, NULL }
};

const struct field invite_fields[] = {
	{ "expiry_days",	F_INT,	1, 30, FIELD_REQUIRED, NULL },
	{ "sign_out",		F_BOOL,	0, 0, 0, NULL },
	{ NULL, 0, 0, 0, 0, NULL }
};

const struct field extend_tokens_fields[] = {
	{ "tokens",	F_INT,	1000, 1000000, FIELD_REQUIRED, NULL },
	{ "form_id",	F_TEXT,	0, 64, 0, NULL },
	{ NULL, 0, 0, 0, 0, NULL }
};

/* --- the list ------------------------------------------------------------- */

static const char *
filter_val(struct req *r, const char *name)
{
	const struct field_val	*f = req_field(r, name);

	return f->err == NULL ? f->text : "";
}

void
interview_filter_from_req(struct req *r, struct iv_filter *f)
{
	const struct field_val	*pf = req_field(r, "page");

	f->status = filter_val(r, "status");
	f->kind = filter_val(r, "kind");
	f->q = filter_val(r, "q");
	f->page = pf->err == NULL && pf->present ? (int)pf->num : 1;
	if (interview_sort_parse(filter_val(r, "sort"), &f->sort) != 0)
		f->sort = IV_SORT_CREATED;
}

static struct view *
list_view(struct req *r, const struct interview *iv, size_t n)
{
	struct view	*list = view_list(r->a), *e;
	size_t		 i;

	for (i = 0; i < n; i++) {
		e = interview_resources_view(r, &iv[i], 0);
		view_set_int(e, "id", iv[i].id);
		view_set_str(e, "candidate_name", iv[i].candidate_name);
		view_set_str(e, "candidate_email", iv[i].candidate_email);
		view_set_str(e, "challenge_title", iv[i].challenge_title);
		/* The filter's word for it: practice is adaptive, for practice. */
		view_set_str(e, "kind", iv[i].practice ? "practice" :
		    iv[i].kind);
		view_set_bool(e, "no_tokens", !interview_has_budget(&iv[i]));
		/*
		 * Its budget is the server's cap, never shown when it was made:
		 * the tokens cell gives the tokens used alone.
		 */
		view_set_bool(e, "budget_internal",
		    !interview_is_assisted(&iv[i]));
		view_set_text(e, "oneway_progress", iv[i].oneway_progress);
		/* Every reviewer's: "Yes", or "2 reviews: Yes, No". */
		view_set_text(e, "recommendation",
		    recommend_summary(r->a, iv[i].recommendation));
		/* What compares candidates: adaptive band, one-way rating. */
		view_set_text(e, "result", interview_result_text(r->a, &iv[i]));
		view_set_str(e, "result_none", interview_is_assisted(&iv[i]) ?
		    "No result is computed for an assisted interview" :
		    "Nothing answered or rated yet");
		/* Worth a look: the provider cost passed the configured line. */
		if (iv[i].cost_micros > (long long)r->app->cfg.cost_warn_cents *
		    10000)
			view_set_str(e, "cost_warning", analytics_usd(r->a,
			    iv[i].cost_micros));
		view_set_str(e, "status", iv[i].status);
		view_set_bool(e, "spent", interview_is_assisted(&iv[i]) &&
		    strcmp(iv[i].status, "active") == 0 &&
		    interview_tokens_spent(&iv[i]));
		view_set_str(e, "last_activity_at", iv[i].last_activity_at);
		view_set_str(e, "created_at", iv[i].created_at);
		view_push(list, e);
	}
	return list;
}

/*
 * The list's refresh: by default only with JavaScript (refresh.js waits
 * while a filter is being typed in); a page without it reloads by its
 * <meta> only when asked (?refresh=1), since that drops what is typed.
 */
enum list_refresh { REFRESH_OFF, REFRESH_SCRIPT, REFRESH_ALWAYS };

/* Links to the pages before and after, keeping the filters. */
static void
set_pages(struct req *r, struct view *v, const struct iv_filter *f, int more,
    enum list_refresh refresh, int empty)
{
	const char	*filter, *base;
	int		 page = f->page;

	filter = arena_printf(r->a, "/admin/interviews?status=%s&kind=%s&q=%s"
	    "&sort=%s", url_encode(r->a, f->status, 0),
	    url_encode(r->a, f->kind, 0), url_encode(r->a, f->q, 0),
	    interview_sort_name(f->sort));
	base = refresh == REFRESH_SCRIPT ? filter : arena_printf(r->a,
	    "%s&refresh=%d", filter, refresh == REFRESH_ALWAYS);
	view_set_int(v, "page", page);
	/* Past the end, the page before may be too: only "the first page". */
	if (page > 1 && !empty)
		view_set_str(v, "prev_url", arena_printf(r->a, "%s&page=%d",
		    base, page - 1));
	/* Newer and older only where the list runs by when it was made. */
	view_set_str(v, "prev_label", f->sort == IV_SORT_CREATED ? "Newer" :
	    "Previous");
	view_set_str(v, "next_label", f->sort == IV_SORT_CREATED ? "Older" :
	    "Next");
	if (more)
		view_set_str(v, "next_url", arena_printf(r->a, "%s&page=%d",
		    base, page + 1));
	view_set_bool(v, "paged", (page > 1 && !empty) || more);
	view_set_str(v, "first_url", arena_printf(r->a, "%s&page=1", base));
	view_set_str(v, "refresh_off_url", arena_printf(r->a,
	    "%s&page=%d&refresh=0", filter, page));
	view_set_str(v, "refresh_on_url", arena_printf(r->a,
	    "%s&page=%d&refresh=1", filter, page));
}

/*
 * Why a page shows no row: past the end (an old link; "none match" was
 * untrue, page 1 had them), a filter that matches none, or none at all.
 */
static void
set_empty(struct view *v, const struct iv_filter *f, size_t n)
{
	if (n > 0)
		return;
	if (f->page > 1)
		view_set_bool(v, "past_end", 1);
	else if (*f->status != '\0' || *f->kind != '\0' || *f->q != '\0')
		view_set_bool(v, "none_match", 1);
	else
		view_set_bool(v, "none_yet", 1);
}

/*
 * A filter the list cannot apply (a link edited by hand, or from an older
 * version) is left out, and the page says so rather than list everything
 * as if it had been applied.
 */
static void
set_ignored(struct req *r, struct view *v)
{
	static const char *const names[] = { "status", "kind", "page", "sort" };
	struct view		*list = view_list(r->a);
	const struct field_val	*f;
	size_t			 i;

	for (i = 0; i < NITEMS(names); i++) {
		f = req_field(r, names[i]);
		if (f->err != NULL)
			view_push(list, view_str(r->a, arena_printf(r->a,
			    "The %s \u201c%s\u201d in the link is not one this list"
			    " knows, so it was left out.", names[i], f->text)));
	}
	if (view_len(list) > 0)
		view_set(v, "ignored", list);
}

enum status
admin_interviews(struct req *r)
{
	struct view		*v = page_view(r, "Interviews", "interviews");
	struct interview	*iv;
	struct iv_filter	 f;
	const struct field_val	*rf = req_field(r, "refresh");
	const char		*done = params_val(&r->query, "done");
	enum list_refresh	 refresh = REFRESH_SCRIPT;
	int			 more;
	size_t			 n;
	enum status		 st;

	interview_filter_from_req(r, &f);
	st = interview_list(r->a, r->db, r->user->org_id, &f, &iv, &n, &more);
	if (st != ST_OK)
		return st;
	view_set(v, "interviews", list_view(r, iv, n));
	view_set_bool(v, "has_interviews", n > 0);
	set_empty(v, &f, n);
	set_ignored(r, v);
	view_set_str(v, "q", f.q);
	view_set_str(v, "status", f.status);
	view_set_str(v, "kind", f.kind);
	view_set_bool(v, arena_printf(r->a, "status_is_%s", *f.status ?
	    f.status : "any"), 1);
	view_set_bool(v, arena_printf(r->a, "kind_is_%s", *f.kind ? f.kind :
	    "any"), 1);
	view_set_str(v, "sort", interview_sort_name(f.sort));
	view_set_bool(v, arena_printf(r->a, "sort_is_%s",
	    interview_sort_name(f.sort)), 1);
	/* After a delete (admin_interview_delete), which left no page. */
	if (done != NULL && strcmp(done, "deleted") == 0)
		view_set_str(v, "flash", "The interview was deleted, with its"
		    " conversation, answers, recordings and timeline.");
	if (rf->err == NULL && rf->present)
		refresh = rf->num ? REFRESH_ALWAYS : REFRESH_OFF;
	view_set_bool(v, "refresh", refresh != REFRESH_OFF);
	view_set_bool(v, "refresh_always", refresh == REFRESH_ALWAYS);
	set_pages(r, v, &f, more, refresh, n == 0);
	return resp_render(r, 200, "admin/interviews", v);
}

/* --- one interview -------------------------------------------------------- */

/* The challenge text as HTML: markdown, rendered safe (raw HTML off). */
void
interview_set_challenge(struct req *r, struct view *v,
    const struct interview *iv)
{
	const struct html_safe	*h;

	view_set_str(v, "challenge_title", iv->challenge_title);
	/* A body that opens with its own title is not titled twice. */
	view_set_bool(v, "challenge_titled", markdown_untitled(iv->challenge_md,
	    iv->challenge_title) != iv->challenge_md);
	if (iv->challenge_html != NULL) {
		/* Stored by the branch below: markdown_render's own output. */
		view_set_html(v, "challenge_html", html_safe_trusted(r->a,
		    iv->challenge_html, strlen(iv->challenge_html)));
		return;
	}
	h = markdown_render(r->a, iv->challenge_md, strlen(iv->challenge_md));
	view_set_html(v, "challenge_html", h);
	/* A cache: if keeping it fails, the next view renders again. */
	(void)interview_keep_challenge_html(r->a, r->db, iv->id,
	    arena_strndup(r->a, h->p, h->len));
}

static struct view *
events_view(struct req *r, long long id)
{
	struct iv_event	*e;
	struct view	*list = view_list(r->a), *m;
	size_t		 n, i;

	if (interview_events(r->a, r->db, id, EVENTS_SHOWN, &e, &n) != ST_OK)
		return list;
	for (i = 0; i < n; i++) {
		m = view_map(r->a);
		view_set_str(m, "actor", e[i].actor);
		view_set_str(m, "what", event_text(r->a, e[i].type,
		    e[i].detail));
		view_set_str(m, "created_at", e[i].created_at);
		view_push(list, m);
	}
	return list;
}

static const char *const confirm_texts[][2] = {
	{ "pause", "Pause the interview? The candidate's clock stops and"
	    " they cannot send anything (a message, an answer, a recording)"
	    " until you resume." },
	{ "resume", "Resume the interview? The candidate's clock starts"
	    " again." },
	{ "lock", "Lock the chat? The candidate keeps working but cannot send"
	    " messages to the assistant." },
	{ "unlock", "Unlock the chat? The candidate can send messages again." },
	{ "end", "End the interview now? The candidate cannot send anything"
	    " more. This cannot be undone." },
	{ "delete", "Delete this interview? This deletes the interview, its"
	    " conversation, answers, recordings and their files, and its"
	    " timeline, and cannot be undone. The candidate's link stops"
	    " working. Export it first if you need a copy." },
};

/* Whether the interview's state allows control c now, as its button shows. */
static int
confirm_allowed(const struct interview *iv, const char *c)
{
	if (strcmp(c, "delete") == 0)
		return 1;	/* in any state; set_confirm asks admins only */
	if (strcmp(c, "pause") == 0)
		return strcmp(iv->status, "active") == 0;
	if (strcmp(c, "resume") == 0)
		return strcmp(iv->status, "paused") == 0;
	if (strcmp(c, "lock") == 0 || strcmp(c, "unlock") == 0)
		return interview_running(iv) &&
		    iv->chat_locked == (strcmp(c, "unlock") == 0);
	return interview_running(iv);
}

/*
 * The question before a control; none for one the interview no longer
 * allows (an old link, the back button), which would only end in a 409.
 */
static void
set_confirm(struct view *v, const struct interview *iv, const char *c,
    int admin)
{
	size_t		 i;

	/* Only an admin may delete: nobody else is asked. */
	if (c != NULL && strcmp(c, "delete") == 0 && !admin)
		return;
	for (i = 0; c != NULL && i < NITEMS(confirm_texts); i++)
		if (strcmp(c, confirm_texts[i][0]) == 0 &&
		    confirm_allowed(iv, c)) {
			view_set_str(v, "confirm_action", confirm_texts[i][0]);
			view_set_str(v, "confirm_text", confirm_texts[i][1]);
		}
	if (c != NULL && strcmp(c, "delete") == 0)
		view_set_str(v, "confirm_button", "Yes, delete the interview");
}

const char budget_cap_refusal[] = "An interview's token budget can be at"
    " most " INTERVIEW_MAX_BUDGET_STR " tokens, extensions included: give"
    " fewer.";

const char *
time_cap_refusal(struct arena *a, long long extended_s)
{
	long long	left = (INTERVIEW_MAX_EXTENSION_S - extended_s) / 60;

	if (left <= 0)
		return "An interview can be given at most "
		    INTERVIEW_MAX_EXTENSION_STR " of extra time, all extensions"
		    " together, and this one has had it all.";
	return arena_printf(a, "An interview can be given at most "
	    INTERVIEW_MAX_EXTENSION_STR " of extra time, all extensions"
	    " together: %lld more minute%s can be given.", left,
	    left == 1 ? "" : "s");
}

/* The controls, open the one that asks first (a value, or "Yes"). */
static void
set_controls(struct req *r, struct view *v, const struct interview *iv,
    const char *open)
{
	int	admin = strcmp(r->user->role, "admin") == 0;

	view_set_bool(v, "extending", open != NULL &&
	    strcmp(open, "extend") == 0);
	view_set_bool(v, "inviting", open != NULL &&
	    strcmp(open, "invite") == 0);
	/* A lost or expired link: running, or expired before it started. */
	view_set_bool(v, "can_invite", interview_running(iv) ||
	    (strcmp(iv->status, "expired") == 0 && *iv->started_at == '\0'));
	/* What the forms offer; page_again() puts back what was typed. */
	view_set_int(v, "expiry_days", INVITE_DAYS_DEFAULT);
	view_set_int(v, "minutes", DEFAULT_EXTEND_MINUTES);
	view_set_int(v, "tokens", DEFAULT_EXTEND_TOKENS);
	view_set_bool(v, "can_delete", admin);
	set_confirm(v, iv, open, admin);
}

static const char *const done_messages[][2] = {
	{ "pause", "The interview is paused; the clock has stopped." },
	{ "resume", "The interview is running again." },
	{ "lock", "The chat is locked." },
	{ "unlock", "The chat is unlocked." },
	{ "end", "The interview has ended." },
	{ "extend-time", "More time was given." },
	{ "extend-tokens", "More tokens were given." },
	/* A create form sent twice (interview_render_created). */
	{ "created-twice", "The form was sent twice; the interview was"
	    " created once. Its invite link was shown only on the first"
	    " page: if you did not copy it, use New invite link below." },
	{ "transcribe", "The answer is being transcribed again; reload the"
	    " page in a minute to read it." },
};

/* What the candidate saved and has not sent (interview_draft.h). */
static enum status
draft_view(struct req *r, struct view *v, const struct interview *iv)
{
	struct interview_draft	 d;
	struct view		*dv = view_map(r->a);
	enum status		 st;

	if ((st = interview_draft_get(r->a, r->db, iv->id, &d)) != ST_OK)
		return st;
	view_set_text(dv, "saved_at", d.saved_at);
	view_set_text(dv, "answer", d.answer);
	view_set_text(dv, "message", d.message);
	view_set(v, "draft", dv);
	view_set_bool(v, "draft_at_end", !interview_running(iv));
	return ST_OK;
}

/*
 * The interviewer's page of interview id in v, not yet rendered; open names
 * the control asked for (?confirm=, or the one a refused value came from),
 * NULL for none.
 */
/* The conversation, and the messages whose replies are being written. */
static enum status
conversation_view(struct req *r, const struct interview *iv, struct view *v)
{
	struct in_flight	*fl;
	size_t			 nfl;
	enum status		 st;

	if ((st = budget_in_flight(r->a, r->db, iv->id, &fl, &nfl)) != ST_OK)
		return st;
	return interview_conversation(r, iv, arena_printf(r->a,
	    "/admin/interviews/%lld", iv->id), fl, nfl, 0, v);
}

enum status
admin_interview_page(struct req *r, long long id, const char *open,
    struct view **vp)
{
	struct interview	 iv;
	struct view		*v;
	int			 whole;
	enum status		 st;

	st = interview_get(r->a, r->db, r->user->org_id, id, &iv);
	if (st == ST_OK)
		st = interview_check_end(r->a, r->db, &iv);
	if (st != ST_OK)
		return st;
	*vp = v = page_view(r, iv.candidate_name, "interviews");
	/* Only an assisted interview's page shows its conversation. */
	if (interview_is_assisted(&iv) && (st = conversation_view(r, &iv, v)) !=
	    ST_OK)
		return st;
	if (iv.has_draft && (st = draft_view(r, v, &iv)) != ST_OK)
		return st;
	whole = interview_is_assisted(&iv) && interview_conversation_all(r);
	view_set(v, "res", interview_resources_view(r, &iv, iv.chat_replies));
	view_set_bool(v, "interviewer_view", 1);	/* no candidate hints */
	view_set(v, "events", events_view(r, id));
	interview_set_challenge(r, v, &iv);
	view_set_int(v, "id", id);
	view_set_str(v, "candidate_name", iv.candidate_name);
	view_set_str(v, "candidate_email", iv.candidate_email);
	view_set_str(v, "status", iv.status);
	/* "expired (expired)" says nothing twice. */
	view_set_text(v, "end_reason", strcmp(iv.end_reason, iv.status) != 0 ?
	    interview_end_reason_text(iv.end_reason) : "");
	view_set_str(v, "model", iv.model);
	/* In the words the create form offered it, not its id "builtin". */
	view_set_str(v, "assistant", strcmp(iv.model, "builtin") == 0 ?
	    "Offline assistant (offers the challenge's hints)" : iv.model);
	view_set_text(v, "instructions", iv.instructions);
	view_set_text(v, "started_at", iv.started_at);
	view_set_text(v, "transcript_deleted_on", iv.transcript_deleted_on);
	/* Ended, there is no chat left to be locked: no badge. */
	view_set_bool(v, "locked", iv.chat_locked && interview_running(&iv));
	view_set_bool(v, "is_active", strcmp(iv.status, "active") == 0);
	view_set_bool(v, "is_paused", strcmp(iv.status, "paused") == 0);
	view_set_bool(v, "running", interview_running(&iv));
	/* No clock to give more time to (the form would still take it). */
	view_set_bool(v, "untimed", iv.untimed);
	view_set_bool(v, "spent", interview_is_assisted(&iv) &&
	    strcmp(iv.status, "active") == 0 && interview_tokens_spent(&iv));
	/*
	 * Watching a running interview refreshes the page, which would drop
	 * what the interviewer types: not while a control asks for a value or
	 * confirmation, nor on a one-way interview, whose answers are rated
	 * while the candidate may still be answering.
	 */
	view_set_bool(v, "refresh", strcmp(iv.status, "active") == 0 &&
	    strcmp(iv.kind, "oneway") != 0 && open == NULL && !whole);
	/*
	 * Nor while it shows the whole conversation: a long one reloaded
	 * every 10 s was megabytes each time, and the reader's place lost.
	 */
	view_set_bool(v, "whole_still", strcmp(iv.status, "active") == 0 &&
	    whole);
	set_controls(r, v, &iv, open);
	/* Each extend form acts once, however often it is sent. */
	view_set_str(v, "form_id_time", crypto_token(r->a, 16));
	view_set_str(v, "form_id_tokens", crypto_token(r->a, 16));
	if (strcmp(iv.kind, "oneway") == 0 &&
	    (st = admin_oneway_report(r, v, &iv)) != ST_OK)
		return st;
	if (strcmp(iv.kind, "adaptive") == 0 &&
	    ((st = admin_adaptive_report(r, v, &iv)) != ST_OK ||
	    (st = admin_recordings_view(r, v, &iv)) != ST_OK))
		return st;
	return admin_review_report(r, v, &iv);
}

enum status
admin_interview_show(struct req *r)
{
	struct view	*v;
	const char	*done = params_val(&r->query, "done");
	long long	 id;
	size_t		 i;
	enum status	 st;

	if ((st = req_arg_id(r, 0, &id)) != ST_OK ||
	    (st = admin_interview_page(r, id, params_val(&r->query, "confirm"),
	    &v)) != ST_OK)
		return st;
	for (i = 0; done != NULL && i < NITEMS(done_messages); i++)
		if (strcmp(done, done_messages[i][0]) == 0)
			view_set_str(v, "flash", done_messages[i][1]);
	return resp_render(r, 200, "admin/interview", v);
}

static const char not_now[] = "The interview is not in a state that allows"
    " this (it may have ended or changed meanwhile).";
static const char ended_invite[] = "This interview has ended: a new link"
    " cannot reopen it.";

/* A control the interview has moved past: why, and the way back to it. */
static enum status
refused_now(struct req *r, long long id, const char *why)
{
	r->error_detail = why;
	r->error_link = arena_printf(r->a, "/admin/interviews/%lld", id);
	r->error_link_text = "Back to the interview";
	return ST_CONFLICT;
}

/*
 * The page again after a refused value: the control open, the values
 * typed kept, field (NULL: the checked fields' own messages) marked with msg.
 */
static enum status
page_again(struct req *r, long long id, const char *open,
    const char *field, const char *msg)
{
	struct view	*v;
	int		 invite = strcmp(open, "invite") == 0;
	enum status	 st;

	if ((st = admin_interview_page(r, id, open, &v)) != ST_OK)
		return st;
	/* Ended meanwhile: the control is gone, so say why, as when valid. */
	if (!view_int_value(view_get(v, invite ? "can_invite" : "running")))
		return refused_now(r, id, invite ? ended_invite : not_now);
	page_form_values(r, v);
	if (field != NULL) {
		view_set_str(v, arena_printf(r->a, "%s_error", field), msg);
		view_set_bool(v, "has_errors", 1);
	}
	/* A checkbox keeps its tick, not its text. */
	if (invite)
		view_set_bool(v, "sign_out", req_field(r, "sign_out")->num);
	return resp_render(r, 400, "admin/interview", v);
}

/* --- controls ------------------------------------------------------------- */

/* More time than the cap allows: the form again, the reason by minutes. */
static enum status
time_cap_refused(struct req *r, long long id)
{
	struct interview	iv;
	enum status		st;

	if ((st = interview_get(r->a, r->db, r->user->org_id, id, &iv)) !=
	    ST_OK)
		return st;
	return page_again(r, id, "extend", "minutes", time_cap_refusal(r->a,
	    iv.extended_s));
}

/*
 * A control; form_id, when the form had one, makes a second submit of the
 * same form (a double click) change nothing and answer as the first did.
 */
static enum status
control_once(struct req *r, enum iv_control c, long long arg,
    const char *form_id)
{
	const char	*name = interview_control_name(c);
	const char	*done = NULL;
	long long	 id;
	int		 repeated = 0, changed = 1;
	enum status	 st;

	if ((st = req_arg_id(r, 0, &id)) != ST_OK)
		return st;
	done = arena_printf(r->a, "/admin/interviews/%lld?done=%s", id, name);
	req_writes_interview(r, id);
	st = form_use_id(form_id) != NULL ?
	    interview_control_once(r->a, r->db, r->user->org_id, id, c, arg,
	    form_id, &repeated) :
	    interview_control(r->a, r->db, r->user->org_id, id, c, arg,
	    &changed);
	if (st == ST_OK && (repeated || !changed))
		return resp_redirect(r, done);	/* nothing done: nothing logged */
	if (st == ST_CONFLICT)
		return refused_now(r, id, not_now);
	if (st == ST_INVALID && c == IV_EXTEND_TIME)
		return time_cap_refused(r, id);
	if (st == ST_INVALID)	/* more tokens than the cap allows */
		return page_again(r, id, "extend", "tokens",
		    budget_cap_refusal);
	if (st != ST_OK)
		return st;
	(void)interview_event(r->a, r->db, r->user->org_id, r->user->id,
	    r->user->email, id, arena_printf(r->a, "interview_%s", name),
	    arg ? arena_printf(r->a, "{\"amount\":%lld}", arg) : NULL, r->ip);
	return resp_redirect(r, done);
}

static enum status
control(struct req *r, enum iv_control c, long long arg)
{
	return control_once(r, c, arg, NULL);
}

enum status
admin_interview_pause(struct req *r)
{
	return control(r, IV_PAUSE, 0);
}

enum status
admin_interview_resume(struct req *r)
{
	return control(r, IV_RESUME, 0);
}

enum status
admin_interview_lock(struct req *r)
{
	return control(r, IV_LOCK, 0);
}

enum status
admin_interview_unlock(struct req *r)
{
	return control(r, IV_UNLOCK, 0);
}

enum status
admin_interview_end(struct req *r)
{
	return control(r, IV_END, 0);
}

static enum status
extend(struct req *r, enum iv_control c, const char *field, long long unit)
{
	long long	 id;
	enum status	 st;

	if ((st = req_arg_id(r, 0, &id)) != ST_OK)
		return st;
	if (r->fields_st != ST_OK)
		return page_again(r, id, "extend", NULL, NULL);
	return control_once(r, c, req_field(r, field)->num * unit,
	    req_field(r, "form_id")->text);
}

enum status
admin_interview_extend_time(struct req *r)
{
	return extend(r, IV_EXTEND_TIME, "minutes", 60);
}

enum status
admin_interview_extend_tokens(struct req *r)
{
	return extend(r, IV_EXTEND_TOKENS, "tokens", 1);
}

void
interview_created_event(struct req *r, long long id, const char *kind)
{
	const char	*d = event_with(r->a, NULL, "kind", kind);

	if (r->api) {
		d = event_with(r->a, d, "via", "api");
		if (r->token_name != NULL)
			d = event_with(r->a, d, "token", r->token_name);
	}
	(void)interview_event(r->a, r->db, r->user->org_id, r->user->id,
	    r->user->email, id, "interview_created", d, r->ip);
}

/* The timeline's record of a new invite, by the page or the API. */
void
interview_invite_event(struct req *r, long long id, int days, int sign_out)
{
	(void)interview_event(r->a, r->db, r->user->org_id, r->user->id,
	    r->user->email, id, "invite_reissued", arena_printf(r->a,
	    "{\"days\":%d,\"signed_out\":%s}", days,
	    sign_out ? "true" : "false"), r->ip);
}

/* POST /admin/interviews/:id/invite: a new link, shown once; the old one dies. */
enum status
admin_interview_invite(struct req *r)
{
	const struct field_val	*days = req_field(r, "expiry_days");
	int			 sign_out = req_field(r, "sign_out")->num != 0;
	struct interview	 iv;
	struct view		*v;
	char			*token;
	long long		 id;
	enum status		 st;

	if ((st = req_arg_id(r, 0, &id)) != ST_OK)
		return st;
	if (r->fields_st != ST_OK)
		return page_again(r, id, "invite", NULL, NULL);
	req_writes_interview(r, id);
	st = interview_new_invite(r->a, r->db, r->user->org_id, id,
	    (int)days->num, sign_out, &token);
	if (st == ST_CONFLICT)
		return refused_now(r, id, ended_invite);
	if (st == ST_OK)
		st = interview_get(r->a, r->db, r->user->org_id, id, &iv);
	if (st != ST_OK)
		return st;
	interview_invite_event(r, id, (int)days->num, sign_out);
	v = interview_created_view(r, id, iv.candidate_name, iv.candidate_email,
	    (int)days->num, *iv.started_at != '\0', token, "New invite link");
	view_set_bool(v, "reissued", 1);
	view_set_bool(v, "signed_out", sign_out);
	return resp_render(r, 200, "admin/interview_created", v);
}

/*
 * POST /admin/interviews/:id/delete (admins): the interview and all it
 * holds, gone for good; the list says so.  Another org's id is a 404.
 */
enum status
admin_interview_delete(struct req *r)
{
	long long	id;
	enum status	st;

	if ((st = req_arg_id(r, 0, &id)) != ST_OK)
		return st;
	req_writes_interview(r, id);
	st = interview_delete(r->a, r->db, r->app->cfg.storage_dir,
	    r->user->org_id, id, r->user->id, r->user->email, r->ip);
	if (st != ST_OK)
		return st;
	return resp_redirect(r, "/admin/interviews?done=deleted");
}
