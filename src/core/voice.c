/* voice.c: a voice answer: store, transcribe, answer; undone at any step that fails. */
#include <sodium.h>
#include <string.h>

#include "core/form_use.h"
#include "core/provider_audio.h"
#include "core/voice.h"
#include "lib/form.h"
#include "lib/log.h"

enum status
voice_offered(struct arena *a, struct db *db, long long iv, int *offered)
{
	const char	*p[1] = { db_i64(a, iv) };
	struct db_res	*r;
	enum status	 st;

	*offered = 0;
	st = db_query(a, db, SQL("SELECT voice_offered FROM interviews"
	    " WHERE id = $1"), p, 1, &r);
	if (st != ST_OK)
		return st;
	if (db_rows(r) != 1)
		return ST_NOTFOUND;
	*offered = db_bool(r, 0, 0);
	return ST_OK;
}

/* Is n the question waiting for an answer?  Saves paying for a stale one. */
static enum status
open_question(struct arena *a, struct db *db, const struct interview *iv,
    int n, struct voice_outcome *out)
{
	struct adaptive_question	*q;
	size_t				 count;
	enum status			 st;

	if (strcmp(iv->status, "active") != 0) {
		out->adaptive.why = AR_NOT_ACTIVE;
		return ST_CONFLICT;
	}
	if ((st = adaptive_questions(a, db, iv->id, &q, &count)) != ST_OK)
		return st;
	if (count == 0 || (size_t)n != count || q[count - 1].answer != NULL) {
		out->adaptive.why = AR_STALE;
		return ST_CONFLICT;
	}
	return ST_OK;
}

/* Trimmed, and cut to what a typed answer may hold (never mid-character). */
static const char *
answer_text(struct arena *a, const char *t)
{
	size_t	 len, cps = 0, i;

	while (*t == ' ' || *t == '\n' || *t == '\t' || *t == '\r')
		t++;
	len = strlen(t);
	while (len > 0 && strchr(" \n\t\r", t[len - 1]) != NULL)
		len--;
	for (i = 0; i < len; i++)
		if (((unsigned char)t[i] & 0xc0) != 0x80 &&
		    ++cps > ADAPTIVE_ANSWER_MAX)
			break;
	return arena_strndup(a, t, i);
}

static enum status
transcribe(struct arena *a, const struct voice_env *env,
    const struct recording *rec, struct voice_outcome *out)
{
	struct stt_req	 rq;
	struct stt_res	 rs;
	char		*plain = NULL;
	size_t		 len = 0;
	enum status	 st;

	memset(&rq, 0, sizeof(rq));
	rq.model = env->stt_model;
	rq.path = arena_printf(a, "%s/%s", env->rec.storage_dir, rec->tmp);
	/* A sealed file goes to the transcriber decrypted, from memory only. */
	if (rec->encrypted) {
		if (recording_load(a, &env->rec, rec->tmp, 1, &plain, &len) !=
		    ST_OK)
			return ST_INTERNAL;
		rq.path = NULL;
		rq.data = plain;
		rq.len = len;
	}
	rq.filename = arena_printf(a, "answer.%s", rec->format);
	rq.ctype = rec->ctype;
	rq.language = env->stt_language;
	st = provider_transcribe(a, env->prov, &rq, &rs);
	if (plain != NULL)
		sodium_memzero(plain, len);
	if (st != ST_OK) {
		log_warn("voice: transcription failed: %s: %s",
		    rs.error_code != NULL ? rs.error_code : "invalid",
		    rs.error_message != NULL ? rs.error_message : "");
		out->result = VR_UNHEARD;
		return ST_UNAVAILABLE;
	}
	out->input_tokens = rs.input_tokens;
	out->output_tokens = rs.output_tokens;
	out->seconds = rs.seconds;
	out->transcript = answer_text(a, rs.text);
	if (*out->transcript == '\0' || !utf8_valid(out->transcript,
	    strlen(out->transcript))) {
		out->transcript = "";
		out->result = VR_SILENT;
		return ST_INVALID;
	}
	return ST_OK;
}

/* The transcription as one usage row; its cost added to the interview's. */
static enum status
charge(struct arena *a, struct db *db, const struct assistant_env *aenv,
    const struct voice_env *env, const struct interview *iv,
    const struct voice_outcome *out)
{
	const char	*p[5];
	long long	 cost = 0;

	/* A transcriber reports tokens or seconds: either may have a price. */
	if (aenv != NULL && aenv->cfg != NULL)
		cost = assistant_cost_micros(aenv->cfg, env->stt_model,
		    out->input_tokens, out->output_tokens) +
		    assistant_minute_cost_micros(aenv->cfg, env->stt_model,
		    out->seconds);
	p[0] = db_i64(a, iv->id);
	p[1] = db_i64(a, out->input_tokens);
	p[2] = db_i64(a, out->output_tokens);
	p[3] = env->stt_model;
	p[4] = db_i64(a, cost);
	return db_exec(a, db, SQL("WITH u AS (INSERT INTO usage (interview_id,"
	    " state, reserved, prompt_tokens, completion_tokens, model,"
	    " cost_micros, settled_at, budgeted) VALUES ($1, 'settled', 0, $2,"
	    " $3, $4, $5, now(), false)) UPDATE interviews SET cost_micros ="
	    " cost_micros + $5"
	    " WHERE id = $1"), p, 5, NULL);
}

/* Stores, transcribes and answers: voice_answer without the claim. */
static enum status
answer(struct arena *a, struct db *db, const struct assistant_env *aenv,
    const struct voice_env *env, const struct interview *iv, int n,
    const void *p, size_t len, struct voice_outcome *out)
{
	struct recording	*rec = &out->rec;
	enum status		 st;

	if ((st = open_question(a, db, iv, n, out)) != ST_OK)
		return st;
	st = recording_save(a, &env->rec, iv->org_id, iv->id, n, p, len, rec,
	    &out->refusal);
	if (st == ST_INVALID)
		out->result = VR_REFUSED;
	else if (st == ST_UNAVAILABLE)
		out->result = VR_UNSTORED;
	if (st != ST_OK)
		return st;
	if ((st = transcribe(a, env, rec, out)) == ST_OK)
		st = adaptive_answer(a, db, aenv, iv, n, out->transcript,
		    &out->adaptive);
	if (st != ST_OK) {
		recording_discard(rec);
		return st;
	}
	out->result = VR_RECORDED;
	if (charge(a, db, aenv, env, iv, out) != ST_OK)
		log_error("voice: interview %lld question %d: transcription"
		    " usage not recorded", iv->id, n);
	/* The answer stands even if its recording cannot be kept. */
	if (recording_keep(rec) != ST_OK ||
	    recording_insert(a, db, iv->org_id, iv->id, n, rec,
	    out->transcript) != ST_OK) {
		log_error("voice: interview %lld question %d: recording not"
		    " kept; removing %s", iv->id, n, rec->path);
		recording_discard(rec);
	}
	return ST_OK;
}

enum status
voice_answer(struct arena *a, struct db *db, const struct assistant_env *aenv,
    const struct voice_env *env, const struct interview *iv, int n,
    const char *form_id, const void *p, size_t len, struct voice_outcome *out)
{
	enum status	st;
	int		repeated;

	memset(out, 0, sizeof(*out));
	out->transcript = "";
	out->result = VR_NOT_RECORDED;
	if (env->prov == NULL)
		return ST_UNAVAILABLE;
	/*
	 * As a typed answer's, with the transcription one call more; a
	 * repeat then finds question n answered (open_question) and pays
	 * for nothing.
	 */
	if ((st = adaptive_claim_answer(a, db, aenv, iv->id, n, form_id,
	    ADAPTIVE_ANSWER_CALLS + 1, &repeated)) != ST_OK)
		return st;
	st = answer(a, db, aenv, env, iv, n, p, len, out);
	if (st != ST_OK && !repeated)
		(void)form_use_forget(a, db, form_id);
	return st;
}
