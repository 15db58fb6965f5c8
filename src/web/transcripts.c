/*
 * transcripts.c: one-way answers are transcribed once the response that
 * submitted them is out, by the same pool process before it takes its next
 * request: the candidate never waits on the provider, and a crash or an
 * outage leaves the take 'pending' for `viva jobs` to sweep up.  The
 * interviewer may try a failed one again.
 */
#include <string.h>

#include "core/interview.h"
#include "core/oneway_transcript.h"
#include "handlers.h"
#include "lib/log.h"

struct provider *
transcriber_of(struct req *r)
{
	return *r->app->cfg.ai_base_url != '\0' ? r->app->assistant.prov :
	    NULL;
}

struct take_ref {
	long long	 iv;
	int		 n;
};

static void
transcribe_now(struct req *r, void *arg)
{
	const struct take_ref	*t = arg;
	struct transcript_env	 env;
	enum transcript_outcome	 out;

	memset(&env, 0, sizeof(env));
	env.ow = oneway_env_of(r);
	env.prov = transcriber_of(r);
	env.cfg = &r->app->cfg;
	if (oneway_transcript_run(r->a, r->db, &env, t->iv, t->n, &out) !=
	    ST_OK)
		log_warn("transcript: interview %lld question %d left for"
		    " `viva jobs`", t->iv, t->n);
}

void
transcribe_after(struct req *r, long long iv, int n)
{
	struct take_ref	*t = arena_alloc(r->a, sizeof(*t));

	t->iv = iv;
	t->n = n;
	r->after = transcribe_now;
	r->after_arg = t;
}

/*
 * POST /admin/interviews/:id/answers/:n/transcribe: a failed transcript
 * again, or a waiting one now (no timer runs under `make run`).
 */
enum status
admin_oneway_transcribe(struct req *r)
{
	long long	 id;
	int		 k;
	enum status	 st;

	if ((st = req_arg_id(r, 0, &id)) != ST_OK ||
	    (st = req_arg_index(r, 1, &k)) != ST_OK)
		return st;
	st = oneway_transcript_retry(r->a, r->db, r->user->org_id, id, k);
	if (st == ST_CONFLICT) {
		r->error_detail = "That answer is not waiting for a new try:"
		    " it is transcribed, being transcribed, or not submitted.";
		return ST_CONFLICT;
	}
	if (st != ST_OK)
		return st;
	(void)interview_event(r->a, r->db, r->user->org_id, r->user->id,
	    r->user->email, id, "transcript_retried", arena_printf(r->a,
	    "{\"question\":%d}", k), r->ip);
	transcribe_after(r, id, k);
	return resp_redirect(r, arena_printf(r->a,
	    "/admin/interviews/%lld?done=transcribe#answer-%d", id, k));
}
