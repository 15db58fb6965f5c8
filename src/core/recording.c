/* recording.c: check, convert and store a recorded answer; its row in recordings. */
#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/recording.h"
#include "lib/audio.h"
#include "lib/crypto.h"
#include "lib/filestore.h"
#include "lib/log.h"
#include "lib/mp4.h"
#include "lib/sandbox.h"
#include "lib/seal.h"
#include "lib/webm.h"

#define ACCEPTED	"WebM or Ogg (Opus or Vorbis), MP4 (AAC or Opus), WAV," \
			" FLAC or MP3"
#define JUDGE_WAIT_MS	30000	/* decoding 25 MiB takes well under a second */

/* What is stored, by kind: kept as sent, or converted to WAV. */
static const struct {
	const char	*format;
	int		 keep;
} kinds[AUDIO__MAX] = {
	{ "wav",  0 },	/* AUDIO_WAV: kept when pcm16_mono */
	{ "ogg",  1 },	/* AUDIO_OGG */
	{ "flac", 1 },	/* AUDIO_FLAC */
	{ "mp3",  1 },	/* AUDIO_MP3 */
	{ "wav",  0 },	/* AUDIO_OTHER: the transcriber knows none */
};

/*
 * The MIME type of each stored format, for voice answers and one-way
 * takes alike; a container that can hold video has a type for each.
 */
static const struct {
	const char	*format;
	const char	*audio;
	const char	*video;		/* NULL: audio only */
} ctypes[] = {
	{ "wav",  "audio/wav",  NULL },
	{ "ogg",  "audio/ogg",  NULL },
	{ "flac", "audio/flac", NULL },
	{ "mp3",  "audio/mpeg", NULL },
	{ "webm", "audio/webm", "video/webm" },
	{ "mp4",  "audio/mp4",  "video/mp4" },
};

/*
 * WebM (what Chrome's MediaRecorder makes) and MP4 (Safari's) are not
 * libsndfile's: lib/webm and lib/mp4 walk them and they are kept as sent,
 * for the transcriber takes them so.
 */
static const char *const kept_formats[] = { NULL, "webm", "mp4" };

const char *
recording_limit_text(struct arena *a, const struct recording_env *env)
{
	int	m = env->max_seconds / 60, sec = env->max_seconds % 60;

	if (env->max_seconds < 120)
		return arena_printf(a, "%d second%s", env->max_seconds,
		    env->max_seconds == 1 ? "" : "s");
	/* 150 s is "2 minutes 30 seconds", not "2 minutes". */
	if (sec == 0)
		return arena_printf(a, "%d minutes", m);
	return arena_printf(a, "%d minutes %d second%s", m, sec,
	    sec == 1 ? "" : "s");
}

const char *
recording_duration_text(struct arena *a, long long ms)
{
	long long	 s = (ms + 500) / 1000;

	if (ms <= 0)
		return "";
	if (s == 0)
		return "less than 1 s";
	if (s < 60)
		return arena_printf(a, "%lld s", s);
	if (s % 60 == 0)
		return arena_printf(a, "%lld min", s / 60);
	return arena_printf(a, "%lld min %lld s", s / 60, s % 60);
}

const char *
recording_length_text(struct arena *a, const struct recording *rec)
{
	if (rec == NULL || rec->duration_ms <= 0)
		return "";
	return arena_printf(a, "%s%s", rec->duration_at_least ? "more than " :
	    "", recording_duration_text(a, rec->duration_ms));
}

const char *
recording_refusal_text(struct arena *a, const struct recording_env *env,
    enum recording_refusal why, const struct recording *rec)
{
	const char	*took;

	switch (why) {
	case RR_EMPTY:
		return "No recording arrived. Record your answer (or choose an"
		    " audio file) and send it again.";
	case RR_TOO_LARGE:
		return arena_printf(a, "The recording is too large: at most %ld"
		    " MB. Record a shorter answer, or type it.",
		    env->max_bytes >> 20);
	case RR_TOO_LONG:
		/* Both lengths, as a one-way take's: "too long" left a guess. */
		if (*(took = recording_length_text(a, rec)) != '\0')
			return arena_printf(a, "The recording is %s long,"
			    " longer than %s. Record a shorter answer, or type"
			    " it.", took, recording_limit_text(a, env));
		return arena_printf(a, "The recording is longer than %s."
		    " Record a shorter answer, or type it.",
		    recording_limit_text(a, env));
	case RR_CHANNELS:
		return "The recording has more than two channels. Record it"
		    " again with one microphone.";
	case RR_NO_SOUND:
		return "The recording has no sound. Record it again with your"
		    " microphone on, or type your answer.";
	case RR_CUT_SHORT:
		return RECORDING_CUT_SHORT_TEXT;
	case RR_VIDEO:
		return "That recording has video; a voice answer is sound only."
		    " Record it again with the microphone only, or type your"
		    " answer.";
	default:
		return "That file is not a recording we can read. Send " ACCEPTED
		    " audio, or type your answer.";
	}
}

/* The sound codecs the transcriber takes in each kept container. */
static int
transcribable(int kept, const char *codec)
{
	if (kept == KEPT_WEBM)
		return strcmp(codec, "A_OPUS") == 0 ||
		    strcmp(codec, "A_VORBIS") == 0;
	return strcmp(codec, "mp4a") == 0 || strcmp(codec, "Opus") == 0;
}

#define CODEC_LEN	32	/* room for either library's codec name */

/* WebM's probe, in the terms of an MP4's: ST_NOTFOUND for no sound track. */
static enum status
probe_webm(const void *p, size_t len, struct audio_info *ai,
    char codec[CODEC_LEN], const char **why)
{
	struct webm_info	 wi;
	enum status		 st;

	if ((st = webm_probe(p, len, &wi, why)) != ST_OK)
		return st;
	snprintf(codec, CODEC_LEN, "%s", wi.audio_codec);
	ai->channels = wi.channels;
	ai->samplerate = wi.samplerate;
	ai->duration_ms = wi.duration_ms;
	ai->video_tracks = wi.video_tracks;
	return wi.audio_tracks > 0 ? ST_OK : ST_NOTFOUND;
}

static enum status
probe_mp4(const void *p, size_t len, struct audio_info *ai,
    char codec[CODEC_LEN], const char **why)
{
	struct mp4_info		 mi;
	enum status		 st;

	if ((st = mp4_probe(p, len, MP4_NEED_AUDIO, &mi, why)) != ST_OK)
		return st;
	snprintf(codec, CODEC_LEN, "%s", mi.audio_codec);
	ai->channels = mi.channels;
	ai->samplerate = mi.samplerate;
	ai->duration_ms = mi.duration_ms;
	ai->video_tracks = mi.video_tracks;
	return ST_OK;
}

enum recording_refusal
recording_check_kept(const struct recording_env *env, const void *p,
    size_t len, int any_codec, int *kept, struct audio_info *ai)
{
	const char	*why = NULL;
	char		 codec[CODEC_LEN] = "";
	enum status	 st;

	memset(ai, 0, sizeof(*ai));
	ai->kind = AUDIO_OTHER;
	if (len >= 4 && memcmp(p, "\x1A\x45\xDF\xA3", 4) == 0)
		*kept = KEPT_WEBM;
	else if (len >= 8 && memcmp((const char *)p + 4, "ftyp", 4) == 0)
		*kept = KEPT_MP4;
	else {
		*kept = KEPT_NONE;
		return RR_NONE;
	}
	st = *kept == KEPT_WEBM ? probe_webm(p, len, ai, codec, &why) :
	    probe_mp4(p, len, ai, codec, &why);
	/*
	 * A voice answer goes to the transcriber as sent: its codecs only.
	 * One with no sound track at all, WebM as MP4, is said to have no
	 * sound (a camera's WebM with the microphone off was "not a recording
	 * we can read. Send WebM ...").
	 */
	if (!any_codec && st == ST_OK && !transcribable(*kept, codec)) {
		st = ST_INVALID;
		why = "no sound the transcriber takes in it";
	}
	if (st != ST_OK) {
		log_info("recording: a %s refused (%zu bytes): %s",
		    kept_formats[*kept], len, why != NULL ? why : "no sound");
		return st == ST_NOTFOUND ? RR_NO_SOUND : RR_UNREADABLE;
	}
	if (ai->duration_ms > (long long)env->max_seconds * 1000)
		return RR_TOO_LONG;
	if (ai->channels == 0)
		ai->channels = 1;	/* unsaid: mono */
	return ai->channels > 2 ? RR_CHANNELS : RR_NONE;
}

const char *
recording_kept_format(int kept)
{
	return kept_formats[kept];
}

/* Checks the upload; RR_NONE and *ai filled when it may be stored. */
static enum recording_refusal
check(const struct recording_env *env, const void *p, size_t len,
    struct audio_info *ai, int *kept)
{
	const char		*why;
	enum recording_refusal	 r;
	enum status		 st;

	*kept = KEPT_NONE;
	if (len == 0)
		return RR_EMPTY;
	if ((long long)len > env->max_bytes)
		return RR_TOO_LARGE;
	if ((r = recording_check_kept(env, p, len, 0, kept, ai)) != RR_NONE)
		return r;
	/* A voice answer is heard: pictures it never asked for are not kept. */
	if (*kept != KEPT_NONE)
		return ai->video_tracks > 0 ? RR_VIDEO : RR_NONE;
	st = audio_probe(p, len, (long long)env->max_seconds * 1000, ai, &why);
	if (st == ST_TOOLARGE)
		return RR_TOO_LONG;
	if (st != ST_OK) {
		log_info("recording: refused (%zu bytes): %s", len,
		    why != NULL ? why : "unreadable");
		return ai->cut_short ? RR_CUT_SHORT : RR_UNREADABLE;
	}
	return ai->channels > 2 ? RR_CHANNELS : RR_NONE;
}

/* The WAV made from p[0..len), in an anonymous file mapped at *out. */
static enum status
convert(const void *p, size_t len, void **out, size_t *olen)
{
	const char	*why;
	off_t		 end;
	int		 mfd;
	enum status	 st;

	if ((mfd = memfd_create("wav", MFD_CLOEXEC)) == -1)
		return ST_INTERNAL;
	if ((st = audio_write_wav16(p, len, mfd, &why)) != ST_OK)
		log_error("recording: conversion to WAV failed: %s",
		    why != NULL ? why : "?");
	else if ((end = lseek(mfd, 0, SEEK_END)) <= 0 ||
	    (*out = mmap(NULL, (size_t)end, PROT_READ, MAP_PRIVATE, mfd, 0)) ==
	    MAP_FAILED)
		st = ST_INTERNAL;
	else
		*olen = (size_t)end;
	close(mfd);
	return st;
}

/* What is stored: the bytes, their size and SHA-256; the verdict says them. */
static enum status
write_plain(const struct recording_env *env, int fd, const void *p,
    size_t len, unsigned char sha[crypto_hash_sha256_BYTES])
{
	crypto_hash_sha256(sha, p, len);
	if (env->key != NULL)
		return seal_write(env->key, p, len, fd);
	if (filestore_write(fd, p, len) == 0)
		return ST_OK;
	return filestore_write_status(errno);
}

/* Writes the upload, as sent or converted (sealed with a key), to fd. */
static enum status
write_body(const struct recording_env *env, int fd, const void *p,
    size_t len, int keep, long long *bytes,
    unsigned char sha[crypto_hash_sha256_BYTES])
{
	void		*w = NULL;
	size_t		 wlen = 0;
	enum status	 st;

	if (keep) {
		*bytes = (long long)len;
		return write_plain(env, fd, p, len, sha);
	}
	if ((st = convert(p, len, &w, &wlen)) != ST_OK)
		return st;
	*bytes = (long long)wlen;
	st = write_plain(env, fd, w, wlen, sha);
	munmap(w, wlen);
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
	int			 kept;		/* KEPT_*; ai.kind is AUDIO_OTHER then */
	long long		 bytes;		/* the recording as kept, unsealed */
	int			 err;		/* of a failed write */
	unsigned char		 sha[crypto_hash_sha256_BYTES];
};

/* In the child: check, then write the file as sent or converted. */
static void
judge(const struct recording_env *env, const void *p, size_t len, int fd,
    struct verdict *v)
{
	v->st = ST_OK;
	if ((v->why = check(env, p, len, &v->ai, &v->kept)) != RR_NONE ||
	    fd < 0)
		return;
	v->st = write_body(env, fd, p, len, v->kept != KEPT_NONE ||
	    kinds[v->ai.kind].keep || v->ai.pcm16_mono, &v->bytes, v->sha);
	/* The child cannot log it: its parent does. */
	v->err = v->st != ST_OK ? errno : 0;
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
 * with the child, and the pool process only hears a verdict.  The child
 * keeps only the pipe and the file it writes, and a seccomp allow-list
 * (lib/sandbox.c): taken over, it could reach neither the database nor
 * nginx, nor open anything.
 */
static enum status
judge_apart(const struct recording_env *env, const void *p, size_t len,
    int fd, struct verdict *v)
{
	int	 pfd[2], ok;
	pid_t	 pid;

	memset(v, 0, sizeof(*v));
	if (pipe2(pfd, O_CLOEXEC) == -1) {
		log_error("recording: cannot start the checker: %s",
		    strerror(errno));
		return ST_INTERNAL;
	}
	if ((pid = fork()) == -1) {
		log_error("recording: cannot start the checker: %s",
		    strerror(errno));
		/* A pool process lives long: its descriptors are not left open. */
		close(pfd[0]);
		close(pfd[1]);
		return ST_INTERNAL;
	}
	if (pid == 0) {
		int	keep[] = { pfd[1], fd };

		close(pfd[0]);
		/* Where the kernel has no seccomp, still apart, but not narrowed. */
		if (sandbox_child(keep, fd >= 0 ? 2 : 1) == -1)
			log_warn("recording: the checker runs without its"
			    " sandbox: %s", strerror(errno));
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
		st = filestore_write_status(errno);
		log_error("recording: cannot make %s: %s", dir, strerror(errno));
		return st;
	}
	if ((fd = filestore_temp_shared(a, arena_printf(a, "%s/tmp",
	    env->storage_dir), &tmp)) == -1)
		return filestore_write_status(errno);
	if ((st = judge_apart(env, p, len, fd, &v)) != ST_OK ||
	    (*why = v.why) != RR_NONE || (st = v.st) != ST_OK) {
		if (st != ST_OK && v.err != 0)
			log_error("recording: cannot store %zu bytes: %s", len,
			    strerror(v.err));
		filestore_abort(fd, tmp);
		if (*why == RR_TOO_LONG) {	/* said in the refusal */
			rec->duration_ms = v.ai.duration_ms;
			rec->duration_at_least = v.ai.at_least;
		}
		return *why != RR_NONE ? ST_INVALID : st;
	}
	rec->format = v.kept ? kept_formats[v.kept] : kinds[v.ai.kind].format;
	rec->ctype = recording_ctype(rec->format, 0);
	rec->sent_format = v.kept ? kept_formats[v.kept] :
	    audio_kind_str(v.ai.kind);	/* the child's pointer is not ours */
	rec->duration_ms = v.ai.duration_ms;
	rec->bytes = v.bytes;
	rec->encrypted = env->key != NULL;
	sodium_bin2hex(rec->sha256, sizeof(rec->sha256), v.sha, sizeof(v.sha));
	name(a, env, org, iv, n, rec);
	/*
	 * Kept only once its answer is recorded: a voice answer's
	 * transcription takes seconds, and a process killed meanwhile (a
	 * restart) left a file in the org's folder that no row named, so
	 * that no retention ever removed it.
	 */
	rec->tmp = tmp + strlen(env->storage_dir) + 1;
	rec->tmp_abs = tmp;
	rec->fd = fd;
	return ST_OK;
}

enum status
recording_keep(struct recording *rec)
{
	assert(rec->tmp != NULL);
	rec->tmp = NULL;
	return filestore_commit(rec->fd, rec->tmp_abs, rec->abs);
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
recording_discard(struct recording *rec)
{
	if (rec->tmp != NULL) {
		filestore_abort(rec->fd, rec->tmp_abs);
		rec->tmp = NULL;
		return;
	}
	if (rec->abs != NULL && unlink(rec->abs) == -1 && errno != ENOENT)
		log_warn("recording: cannot remove %s: %s", rec->abs,
		    strerror(errno));
}

enum status
recording_insert(struct arena *a, struct db *db, long long org, long long iv,
    int n, const struct recording *rec, const char *transcript)
{
	const char	*p[10];

	p[0] = db_i64(a, org);
	p[1] = db_i64(a, iv);
	p[2] = db_i64(a, n);
	p[3] = rec->path;
	p[4] = rec->format;
	p[5] = db_i64(a, rec->bytes);
	p[6] = db_i64(a, rec->duration_ms);
	p[7] = rec->sha256;
	p[8] = transcript;
	p[9] = rec->encrypted ? "t" : "f";
	return db_exec(a, db, SQL("INSERT INTO recordings (org_id,"
	    " interview_id, question_n, path, format, bytes, duration_ms,"
	    " checksum, transcript, encrypted) VALUES ($1, $2, $3, $4, $5, $6,"
	    " $7, $8, $9, $10)"), p, NITEMS(p), NULL);
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
recording_ctype(const char *format, int video)
{
	size_t	 i;

	for (i = 0; i < NITEMS(ctypes); i++)
		if (strcmp(ctypes[i].format, format) == 0)
			return video && ctypes[i].video != NULL ?
			    ctypes[i].video : ctypes[i].audio;
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
	    " duration_ms, coalesce(transcript, ''), encrypted FROM recordings"
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
		(*out)[i].encrypted = db_bool(r, (int)i, 6);
	}
	return ST_OK;
}

/*
 * Copies bytes [off, off + len) of a file not sealed (kept before a key
 * was set, or without one), stopping early at its end.
 */
static enum status
read_plain(int fd, long long off, long long len,
    int (*out)(void *, const void *, size_t), void *arg)
{
	char	 buf[65536];
	size_t	 want;
	ssize_t	 n = 0;

	while (len > 0) {
		want = len < (long long)sizeof(buf) ? (size_t)len : sizeof(buf);
		if ((n = pread(fd, buf, want, (off_t)off)) <= 0)
			break;
		if (out(arg, buf, (size_t)n) == -1)
			return ST_INTERNAL;
		off += n;
		len -= n;
	}
	return n >= 0 ? ST_OK : ST_INTERNAL;
}

enum status
recording_open(struct arena *a, const struct recording_env *env,
    const char *path, int encrypted, struct recording_file *f)
{
	struct stat	 sb;

	memset(f, 0, sizeof(*f));
	f->fd = -1;
	if (*path == '/' || strstr(path, "..") != NULL)
		return ST_NOTFOUND;
	f->abs = arena_printf(a, "%s/%s", env->storage_dir, path);
	f->encrypted = encrypted;
	if (encrypted && env->key == NULL) {
		log_error("recording: %s is sealed and no recording_key is set",
		    f->abs);
		return ST_UNAVAILABLE;
	}
	if ((f->fd = open(f->abs, O_RDONLY | O_CLOEXEC)) == -1) {
		log_error("recording: cannot open %s: %s", f->abs,
		    strerror(errno));
		return errno == ENOENT ? ST_NOTFOUND : ST_INTERNAL;
	}
	/*
	 * A sealed file's plain size follows from its size (lib/seal), so
	 * a range can be answered before anything is decrypted.  Not from
	 * recordings.bytes: what is promised is what this file will give.
	 */
	if (encrypted ? seal_plain_size(f->fd, &f->size) != ST_OK :
	    fstat(f->fd, &sb) == -1) {
		log_error("recording: %s: no size: cut short or altered",
		    f->abs);
		recording_close(f);
		return ST_INVALID;
	}
	if (!encrypted)
		f->size = (long long)sb.st_size;
	return ST_OK;
}

enum status
recording_stream(const struct recording_env *env,
    const struct recording_file *f, long long off, long long len,
    int (*out)(void *, const void *, size_t), void *arg)
{
	enum status	 st;

	if (!f->encrypted)
		return read_plain(f->fd, off, len, out, arg);
	if ((st = seal_read_range(env->key, f->fd, off, len, out, arg)) ==
	    ST_INVALID)
		log_error("recording: %s is cut short or altered", f->abs);
	return st;
}

void
recording_close(struct recording_file *f)
{
	if (f->fd != -1)
		close(f->fd);
	f->fd = -1;
}

enum status
recording_read(struct arena *a, const struct recording_env *env,
    const char *path, int encrypted,
    int (*out)(void *, const void *, size_t), void *arg)
{
	struct recording_file	 f;
	enum status		 st;

	if ((st = recording_open(a, env, path, encrypted, &f)) != ST_OK)
		return st;
	st = recording_stream(env, &f, 0, LLONG_MAX, out, arg);
	recording_close(&f);
	return st;
}

struct membuf {
	struct arena	*a;
	char		*p;
	size_t		 len, cap;
};

static int
collect(void *arg, const void *p, size_t n)
{
	struct membuf	*m = arg;
	char		*q;

	if (m->len + n > m->cap) {
		m->cap = (m->len + n) * 2;
		q = arena_alloc(m->a, m->cap);
		if (m->len > 0)
			memcpy(q, m->p, m->len);
		m->p = q;
	}
	memcpy(m->p + m->len, p, n);
	m->len += n;
	return 0;
}

enum status
recording_load(struct arena *a, const struct recording_env *env,
    const char *path, int encrypted, char **p, size_t *len)
{
	struct membuf	 m = { a, NULL, 0, 0 };
	enum status	 st;

	st = recording_read(a, env, path, encrypted, collect, &m);
	*p = m.p;
	*len = m.len;
	return st;
}
