/* router.c: the route table, and the checks every request passes before its handler. */
#include <assert.h>
#include <stdio.h>
#include <string.h>

#include "lib/crypto.h"
#include "lib/path.h"
#include "lib/url.h"
#include "handlers.h"
#include "router.h"

static const struct route routes[] = {
	{ M_GET,  "/",				auth_home,		NULL,		0 },
	{ M_GET,  "/login",			auth_login_form,	NULL,		0 },
	{ M_POST, "/login",			auth_login,		login_fields,	R_LOGIN },
	{ M_POST, "/logout",			auth_logout,		NULL,		R_USER | R_CSRF },
	{ M_GET,  "/healthz",			health_check,		NULL,		0 },
	{ M_GET,  "/metrics",			health_metrics,		NULL,		0 },
	{ M_GET,  "/admin",			admin_home,		NULL,		R_USER },
	{ M_GET,  "/admin/challenges",		admin_challenges,	challenge_filter_fields, R_USER },
	{ M_POST, "/admin/challenges",		admin_challenge_create,	challenge_fields, R_USER | R_CSRF },
	{ M_GET,  "/admin/challenges/new",	admin_challenge_new,	NULL,		R_USER },
	{ M_GET,  "/admin/challenges/:id",	admin_challenge_show,	NULL,		R_USER },
	{ M_POST, "/admin/challenges/:id",	admin_challenge_update,	challenge_fields, R_USER | R_CSRF },
	{ M_GET,  "/admin/challenges/:id/edit",	admin_challenge_edit,	NULL,		R_USER },
	{ M_POST, "/admin/challenges/:id/archive", admin_challenge_archive, NULL,	R_USER | R_CSRF },
	{ M_POST, "/admin/challenges/:id/unarchive", admin_challenge_unarchive, NULL,	R_USER | R_CSRF },
	{ M_POST, "/admin/challenges/:id/duplicate", admin_challenge_duplicate, NULL,	R_USER | R_CSRF },
	{ M_GET,  "/admin/questions",		admin_questions,	question_filter_fields, R_USER },
	{ M_POST, "/admin/questions",		admin_question_create,	question_fields, R_USER | R_CSRF },
	{ M_GET,  "/admin/questions.csv",	admin_questions_csv,	question_filter_fields, R_USER },
	{ M_GET,  "/admin/questions/new",	admin_question_new,	NULL,		R_USER },
	{ M_GET,  "/admin/questions/import",	admin_questions_import_form, NULL,	R_USER },
	{ M_POST, "/admin/questions/import",	admin_questions_import,	NULL,		R_USER | R_CSRF | R_IMPORT },
	{ M_GET,  "/admin/questions/:id",	admin_question_show,	NULL,		R_USER },
	{ M_POST, "/admin/questions/:id",	admin_question_update,	question_fields, R_USER | R_CSRF },
	{ M_GET,  "/admin/questions/:id/edit",	admin_question_edit,	NULL,		R_USER },
	{ M_POST, "/admin/questions/:id/archive", admin_question_archive, NULL,		R_USER | R_CSRF },
	{ M_POST, "/admin/questions/:id/unarchive", admin_question_unarchive, NULL,	R_USER | R_CSRF },
	{ M_POST, "/admin/questions/:id/duplicate", admin_question_duplicate, question_duplicate_fields, R_USER | R_CSRF },
	{ M_POST, "/admin/questions/:id/hide",	admin_question_hide,	NULL,		R_USER | R_CSRF },
	{ M_POST, "/admin/questions/:id/unhide", admin_question_unhide,	NULL,		R_USER | R_CSRF },
	{ M_GET,  "/admin/roles",		admin_roles,		NULL,		R_USER },
	{ M_POST, "/admin/roles",		admin_role_create,	role_fields,	R_USER | R_CSRF },
	{ M_GET,  "/admin/roles/:id/edit",	admin_role_edit,	NULL,		R_USER },
	{ M_POST, "/admin/roles/:id",		admin_role_update,	role_edit_fields, R_USER | R_CSRF },
	{ M_POST, "/admin/roles/:id/archive",	admin_role_archive,	NULL,		R_USER | R_CSRF },
	{ M_POST, "/admin/roles/:id/unarchive",	admin_role_unarchive,	NULL,		R_USER | R_CSRF },
	{ M_GET,  "/admin/interviews",		admin_interviews,	interview_filter_fields, R_USER },
	{ M_POST, "/admin/interviews",		admin_interview_create,	interview_fields, R_USER | R_CSRF },
	{ M_GET,  "/admin/interviews/new",	admin_interview_new,	NULL,		R_USER },
	{ M_GET,  "/admin/adaptive/new",	admin_adaptive_new,	NULL,		R_USER },
	{ M_POST, "/admin/adaptive",		admin_adaptive_create,	adaptive_fields, R_USER | R_CSRF },
	{ M_GET,  "/admin/oneway/new",		admin_oneway_new,	NULL,		R_USER },
	{ M_POST, "/admin/oneway",		admin_oneway_create,	oneway_fields,	R_USER | R_CSRF },
	{ M_GET,  "/admin/interviews/:id",	admin_interview_show,	NULL,		R_USER },
	{ M_GET,  "/admin/interviews/:id/answers/:n", admin_oneway_answer, NULL,	R_USER },
	{ M_POST, "/admin/interviews/:id/answers/:n/rating", admin_oneway_rate, oneway_rating_fields, R_USER | R_CSRF },
	{ M_POST, "/admin/interviews/:id/answers/:n/transcribe", admin_oneway_transcribe, NULL, R_USER | R_CSRF },
	{ M_POST, "/admin/interviews/:id/recommendation", admin_review_recommend, recommend_fields, R_USER | R_CSRF },
	{ M_GET,  "/admin/interviews.csv",	admin_export_list_csv,	interview_filter_fields, R_USER },
	{ M_GET,  "/admin/interviews/:id/analytics", admin_interview_analytics, NULL,	R_USER },
	{ M_GET,  "/admin/interviews/:id/recordings/:n", admin_recording_audio, NULL,	R_USER },
	{ M_GET,  "/admin/interviews/:id/export.md", admin_export_md,	NULL,		R_USER },
	{ M_GET,  "/admin/interviews/:id/export.json", admin_export_json, NULL,		R_USER },
	{ M_GET,  "/admin/interviews/:id/export.csv", admin_export_csv,	NULL,		R_USER },
	{ M_GET,  "/admin/analytics",		admin_analytics,	NULL,		R_USER },
	{ M_POST, "/admin/interviews/:id/pause", admin_interview_pause,	NULL,		R_USER | R_CSRF },
	{ M_POST, "/admin/interviews/:id/resume", admin_interview_resume, NULL,		R_USER | R_CSRF },
	{ M_POST, "/admin/interviews/:id/lock",	admin_interview_lock,	NULL,		R_USER | R_CSRF },
	{ M_POST, "/admin/interviews/:id/unlock", admin_interview_unlock, NULL,		R_USER | R_CSRF },
	{ M_POST, "/admin/interviews/:id/end",	admin_interview_end,	NULL,		R_USER | R_CSRF },
	{ M_POST, "/admin/interviews/:id/delete", admin_interview_delete, NULL,		R_ADMIN | R_CSRF },
	{ M_POST, "/admin/interviews/:id/invite", admin_interview_invite, invite_fields, R_USER | R_CSRF },
	{ M_POST, "/admin/interviews/:id/extend-time", admin_interview_extend_time, extend_time_fields, R_USER | R_CSRF },
	{ M_POST, "/admin/interviews/:id/extend-tokens", admin_interview_extend_tokens, extend_tokens_fields, R_USER | R_CSRF },
	/* Candidates: the invite link's cookie, not a user session; candidate.c checks its CSRF. */
	{ M_GET,  "/i/:token",			candidate_invite,	NULL,		0 },
	{ M_GET,  "/c",				candidate_page,		NULL,		0 },
	{ M_GET,  "/c/answering",		candidate_answering_frame, NULL,	0 },
	{ M_GET,  "/c/latest",			candidate_latest,	NULL,		0 },
	{ M_POST, "/c/start",			candidate_start,	NULL,		0 },
	{ M_POST, "/c/messages",		candidate_send,		candidate_message_fields, 0 },
	{ M_POST, "/c/final",			candidate_final,	candidate_final_fields, 0 },
	{ M_POST, "/c/answer",			candidate_answer,	candidate_answer_fields, 0 },
	{ M_GET,  "/c/check",			candidate_check_page,	NULL,		0 },
	{ M_POST, "/c/check",			candidate_check_save,	candidate_check_fields, 0 },
	{ M_POST, "/c/answer/voice",		candidate_voice_answer,	candidate_voice_fields, R_AUDIO },
	{ M_GET,  "/c/answer/voice/too-large",	candidate_voice_too_large, NULL,	0 },
	{ M_GET,  "/c/question/:n/audio",	candidate_question_audio, NULL,		0 },
	{ M_POST, "/c/ticket",			candidate_ticket,	NULL,		0 },
	{ M_POST, "/c/oneway/answer",		candidate_oneway_answer, candidate_oneway_fields, R_ONEWAY },
	{ M_GET,  "/c/oneway/answer/too-large",	candidate_oneway_too_large, NULL,	0 },
	{ M_POST, "/c/oneway/submit",		candidate_oneway_submit, candidate_oneway_submit_fields, 0 },
	{ M_GET,  "/c/oneway/takes/:n",		candidate_oneway_take,	NULL,		0 },
	{ M_POST, "/c/oneway/uploads",		candidate_upload_start,	upload_start_fields, 0 },
	{ M_GET,  "/c/oneway/uploads/:id",	candidate_upload_status, NULL,		0 },
	{ M_POST, "/c/oneway/uploads/:id/chunks/:i", candidate_upload_chunk, NULL,	0 },
	{ M_POST, "/c/oneway/uploads/:id/finalize", candidate_upload_finalize, NULL,	0 },
	{ M_GET,  "/admin/users",		admin_users,		NULL,		R_ADMIN },
	{ M_GET,  "/admin/settings",		admin_settings,		NULL,		R_ADMIN },
	{ M_POST, "/admin/settings",		admin_settings_save,	settings_fields, R_ADMIN | R_CSRF },
	{ M_POST, "/admin/settings/org",	admin_settings_org,	org_fields,	R_ADMIN | R_CSRF },
	{ M_POST, "/admin/users",		admin_user_add,		user_fields,	R_ADMIN | R_CSRF },
	{ M_GET,  "/admin/users/:id/edit",	admin_user_edit,	NULL,		R_ADMIN },
	{ M_POST, "/admin/users/:id",		admin_user_update,	user_edit_fields, R_ADMIN | R_CSRF },
	{ M_GET,  "/admin/users/:id/disable",	admin_user_disable_confirm, NULL,	R_ADMIN },
	{ M_POST, "/admin/users/:id/disable",	admin_user_disable,	NULL,		R_ADMIN | R_CSRF },
	{ M_POST, "/admin/users/:id/enable",	admin_user_enable,	NULL,		R_ADMIN | R_CSRF },
	{ M_GET,  "/admin/users/:id/reset",	admin_user_reset_confirm, NULL,	R_ADMIN },
	{ M_POST, "/admin/users/:id/reset",	admin_user_reset,	NULL,		R_ADMIN | R_CSRF },
	{ M_GET,  "/admin/tokens",		admin_tokens,		NULL,		R_ADMIN },
	{ M_POST, "/admin/tokens",		admin_token_create,	token_fields,	R_ADMIN | R_CSRF },
	{ M_GET,  "/admin/tokens/:id/revoke",	admin_token_revoke_confirm, NULL,	R_ADMIN },
	{ M_POST, "/admin/tokens/:id/revoke",	admin_token_revoke,	NULL,		R_ADMIN | R_CSRF },
	{ M_GET,  "/account/password",		account_password_form,	NULL,		R_USER },
	{ M_POST, "/account/password",		account_password_change, password_fields, R_USER | R_CSRF },
	{ M_GET,  "/api/v1/me",			api_me,			NULL,		R_API },
	{ M_GET,  "/api/v1/users",		api_users,		user_list_fields, R_API | R_ADMIN },
	{ M_GET,  "/api/v1/interviews",		api_interviews,		interview_filter_fields, R_API },
	{ M_POST, "/api/v1/interviews",		api_interview_create,	NULL,		R_API },
	{ M_GET,  "/api/v1/interviews/:id",	api_interview_get,	NULL,		R_API },
	{ M_DELETE, "/api/v1/interviews/:id",	api_interview_delete,	NULL,		R_API | R_ADMIN },
	{ M_GET,  "/api/v1/interviews/:id/messages", api_interview_messages, message_page_fields, R_API },
	{ M_GET,  "/api/v1/interviews/:id/analytics", api_interview_analytics, NULL,	R_API },
	{ M_GET,  "/api/v1/interviews/:id/export", api_interview_export, NULL,	R_API },
	{ M_GET,  "/api/v1/interviews/:id/report", api_interview_report, NULL,	R_API },
	{ M_POST, "/api/v1/interviews/:id/pause", api_interview_pause,	NULL,		R_API },
	{ M_POST, "/api/v1/interviews/:id/resume", api_interview_resume, NULL,		R_API },
	{ M_POST, "/api/v1/interviews/:id/lock", api_interview_lock,	NULL,		R_API },
	{ M_POST, "/api/v1/interviews/:id/unlock", api_interview_unlock, NULL,		R_API },
	{ M_POST, "/api/v1/interviews/:id/end",	api_interview_end,	NULL,		R_API },
	{ M_POST, "/api/v1/interviews/:id/extend-time", api_interview_extend_time, NULL, R_API },
	{ M_POST, "/api/v1/interviews/:id/extend-tokens", api_interview_extend_tokens, NULL, R_API },
	{ M_POST, "/api/v1/interviews/:id/invite", api_interview_invite, NULL, R_API },
	{ M_POST, "/api/v1/interviews/:id/recommendation", api_interview_recommend, NULL, R_API },
	{ M_GET,  "/api/v1/questions",		api_questions,		question_filter_fields, R_API },
	{ M_POST, "/api/v1/questions",		api_question_create,	NULL,		R_API },
	{ M_GET,  "/api/v1/questions/:id",	api_question_get,	NULL,		R_API },
	{ M_POST, "/api/v1/questions/:id",	api_question_update,	NULL,		R_API },
	{ M_GET,  "/api/v1/roles",		api_roles,		NULL,		R_API },
	{ M_GET,  "/api/v1/challenges",		api_challenges,		challenge_filter_fields, R_API },
	{ M_GET,  "/api/v1/challenges/:id",	api_challenge_get,	NULL,		R_API },
	/* The candidate's cookie and X-CSRF-Token, checked in api_interviews.c. */
	{ M_GET,  "/api/v1/candidate/state",	api_candidate_state,	NULL,		0 },
	{ M_POST, "/api/v1/candidate/messages",	api_candidate_send,	NULL,		0 },
};

static const char *const method_names[M__MAX] = {
	"GET",		/* M_GET */
	"POST",		/* M_POST */
	"HEAD",		/* M_HEAD */
	"DELETE",	/* M_DELETE */
	"OTHER",	/* M_OTHER */
};

/* Route names for metrics, built once: "GET /admin/users/:id/disable". */
static char	names[NITEMS(routes)][64];

size_t
router_count(void)
{
	return NITEMS(routes);
}

size_t
router_index(const struct route *rt)
{
	return (size_t)(rt - routes);
}

const char *
router_name(size_t i)
{
	if (i >= NITEMS(routes))
		return "unmatched";
	if (names[i][0] == '\0')
		snprintf(names[i], sizeof(names[i]), "%s %s",
		    method_names[routes[i].method], routes[i].pattern);
	return names[i];
}

const struct field *
router_fields(const struct route *rt)
{
	return rt->fields;
}

void
router_find(struct req *r)
{
	const char		*args[REQ_MAX_ARGS];
	const struct route	*post = NULL;
	enum method		 m = r->method == M_HEAD ? M_GET : r->method;
	struct buf		 allow;
	size_t			 i;

	buf_init(&allow, r->a);
	for (i = 0; i < NITEMS(routes); i++) {
		if (!path_match(r->a, routes[i].pattern, r->path, args, REQ_MAX_ARGS))
			continue;
		/*
		 * The path's POST route sets the body's kind for any method:
		 * a PUT to an upload's path is refused for its method (405),
		 * not for a length an upload may have (413).
		 */
		if (routes[i].method == M_POST && post == NULL)
			post = &routes[i];
		if (routes[i].method == m) {
			r->route = &routes[i];
			r->route_name = router_name(i);
			memcpy(r->args, args, sizeof(args));
			break;
		}
		if (allow.len > 0)
			buf_puts(&allow, ", ");
		buf_puts(&allow, method_names[routes[i].method]);
		if (routes[i].method == M_GET)
			buf_puts(&allow, ", HEAD");
	}
	if (post != NULL)
		r->body_kind = post->flags & R_BODY;
	assert((r->body_kind & (r->body_kind - 1)) == 0);	/* one kind */
	if (r->route == NULL && allow.len > 0)
		r->path_allows = allow.p;
}

/*
 * No route for the method: 405 with the path's methods, or 404.  Here,
 * not in router_find: a body refused before (413, 400) says why, not this.
 */
static enum status
route_missing(struct req *r)
{
	if (r->path_allows != NULL) {
		r->allow = r->path_allows;
		return ST_INVALID;
	}
	/* A client of the API has no page to look for, but a list. */
	if (r->api)
		r->error_detail = "The API has no endpoint at this"
		    " address; docs/API.md lists them.";
	return ST_NOTFOUND;
}

/* 1 if path has a page to show (a GET route). */
static int
has_page(struct req *r, const char *path)
{
	const char	*args[REQ_MAX_ARGS];
	size_t		 i;

	for (i = 0; i < NITEMS(routes); i++)
		if (routes[i].method == M_GET &&
		    path_match(r->a, routes[i].pattern, path, args,
		    REQ_MAX_ARGS))
			return 1;
	return 0;
}

/*
 * A form sent after the session ended (it expired, or the user signed out
 * in another tab): said so, with the way back, where "Sign in required"
 * and a link to the start page left the user wondering what happened to
 * what they wrote (the page keeps the longest text to copy: error.c).
 */
static enum status
signed_out(struct req *r)
{
	r->error_title = "Signed out";
	r->error_detail = "You are signed out (the session expired, or you"
	    " signed out in another tab), so this was not saved. Sign in"
	    " again, then send it once more.";
	r->error_link = arena_printf(r->a, "/login?next=%s", url_encode(r->a,
	    has_page(r, r->path) ? r->path : "/admin", 1));
	r->error_link_text = "Sign in again";
	return ST_UNAUTH;
}

static enum status
authorize(struct req *r)
{
	unsigned	f = r->route->flags;
	enum status	st;

	if (f & R_API) {
		if ((st = auth_load_bearer(r)) != ST_OK)
			return st;
	} else if ((f & (R_USER | R_ADMIN)) &&
	    (st = auth_load_session(r)) != ST_OK)
		return st;
	if ((f & (R_USER | R_ADMIN | R_API)) && r->user == NULL) {
		if (r->method == M_GET)
			return resp_redirect(r, arena_printf(r->a, "/login?next=%s",
			    url_encode(r->a, r->path, 1))) == ST_OK ? ST_UNAUTH : ST_INTERNAL;
		return r->api ? ST_UNAUTH : signed_out(r);
	}
	if ((f & R_ADMIN) && strcmp(r->user->role, "admin") != 0) {
		r->error_detail = r->api ? "This endpoint is for the"
		    " organisation's admins; the token's user is not one." :
		    "This page is for the organisation's admins.";
		return ST_DENIED;
	}
	return ST_OK;
}

static enum status
check_csrf(struct req *r)
{
	unsigned	 f = r->route->flags;
	const char	*sent = params_val(&r->form, "csrf");
	const char	*want = NULL;

	if (r->method != M_POST || !(f & (R_CSRF | R_LOGIN)))
		return ST_OK;
	want = (f & R_CSRF) ? r->csrf : req_cookie(r, "viva_csrf");
	if (sent != NULL && want != NULL && *want != '\0' &&
	    crypto_str_eq(sent, want))
		return ST_OK;
	return page_form_expired(r);
}

void
router_dispatch(struct req *r)
{
	enum status	st;

	st = r->route != NULL ? authorize(r) : route_missing(r);
	if (st == ST_OK)
		st = check_csrf(r);
	if (st == ST_OK && r->route->fields != NULL)
		r->fields_st = fields_check(r->a, r->route->fields,
		    r->method == M_POST ? &r->form : &r->query, &r->fields);
	if (st == ST_OK)
		st = r->route->fn(r);
	if (st == ST_UNAUTH && r->status == 303)
		return;		/* sent to the sign-in page */
	/* A streamed reply already went out: its handler reported any failure. */
	if (st != ST_OK && !r->streaming)
		error_reply(r, st);
}
