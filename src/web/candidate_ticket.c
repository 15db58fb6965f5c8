/*
 * candidate_ticket.c: the candidate page's door to the realtime worker.  It
 * mints a short-lived ticket the worker checks on its own, so the worker
 * never sees the candidate cookie and needs no database round trip to
 * refuse a stranger.
 */
#include <json-c/json.h>
#include <string.h>
#include <time.h>

#include "core/adaptive.h"
#include "lib/crypto.h"
#include "lib/ticket.h"
#include "handlers.h"

enum status
candidate_check_csrf(struct req *r)
{
	const char	*sent = req_env(r, "HTTP_X_CSRF_TOKEN");

	if (sent == NULL)
		sent = params_val(&r->form, "csrf");
	if (sent != NULL && r->csrf != NULL && *r->csrf != '\0' &&
	    crypto_str_eq(sent, r->csrf))
		return ST_OK;
	r->error_detail = "Send the page's form token in the header"
	    " X-CSRF-Token.";
	return ST_DENIED;
}

/* Voice only for a running adaptive interview that offers it. */
static enum status
voice_allowed(struct req *r, const struct interview *iv)
{
	struct adaptive	ad;
	enum status	st;

	if (strcmp(iv->kind, "adaptive") != 0 ||
	    (st = adaptive_get(r->a, r->db, iv->id, &ad)) == ST_NOTFOUND ||
	    (st == ST_OK && !ad.voice_offered)) {
		r->error_detail = "This interview is not offered by voice.";
		return ST_NOTFOUND;
	}
	if (st != ST_OK)
		return st;
	if (!interview_uses_ai(iv)) {
		r->error_detail = "Live voice needs an AI model, and this"
		    " interview uses the offline evaluator: answer in writing.";
		return ST_CONFLICT;
	}
	if (strcmp(iv->status, "active") != 0 || !ad.started) {
		r->error_detail = "Voice is available while the interview is"
		    " running: start it first.";
		return ST_CONFLICT;
	}
	return ST_OK;
}

/* POST /c/ticket: {"ticket": ..., "url": "/rt/interviews/ID?ticket=...", "expires_in": s}. */
enum status
candidate_ticket(struct req *r)
{
	struct json_object	*o;
	struct interview	 iv;
	enum status		 st;
	char			*t;

	r->api = 1;
	if ((st = candidate_session_load(r, &iv)) != ST_OK ||
	    (st = candidate_check_csrf(r)) != ST_OK ||
	    (st = voice_allowed(r, &iv)) != ST_OK)
		return st;
	if (!r->app->has_ticket_key) {
		r->error_detail = "Voice is not set up on this server; answer"
		    " in writing instead.";
		return ST_UNAVAILABLE;
	}
	t = ticket_mint(r->a, r->app->ticket_key, iv.id,
	    (long long)time(NULL) + TICKET_TTL_S);
	r->no_store = 1;
	o = json_object_new_object();
	json_object_object_add(o, "ticket", json_object_new_string(t));
	json_object_object_add(o, "url", json_object_new_string(arena_printf(
	    r->a, "/rt/interviews/%lld?ticket=%s", iv.id, t)));
	json_object_object_add(o, "expires_in",
	    json_object_new_int(TICKET_TTL_S));
	return resp_json(r, 200, o);
}
