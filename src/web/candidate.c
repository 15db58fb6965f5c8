/* candidate.c: the candidate's side of an assisted interview, without JS. */
#include <string.h>

#include "core/adaptive.h"
#include "core/analytics.h"
#include "core/assistant.h"
#include "core/interview.h"
#include "core/interview_draft.h"
#include "lib/crypto.h"
#include "handlers.h"
#include "snapshot.h"

#define CANDIDATE_COOKIE_AGE	(30L * 24 * 3600)

/*
 * The page's one form: a message and the final answer, and which button
 * sent them (none: Send, as a script's form.submit() or an old browser).
 */
const struct field candidate_message_fields[] = {
	{ "message",	F_TEXT,	0, CANDIDATE_MESSAGE_MAX, 0, NULL },
	/* The page's random id: the form sent twice sends once. */
	{ "form_id",	F_TEXT,	0, FORM_ID_MAX, 0, NULL },
	{ "answer",	F_TEXT,	0, CANDIDATE_FINAL_MAX, 0, NULL },
	{ "save",	F_BOOL,	0, 0, 0, NULL },
	{ "final",	F_BOOL,	0, 0, 0, NULL },
	{ NULL, 0, 0, 0, 0, NULL }
};

const struct field candidate_final_fields[] = {
	{ "answer",	F_TEXT,	0, CANDIDATE_FINAL_MAX, 0, NULL },
	{ NULL, 0, 0, 0, 0, NULL }
};

/* --- the resource panel, shared with the interviewer's pages ------------ */

/*
 * By the share left: green above a quarter, yellow at or below it, orange
 * at or below 10%, red at or below 5%.  Compared exactly, not as the whole
 * percent shown: 25.9% left, shown as 25, is not "a quarter or less".
 */
static const struct {
	long long	 pct;
	const char	*colour;
	const char	*warning;	/* + "time" or "token budget" */
} levels[] = {
	{ 5, "red", "5% or less of the" },
	{ 10, "orange", "10% or less of the" },
	{ 25, "yellow", "A quarter or less of the" },
};

static void
set_meter(struct req *r, struct view *v, const char *prefix, long long left,
    long long total, const char *what)
{
	long long	 pct = total > 0 ? left * 100 / total : 0;
	const char	*colour = "green";
	size_t		 i;

	for (i = 0; i < NITEMS(levels); i++)
		if (left * 100 <= levels[i].pct * total) {
			colour = levels[i].colour;
			view_set_str(v, arena_printf(r->a, "%s_warning",
			    prefix), arena_printf(r->a, "%s %s is left.",
			    levels[i].warning, what));
			break;
		}
	view_set_int(v, arena_printf(r->a, "%s_pct", prefix), pct);
	/* Widths come in steps of 5 from the stylesheet (CSP: no style=). */
	view_set_int(v, arena_printf(r->a, "%s_step", prefix),
	    left > 0 && pct < 5 ? 5 : (pct + 2) / 5 * 5);
	view_set_str(v, arena_printf(r->a, "%s_colour", prefix), colour);
}

struct view *
interview_resources_view(struct req *r, const struct interview *iv,
    int exchanges)
{
	struct view	*v = view_map(r->a);
	long long	 total = (long long)iv->time_limit_s + iv->extended_s;
	long long	 left = interview_tokens_left(iv);

	view_set_bool(v, "untimed", iv->untimed);
	view_set_str(v, "time_left", analytics_duration(r->a, iv->time_left_s));
	view_set_str(v, "time_total", analytics_duration(r->a, total));
	/* What a one-way candidate took of their day, once done. */
	view_set_str(v, "time_used", analytics_duration(r->a,
	    total - iv->time_left_s));
	view_set_bool(v, "is_oneway", strcmp(iv->kind, "oneway") == 0);
	view_set_int(v, "time_left_s", iv->time_left_s);
	set_meter(r, v, "time", iv->time_left_s, total, "time");
	view_set_num(v, "tokens_used", iv->tokens_used);
	view_set_num(v, "tokens_left", left);
	view_set_num(v, "token_budget", iv->token_budget);
	set_meter(r, v, "tokens", left, iv->token_budget, "token budget");
	view_set_num(v, "messages_left", assistant_messages_left(iv,
	    exchanges));
	view_set_bool(v, "measured", exchanges > 0);
	/* The candidate's "Check the time left" keeps the whole conversation. */
	view_set_str(v, "self_href", interview_conversation_all(r) ?
	    "/c?all=1" : "/c");
	/* For the script's estimate: the page may show only the latest. */
	view_set_int(v, "replies", exchanges);
	/* Ended, none is left to send: no estimate of how many. */
	view_set_bool(v, "ended", strcmp(iv->status, "created") != 0 &&
	    strcmp(iv->status, "active") != 0 &&
	    strcmp(iv->status, "paused") != 0);
	return v;
}

/* --- who is asking -------------------------------------------------------- */

/* A candidate typed no address: "Page not found" would say so. */
static enum status
link_not_valid(struct req *r, const char *why)
{
	r->error_title = "Link not valid";
	r->error_detail = why;
	return ST_NOTFOUND;
}

enum status
candidate_not_valid(struct req *r)
{
	return link_not_valid(r, "This interview page needs the link from"
	    " your invitation (this browser has no interview open: it was a"
	    " while ago, or cookies are off). Open the link from your"
	    " invitation again.");
}

/* An invite token nobody has: opening the same link again cannot help. */
static enum status
unknown_invite(struct req *r)
{
	return link_not_valid(r, "This interview link is not valid: it may be"
	    " cut short or mistyped, or replaced by a newer one. Check it"
	    " against your invitation, or ask the person who sent it for a new"
	    " link.");
}

/* Reads cookie's interview (and its session's form token) into a. */
static enum status
read_into(struct req *r, struct arena *a, const char *cookie,
    struct interview *iv)
{
	enum status	 st;

	if (cookie == NULL || *cookie == '\0')
		return candidate_not_valid(r);
	st = candidate_interview(a, r->db, cookie, iv, &r->csrf);
	if (st == ST_OK)
		r->candidate_org = iv->org_name;
	return st == ST_NOTFOUND ? candidate_not_valid(r) : st;
}

/* Loads the cookie's interview, ending it first if its limits ran out. */
enum status
candidate_session_load(struct req *r, struct interview *iv)
{
	enum status	 st;

	if ((st = read_into(r, r->a, req_cookie(r, CANDIDATE_COOKIE), iv)) !=
	    ST_OK)
		return st;
	return interview_check_end(r->a, r->db, iv);
}

/*
 * The page's interview as copied a moment ago (snapshot.h), else read and
 * copied.  Only an assisted interview's: its page is this row and the
 * cached conversation, where the others read more state of their own.  Not
 * one waiting to start (its invite expires by the clock), nor one that
 * check_end just ended (re-read outside the copy).
 */
static enum status
page_load(struct req *r, struct interview *iv)
{
	const char	*cookie = req_cookie(r, CANDIDATE_COOKIE);
	const char	*status;
	struct arena	*a;
	enum status	 st;

	if (cookie == NULL || *cookie == '\0')
		return candidate_not_valid(r);
	if (snapshot_get(cookie, iv, &r->csrf)) {
		r->candidate_org = iv->org_name;
		return ST_OK;
	}
	if ((a = snapshot_fill(cookie)) == NULL)
		return candidate_session_load(r, iv);
	if ((st = read_into(r, a, cookie, iv)) != ST_OK)
		return st;
	status = iv->status;
	if ((st = interview_check_end(r->a, r->db, iv)) != ST_OK)
		return st;
	if (iv->status == status && interview_is_assisted(iv) &&
	    strcmp(iv->status, "created") != 0)
		snapshot_keep(cookie, iv, r->csrf);
	return ST_OK;
}

/*
 * Candidate forms carry the candidate session's token; the router's R_CSRF
 * checks the interviewer's session, which a candidate does not have.
 */
enum status
candidate_session_load_post(struct req *r, struct interview *iv)
{
	const char	*sent = params_val(&r->form, "csrf");
	enum status	 st;

	if ((st = candidate_session_load(r, iv)) != ST_OK)
		return st;
	req_writes_interview(r, iv->id);
	if (sent != NULL && r->csrf != NULL && *r->csrf != '\0' &&
	    crypto_str_eq(sent, r->csrf))
		return ST_OK;
	return page_form_expired(r);
}

/* GET /i/:token: the invite becomes a cookie; the token leaves the URL bar. */
enum status
candidate_invite(struct req *r)
{
	char		*cookie;
	enum status	 st;

	st = interview_open_invite(r->a, r->db, r->args[0], r->ip, &cookie);
	if (st == ST_NOTFOUND)
		return unknown_invite(r);
	if (st == ST_CONFLICT) {
		r->error_title = "Link expired";
		r->error_detail = "This link has expired. Ask the person who"
		    " sent it for a new one.";
		return ST_NOTFOUND;
	}
	if (st != ST_OK)
		return st;
	resp_cookie(r, CANDIDATE_COOKIE, cookie, CANDIDATE_COOKIE_AGE);
	r->no_store = 1;
	return resp_redirect(r, "/c");
}

/* --- the pages ------------------------------------------------------------ */

static const char *const end_texts[][2] = {
	{ "time", "Time is up. The interview has ended." },
	{ "tokens", "The token budget is used up. The interview has ended." },
	{ "interviewer", "The interviewer has ended the interview." },
	{ "candidate", "You submitted your final answer. The interview has"
	    " ended." },
	{ "expired", "This interview link has expired." },
	{ "covered", "Every skill area has been explored. The interview is"
	    " complete: thank you." },
	{ "maximum", "That was the last question. The interview is complete:"
	    " thank you." },
	{ "bank_empty", "There are no more questions for this role. The"
	    " interview is complete: thank you." },
	{ "answered", "Every question is answered. The interview is"
	    " complete: thank you." },
};

const char *
candidate_end_text(const char *reason)
{
	size_t	i;

	for (i = 0; i < NITEMS(end_texts); i++)
		if (strcmp(reason, end_texts[i][0]) == 0)
			return end_texts[i][1];
	return "The interview has ended.";
}

static enum status
render_consent(struct req *r, const struct interview *iv)
{
	struct view	*v = page_view(r, "Your interview", NULL);

	interview_set_challenge(r, v, iv);
	view_set_str(v, "candidate_name", iv->candidate_name);
	view_set(v, "res", interview_resources_view(r, iv, 0));
	view_set_int(v, "minutes",
	    ((long long)iv->time_limit_s + iv->extended_s) / 60);
	view_set_num(v, "token_budget", iv->token_budget);
	view_set_bool(v, "builtin", strcmp(iv->model, "builtin") == 0);
	view_set_bool(v, "no_hints", iv->nhints == 0);
	return resp_render(r, 200, "candidate/consent", v);
}

/*
 * Spent with tokens still in the panel: the next message, sent with the
 * conversation so far, would need more than are left.  Said so, with the
 * figures, where "used up" beside 505 tokens left read as a contradiction.
 */
static void
spent_view(struct view *v, const struct interview *iv)
{
	long long	left = interview_tokens_left(iv);

	view_set_bool(v, "spent_some", left >= INTERVIEW_MIN_REPLY);
	/* The panel shows what is left: "used up" only when nothing is. */
	view_set_bool(v, "spent_none", left <= 0);
	view_set_num(v, "spent_needs", interview_next_needs(iv));
	view_set_num(v, "spent_left", left);
}

/* What the candidate saved without sending, back in its boxes. */
static enum status
set_drafts(struct req *r, struct view *v, const struct interview *iv)
{
	struct interview_draft	d = { "", "", "" };
	enum status		st;

	if (iv->has_draft &&
	    (st = interview_draft_get(r->a, r->db, iv->id, &d)) != ST_OK)
		return st;
	view_set_str(v, "message", d.message);
	view_set_str(v, "answer", d.answer);
	view_set_text(v, "draft_saved_at", d.saved_at);
	/* Locked or paused, a saved message can still be copied. */
	view_set_bool(v, "kept", *d.message != '\0');
	view_set_bool(v, "draft_saved", *d.saved_at != '\0' &&
	    params_val(&r->query, "saved") != NULL);
	return ST_OK;
}

/*
 * The conversation, and the candidate's messages being answered now: sent
 * from another tab or device, or before a reload.  Read only when the row
 * holds tokens reserved: budget_reserve adds each hold to tokens_reserved
 * in the statement that makes it, and settling or releasing it takes it
 * off in theirs, so a row with none has nothing in flight and the common
 * page costs no statement more.  (A hold abandoned by a dead process keeps
 * tokens reserved until the next send gives them back: the list is read
 * then, and is empty.)  While one is, its script asks more often until
 * the reply is stored; without script, a frame (candidate_answering.c)
 * says when it is, with the replies the page has to tell a reply from a
 * failed call.
 *
 * 2026-12-07: it was the whole page that reloaded every 5 s without
 * script, and each reload lost what was being typed in its boxes; only
 * the frame reloads now, so a refused post's page has it too.
 */
static enum status
conversation_view(struct req *r, const struct interview *iv,
    struct view *v)
{
	struct in_flight	*fl = NULL;
	size_t			 nfl = 0;
	enum status		 st;

	if (iv->tokens_reserved > 0 &&
	    (st = budget_in_flight(r->a, r->db, iv->id, &fl, &nfl)) != ST_OK)
		return st;
	view_set_bool(v, "answering", nfl > 0);
	if (nfl > 0)
		view_set_str(v, "answering_src", arena_printf(r->a,
		    "/c/answering?replies=%d%s", iv->chat_replies,
		    interview_conversation_all(r) ? "&all=1" : ""));
	return interview_conversation(r, iv, "/c", fl, nfl, 1, v);
}

/* The interview page as the candidate left it; code != 200 is a refusal. */
static enum status
interview_view(struct req *r, const struct interview *iv, int code,
    struct view **out)
{
	struct view	*v = page_view(r, "Your interview", NULL);
	int		 active = strcmp(iv->status, "active") == 0;
	int		 spent = active && interview_tokens_spent(iv), gone;
	enum status	 st;

	if ((st = conversation_view(r, iv, v)) != ST_OK)
		return st;
	interview_set_challenge(r, v, iv);
	/* candidate.js keeps drafts in the browser under it. */
	view_set_int(v, "interview_id", iv->id);
	view_set_str(v, "candidate_name", iv->candidate_name);
	view_set(v, "res", interview_resources_view(r, iv, iv->chat_replies));
	view_set_bool(v, "active", active);
	view_set_bool(v, "paused", strcmp(iv->status, "paused") == 0);
	view_set_bool(v, "locked", active && iv->chat_locked);
	view_set_bool(v, "spent", spent);
	if (spent)
		spent_view(v, iv);
	gone = !assistant_can_answer(&r->app->assistant, iv->model);
	view_set_bool(v, "can_send", active && !iv->chat_locked && !spent &&
	    !gone);
	view_set_text(v, "assistant_gone", active && gone ?
	    candidate_assistant_gone : "");
	view_set_bool(v, "builtin", strcmp(iv->model, "builtin") == 0);
	/* Then the offline assistant has nothing to offer: say so first. */
	view_set_bool(v, "no_hints", iv->nhints == 0);
	if (!active && strcmp(iv->status, "paused") != 0)
		view_set_str(v, "ended", candidate_end_text(strcmp(iv->status,
		    "created") == 0 ? "expired" : iv->end_reason));
	/* Back from a final answer taken after the time ran out. */
	view_set_bool(v, "late_final", !active && *iv->final_answer != '\0' &&
	    strcmp(iv->end_reason, "time") == 0 &&
	    params_val(&r->query, "late") != NULL);
	/*
	 * A refresh would drop what the candidate is typing (a message or the
	 * final answer): only a paused page, with nothing to type, refreshes
	 * to show the resume; a running one offers a link instead.  Nor does
	 * a message being answered reload it: its frame does
	 * (conversation_view).
	 */
	view_set_bool(v, "refresh", code == 200 &&
	    strcmp(iv->status, "paused") == 0);
	view_set_bool(v, "show_box", active ||
	    strcmp(iv->status, "paused") == 0);
	/*
	 * Paused, the final answer stays on the page (a draft the script
	 * keeps comes back into it), read-only where the page refreshes.
	 */
	view_set_bool(v, "show_final", active ||
	    strcmp(iv->status, "paused") == 0);
	view_set_bool(v, "final_readonly", code == 200 &&
	    strcmp(iv->status, "paused") == 0);
	/*
	 * One form holds both boxes while something can be posted (not on
	 * a paused page that refreshes itself), so that sending a message
	 * keeps the final answer being written, and Save draft keeps both.
	 */
	view_set_bool(v, "show_form", active || (code != 200 &&
	    strcmp(iv->status, "paused") == 0));
	/* A refused message keeps its form's id: it was not sent. */
	page_set_form_id(r, v, 1);
	*out = v;
	return set_drafts(r, v, iv);
}

/*
 * What the form posted (message, final answer) back in its boxes: a
 * refused post loses nothing.  A message that cannot be sent any more
 * stays to copy, read-only rather than disabled.
 */
static void
keep_posted(struct req *r, struct view *v)
{
	const struct field_val	*message = req_field(r, "message");
	const struct field_val	*answer = req_field(r, "answer");

	if (answer != NULL && (answer->present || answer->err != NULL))
		view_set_str(v, "answer", answer->text);
	if (message == NULL || (!message->present && message->err == NULL))
		return;
	view_set_str(v, "message", message->text);
	view_set_bool(v, "show_box", 1);
	view_set_bool(v, "kept", 1);
}

/* The page; a refused post comes back in its boxes beside the reason. */
static enum status
render_interview(struct req *r, const struct interview *iv, int code,
    const char *message)
{
	struct view	*v;
	enum status	 st;

	if ((st = interview_view(r, iv, code, &v)) != ST_OK)
		return st;
	if (message != NULL)
		view_set_str(v, "send_error", message);
	keep_posted(r, v);
	return resp_render(r, code, "candidate/interview", v);
}

/* The page with a refused final answer kept in its box, to send or copy. */
static enum status
render_final_refused(struct req *r, const struct interview *iv, int code,
    const char *message)
{
	struct view	*v;
	enum status	 st;

	if ((st = interview_view(r, iv, code, &v)) != ST_OK)
		return st;
	view_set_str(v, "final_error", message);
	view_set_bool(v, "show_final", 1);
	/* Ended, it is there to copy: a Submit button could only fail again. */
	if (strcmp(iv->status, "active") != 0 &&
	    strcmp(iv->status, "paused") != 0)
		view_set_bool(v, "final_readonly", 1);
	keep_posted(r, v);
	return resp_render(r, code, "candidate/interview", v);
}

enum status
candidate_page(struct req *r)
{
	struct interview	iv;
	enum status		st;

	if ((st = page_load(r, &iv)) != ST_OK)
		return st;
	r->no_store = 1;
	if (strcmp(iv.kind, "adaptive") == 0)
		return candidate_adaptive_page(r, &iv, 200, NULL, NULL);
	if (strcmp(iv.kind, "oneway") == 0)
		return candidate_oneway_page(r, &iv, 200, NULL);
	if (strcmp(iv.status, "created") == 0 && !iv.invite_expired)
		return render_consent(r, &iv);
	return render_interview(r, &iv, 200, NULL);
}

enum status
candidate_start(struct req *r)
{
	struct interview	iv;
	enum status		st;

	if ((st = candidate_session_load_post(r, &iv)) != ST_OK)
		return st;
	st = interview_start(r->a, r->db, iv.org_id, iv.id);
	if (st == ST_OK)
		(void)interview_event(r->a, r->db, iv.org_id, 0,
		    iv.candidate_email, iv.id, "interview_started", NULL,
		    r->ip);
	else if (st != ST_CONFLICT)
		return st;	/* a second Start (another tab): the page */
	/* The first question; a second Start finds it asked already. */
	if (strcmp(iv.kind, "adaptive") == 0 &&
	    (st = adaptive_begin(r->a, r->db, &r->app->assistant, &iv)) != ST_OK)
		return st;
	return resp_redirect(r, "/c");
}

const char candidate_unavailable[] = "The AI service did not answer; your"
    " message was not charged. Try again.";
/* The server's AI service was taken away after the interview was made. */
const char candidate_assistant_gone[] = "The AI assistant of this interview"
    " is not available on this server now, so messages cannot be sent. You"
    " can keep working and submit your final answer; tell the interviewer"
    " if this costs you time.";
/*
 * The provider busy for longer than a call waits (429 with Retry-After):
 * when to send again, in words and in Retry-After; else one of the above.
 */
const char *
candidate_unavailable_text(struct req *r, const struct reservation *res)
{
	int	s = res->retry_s;

	if (res->answered)
		return candidate_unsaved;
	if (s <= 0)
		return candidate_unavailable;
	r->retry_after_s = s;
	return arena_printf(r->a, "The AI service is busy; your message was"
	    " not charged. Try again in %d %s.", s < 120 ? s : (s + 59) / 60,
	    s < 120 ? "seconds" : "minutes");
}

/* The model replied, but the reply could not be saved (the database). */
const char candidate_unsaved[] = "Your message could not be saved just now,"
    " so it was not charged. Try again in a moment.";

const char *
candidate_refusal(struct req *r, const struct reservation *res, int page,
    enum status *st)
{
	*st = ST_CONFLICT;
	switch (res->why) {
	case BR_NOT_STARTED:
		return "The interview has not started yet.";
	case BR_PAUSED:
		/* Only the page has a box that keeps what was typed. */
		return page ? "The interviewer has paused the interview; your"
		    " message was not sent. It stays in the box for when the"
		    " interview resumes." : "The interviewer has paused the"
		    " interview; your message was not sent. Send it again"
		    " once the interview resumes.";
	case BR_ENDED:
		return "The interview has ended; no more messages can be sent.";
	case BR_LOCKED:
		return "The interviewer has locked the chat; your message was"
		    " not sent.";
	case BR_TIME:
		return "Time is up; no more messages can be sent.";
	case BR_TOKENS:
		/* Each message goes with the conversation: shorter may not fit. */
		if (res->needs - res->own > res->left)
			return arena_printf(r->a, "Not enough tokens are left"
			    " for another message: each one is sent with the"
			    " challenge and the conversation so far, which with"
			    " room for a reply needs about %d tokens, and %d are"
			    " left. You can still submit your final answer.",
			    res->needs - res->own, res->left);
		return arena_printf(r->a, "Not enough tokens left for this"
		    " message (needs %d, %d left). Shorten it by about %d"
		    " token%s, or submit your final answer.", res->needs,
		    res->left, res->needs - res->left,
		    res->needs - res->left == 1 ? "" : "s");
	case BR_RATE:
		*st = ST_TOOMANY;
		r->retry_after_s = res->retry_s;
		return arena_printf(r->a, "Too many messages: at most %d a"
		    " minute. You can send again in %d second%s; %s.",
		    BUDGET_RATE_PER_MINUTE, res->retry_s,
		    res->retry_s == 1 ? "" : "s", page ? "your message stays"
		    " in the box" : "your message was not sent");
	default:
		return "The message could not be sent.";
	}
}

/*
 * The final answer being written, and the message if it was not sent, kept
 * by the server (interview_draft.h); nothing to do for a page that never
 * had a draft and posts none.  A failure here costs only the draft.
 */
void
candidate_keep_drafts(struct req *r, const struct interview *iv,
    const char *message, const char *answer)
{
	if (*message == '\0' && *answer == '\0' && !iv->has_draft)
		return;
	(void)interview_draft_save(r->a, r->db, iv->org_id, iv->id, message,
	    answer);
}

/* Save draft: both boxes kept, the page shown again with them. */
static enum status
save_drafts(struct req *r, const struct interview *iv)
{
	enum status	st;

	st = interview_draft_save(r->a, r->db, iv->org_id, iv->id,
	    req_field(r, "message")->text, req_field(r, "answer")->text);
	if (st == ST_CONFLICT)
		return render_final_refused(r, iv, 409, "The interview has"
		    " ended, so your draft was not saved. It is kept below for"
		    " you to copy.");
	if (st != ST_OK)
		return st;
	return resp_redirect(r, "/c?saved=1");
}

static enum status	finish_answer(struct req *, struct interview *);

/* The form's: the message if it was not sent, the final answer posted. */
static void
keep_drafts(struct req *r, const struct interview *iv, const char *message)
{
	candidate_keep_drafts(r, iv, message, req_field(r, "answer")->text);
}

/* The page's form: Send (the message), Save draft, or the final answer. */
enum status
candidate_send(struct req *r)
{
	const struct field_val	*f = req_field(r, "message");
	const struct field_val	*answer = req_field(r, "answer");
	struct reservation	 res;
	struct interview	 iv;
	const char		*msg;
	enum status		 st, why;

	if ((st = candidate_session_load_post(r, &iv)) != ST_OK)
		return st;
	if (!interview_is_assisted(&iv))
		return ST_NOTFOUND;
	if (req_field(r, "final")->num)
		return finish_answer(r, &iv);
	if (answer->err != NULL)
		return render_final_refused(r, &iv, 400, arena_printf(r->a,
		    "Your final answer can be at most %s characters; this one"
		    " has %s. Nothing was sent or saved: shorten it first.",
		    view_num_text(r->a, CANDIDATE_FINAL_MAX), view_num_text(r->a,
		    (long long)utf8_len(answer->text, strlen(answer->text)))));
	if (f->err != NULL)
		return render_interview(r, &iv, 400, arena_printf(r->a,
		    "A message can be at most %s characters; this one has %s."
		    " Shorten it and send again.", view_num_text(r->a,
		    CANDIDATE_MESSAGE_MAX), view_num_text(r->a, (long long)
		    utf8_len(f->text, strlen(f->text)))));
	if (req_field(r, "save")->num)
		return save_drafts(r, &iv);
	if (!f->present)
		return render_interview(r, &iv, 400, "Write a message first.");
	/* Not "Try again": it would fail the same way until someone acts. */
	if (!assistant_can_answer(&r->app->assistant, iv.model))
		return render_interview(r, &iv, 409, candidate_assistant_gone);
	st = assistant_send(r->a, r->db, &r->app->assistant, &iv, f->text,
	    page_form_id_sent(r), NULL, &res);
	if (st == ST_OK) {
		keep_drafts(r, &iv, "");
		return resp_redirect(r, "/c");
	}
	/*
	 * The form sent twice (a double click, a resent page): the browser
	 * shows this answer, so it waits for the first one's reply and shows
	 * the conversation with it, sent and charged once.
	 */
	if (st == ST_CONFLICT && res.why == BR_REPEATED) {
		if ((st = assistant_wait_reply(r->a, r->db,
		    &r->app->assistant, &res)) != ST_OK)
			return st;
		keep_drafts(r, &iv, "");
		return resp_redirect(r, "/c");
	}
	keep_drafts(r, &iv, f->text);
	if (st == ST_CONFLICT) {
		msg = candidate_refusal(r, &res, 1, &why);
		if ((st = interview_check_end(r->a, r->db, &iv)) != ST_OK)
			return st;
		return render_interview(r, &iv, why == ST_TOOMANY ? 429 : 409,
		    msg);
	}
	if (st == ST_UNAVAILABLE) {
		/* Said on the error page too, if the database is gone. */
		r->error_detail = candidate_unavailable_text(r, &res);
		return render_interview(r, &iv, 503, r->error_detail);
	}
	return st;
}

static const char *
final_refusal(const struct interview *iv)
{
	if (strcmp(iv->status, "paused") == 0)
		return "The interviewer has paused the interview, so your final"
		    " answer was not recorded yet. It is kept below: submit it"
		    " again once the interview resumes.";
	return "The interview has ended, so your final answer was not"
	    " recorded. It is kept below for you to copy.";
}

/* Time ran out a moment ago, no answer yet: kept, as late (interview.h). */
static enum status
finish_late(struct req *r, const struct interview *iv, const char *answer)
{
	long long	late;
	enum status	st;

	st = interview_finish_late(r->a, r->db, iv->org_id, iv->id, answer,
	    &late);
	if (st != ST_OK)
		return st;
	(void)interview_event(r->a, r->db, iv->org_id, 0, iv->candidate_email,
	    iv->id, "final_answer_late", arena_printf(r->a,
	    "{\"seconds\":%lld}", late), r->ip);
	return resp_redirect(r, "/c?late=1");
}

/* The final answer posted (either form): recorded, and the interview ends. */
static enum status
finish_answer(struct req *r, struct interview *iv)
{
	const struct field_val	*f = req_field(r, "answer");
	enum status		 st;

	if (f->err != NULL)
		return render_final_refused(r, iv, 400, f->err);
	if (!f->present)
		return render_final_refused(r, iv, 400, "Write your final answer"
		    " first: submitting ends the interview.");
	st = interview_finish(r->a, r->db, iv->org_id, iv->id, f->text);
	if (st == ST_CONFLICT && (st = finish_late(r, iv, f->text)) !=
	    ST_CONFLICT)
		return st;
	if (st == ST_CONFLICT &&
	    (st = interview_get(r->a, r->db, iv->org_id, iv->id, iv)) == ST_OK)
		/* The same answer again (a resubmit, two clicks): recorded. */
		return *iv->final_answer != '\0' &&
		    strcmp(iv->final_answer, f->text) == 0 ?
		    resp_redirect(r, "/c") : render_final_refused(r, iv, 409,
		    final_refusal(iv));
	if (st != ST_OK)
		return st;
	(void)interview_event(r->a, r->db, iv->org_id, 0, iv->candidate_email,
	    iv->id, "interview_ended", "{\"by\":\"candidate\"}", r->ip);
	return resp_redirect(r, "/c");
}

enum status
candidate_final(struct req *r)
{
	struct interview	iv;
	enum status		st;

	if ((st = candidate_session_load_post(r, &iv)) != ST_OK)
		return st;
	if (!interview_is_assisted(&iv))
		return ST_NOTFOUND;	/* the others end by their own rules */
	return finish_answer(r, &iv);
}
