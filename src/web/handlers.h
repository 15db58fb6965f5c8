/* handlers.h: every page and API entry point the router can call, by area. */
#ifndef VIVA_HANDLERS_H
#define VIVA_HANDLERS_H

#include "core/form_use.h"
#include "core/oneway.h"
#include "req.h"

/* auth.c: sign-in and sessions */
enum status	auth_home(struct req *);
enum status	auth_login_form(struct req *);
enum status	auth_login(struct req *);
enum status	auth_logout(struct req *);
/* Loads the session named by the cookie, if any, into r->user and r->csrf. */
enum status	auth_load_session(struct req *);
/* Loads the user behind the bearer token into r->user; ST_UNAUTH if none. */
enum status	auth_load_bearer(struct req *);
/*
 * Where r's sign-in attempt comes from (core/session.h): its address, and
 * its browser's device cookie, hashed; "" when it has none.
 */
struct login_from auth_login_from(struct req *);
extern const struct field login_fields[];

/* admin_home.c */
enum status	admin_home(struct req *);

/* admin_challenges.c: the challenge library */
enum status	admin_challenges(struct req *);
enum status	admin_challenge_new(struct req *);
enum status	admin_challenge_create(struct req *);
enum status	admin_challenge_show(struct req *);
enum status	admin_challenge_edit(struct req *);
enum status	admin_challenge_update(struct req *);
enum status	admin_challenge_archive(struct req *);
enum status	admin_challenge_unarchive(struct req *);
enum status	admin_challenge_duplicate(struct req *);
extern const struct field challenge_fields[];
extern const struct field challenge_filter_fields[];

/* admin_questions.c: the question bank for adaptive interviews */
enum status	admin_questions(struct req *);
enum status	admin_question_new(struct req *);
enum status	admin_question_create(struct req *);
enum status	admin_question_show(struct req *);
enum status	admin_question_edit(struct req *);
enum status	admin_question_update(struct req *);
enum status	admin_question_archive(struct req *);
enum status	admin_question_unarchive(struct req *);
enum status	admin_question_duplicate(struct req *);
enum status	admin_question_hide(struct req *);
enum status	admin_question_unhide(struct req *);
extern const struct field question_fields[];
extern const struct field question_duplicate_fields[];
extern const struct field question_filter_fields[];
struct question_filter;
/* The list's filters from the checked question_filter_fields; bad values are "". */
void		question_filter_of(struct req *, struct question_filter *);
/* A body's start as plain text on one line, for lists (r's arena). */
const char	*question_excerpt(struct req *, const char *body_md);

/* admin_questions_csv.c: the bank as a CSV download; a CSV file's import */
enum status	admin_questions_csv(struct req *);
enum status	admin_questions_import_form(struct req *);
enum status	admin_questions_import(struct req *);

/* admin_roles.c: the roles questions are filed under */
enum status	admin_roles(struct req *);
enum status	admin_role_create(struct req *);
enum status	admin_role_edit(struct req *);
enum status	admin_role_update(struct req *);
enum status	admin_role_archive(struct req *);
enum status	admin_role_unarchive(struct req *);
extern const struct field role_fields[];

/* admin_interviews.c: assisted interviews, for interviewers */
enum status	admin_interviews(struct req *);
enum status	admin_interview_new(struct req *);
enum status	admin_interview_create(struct req *);
enum status	admin_interview_show(struct req *);
/*
 * The interviewer's page of interview id, built into *v (the request's
 * arena) and not rendered, open naming the control asked for or NULL.
 */
enum status	admin_interview_page(struct req *, long long id,
		    const char *open, struct view **v);
enum status	admin_interview_pause(struct req *);
enum status	admin_interview_resume(struct req *);
enum status	admin_interview_lock(struct req *);
enum status	admin_interview_unlock(struct req *);
enum status	admin_interview_end(struct req *);
enum status	admin_interview_delete(struct req *);
enum status	admin_interview_invite(struct req *);
/* Records a new invite (days valid, sign_out) on the interview's timeline. */
/*
 * The timeline's record of a new interview of kind ("assisted", ...), by a
 * page or the API (then marked so, with the token's name).
 */
void		interview_created_event(struct req *, long long id,
		    const char *kind);
void		interview_invite_event(struct req *, long long id, int days,
		    int sign_out);
enum status	admin_interview_extend_time(struct req *);
enum status	admin_interview_extend_tokens(struct req *);
extern const struct field interview_fields[];
extern const struct field interview_filter_fields[];
/* GET /api/v1/users's query (api.c). */
extern const struct field user_list_fields[];
/* The page that shows a new interview's invite link, once. */
enum status	interview_render_created(struct req *, long long id,
		    const char *name, const char *email, int expiry_days,
		    const char *token);
/*
 * Its view, under title ("Interview created", "New invite link"); started:
 * a new link for an interview the candidate began, which the link resumes.
 */
struct view	*interview_created_view(struct req *, long long id,
		    const char *name, const char *email, int expiry_days,
		    int started, const char *token, const char *title);
/*
 * A candidate's POST outside the router's form check: the page's token in
 * the X-CSRF-Token header (a script; the cookie alone would let another
 * site post) or in a form field "csrf".
 */
enum status	candidate_check_csrf(struct req *);
/* The cookie the invite link sets, and the longest message a candidate sends. */
#define CANDIDATE_COOKIE	"viva_candidate"
#define CANDIDATE_MESSAGE_MAX	8000
/* The longest final answer (characters), and so the longest draft of one. */
#define CANDIDATE_FINAL_MAX	50000
/* An interview's time and tokens, and one message, as the API gives them. */
struct json_object *api_resources_json(const struct interview *);
struct json_object *api_message_json(struct arena *, const struct iv_message *);
/* How long an invite link is good for when the form or the API says nothing. */
#define INVITE_DAYS_DEFAULT	7
#define INVITE_DAYS_DEFAULT_STR	"7"
/* builtin, and the configured models when a provider is set up. */
int		interview_model_offered(const struct req *, const char *model);
/* Sets "models" for a form's select: each configured model, selected marked. */
void		interview_set_models(struct req *, struct view *, const char *selected);
/* The list filters (status, kind, q, page, sort) of a request checked against interview_filter_fields. */
void		interview_filter_from_req(struct req *, struct iv_filter *);
extern const struct field extend_time_fields[];
extern const struct field extend_tokens_fields[];
extern const struct field invite_fields[];
/* Why more tokens were refused (interview_control's ST_INVALID). */
extern const char budget_cap_refusal[];
/* Why more time was refused, with what is left to give of the cap. */
const char	*time_cap_refusal(struct arena *, long long extended_s);
struct interview;
/*
 * conversation.c: sets conversation_html on page, the latest messages or,
 * when r asks for it, every one, with a link back to self (the page's path);
 * then fl[0..nfl-1], the messages being answered, worded for the candidate
 * when candidate is 1, else for the interviewer.
 */
struct in_flight;
enum status	 interview_conversation(struct req *,
		    const struct interview *, const char *self,
		    const struct in_flight *fl, size_t nfl, int candidate,
		    struct view *page);
/* 1 if r asks for the whole conversation (?all=1). */
int		 interview_conversation_all(struct req *);
/* Sets challenge_title and challenge_html (rendered markdown) on v. */
void		 interview_set_challenge(struct req *, struct view *,
		    const struct interview *);

/* admin_analytics.c: an interview's figures and charts; the org's overview */
enum status	admin_interview_analytics(struct req *);
enum status	admin_analytics(struct req *);

/* admin_export.c: downloads (Markdown, JSON, CSV) */
enum status	admin_export_md(struct req *);
enum status	admin_export_json(struct req *);
enum status	admin_export_csv(struct req *);
enum status	admin_export_list_csv(struct req *);

/* admin_adaptive.c: adaptive interviews for interviewers: the form, the report */
enum status	admin_adaptive_new(struct req *);
enum status	admin_adaptive_create(struct req *);
extern const struct field adaptive_fields[];
struct adaptive_new;
/* A reason beside a form's field (its name as the form has it). */
struct field_problem {
	const char	*field;
	const char	*msg;
};
#define ADAPTIVE_MAX_PROBLEMS	8
/*
 * Every reason in cannot be made, across fields or against the database
 * (the role), into p (ADAPTIVE_MAX_PROBLEMS), *n of them; one computed
 * from a field that has an error of its own means nothing, and the
 * caller leaves it out.  A role with no question left is known only as
 * the interview is made.
 */
enum status	adaptive_new_problems(struct req *,
		    const struct adaptive_new *, struct field_problem *,
		    size_t *n);
/* Why a role without questions, or archived, cannot be chosen (form and API). */
extern const char adaptive_no_questions[];
extern const char adaptive_role_archived[];
/* Why a role not the org's cannot: the form's words (the API has its own). */
extern const char adaptive_role_not_offered[];
/* The form's words for a model not offered, and for "generated" without one. */
extern const char adaptive_model_not_offered[];
extern const char adaptive_generated_needs_model[];
/* Fills v with the adaptive interview's report (admin/interview's adaptive part). */
enum status	admin_adaptive_report(struct req *, struct view *,
		    const struct interview *);

/* candidate_adaptive.c: the adaptive interview, question by question */
/* "Warm-up", ..., "Expert", by enum level (core/engine.h). */
extern const char *const level_labels[];
enum status	candidate_adaptive_page(struct req *, const struct interview *,
		    int code, const char *error, const char *answer);
enum status	candidate_answer(struct req *);
enum status	candidate_ticket(struct req *);
extern const struct field candidate_answer_fields[];

/* admin_settings.c: the org's settings (retention) */
enum status	admin_settings(struct req *);
enum status	admin_settings_save(struct req *);
enum status	admin_settings_org(struct req *);
extern const struct field settings_fields[];

/* candidate_check.c: the microphone, speaker and camera check */
enum status	candidate_check_page(struct req *);
enum status	candidate_check_save(struct req *);
extern const struct field candidate_check_fields[];
/* candidate_voice.c: questions read aloud, answers by voice (adaptive) */
struct adaptive_question;
/* Sets "voice" (player, recorder, limits) and "heard" on the adaptive page's view. */
void		candidate_voice_set(struct req *, struct view *,
		    const struct interview *, const struct adaptive_question *,
		    size_t n);
/* Sets "voice_consent" on the consent page when answers may be recorded. */
void		candidate_voice_consent(struct req *, struct view *,
		    const struct interview *);
enum status	candidate_voice_answer(struct req *);
enum status	candidate_voice_too_large(struct req *);
enum status	candidate_voice_unstored(struct req *);
enum status	candidate_question_audio(struct req *);
extern const struct field candidate_voice_fields[];
/*
 * A file under storage_dir (path relative to it), already authorised: nginx
 * sends it (X-Accel-Redirect to its internal /_storage/ location).
 */
enum status	storage_send(struct req *, const char *path, const char *ctype);
/*
 * A stored recording, already authorised: nginx sends a plain one; a
 * sealed one is decrypted by the app and streamed with ctype.
 */
enum status	recording_send(struct req *, const char *path, int encrypted,
		    const char *ctype);

/* transcripts.c: one-way answers are transcribed after the response */
/* The speech-to-text provider, NULL when none is configured. */
struct provider	*transcriber_of(struct req *);
/* Transcribes question n's submitted take once r's response is out. */
void		transcribe_after(struct req *, long long iv, int n);
enum status	admin_oneway_transcribe(struct req *);

/* admin_recordings.c: the interviewer hears the voice answers */
/* Sets "recordings" (players and transcripts) on the interview page's view. */
enum status	admin_recordings_view(struct req *, struct view *,
		    const struct interview *);
enum status	admin_recording_audio(struct req *);

/* admin_oneway.c: one-way interviews: the form, the review page, ratings */
enum status	admin_oneway_new(struct req *);
enum status	admin_oneway_create(struct req *);
enum status	admin_oneway_answer(struct req *);
enum status	admin_oneway_rate(struct req *);
extern const struct field oneway_fields[];
extern const struct field oneway_rating_fields[];
/* The questions a one-way interview is made with, from the form or the API. */
struct oneway_picks {
	const long long	*bank;		/* bank question ids, in order */
	size_t		 nbank;
	const char	*written;	/* one a line (oneway_parse_questions) */
	int		 prep_s;	/* each one's time to prepare */
};
/* What is wrong with a one-way interview's picks: a message per field. */
struct oneway_problems {
	const char	*field[3];	/* "answer_seconds", "bank_q", "questions" */
	const char	*msg[3];	/* each of the field's problems, in turn */
	size_t		 n;
};
/*
 * Fills in->q and in->nq with the picks in the order they are asked:
 * the written ones, then the bank's (each must be the org's or shipped
 * with viva), as the form lists them.  Every problem is noted in *pr, by
 * the form's field, each line's and each id's: ST_INVALID when there is
 * one; else ST_OK, or the database's failure.  The questions live in r's
 * arena.
 */
enum status	oneway_new_problems(struct req *, const struct oneway_picks *,
		    struct oneway_new *, struct oneway_problems *);
/* No question ticked or written: the form's words (the API has its own). */
extern const char oneway_no_questions[];
/* Makes the checked interview for r's user, with its event; *token shown once. */
enum status	oneway_new_create(struct req *, const struct oneway_new *,
		    char **token, long long *id);
/* Fills v with the answers, ratings and recommendation (admin/interview). */
enum status	admin_oneway_report(struct req *, struct view *,
		    const struct interview *);

/* admin_review.c: every reviewer's recommendation, any kind of interview */
struct review;
/* Sets the recommendation part of the interview page (admin/recommendation). */
void		admin_review_view(struct req *, struct view *,
		    const struct interview *, const struct review *, size_t n);
/* The same, an assisted or adaptive interview once it ended; one-way: none. */
enum status	admin_review_report(struct req *, struct view *,
		    const struct interview *);
enum status	admin_review_recommend(struct req *);
extern const struct field recommend_fields[];
/* The "recommendation" event of a saved one (*was: the one it replaced). */
void		admin_review_event(struct req *, long long id, const char *rec,
		    const char *was);
/* Why a running assisted or adaptive interview takes none (409). */
extern const char review_not_ended[];
/*
 * Why an interview takes none, by recommend_refusal (REC_PRACTICE,
 * REC_UNSTARTED; NULL for the others): the page's line and the 409's.
 */
extern const char *const review_refusals[];

/* candidate_oneway.c: the one-way interview, question by question */
/* The page: consent, the open question with its take, or finished. */
enum status	candidate_oneway_page(struct req *, const struct interview *,
		    int code, const char *error);
enum status	candidate_oneway_answer(struct req *);
enum status	candidate_oneway_too_large(struct req *);
enum status	candidate_oneway_submit(struct req *);
enum status	candidate_oneway_take(struct req *);
/* Question n read aloud (GET /c/question/:n/audio of a one-way interview). */
enum status	candidate_oneway_audio(struct req *, const struct interview *,
		    int n);
/* Stores p[0..len) as question n's next take; else *code and *msg say why. */
enum status	candidate_oneway_store_take(struct req *,
		    const struct interview *, int n, const void *p, size_t len,
		    int *attempt, int *code, const char **msg);
/* Where takes are stored, their size limit and the sealing key. */
struct oneway_env	oneway_env_of(struct req *);
/* Streams a take decrypted, with its Content-Type. */
enum status	oneway_send(struct req *, const struct oneway_question *);
extern const struct field candidate_oneway_fields[];
extern const struct field candidate_oneway_submit_fields[];

/* candidate_upload.c: resumable chunked uploads of one-way answers (JSON) */
enum status	candidate_upload_start(struct req *);
enum status	candidate_upload_status(struct req *);
enum status	candidate_upload_chunk(struct req *);
enum status	candidate_upload_finalize(struct req *);
extern const struct field upload_start_fields[];

/* candidate.c: the candidate's pages (cookie from the invite link) */
enum status	candidate_invite(struct req *);
enum status	candidate_page(struct req *);
enum status	candidate_start(struct req *);
enum status	candidate_send(struct req *);
enum status	candidate_final(struct req *);
extern const struct field candidate_message_fields[];
extern const struct field candidate_final_fields[];
/* The cookie names no candidate session: 404 "Link not valid". */
enum status	candidate_not_valid(struct req *);

/* candidate_answering.c: a message's reply status, framed without JS */
enum status	candidate_answering_frame(struct req *);
enum status	candidate_latest(struct req *);
/* The cookie's interview (ended first if its limits ran out); _post checks the form's token. */
enum status	candidate_session_load(struct req *, struct interview *);
enum status	candidate_session_load_post(struct req *, struct interview *);
/* What the candidate reads about an interview that ended for reason. */
const char	*candidate_end_text(const char *reason);
/*
 * Why a message was refused, in words; *st is ST_CONFLICT, or ST_TOOMANY
 * for the rate.  page: for the candidate's page, whose box keeps the
 * message; else the API's words, which speak of no box.
 */
const char	*candidate_refusal(struct req *, const struct reservation *,
		    int page, enum status *st);
/*
 * After a send (message "") or a refused one (the message), keeps it and
 * the final answer being written as the interview's draft, on the server
 * for any device; a failure costs only the draft.  Both forms of sending
 * call it: the page's post and the script's JSON send.
 */
void		candidate_keep_drafts(struct req *, const struct interview *,
		    const char *message, const char *answer);
/* What the candidate reads when the AI service did not answer. */
extern const char candidate_unavailable[];
extern const char candidate_unsaved[];
extern const char candidate_assistant_gone[];
struct reservation;
const char	*candidate_unavailable_text(struct req *,
		    const struct reservation *);
/* Time and tokens left, meters and warnings, for both sides. */
struct view	*interview_resources_view(struct req *,
		    const struct interview *, int exchanges);

/* admin_users.c */
enum status	admin_users(struct req *);
enum status	admin_user_add(struct req *);
enum status	admin_user_edit(struct req *);
enum status	admin_user_update(struct req *);
enum status	admin_user_disable(struct req *);
enum status	admin_user_enable(struct req *);
enum status	admin_user_reset(struct req *);
/* GET of disable and reset: the page that asks first. */
enum status	admin_user_disable_confirm(struct req *);
enum status	admin_user_reset_confirm(struct req *);
extern const struct field user_fields[];
extern const struct field user_edit_fields[];
extern const struct field org_fields[];
extern const struct field role_edit_fields[];

/* admin_account.c: a user's own password */
enum status	account_password_form(struct req *);
enum status	account_password_change(struct req *);
extern const struct field password_fields[];

/* admin_tokens.c */
enum status	admin_tokens(struct req *);
enum status	admin_token_create(struct req *);
enum status	admin_token_revoke(struct req *);
enum status	admin_token_revoke_confirm(struct req *);
extern const struct field token_fields[];

/* health.c */
enum status	health_check(struct req *);
enum status	health_metrics(struct req *);

/* api.c: /api/v1 */
enum status	api_me(struct req *);
enum status	api_users(struct req *);

/* api_interviews.c: interviews as JSON (bearer token); the candidate's send (cookie) */
enum status	api_interviews(struct req *);
enum status	api_interview_create(struct req *);
enum status	api_interview_get(struct req *);
enum status	api_interview_recommend(struct req *);
/* The conversation a page at a time: ?after=SEQ&limit=1..MESSAGES_PAGE_MAX. */
enum status	api_interview_messages(struct req *);
extern const struct field message_page_fields[];
#define MESSAGES_PAGE_MAX	1000
enum status	api_interview_analytics(struct req *);
enum status	api_interview_export(struct req *);
enum status	api_interview_report(struct req *);	/* api_adaptive.c */
struct json_object;
enum status	api_adaptive_create(struct req *, struct json_object *body);
/* A role slug the org neither has nor is shipped: how to list them. */
extern const char api_not_a_role[];
/* api_oneway.c: "kind":"oneway", by the form's table and rules. */
enum status	api_oneway_create(struct req *, struct json_object *body);
/* A model not offered: "One of: builtin, <the configured models>." */
const char	*api_model_refusal(struct req *);
/* 201 with the interview, Location and its invite URL (token wiped). */
enum status	api_reply_created(struct req *, long long id, char *token);
enum status	api_interview_pause(struct req *);
enum status	api_interview_resume(struct req *);
enum status	api_interview_lock(struct req *);
enum status	api_interview_unlock(struct req *);
enum status	api_interview_end(struct req *);
enum status	api_interview_delete(struct req *);
enum status	api_interview_extend_time(struct req *);
enum status	api_interview_extend_tokens(struct req *);
enum status	api_interview_invite(struct req *);
enum status	api_candidate_state(struct req *);
enum status	api_candidate_send(struct req *);

/* api_json.c: reading a JSON body, replying with field errors */
struct json_object;
/*
 * A UTC time as the database gives it ("2026-05-01 09:30[:15]") as the API
 * writes every time, "2026-05-01T09:30[:15]Z"; "" or NULL is
 * null.
 */
struct json_object *api_time(const char *);
/*
 * The body as a JSON object (the caller puts it): strict JSON, valid UTF-8,
 * sent as application/json.  ST_INVALID with r->error_detail otherwise.
 */
enum status	api_read_object(struct req *, struct json_object **);
/* o's member k: the string v ("" stays ""), the number v. */
void		api_put_str(struct json_object *o, const char *k, const char *v);
void		api_put_int(struct json_object *o, const char *k, long long v);
/*
 * The query's parameters that the list's form table does not name, or
 * names as page_only (the page's ?refresh is no filter; NULL: none), and
 * those given twice (at most max, into name and msg): a list refuses them,
 * as a body's unknown members, so that a typo (?stauts=active) does not
 * answer the whole list, nor ?status=active&status=paused only the first.
 * How many.
 */
size_t		api_query_refused(const struct req *, const struct field *table,
		    const char *page_only, const char **name, const char **msg,
		    size_t max);
/*
 * A list's query as the route's table read it into r->fields: each bad
 * value in the table's words, then what api_query_refused refuses; how
 * many of max were set.
 */
size_t		api_query_problems(struct req *, const struct field *table,
		    const char **name, const char **msg, size_t max);
/* 400 in the one error shape, plus "fields": names[i] -> msgs[i] (the first of each name). */
enum status	api_reply_fields(struct req *, const char *const *names,
		    const char *const *msgs, size_t);

/*
 * api_fields.c: a JSON body checked by a form's field table.  names maps
 * each member to its field (dflt: used when absent; a member whose field is
 * not in the table is accepted and left to the caller); errors are kept by
 * member name for api_reply_checked.
 */
#define API_MAX_FIELD_ERRORS	32
struct api_name {
	const char	*api;
	const char	*form;
	const char	*dflt;
};
struct api_checked {
	const struct field	*table;
	struct field_val	*f;
	const char		*ename[API_MAX_FIELD_ERRORS];
	const char		*emsg[API_MAX_FIELD_ERRORS];
	size_t			 nerr;
};
/* The members of each kind's create body, by which a bad kind is checked. */
extern const struct api_name api_adaptive_names[];	/* api_adaptive.c */
extern const struct api_name api_oneway_names[];	/* api_oneway.c */
void		api_field_error(struct api_checked *, const char *name,
		    const char *msg);
/* Parses the body (api_read_object), then as api_object_fields. */
enum status	api_read_fields(struct req *, const struct field *,
		    const struct api_name *, struct api_checked *);
void		api_object_fields(struct req *, struct json_object *,
		    const struct field *, const struct api_name *,
		    struct api_checked *);
/*
 * err, the table's message for its field form, as the API gives it: an
 * F_ENUM's "Choose one of the options." names them, as a page shows them
 * and an API client sees none.
 */
const char	*api_field_message(struct arena *, const struct field *table,
		    const char *form, const char *err);
/*
 * The API's one wording for a value that is none of its choices ("a|b|c"
 * or "a,b,c"): "One of: a, b, c.", in bodies and lists alike.
 */
const char	*api_choices(struct arena *, const char *choices);
/* Whether names has the member api. */
int		api_names_have(const struct api_name *, const char *api);
/* Whether c holds an error for member already. */
int		api_refused(const struct api_checked *, const char *member);
/* The member a form field is sent as (form itself if not in names). */
const char	*api_member_of(const struct api_name *, const char *form);
long long	api_num(const struct api_checked *, const char *form);
const char	*api_text(const struct api_checked *, const char *form);
/* 400 in the one error shape, "fields": member name -> message. */
enum status	api_reply_checked(struct req *, const struct api_checked *);

/* api_challenges.c: the challenge library as JSON (bearer token) */
enum status	api_challenges(struct req *);
enum status	api_challenge_get(struct req *);

/* api_questions.c: the question bank and roles as JSON (bearer token) */
enum status	api_questions(struct req *);
enum status	api_question_get(struct req *);
enum status	api_question_create(struct req *);
enum status	api_question_update(struct req *);
enum status	api_roles(struct req *);

/* error.c: renders st as a page, or as JSON under /api/ */
void		error_reply(struct req *, enum status);

/* page.c: the view every page's layout needs */
struct view	*page_view(struct req *, const char *title, const char *nav);
/* Adds name_error / name values to v from the checked fields, for a form shown again. */
void		 page_form_values(struct req *, struct view *);
/*
 * A form's page for showing it again: page_view with the fields' values
 * and errors, and field (NULL: none) marked with msg.
 */
/*
 * An action that cannot be taken back asks first: a page with what it does
 * and a button that posts to action (the route that acts), or Cancel back.
 */
struct confirm {
	const char	*title;		/* "Disable ana@example.com?" */
	const char	*text;		/* what happens, in a sentence or two */
	const char	*action;	/* the POST route */
	const char	*button;	/* "Disable the account" */
	const char	*back;		/* Cancel's page */
};
enum status	 page_confirm(struct req *, const char *nav,
		    const struct confirm *);
/* msg beside field ("<field>_error"), unless it has an error of its own. */
void		page_mark(struct req *, struct view *, const char *field,
		    const char *msg);
struct view	*page_form_again(struct req *, const char *title,
		    const char *nav, const char *field, const char *msg);
/*
 * The form_id the form was sent with (form_use_id: NULL when it had none
 * or the route's fields do not take one).
 */
const char	*page_form_id_sent(struct req *);
/*
 * A form whose token is not the session's: ST_DENIED, its page headed
 * "Form expired" (nobody is denied anything), with what to do.
 */
enum status	 page_form_expired(struct req *);
/*
 * Sets "form_id" in v for a form that acts once: the one it was sent with
 * when keep (the form again, to correct: its resubmit is still the first
 * use), else a new random one.
 */
void		 page_set_form_id(struct req *, struct view *, int keep);
/* Sets "roles" (slug, name, nquestions, selected): the org's and shipped ones. */
enum status	 page_set_roles(struct req *, struct view *, const char *selected);
/* The list page asked for (?page=N, 1 to 100,000); 1 when absent or not a number. */
int		 page_number(struct req *);
/*
 * Sets "page", "paged" and the links to the pages before and after
 * ("prev_url", "next_url": base with page=N appended) for a list page
 * showing `shown` rows; an empty page past the first is "past_end", with
 * no link to the page before (it is past the end too).
 */
void		 page_set_pager(struct req *, struct view *, const char *base,
		    int page, int more, size_t shown);
/* <option> rows (value, label, selected) from a table of { value, label }. */
struct view	*page_options(struct req *, const char *const (*)[2], size_t,
		    const char *selected);

#endif
