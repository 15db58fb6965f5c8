/* recording.c: check, convert and store a recorded answer; its row in recordings. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/recording.h"
#include "lib/audio.h"
#include "lib/crypto.h"
#include "lib/filestore.h"
#include "lib/log.h"

#define ACCEPTED	"Ogg (Opus or Vorbis), WAV, FLAC or MP3"
#define JUDGE_WAIT_MS	30000	/* decoding 25 MiB takes well under a second */

/* What is stored, by kind: kept as sent, or converted to WAV. */
static const struct {
	const char	*format;
	const char	*ctype;
	int		 keep;
} kinds[AUDIO__MAX] = {
	{ "wav",  "audio/wav",  0 },	/* AUDIO_WAV: kept when pcm16_mono */
	{ "ogg",  "audio/ogg",  1 },	/* AUDIO_OGG */
	{ "flac", "audio/flac", 1 },	/* AUDIO_FLAC */
	{ "mp3",  "audio/mpeg", 1 },	/* AUDIO_MP3 */
	{ "wav",  "audio/wav",  0 },	/* AUDIO_OTHER: the transcriber knows none */
};

const char *
recording_limit_text(struct arena *a, const struct recording_env *env)
{
	if (env->max_seconds < 120)
		return arena_printf(a, "%d seconds", env->max_seconds);
	return arena_printf(a, "%d minutes", env->max_seconds / 60);
}

const char *
recording_refusal_text(struct arena *a, const struct recording_env *env,
    enum recording_refusal why)
{
	switch (why) {
	case RR_EMPTY:
		return "No recording arrived. Record your answer (or choose an"
		    " audio file) and send it again.";
	case RR_TOO_LARGE:
		return arena_printf(a, "The recording is too large: at most %ld"
		    " MB. Record a shorter answer, or type it.",
		    env->max_bytes >> 20);
	case RR_TOO_LONG:
		return arena_printf(a, "The recording is longer than %s."
		    " Record a shorter answer, or type it.",
		    recording_limit_text(a, env));
	case RR_CHANNELS:
		return "The recording has more than two channels. Record it"
		    " again with one microphone.";
	default:
		return "That file is not a recording we can read. Send " ACCEPTED
		    " audio (WebM and MP4 recordings cannot be read here), or"
		    " type your answer.";
	}
}

/* Checks the upload; RR_NONE and *ai filled when it may be stored. */
static enum recording_refusal
check(const struct recording_env *env, const void *p, size_t len,
    struct audio_info *ai)
{
	const char	*why;
	enum status	 st;

	if (len == 0)
		return RR_EMPTY;
	if ((long long)len > env->max_bytes)
		return RR_TOO_LARGE;
	st = audio_probe(p, len, (long long)env->max_seconds * 1000, ai, &why);
	if (st == ST_TOOLARGE)
		return RR_TOO_LONG;
	if (st != ST_OK) {
		log_info("recording: refused (%zu bytes): %s", len,
		    why != NULL ? why : "unreadable");
		return RR_UNREADABLE;
	}
	return ai->channels > 2 ? RR_CHANNELS : RR_NONE;
}

/* SHA-256 of the file as stored, and its size; -1 on a read error. */
static int
digest(const char *path, char hex[65], long long *bytes)
{
	crypto_hash_sha256_state	 h;
	unsigned char			 buf[65536], out[crypto_hash_sha256_BYTES];
	ssize_t				 n;
	int				 fd;

	if ((fd = open(path, O_RDONLY)) == -1)
		return -1;
	crypto_hash_sha256_init(&h);
	*bytes = 0;
	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		crypto_hash_sha256_update(&h, buf, (unsigned long long)n);
		*bytes += n;
	}
	close(fd);
	if (n < 0)
		return -1;
	crypto_hash_sha256_final(&h, out);
	sodium_bin2hex(hex, 65, out, sizeof(out));
	return 0;
}

/* Writes the upload, as sent or converted, to fd. */
static enum status
write_body(int fd, const void *p, size_t len, int keep)
{
	const char	*why;
	enum status	 st;

	if (keep) {
		if (filestore_write(fd, p, len) == 0)
			return ST_OK;
		log_error("recording: write: %s", strerror(errno));
		return ST_INTERNAL;
	}
	if ((st = audio_write_wav16(p, len, fd, &why)) != ST_OK)
		log_error("recording: conversion to WAV failed: %s",
		    why != NULL ? why : "?");
	return st;
}

/* Names the file: interview, question, and random bits (never guessed). */
static void
name(struct arena *a, const struct recording_env *env, long long org,
    long long iv, int n, struct recording *rec)
{
	char	 id[33];

	crypto_hex_id(id);
	rec->path = arena_printf(a, "org-%lld/audio/%lld-%d-%.16s.%s", org, iv,
	    n, id, rec->format);
	rec->abs = arena_printf(a, "%s/%s", env->storage_dir, rec->path);
}

/* What the child that reads the upload reports to its parent. */
struct verdict {
	enum recording_refusal	 why;
	enum status		 st;
	struct audio_info	 ai;
};

/* In the child: check, then write the file as sent or converted. */
static void
judge(const struct recording_env *env, const void *p, size_t len, int fd,
    struct verdict *v)
{
	v->st = ST_OK;
	if ((v->why = check(env, p, len, &v->ai)) != RR_NONE || fd < 0)
		return;
	v->st = write_body(fd, p, len, kinds[v->ai.kind].keep ||
	    v->ai.pcm16_mono);
}

/* Reads the child's verdict, waiting at most JUDGE_WAIT_MS; -1 if none came. */
static int
verdict_read(int rfd, struct verdict *v)
{
	struct pollfd	 pf = { rfd, POLLIN, 0 };
	char		*b = (char *)v;
	size_t		 got = 0;
	ssize_t		 n;

	while (got < sizeof(*v)) {
		if (poll(&pf, 1, JUDGE_WAIT_MS) <= 0)
			return -1;
		if ((n = read(rfd, b + got, sizeof(*v) - got)) <= 0) {
			if (n == -1 && errno == EINTR)
				continue;
			return -1;
		}
		got += (size_t)n;
	}
	return 0;
}

/*
 * libsndfile parses untrusted bytes: it does so in a child process
 * (STYLE.md section 10), so that a crash, a leak or a hang in it ends
 * with the child, and the pool process only hears a verdict.
 */
static enum status
judge_apart(const struct recording_env *env, const void *p, size_t len,
    int fd, struct verdict *v)
{
	int	 pfd[2], ok;
	pid_t	 pid;

	memset(v, 0, sizeof(*v));
	if (pipe2(pfd, O_CLOEXEC) == -1 || (pid = fork()) == -1) {
		log_error("recording: cannot start the checker: %s",
		    strerror(errno));
		return ST_INTERNAL;
	}
	if (pid == 0) {
		close(pfd[0]);
		judge(env, p, len, fd, v);
		(void)filestore_write(pfd[1], v, sizeof(*v));
		_exit(0);	/* not exit(): the parent's database link stays its own */
	}
	close(pfd[1]);
	ok = verdict_read(pfd[0], v) == 0;
	close(pfd[0]);
	if (!ok)
		kill(pid, SIGKILL);
	while (waitpid(pid, NULL, 0) == -1 && errno == EINTR)
		;
	if (!ok) {
		log_warn("recording: the checker died or hung on %zu bytes", len);
		v->why = RR_UNREADABLE;
	}
	return ST_OK;
}

enum status
recording_save(struct arena *a, const struct recording_env *env,
    long long org, long long iv, int n, const void *p, size_t len,
    struct recording *rec, enum recording_refusal *why)
{
	struct verdict	 v;
	char		*tmp, *dir;
	int		 fd;
	enum status	 st;

	memset(rec, 0, sizeof(*rec));
	*why = len == 0 ? RR_EMPTY : (long long)len > env->max_bytes ?
	    RR_TOO_LARGE : RR_NONE;
	if (*why != RR_NONE)
		return ST_INVALID;
	dir = arena_printf(a, "%s/org-%lld/audio", env->storage_dir, org);
	if (filestore_mkdirs(dir) == -1) {
		log_error("recording: cannot make %s: %s", dir, strerror(errno));
		return ST_INTERNAL;
	}
	if ((fd = filestore_temp(a, arena_printf(a, "%s/tmp",
	    env->storage_dir), &tmp)) == -1)
		return ST_INTERNAL;
	if ((st = judge_apart(env, p, len, fd, &v)) != ST_OK ||
	    (*why = v.why) != RR_NONE || (st = v.st) != ST_OK) {
		filestore_abort(fd, tmp);
		return *why != RR_NONE ? ST_INVALID : st;
	}
	rec->format = kinds[v.ai.kind].format;
	rec->ctype = kinds[v.ai.kind].ctype;
	rec->sent_format = v.ai.name;
	rec->duration_ms = v.ai.duration_ms;
	name(a, env, org, iv, n, rec);
	if ((st = filestore_commit(fd, tmp, rec->abs)) != ST_OK)
		return st;
	if (digest(rec->abs, rec->sha256, &rec->bytes) != 0) {
		log_error("recording: cannot read back %s", rec->abs);
		recording_discard(rec);
		return ST_INTERNAL;
	}
	return ST_OK;
}

enum status
recording_probe(const struct recording_env *env, const void *p, size_t len,
    struct audio_info *ai, enum recording_refusal *why)
{
	struct verdict	 v;
	enum status	 st;

	if ((st = judge_apart(env, p, len, -1, &v)) != ST_OK)
		return st;
	*ai = v.ai;
	ai->name = audio_kind_str(v.ai.kind);	/* the child's pointer is not ours */
	return (*why = v.why) == RR_NONE ? ST_OK : ST_INVALID;
}

void
recording_discard(const struct recording *rec)
{
	if (rec->abs != NULL && unlink(rec->abs) == -1 && errno != ENOENT)
		log_warn("recording: cannot remove %s: %s", rec->abs,
		    strerror(errno));
}

enum status
recording_insert(struct arena *a, struct db *db, long long org, long long iv,
    int n, const struct recording *rec, const char *transcript)
{
	const char	*p[9];

	p[0] = db_i64(a, org);
	p[1] = db_i64(a, iv);
	p[2] = db_i64(a, n);
	p[3] = rec->path;
	p[4] = rec->format;
	p[5] = db_i64(a, rec->bytes);
	p[6] = db_i64(a, rec->duration_ms);
	p[7] = rec->sha256;
	p[8] = transcript;
	return db_exec(a, db, SQL("INSERT INTO recordings (org_id,"
	    " interview_id, question_n, path, format, bytes, duration_ms,"
	    " checksum, transcript) VALUES ($1, $2, $3, $4, $5, $6, $7, $8,"
	    " $9)"), p, NITEMS(p), NULL);
}

enum status
recording_answered(struct arena *a, struct db *db, long long iv, int max,
    unsigned char **out)
{
	const char	*p[1] = { db_i64(a, iv) };
	struct db_res	*r;
	long long	 n;
	int		 i;
	enum status	 st;

	*out = arena_calloc(a, (size_t)max + 1, 1);
	st = db_query(a, db, SQL("SELECT question_n FROM recordings"
	    " WHERE interview_id = $1"), p, 1, &r);
	if (st != ST_OK)
		return st;
	for (i = 0; i < db_rows(r); i++)
		if ((n = db_int(r, i, 0)) >= 1 && n <= max)
			(*out)[n] = 1;
	return ST_OK;
}

const char *
recording_ctype(const char *format)
{
	size_t	 i;

	for (i = 0; i < NITEMS(kinds); i++)
		if (strcmp(kinds[i].format, format) == 0)
			return kinds[i].ctype;
	return "application/octet-stream";
}

enum status
recording_list(struct arena *a, struct db *db, long long org, long long iv,
    struct recording_row **out, size_t *n)
{
	const char	*p[2] = { db_i64(a, org), db_i64(a, iv) };
	struct db_res	*r;
	size_t		 i;
	enum status	 st;

	*out = NULL;
	*n = 0;
	st = db_query(a, db, SQL("SELECT question_n, path, format, bytes,"
	    " duration_ms, coalesce(transcript, '') FROM recordings"
	    " WHERE org_id = $1 AND interview_id = $2"
	    " ORDER BY question_n, attempt"), p, 2, &r);
	if (st != ST_OK)
		return st;
	*n = (size_t)db_rows(r);
	*out = arena_calloc(a, *n + 1, sizeof(**out));
	for (i = 0; i < *n; i++) {
		(*out)[i].n = (int)db_int(r, (int)i, 0);
		(*out)[i].path = db_get(r, (int)i, 1);
		(*out)[i].format = db_get(r, (int)i, 2);
		(*out)[i].bytes = db_int(r, (int)i, 3);
		(*out)[i].duration_ms = db_int(r, (int)i, 4);
		(*out)[i].transcript = db_get(r, (int)i, 5);
	}
	return ST_OK;
}
