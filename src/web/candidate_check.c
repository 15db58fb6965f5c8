/*
 * candidate_check.c: the microphone, speaker and camera check a candidate can
 * run before a voice interview.  The page works without JavaScript (it says
 * what cannot be checked and that typing or uploading still works); with it,
 * static/check.js runs each check and posts the outcome here, where it goes on
 * the interview's timeline so the interviewer knows what the candidate's
 * device could do.
 */
#include <json-c/json.h>
#include <string.h>

#include "core/voice.h"
#include "handlers.h"

#define MIC_RESULTS	"ok|denied|missing|busy|insecure|unsupported|error|untested"
#define CAMERA_RESULTS	"ok|denied|missing|busy|insecure|unsupported|error|skipped"

const struct field candidate_check_fields[] = {
	{ "microphone",	F_ENUM,	0, 0, FIELD_REQUIRED, MIC_RESULTS },
	{ "speaker",	F_ENUM,	0, 0, FIELD_REQUIRED, "heard|not_heard|untested" },
	{ "camera",	F_ENUM,	0, 0, FIELD_REQUIRED, CAMERA_RESULTS },
	{ "live_voice",	F_BOOL,	0, 1, 0, NULL },
	{ NULL, 0, 0, 0, 0, NULL }
};

enum status
candidate_check_page(struct req *r)
{
	struct interview	 iv;
	struct view		*v;
	enum status		 st;
	int			 offered;

	if ((st = candidate_session_load(r, &iv)) != ST_OK)
		return st;
	/* Nothing to check where nothing is heard or said: the interview. */
	if (interview_is_assisted(&iv))
		return resp_redirect(r, "/c");
	if (strcmp(iv.kind, "adaptive") == 0) {
		if ((st = voice_offered(r->a, r->db, iv.id, &offered)) != ST_OK)
			return st;
		if (!offered)
			return resp_redirect(r, "/c");
	}
	r->no_store = 1;
	v = page_view(r, "Check your microphone and speakers", NULL);
	view_set_str(v, "candidate_name", iv.candidate_name);
	view_set_str(v, "csrf", r->csrf);
	view_set_bool(v, "saved", params_val(&r->query, "saved") != NULL);
	/* A one-way interview takes recordings only: no typed answers. */
	view_set_bool(v, "typed", strcmp(iv.kind, "oneway") != 0);
	return resp_render(r, 200, "candidate/check", v);
}

static const char *
result_json(struct req *r)
{
	struct json_object	*o = json_object_new_object();
	const char		*s;

	json_object_object_add(o, "microphone",
	    json_object_new_string(req_field(r, "microphone")->text));
	json_object_object_add(o, "speaker",
	    json_object_new_string(req_field(r, "speaker")->text));
	json_object_object_add(o, "camera",
	    json_object_new_string(req_field(r, "camera")->text));
	json_object_object_add(o, "live_voice",
	    json_object_new_boolean(req_field(r, "live_voice")->num != 0));
	s = arena_strdup(r->a, json_object_to_json_string_ext(o,
	    JSON_C_TO_STRING_PLAIN));
	json_object_put(o);
	return s;
}

/* The script's report of what worked; a browser without script never sends it. */
enum status
candidate_check_save(struct req *r)
{
	struct interview	iv;
	enum status		st;
	const char		*bad[] = { "microphone", "speaker", "camera" };
	size_t			i;

	if ((st = candidate_session_load_post(r, &iv)) != ST_OK)
		return st;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (req_field(r, bad[i])->err != NULL) {
			r->error_detail = arena_printf(r->a, "The %s result"
			    " is not one this page sends.", bad[i]);
			return ST_INVALID;
		}
	st = interview_event(r->a, r->db, iv.org_id, 0, "candidate", iv.id,
	    "tech_check", result_json(r), r->ip);
	if (st != ST_OK)
		return st;
	return resp_redirect(r, "/c/check?saved=1");
}
