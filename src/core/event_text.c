/*
 * event_text.c: an audit event in words, for timelines people read.  The
 * type and detail stay as stored (the API and exports give them raw); this
 * only says them.  An unknown type comes out as its name, detail and all,
 * so nothing recorded is hidden.
 */
#include <string.h>

#include <json-c/json.h>

#include "lib/view.h"
#include "event.h"
#include "oneway.h"

/* Types whose words need nothing from the detail. */
static const char *const plain[][2] = {
	{ "interview_started",	"The candidate started" },
	{ "interview_pause",	"Paused" },
	{ "interview_resume",	"Resumed" },
	{ "interview_lock",	"Chat locked" },
	{ "interview_unlock",	"Chat unlocked" },
	{ "interview_end",	"Ended by the interviewer" },
	{ "interview_completed", "Completed" },
	{ "invite_expired",	"The invite link expired unused" },
	{ "login",		"Signed in" },
	{ "logout",		"Signed out" },
	{ "login_failed",	"Sign-in failed" },
	{ "login_throttled",	"Sign-in refused: too many failed attempts" },
	{ "password_changed",	"Password changed" },
	{ "challenge_created",	"Challenge created" },
	{ "challenge_updated",	"Challenge changed" },
	{ "challenge_archived",	"Challenge archived" },
	{ "challenge_unarchived", "Challenge restored" },
	{ "question_updated",	"Question changed" },
	{ "question_archived",	"Question archived" },
	{ "question_unarchived", "Question restored" },
	{ "question_created",	"Question added to the bank" },
	{ "question_hidden",
	    "Shipped question hidden from the org's interviews" },
	{ "question_shown",
	    "Shipped question back in the org's interviews" },
	{ "questions_imported",	"Questions imported" },
	{ "role_created",	"Role created" },
	{ "role_archived",	"Role archived" },
	{ "role_unarchived",	"Role restored" },
	{ "retention_deleted",	"Old recordings and transcripts deleted" },
	{ "tech_check",		"The candidate checked their devices" },
};

static long long
num(struct json_object *o, const char *key)
{
	struct json_object	*v;

	return json_object_object_get_ex(o, key, &v) ? json_object_get_int64(v) :
	    0;
}

static const char *
str(struct json_object *o, const char *key)
{
	struct json_object	*v;

	return json_object_object_get_ex(o, key, &v) &&
	    json_object_is_type(v, json_type_string) ?
	    json_object_get_string(v) : "";
}

static const char *
ended(struct arena *a, struct json_object *d)
{
	const char	*by = str(d, "by");

	if (strcmp(by, "limits") == 0)
		return "Ended: the time ran out";
	if (strcmp(by, "candidate") == 0)
		return "Ended: the candidate submitted a final answer";
	return *by != '\0' ? arena_printf(a, "Ended by %s", by) : "Ended";
}

/* A retention period as the settings page has it: 0 keeps for good. */
static const char *
kept_for(struct arena *a, long long days)
{
	if (days <= 0)
		return "kept for good";
	return arena_printf(a, "kept %lld day%s", days, days == 1 ? "" : "s");
}

/*
 * Types about an account or a token: their words, then whom or which when
 * the detail names it (events recorded before 2026-12-07 do not).
 */
static const char *const named[][3] = {
	/* type, words, the detail's member naming whom or which */
	{ "password_reset",	"Password reset",	"email" },
	{ "api_token_created",	"API token created",	"name" },
	{ "api_token_revoked",	"API token revoked",	"name" },
	{ "user_added",		"User added",		"email" },
	{ "user_disabled",	"User disabled",	"email" },
	{ "user_enabled",	"User enabled",		"email" },
	{ "user_changed",	"User changed",		"email" },
	{ "role_changed",	"Role changed",		"name" },
};

static const char *
named_text(struct arena *a, const char *type, struct json_object *d)
{
	const char	*who, *role;
	size_t		 i;

	for (i = 0; i < NITEMS(named); i++) {
		if (strcmp(type, named[i][0]) != 0)
			continue;
		if (*(who = str(d, named[i][2])) == '\0')
			return named[i][1];
		role = str(d, "role");
		return arena_printf(a, "%s: %s%s%s%s", named[i][1],
		    strcmp(named[i][2], "name") == 0 ? "\u201c" : "", who,
		    strcmp(named[i][2], "name") == 0 ? "\u201d" : "",
		    *role != '\0' ? arena_printf(a, " (%s)", role) : "");
	}
	return NULL;
}

/* A new interview: through the API (and which token), or a page. */
static const char *
created(struct arena *a, struct json_object *d)
{
	const char	*token = str(d, "token");

	if (strcmp(str(d, "via"), "api") != 0)
		return "Interview created";
	if (*token == '\0')
		return "Interview created through the API";
	return arena_printf(a, "Interview created through the API (token"
	    " \u201c%s\u201d)", token);
}

/* Words from the detail, or NULL for a type this does not know. */
static const char *
detailed(struct arena *a, const char *type, struct json_object *d)
{
	long long	 q = num(d, "question");
	const char	*s;

	if ((s = named_text(a, type, d)) != NULL)
		return s;
	if (strcmp(type, "interview_created") == 0)
		return created(a, d);

	if (strcmp(type, "interview_extend-time") == 0)
		return arena_printf(a, "Gave %lld more minute%s",
		    num(d, "amount") / 60, num(d, "amount") / 60 == 1 ? "" :
		    "s");
	if (strcmp(type, "interview_extend-tokens") == 0)
		return arena_printf(a, "Gave %s more tokens",
		    view_num_text(a, num(d, "amount")));
	if (strcmp(type, "interview_ended") == 0)
		return ended(a, d);
	if (strcmp(type, "final_answer_late") == 0)
		return arena_printf(a, "Final answer received %lld s after the"
		    " time ran out (kept, marked late)", num(d, "seconds"));
	if (strcmp(type, "answer_late") == 0)
		return arena_printf(a, "Answer to question %lld received after"
		    " the time ran out (kept, marked late)", q);
	if (strcmp(type, "invite_reissued") == 0)
		return arena_printf(a, "New invite link, valid %lld day%s%s",
		    num(d, "days"), num(d, "days") == 1 ? "" : "s",
		    json_object_get_boolean(
		    json_object_object_get(d, "signed_out")) ?
		    "; browsers on the old link signed out" : "");
	if (strcmp(type, "answer_recorded") == 0)
		return arena_printf(a, "Answer %lld recorded (take %lld,"
		    " %lld KB)", q, num(d, "attempt"),
		    (num(d, "bytes") + 1023) / 1024);
	if (strcmp(type, "answer_submitted") == 0)
		return arena_printf(a, "Answer %lld submitted (take %lld)", q,
		    num(d, "attempt"));
	/* A reviewer's own rating; "was": the one of theirs it replaced. */
	if (strcmp(type, "answer_rated") == 0)
		return num(d, "was") > 0 ? arena_printf(a, "Answer %lld rated"
		    " %lld/5 (was %lld/5)", q, num(d, "rating"),
		    num(d, "was")) : arena_printf(a, "Answer %lld rated %lld/5",
		    q, num(d, "rating"));
	if (strcmp(type, "transcript_retried") == 0)
		return arena_printf(a, "Answer %lld sent to be transcribed"
		    " again", q);
	if (strcmp(type, "retention_changed") == 0)
		return arena_printf(a, "Retention set: transcripts %s,"
		    " recordings %s", kept_for(a, num(d, "transcript_days")),
		    kept_for(a, num(d, "recording_days")));
	if (strcmp(type, "interview_deleted") == 0)
		return arena_printf(a, "Interview %lld deleted (%s), with its"
		    " answers and %lld recording%s", num(d, "interview"),
		    str(d, "kind"), num(d, "recordings"),
		    num(d, "recordings") == 1 ? "" : "s");
	if (strcmp(type, "org_renamed") == 0)
		return arena_printf(a, "Organisation renamed from \u201c%s\u201d"
		    " to \u201c%s\u201d", str(d, "from"), str(d, "name"));
	if (strcmp(type, "recommendation") == 0)
		return *recommend_label(str(d, "was")) != '\0' ?
		    arena_printf(a, "Recommendation: %s (was %s)",
		    recommend_label(str(d, "recommendation")),
		    recommend_label(str(d, "was"))) :
		    arena_printf(a, "Recommendation: %s",
		    recommend_label(str(d, "recommendation")));
	return NULL;
}

const char *
event_text(struct arena *a, const char *type, const char *detail)
{
	struct json_object	*d;
	const char		*s;
	size_t			 i;

	for (i = 0; i < NITEMS(plain); i++)
		if (strcmp(type, plain[i][0]) == 0)
			return plain[i][1];
	d = json_tokener_parse(detail != NULL ? detail : "{}");
	s = json_object_is_type(d, json_type_object) ?
	    detailed(a, type, d) : NULL;
	json_object_put(d);
	if (s != NULL)
		return s;
	return detail != NULL && strcmp(detail, "{}") != 0 ?
	    arena_printf(a, "%s %s", type, detail) : type;
}
