/* interview.h: assisted interviews: creation, invites, candidates, controls. */
#ifndef VIVA_INTERVIEW_H
#define VIVA_INTERVIEW_H

#include "lib/arena.h"
#include "lib/db.h"
#include "lib/status.h"

#define INTERVIEW_PAGE_SIZE	50
/* The shortest reply worth asking for; below it the budget is spent. */
#define INTERVIEW_MIN_REPLY	32
#define INTERVIEW_MIN_REPLY_STR	"32"
/* The largest token budget an interview may have, extensions included. */
#define INTERVIEW_MAX_BUDGET	2000000
/* As people read it, in messages; SQL takes INTERVIEW_MAX_BUDGET as a value. */
#define INTERVIEW_MAX_BUDGET_STR	"2,000,000"

/*
 * The most extra time an interview may be given, all extensions together
 * (2026-12-07: there was no cap, and 40 calls of 240 minutes gave 160
 * hours); as people read it, in the refusal.
 */
#define INTERVIEW_MAX_EXTENSION_S	86400
#define INTERVIEW_MAX_EXTENSION_STR	"24 hours (1,440 minutes)"

/* An adaptive interview made with no time limit: no clock runs down. */
#define INTERVIEW_UNTIMED_SQL	"(kind = 'adaptive' AND NOT timed)"
/* Seconds since the start to the end (or now), less pauses; started only. */
#define INTERVIEW_RAN_SQL \
	"(extract(epoch FROM coalesce(ended_at, now()) - started_at)" \
	" - paused_total_s - CASE WHEN paused_at IS NULL THEN 0 ELSE" \
	" extract(epoch FROM coalesce(ended_at, now()) - paused_at) END)"
/*
 * Seconds left on an interview's clock: stopped while paused, once ended.
 * An adaptive interview made with no time limit (timed false) has no clock
 * to run out: the candidate was told to leave and come back at will, and
 * a day later it ended, "Time is up".  A one-way interview (timed false
 * too) keeps its day: its candidate is told so.
 */
#define INTERVIEW_TIME_LEFT_SQL \
	"greatest(0, floor(time_limit_s + extended_s - CASE" \
	" WHEN started_at IS NULL OR " INTERVIEW_UNTIMED_SQL \
	" THEN 0 ELSE " INTERVIEW_RAN_SQL " END))::bigint"

struct interview {
	long long	 id;
	long long	 org_id;
	const char	*kind;
	const char	*status;	/* created, active, paused, ... */
	const char	*candidate_name;
	const char	*candidate_email;
	const char	*challenge_title;
	const char	*challenge_md;
	const char	*instructions;
	const char	*model;
	const char	*end_reason;	/* "" while running */
	const char	*final_answer;
	int		 time_limit_s;
	int		 extended_s;
	long long	 time_left_s;	/* by the database clock, >= 0 */
	int		 token_budget;
	int		 tokens_used;
	int		 tokens_reserved;
	int		 chat_locked;
	int		 invite_expired;	/* invite too old to start */
	int		 nhints;
	const char	*created_at;	/* display text, UTC */
	const char	*started_at;	/* "" if not started */
	const char	*last_activity_at;
	long long	 cost_micros;	/* provider cost, millionths of USD */
	const char	*challenge_html;	/* rendered once; NULL: not yet */
	const char	*transcript_deleted_on;	/* "" or the day retention deleted it */
	const char	*oneway_progress;	/* one-way: "2/5 answered", else "" */
	/* Lists only (else "", -1): each reviewer's, "yes,no", or "" */
	const char	*recommendation;
	int		 next_prompt_min;	/* the last prompt and reply */
	int		 untimed;	/* adaptive with no time limit: no clock */
	int		 chat_replies;	/* assistant messages (sql/028) */
	int		 practice;	/* adaptive, feedback shown to the candidate */
	/* interview_drafts has its row (sql/040); a list: always 0 */
	int		 has_draft;
	const char	*messages_version;	/* "count.last seq"; NULL: not read */
	/* Lists only: one-way's average rating to two places, -1: none. */
	double		 rating_avg;
	/* Once interview_results read them: adaptive's band ("" none) and
	 * average score in whole percent (-1 none). */
	const char	*adaptive_band;
	int		 adaptive_score;
	/* The org's name, for the candidate (candidate_interview); or NULL. */
	const char	*org_name;
};

/* What the create form gives; challenge_id 0: the custom title and text. */
struct interview_new {
	const char	*candidate_name;
	const char	*candidate_email;
	long long	 challenge_id;
	const char	*title;
	const char	*body_md;
	int		 time_limit_min;	/* 0: the challenge's suggestion */
	int		 token_budget;		/* 0: the challenge's suggestion */
	const char	*model;
	const char	*instructions;
	int		 expiry_days;
	/* The form's random id (form_use.h); NULL: none. */
	const char	*form_id;
};
/* A custom challenge's limits when none are given. */
#define INTERVIEW_DEFAULT_MINUTES	60
#define INTERVIEW_DEFAULT_BUDGET	50000

struct iv_message {
	long long	 id;
	int		 seq;
	const char	*role;		/* user, assistant, system, final */
	const char	*content;
	int		 tokens_in;
	int		 tokens_out;
	int		 latency_ms;
	const char	*created_at;	/* time of day "09:30:15", UTC */
	const char	*content_html;	/* rendered when stored; NULL: render */
	const char	*created_iso;	/* "2026-05-01T09:30:15Z", for exports */
};

struct iv_event {
	const char	*actor;
	const char	*type;
	const char	*detail;
	const char	*created_at;
};

/* A challenge on the create form: the org's or shipped, not archived. */
struct iv_choice {
	long long	 id;
	const char	*title;
	int		 time_limit_min;
	int		 token_budget;
};

enum status	interview_challenge_choices(struct arena *, struct db *,
		    long long org_id, struct iv_choice **, size_t *);
/*
 * Makes an assisted interview, copying the challenge.  *token is the invite
 * token, to show once; only its hash is stored.  ST_NOTFOUND when the
 * challenge is not one the org may use.  A repeat of in->form_id makes
 * nothing: *token is NULL and *id the interview the first one made.
 */
enum status	interview_create(struct arena *, struct db *, long long org_id,
		    long long user_id, const struct interview_new *,
		    char **token, long long *id);
/* Keeps the challenge's rendered HTML, so later views need not render it. */
enum status	interview_keep_challenge_html(struct arena *, struct db *,
		    long long id, const char *html);
/* Keeps a message's rendered HTML (messages stored before it was kept). */
enum status	interview_keep_message_html(struct arena *, struct db *,
		    long long message_id, const char *html);
/* One interview of the org; ST_NOTFOUND for another org's or none. */
enum status	interview_get(struct arena *, struct db *, long long org_id,
		    long long id, struct interview *);
/* The dashboard's filters; "" matches every value. */
/* The order of a list: newest first, last active first, by name. */
enum iv_sort { IV_SORT_CREATED, IV_SORT_ACTIVITY, IV_SORT_NAME, IV_SORT__MAX };

/* The order's name in links and on the command line: "created", ... */
const char	*interview_sort_name(enum iv_sort);
/* The order named name; 0, or -1 when no order has that name. */
int		 interview_sort_parse(const char *name, enum iv_sort *);

struct iv_filter {
	const char	*status;
	const char	*kind;
	const char	*q;		/* in the candidate's name or email */
	int		 page;		/* from 1 */
	enum iv_sort	 sort;
};

/*
 * A page of the org's interviews in f's order (ties: the newer first).  Without the long texts:
 * challenge_md, instructions and final_answer are "", challenge_html NULL;
 * with what compares candidates: every reviewer's recommendation, the
 * one-way average rating and the adaptive band and score (interview_results).
 */
enum status	interview_list(struct arena *, struct db *, long long org_id,
		    const struct iv_filter *, struct interview **, size_t *,
		    int *more);
/*
 * Every interview id of the org's list with f's filters, in its order (the
 * page is not read): the list's download and viva export, which then take
 * the rows a batch at a time with interview_rows.
 */
enum status	interview_ids(struct arena *, struct db *, long long org_id,
		    const struct iv_filter *, long long **ids, size_t *n);
/* The list's rows (as interview_list's) of the org's interviews ids, in that order. */
enum status	interview_rows(struct arena *, struct db *, long long org_id,
		    const long long *ids, size_t nids, struct interview **,
		    size_t *);
enum status	interview_messages(struct arena *, struct db *, long long id,
		    struct iv_message **, size_t *);
/*
 * A page of the org's interview id's conversation: the messages with a seq
 * above after, oldest first, at most limit (> 0) of them; *more when others
 * follow the last.  Nothing (and no more) for another org's interview.
 */
enum status	interview_messages_page(struct arena *, struct db *,
		    long long org_id, long long id, long long after, int limit,
		    struct iv_message **, size_t *n, int *more);
/*
 * The conversation's newest limit (> 0) messages, oldest first, and *total,
 * how many it has in all: what a page shows of a long one.
 */
enum status	interview_messages_latest(struct arena *, struct db *,
		    long long id, int limit, struct iv_message **, size_t *n,
		    size_t *total);
enum status	interview_hints(struct arena *, struct db *, long long id,
		    const char ***, size_t *);
/* The timeline's newest limit events (0: all of them), newest first. */
enum status	interview_events(struct arena *, struct db *, long long id,
		    int limit, struct iv_event **, size_t *);
/* Records an event on the interview's timeline (and the org's). */
enum status	interview_event(struct arena *, struct db *, long long org_id,
		    long long actor_id, const char *actor, long long id,
		    const char *type, const char *detail, const char *ip);
/*
 * Deletes interview id of org_id and everything that hangs off it (the
 * conversation, answers, recordings, its timeline) in one transaction that
 * also records "interview_deleted" on the org's timeline (the id, not the
 * candidate); then removes its files under storage_dir, logging any that
 * stays.  ST_NOTFOUND if the org has no such interview.
 */
enum status	interview_delete(struct arena *, struct db *,
		    const char *storage_dir, long long org_id, long long id,
		    long long actor_id, const char *actor, const char *ip);
/*
 * Too few tokens left for another exchange: the next prompt (at least the
 * last prompt and its reply) and a shortest reply.  The chat is over.
 */
int		interview_tokens_spent(const struct interview *);
/* What the next exchange needs at least (interview_tokens_spent's bar). */
long long	interview_next_needs(const struct interview *);
/* The budget not used or held, never below 0. */
long long	interview_tokens_left(const struct interview *);
/*
 * Whether iv is an assisted interview, the only kind whose candidate chats
 * with a model and ends the interview with a final answer: an adaptive or
 * one-way candidate may not ask a model for help at the org's cost, nor end
 * the interview that way, and their tokens pay for the model's evaluations,
 * so spending them ends the interview.
 */
int		interview_is_assisted(const struct interview *);
/*
 * Whether iv's token budget means anything: a one-way interview spends
 * none (its transcriptions are paid in cost), nor does an adaptive one
 * judged by the builtin scorer, so their pages show none.
 */
int		interview_has_budget(const struct interview *);
/*
 * Ends an active interview whose time ran out (end_reason time), or whose
 * tokens did unless it is assisted (tokens), and expires one whose invite
 * ran out unused (expired); reloads *iv then, and does nothing otherwise.
 */
enum status	interview_check_end(struct arena *, struct db *,
		    struct interview *);
/*
 * Expires interview id of org_id if its invite ran out unused, with the
 * timeline's invite_expired (once, however many notice at once); nothing
 * otherwise.  For a caller about to change the invite, in its transaction.
 */
enum status	interview_expire_invite(struct arena *, struct db *,
		    long long org_id, long long id);
/*
 * interview_check_end for all of org_id's interviews at once, in one
 * statement: what a list does first, so that it shows none as running
 * whose time ran out since anyone looked.
 */
enum status	interview_end_spent(struct arena *, struct db *,
		    long long org_id);

/* Interviewer controls; ST_CONFLICT when the state does not allow it. */
enum iv_control {
	IV_PAUSE,
	IV_RESUME,
	IV_LOCK,
	IV_UNLOCK,
	IV_END,
	IV_EXTEND_TIME,		/* arg: seconds */
	IV_EXTEND_TOKENS,	/* arg: tokens */
	IV__MAX
};
/*
 * ST_CONFLICT when the interview's state does not allow the control;
 * ST_INVALID for tokens that would take the budget past its maximum, or
 * time that would take the extensions past INTERVIEW_MAX_EXTENSION_S.
 * *changed is 0 when ST_OK changed nothing: a lock of a locked chat, an
 * unlock of an unlocked one (the caller then logs no event).
 */
enum status	interview_control(struct arena *, struct db *, long long org_id,
		    long long id, enum iv_control, long long arg, int *changed);
/*
 * As interview_control, once per form_id (a form's random id): a second
 * submit of the same form changes nothing, sets *repeated and is ST_OK;
 * so does a control that had nothing to change.
 */
enum status	interview_control_once(struct arena *, struct db *,
		    long long org_id, long long id, enum iv_control,
		    long long arg, const char *form_id, int *repeated);
/*
 * The interviewer chose an AI model, not the offline one ("builtin"): only
 * then may the candidate's words or voice go to the provider.
 */
int		interview_uses_ai(const struct interview *);
/* Not ended yet: created, active or paused. */
int		interview_running(const struct interview *);
/*
 * The adaptive rows' band and average score in iv[0..n-1] (of the org),
 * read in one statement for them all: what a list compares candidates by
 * beside rating_avg (interview_result.c).
 */
enum status	interview_results(struct arena *, struct db *, long long org,
		    struct interview *, size_t n);
/*
 * The result in words for a list: adaptive "Senior, average 72%", one-way
 * "average rating 4.5/5", "" when there is none (assisted: none computed).
 */
const char	*interview_result_text(struct arena *,
		    const struct interview *);
/* An end_reason code in the interviewer's words ("the time ran out"). */
const char	*interview_end_reason_text(const char *code);
/* "pause", ...: the event type and URL word of a control. */
const char	*interview_control_name(enum iv_control);

/*
 * Exchanges an invite token for a candidate session: *cookie is the new
 * session's token (stored hashed).  ST_NOTFOUND for an unknown token,
 * ST_CONFLICT when the invite expired before the interview started.
 */
enum status	interview_open_invite(struct arena *, struct db *,
		    const char *token, const char *ip, char **cookie);
/*
 * A new invite link valid for days (the token, shown once, in *token); the
 * old one stops working, and sign_out ends the sessions it opened.  An
 * interview whose invite expired unused waits again.  ST_CONFLICT once it
 * has ended, ST_NOTFOUND for another org's.
 */
enum status	interview_new_invite(struct arena *, struct db *,
		    long long org_id, long long id, int days, int sign_out,
		    char **token);
/*
 * The interview of a candidate's cookie, its org's name (iv->org_name, which
 * the candidate's pages show) and its session's CSRF token, in one query.
 */
enum status	candidate_interview(struct arena *, struct db *, const char *cookie,
		    struct interview *, const char **csrf);
/* An assisted interview's messages being answered, for its candidate. */
struct answering {
	int	in_flight;	/* messages whose reply is being written */
	int	replies;	/* the assistant's, stored */
	int	active;		/* running: its page has the form to type in */
};
/*
 * For the candidate's reply status (GET /c/answering), in one query: the
 * messages of the cookie's interview being answered now (as
 * budget_in_flight finds them, asked only while the row holds tokens
 * reserved) and its replies.  ST_NOTFOUND without a session, or for an
 * interview that is not assisted.
 */
enum status	candidate_answering(struct arena *, struct db *,
		    const char *cookie, struct answering *);
enum status	candidate_lookup(struct arena *, struct db *,
		    const char *cookie, long long *org_id, long long *id,
		    const char **csrf);
/* Starts the clock (consent given); ST_CONFLICT if started or expired. */
enum status	interview_start(struct arena *, struct db *, long long org_id,
		    long long id);
/* Records the final answer and ends the interview (end_reason candidate). */
enum status	interview_finish(struct arena *, struct db *, long long org_id,
		    long long id, const char *answer);
/*
 * A final answer sent at most INTERVIEW_FINAL_GRACE_S after the time ran
 * out, none recorded yet: recorded all the same (the interview stays ended
 * by time), *late_s the seconds past the end.  ST_CONFLICT otherwise.
 */
#define INTERVIEW_FINAL_GRACE_S	120
#define INTERVIEW_TEXT_(n)	#n
#define INTERVIEW_TEXT(n)	INTERVIEW_TEXT_(n)
/*
 * Ended by its clock at most INTERVIEW_FINAL_GRACE_S ago: an answer written
 * as the time ran out (the final one, an adaptive question's) is still
 * kept, marked late.  t is the table's prefix in the statement: "" or "i.".
 */
#define INTERVIEW_JUST_TIMED_OUT_SQL(t) \
	"(" t "status = 'completed' AND " t "end_reason = 'time' AND " t \
	"ended_at > now() - interval '" \
	INTERVIEW_TEXT(INTERVIEW_FINAL_GRACE_S) " seconds')"
enum status	interview_finish_late(struct arena *, struct db *,
		    long long org_id, long long id, const char *answer,
		    long long *late_s);

/*
 * What an interview's insert needs inside form_use_create's transaction
 * (interview.c, adaptive.c, oneway.c): who makes it, the form's values
 * (struct interview_new, adaptive_new or oneway_new), and the invite token,
 * whose hash it stores.
 */
struct iv_creation {
	long long	 org_id;
	long long	 user_id;
	const void	*in;
	char		*token;
};

#endif
