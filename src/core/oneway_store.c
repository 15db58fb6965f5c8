/*
 * oneway_store.c: one-way answers on disk: what a take is (libsndfile for
 * audio; WebM and MP4 by recording_check_kept, as voice answers), sealed at rest,
 * read back decrypted, transcribed, and chunked uploads in progress.
 */
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <string.h>
#include <unistd.h>

#include "core/oneway.h"
#include "core/provider_audio.h"
#include "lib/audio.h"
#include "lib/chunks.h"
#include "lib/crypto.h"
#include "lib/filestore.h"
#include "lib/log.h"

#define STT_MAX_BYTES	(25L * 1000 * 1000)	/* PROTOCOLS.md 2.1 */

/*
 * Audio the transcriber takes as stored (libsndfile's kinds); their MIME
 * types, like the containers', come from recording_ctype.
 */
static const char *const audio_formats[AUDIO__MAX] = {
	"wav",		/* AUDIO_WAV */
	"ogg",		/* AUDIO_OGG */
	"flac",		/* AUDIO_FLAC */
	"mp3",		/* AUDIO_MP3 */
	NULL,		/* AUDIO_OTHER: not kept as sent */
};

void
oneway_env_limit(struct oneway_env *env, int answer_s, const char *media)
{
	env->audio_only = strcmp(media, "audio") == 0;
	if (answer_s > 0 && answer_s + ONEWAY_GRACE_S < env->rec.max_seconds) {
		env->rec.max_seconds = answer_s + ONEWAY_GRACE_S;
		env->answer_s = answer_s;
	}
}

const char *
oneway_refusal_text(struct arena *a, const struct oneway_env *env,
    enum recording_refusal why, const struct recording *rec)
{
	const char	*took, *limit;

	switch (why) {
	case RR_EMPTY:
		return "No recording arrived. Record your answer (or choose a"
		    " file) and send it again.";
	case RR_TOO_LARGE:
		return arena_printf(a, "The recording is too large: at most %ld"
		    " MB. Record a shorter answer.", env->rec.max_bytes >> 20);
	case RR_TOO_LONG:
		/* Both lengths: "too long" alone left the candidate guessing. */
		limit = env->answer_s > 0 ? arena_printf(a, "the %d seconds an"
		    " answer may take here", env->answer_s) :
		    recording_limit_text(a, &env->rec);
		if (*(took = recording_length_text(a, rec)) != '\0')
			return arena_printf(a, "The recording is %s long,"
			    " longer than %s. Record a shorter answer.", took,
			    limit);
		return arena_printf(a, "The recording is longer than %s."
		    " Record a shorter answer.", limit);
	case RR_CHANNELS:
		return "The recording has more than two channels. Record it"
		    " again with one microphone.";
	case RR_NO_SOUND:
		return "The recording has no sound. Record it again with your"
		    " microphone on.";
	case RR_CUT_SHORT:
		return RECORDING_CUT_SHORT_TEXT;
	case RR_VIDEO:
		return "This interview takes audio only, and that recording has"
		    " video. Record your answer again with the microphone only,"
		    " or send an audio file: Ogg, WAV, FLAC or MP3, or WebM or"
		    " MP4 with sound only.";
	default:
		if (env->audio_only)
			return "That file is not a recording we can read. Send"
			    " Ogg, WAV, FLAC or MP3 audio, or WebM or MP4 with"
			    " sound only.";
		return "That file is not a recording we can read. Send WebM or"
		    " MP4 video, or Ogg, WAV, FLAC or MP3 audio.";
	}
}

/* What the take is: *format and *ctype, or a refusal. */
static enum recording_refusal
identify(const struct oneway_env *env, const char *media, const void *p,
    size_t len, struct recording *rec)
{
	struct audio_info	 ai;
	enum recording_refusal	 why = RR_NONE;
	const char		*c;
	int			 kept;

	if (len == 0)
		return RR_EMPTY;
	if ((long long)len > env->rec.max_bytes)
		return RR_TOO_LARGE;
	/*
	 * WebM or MP4, any sound codec, but a sound track: video or not, an
	 * answer is heard and transcribed, and a silent one is a microphone
	 * that failed, better said while the candidate can record again.
	 */
	why = recording_check_kept(&env->rec, p, len, 1, &kept, &ai);
	if (why == RR_TOO_LONG)
		rec->duration_ms = ai.duration_ms;	/* said in the refusal */
	if (why != RR_NONE)
		return why;
	if (kept != KEPT_NONE) {
		/* Pictures an audio interview never asked for are not kept. */
		if (ai.video_tracks > 0 && strcmp(media, "video") != 0)
			return RR_VIDEO;
		c = recording_kept_format(kept);
		rec->duration_ms = ai.duration_ms;
		rec->format = c;
		/* In a video interview a take is video, sound only or not. */
		rec->ctype = recording_ctype(c, strcmp(media, "video") == 0);
		return RR_NONE;
	}
	if (recording_probe(&env->rec, p, len, &ai, &why) != ST_OK) {
		if (why == RR_TOO_LONG) {
			rec->duration_ms = ai.duration_ms;
			rec->duration_at_least = ai.at_least;
		}
		return why != RR_NONE ? why : RR_UNREADABLE;
	}
	if (audio_formats[ai.kind] == NULL)
		return RR_UNREADABLE;
	rec->format = audio_formats[ai.kind];
	rec->ctype = recording_ctype(rec->format, 0);
	rec->duration_ms = ai.duration_ms;
	return RR_NONE;
}

enum status
oneway_store(struct arena *a, const struct oneway_env *env, const char *media,
    long long org, long long iv, int n, const void *p, size_t len,
    struct recording *rec, enum recording_refusal *why)
{
	unsigned char	 h[crypto_hash_sha256_BYTES];
	char		*tmp, *dir, id[33];
	int		 fd;
	enum status	 st;

	memset(rec, 0, sizeof(*rec));
	if ((*why = identify(env, media, p, len, rec)) != RR_NONE)
		return ST_INVALID;
	dir = arena_printf(a, "%s/org-%lld/oneway", env->rec.storage_dir, org);
	if (filestore_mkdirs(dir) == -1) {
		st = filestore_write_status(errno);
		log_error("oneway: cannot make %s: %s", dir, strerror(errno));
		return st;
	}
	if ((fd = filestore_temp_shared(a, arena_printf(a, "%s/tmp",
	    env->rec.storage_dir), &tmp)) == -1)
		return filestore_write_status(errno);
	st = env->key != NULL ? seal_write(env->key, p, len, fd) :
	    filestore_write(fd, p, len) == 0 ? ST_OK :
	    filestore_write_status(errno);
	if (st != ST_OK) {
		log_error("oneway: cannot write %s: %s", tmp, strerror(errno));
		filestore_abort(fd, tmp);
		return st;
	}
	crypto_hex_id(id);
	rec->path = arena_printf(a, "org-%lld/oneway/%lld-%d-%.16s.%s", org,
	    iv, n, id, rec->format);
	rec->abs = arena_printf(a, "%s/%s", env->rec.storage_dir, rec->path);
	rec->sent_format = rec->format;
	rec->encrypted = env->key != NULL;
	rec->bytes = (long long)len;
	crypto_hash_sha256(h, p, len);
	sodium_bin2hex(rec->sha256, sizeof(rec->sha256), h, sizeof(h));
	return filestore_commit(fd, tmp, rec->abs);
}

/*
 * The provider takes WebM and MP4 as they are (it reads their audio
 * track), so a video answer is transcribed without extracting anything.
 */
enum status
oneway_transcribe(struct arena *a, const struct oneway_env *env,
    struct provider *prov, const char *model, const char *language,
    const struct oneway_question *q, const char **text,
    struct oneway_stt_usage *u)
{
	struct stt_req	 rq;
	char		*m;
	size_t		 mlen;
	struct stt_res	 rs;
	enum status	 st;

	memset(u, 0, sizeof(*u));
	*text = NULL;
	if (prov == NULL)
		*text = ONEWAY_NOT_CONFIGURED;
	else if (q->bytes > STT_MAX_BYTES)
		*text = "not transcribed: larger than the transcriber's 25 MB";
	else if (recording_load(a, &env->rec, q->path, q->encrypted, &m,
	    &mlen) != ST_OK)
		*text = "not transcribed: the recording could not be read";
	if (*text != NULL)
		return ST_INVALID;
	memset(&rq, 0, sizeof(rq));
	rq.model = model;
	rq.data = m;
	rq.len = mlen;
	rq.filename = arena_printf(a, "answer.%s", q->format);
	rq.ctype = q->ctype;
	rq.language = language;
	st = provider_transcribe(a, prov, &rq, &rs);
	sodium_memzero(m, mlen);
	if (st != ST_OK) {
		log_warn("oneway: transcription failed: %s",
		    rs.error_code != NULL ? rs.error_code : "invalid");
		*text = "not transcribed: the transcription service did not"
		    " answer";
		return ST_UNAVAILABLE;
	}
	u->made = 1;
	u->input_tokens = rs.input_tokens;
	u->output_tokens = rs.output_tokens;
	u->seconds = rs.seconds;
	*text = *rs.text != '\0' ? rs.text : "(no words heard)";
	return ST_OK;
}

/* --- chunked uploads ------------------------------------------------------ */

static const char *
upload_dir(struct arena *a, const struct oneway_env *env, const char *id)
{
	return arena_printf(a, "%s/tmp/up-%s", env->rec.storage_dir, id);
}

enum status
oneway_upload_start(struct arena *a, struct db *db,
    const struct oneway_env *env, const struct interview *iv, int n,
    int chunks, long long bytes, const char *ctype, struct oneway_upload *u)
{
	const char	*p[7];
	struct db_res	*r;
	char		 id[33];
	int		 i;

	/* One upload in flight per interview: a new one ends the others. */
	p[0] = db_i64(a, iv->id);
	if (db_query(a, db, SQL("DELETE FROM oneway_uploads WHERE"
	    " interview_id = $1 RETURNING id"), p, 1, &r) == ST_OK)
		for (i = 0; i < db_rows(r); i++)
			chunks_remove(upload_dir(a, env, db_get(r, i, 0)));
	crypto_hex_id(id);
	memset(u, 0, sizeof(*u));
	u->id = arena_strdup(a, id);
	u->n = n;
	u->total_chunks = chunks;
	u->total_bytes = bytes;
	u->dir = upload_dir(a, env, id);
	p[0] = u->id;
	p[1] = db_i64(a, iv->org_id);
	p[2] = db_i64(a, iv->id);
	p[3] = db_i64(a, n);
	p[4] = db_i64(a, chunks);
	p[5] = db_i64(a, bytes);
	p[6] = ctype;
	return db_exec(a, db, SQL("INSERT INTO oneway_uploads (id, org_id,"
	    " interview_id, n, total_chunks, total_bytes, ctype)"
	    " VALUES ($1, $2, $3, $4, $5, $6, $7)"), p, 7, NULL);
}

enum status
oneway_upload_get(struct arena *a, struct db *db, const struct oneway_env *env,
    long long iv, const char *id, struct oneway_upload *u)
{
	const char	*p[] = { db_i64(a, iv), id };
	struct db_res	*r;
	enum status	 st;

	memset(u, 0, sizeof(*u));
	if (strlen(id) != 32 || strspn(id, "0123456789abcdef") != 32)
		return ST_NOTFOUND;
	st = db_query(a, db, SQL("SELECT id, n, total_chunks, total_bytes"
	    " FROM oneway_uploads WHERE interview_id = $1 AND id = $2"), p, 2,
	    &r);
	if (st != ST_OK)
		return st;
	if (db_rows(r) != 1)
		return ST_NOTFOUND;
	u->id = db_get(r, 0, 0);
	u->n = (int)db_int(r, 0, 1);
	u->total_chunks = (int)db_int(r, 0, 2);
	u->total_bytes = db_int(r, 0, 3);
	u->dir = upload_dir(a, env, u->id);
	return ST_OK;
}

void
oneway_upload_drop(struct arena *a, struct db *db, const struct oneway_upload *u)
{
	const char	*p[] = { u->id };

	(void)db_exec(a, db, SQL("DELETE FROM oneway_uploads WHERE id = $1"),
	    p, 1, NULL);
	chunks_remove(u->dir);
}

enum status
oneway_charge(struct arena *a, struct db *db, long long iv, const char *model,
    const struct oneway_stt_usage *u, long long cost)
{
	const char	*p[] = { db_i64(a, iv), db_i64(a, u->input_tokens),
			    db_i64(a, u->output_tokens), model, db_i64(a, cost) };

	if (!u->made)
		return ST_OK;
	/* Like the adaptive voice answers: cost, not the token budget. */
	return db_exec(a, db, SQL("WITH u AS (INSERT INTO usage (interview_id,"
	    " state, reserved, prompt_tokens, completion_tokens, model,"
	    " cost_micros, settled_at, budgeted) VALUES ($1, 'settled', 0, $2,"
	    " $3, $4, $5, now(), false)) UPDATE interviews SET cost_micros ="
	    " cost_micros + $5"
	    " WHERE id = $1"), p, 5, NULL);
}
