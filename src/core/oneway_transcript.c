/*
 * oneway_transcript.c: the transcription queue of one-way answers.  A claim
 * is one UPDATE of the take's row, so two processes never transcribe (and
 * charge) the same take; a claim older than STALE is a process that died
 * mid-call, and may be taken again.  Each claim counts as a try: a provider
 * outage puts the take back to 'pending' until TRANSCRIPT_TRIES are spent.
 */
#include <string.h>

#include "core/assistant.h"
#include "core/oneway_transcript.h"
#include "lib/log.h"

/* Well past the provider's deadline (two attempts' timeouts and backoff). */
#define STALE	"interval '15 minutes'"

/* Waiting: pending, or running under a claim nobody finished. */
#define WAITING	"(c.transcript_state = 'pending' OR"				\
		" (c.transcript_state = 'running' AND"			\
		" c.transcript_claimed_at < now() - " STALE "))"

/* The submitted take of (iv, n), claimed; *id 0 when there is none to claim. */
static enum status
claim(struct arena *a, struct db *db, long long iv, int n, long long *id,
    int *tries, struct oneway_question *q)
{
	const char	*p[] = { db_i64(a, iv), db_i64(a, n) };
	struct db_res	*r;
	enum status	 st;

	*id = 0;
	memset(q, 0, sizeof(*q));
	st = db_query(a, db, SQL("UPDATE recordings c SET"
	    " transcript_state = 'running', transcript_claimed_at = now(),"
	    " transcript_tries = c.transcript_tries + 1"
	    " FROM oneway_questions q WHERE q.interview_id = $1 AND q.n = $2"
	    " AND c.interview_id = q.interview_id AND c.question_n = q.n"
	    " AND c.attempt = q.submitted AND " WAITING
	    " RETURNING c.id, c.transcript_tries, c.path, c.format, c.ctype,"
	    " c.bytes, c.encrypted"), p, 2, &r);
	if (st != ST_OK || db_rows(r) == 0)
		return st;
	*id = db_int(r, 0, 0);
	*tries = (int)db_int(r, 0, 1);
	q->n = n;
	q->path = db_get(r, 0, 2);
	q->format = db_get(r, 0, 3);
	q->ctype = db_get(r, 0, 4);
	q->bytes = db_int(r, 0, 5);
	q->encrypted = db_bool(r, 0, 6);
	return ST_OK;
}

/* The claim's end: the text (NULL: pending again) and the usage, together. */
static enum status
settle(struct arena *a, struct db *db, const struct transcript_env *env,
    long long iv, long long id, const char *state, const char *text,
    const struct oneway_stt_usage *u)
{
	const struct config	*c = env->cfg;
	const char		*p[] = { db_i64(a, id), state, text };
	enum status		 st;

	if ((st = db_begin(db)) != ST_OK)
		return st;
	/* Still ours: retention may have deleted it meanwhile. */
	st = db_exec(a, db, SQL("UPDATE recordings SET transcript_state = $2,"
	    " transcript = $3 WHERE id = $1 AND transcript_state = 'running'"),
	    p, 3, NULL);
	if (st == ST_OK)
		st = oneway_charge(a, db, iv, c->stt_model, u,
		    assistant_cost_micros(c, c->stt_model, u->input_tokens,
		    u->output_tokens) + assistant_minute_cost_micros(c,
		    c->stt_model, u->seconds));
	if (st == ST_OK)
		return db_commit(db);
	db_rollback(db);
	return st;
}

enum status
oneway_transcript_run(struct arena *a, struct db *db,
    const struct transcript_env *env, long long iv, int n,
    enum transcript_outcome *out)
{
	struct oneway_question	 q;
	struct oneway_stt_usage	 use;
	const char		*text;
	long long		 id;
	int			 tries;
	enum status		 st;

	*out = TR_NONE;
	if ((st = claim(a, db, iv, n, &id, &tries, &q)) != ST_OK || id == 0)
		return st;
	st = oneway_transcribe(a, &env->ow, env->prov, env->cfg->stt_model,
	    env->cfg->stt_language, &q, &text, &use);
	if (st == ST_OK)
		*out = TR_DONE;
	else if (st == ST_UNAVAILABLE && tries < TRANSCRIPT_TRIES)
		*out = TR_RETRY;
	else
		*out = TR_FAILED;
	log_info("transcript: interview %lld question %d: %s (try %d)", iv, n,
	    *out == TR_DONE ? "done" : *out == TR_RETRY ? "will retry" :
	    "failed", tries);
	return settle(a, db, env, iv, id, *out == TR_DONE ? "done" :
	    *out == TR_RETRY ? "pending" : "failed",
	    *out == TR_RETRY ? NULL : text, &use);
}

enum status
oneway_transcript_sweep(struct arena *a, struct db *db,
    const struct transcript_env *env, int max, struct transcript_sweep *rep)
{
	const char		*p[] = { db_i64(a, max) };
	enum transcript_outcome	 out;
	struct db_res		*r;
	int			 i;
	enum status		 st;

	memset(rep, 0, sizeof(*rep));
	st = db_query(a, db, SQL("SELECT c.interview_id, c.question_n"
	    " FROM recordings c JOIN oneway_questions q ON q.interview_id ="
	    " c.interview_id AND q.n = c.question_n AND q.submitted = c.attempt"
	    " WHERE " WAITING " ORDER BY c.id LIMIT $1"), p, 1, &r);
	/* A provider that did not answer one would keep the rest waiting too. */
	for (i = 0; st == ST_OK && i < db_rows(r) && rep->retry == 0; i++) {
		st = oneway_transcript_run(a, db, env, db_int(r, i, 0),
		    (int)db_int(r, i, 1), &out);
		rep->done += out == TR_DONE;
		rep->retry += out == TR_RETRY;
		rep->failed += out == TR_FAILED;
	}
	if (st == ST_OK)
		rep->waiting = db_rows(r) - rep->done - rep->failed;
	return st;
}

enum status
oneway_transcript_retry(struct arena *a, struct db *db, long long org,
    long long iv, int n)
{
	const char	*p[] = { db_i64(a, org), db_i64(a, iv), db_i64(a, n) };
	long		 k;
	enum status	 st;

	st = db_exec(a, db, SQL("UPDATE recordings c SET transcript_state ="
	    " 'pending', transcript = NULL, transcript_tries = 0"
	    " FROM oneway_questions q WHERE c.org_id = $1"
	    " AND q.interview_id = $2 AND q.n = $3"
	    " AND c.interview_id = q.interview_id AND c.question_n = q.n"
	    " AND c.attempt = q.submitted"
	    " AND c.transcript_state IN ('failed', 'pending')"),
	    p, 3, &k);
	if (st == ST_OK && k != 1)
		st = ST_CONFLICT;
	return st;
}

const char *
oneway_transcript_label(const char *state)
{
	if (strcmp(state, "pending") == 0 || strcmp(state, "running") == 0)
		return "transcribing";
	return state;
}
