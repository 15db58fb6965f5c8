/*
 * storage_test.c: a candidate's recording met by a full disk or a
 * file-size limit, on a real stack (nginx, viva.fcgi, PostgreSQL) with
 * tests/fakeai as the provider: the page says so in words (503, the form
 * still there), no half file is left, nothing is recorded, transcribed
 * or charged, the pool process lives on, and once there is room again
 * the same recording goes through; question speech is not cached cut
 * short; a one-way answer, sent whole or in chunks, is refused alike; a
 * process killed mid-answer leaves no recording that no row names; a
 * read-only disk is said as a full one, and so is nginx's upload disk.  The full disk is a small tmpfs
 * mounted over the storage folder, so those cases need root.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fakeai.h"
#include "flow.h"
#include "lib/status.h"

#define MAX_BYTES	(1024 * 1024)	/* VIVA_AUDIO_MAX_BYTES for this stack */
#define UNSTORED	"The server could not store your recording just now"
/* The pool's supervisor, whose forks inherit its limits, and its processes. */
#define POOL		"$(cat \"$VAR/run/viva-fcgi.pid\")" \
	" $(pgrep -P $(cat \"$VAR/run/viva-fcgi.pid\"))"

static struct account	a_int = { "Org A", "int@a.test", "interviewer", NULL };
static struct account *const accounts[] = { &a_int };
static int		 unstored;	/* 503s the tests asked for */

struct blob {
	char	*p;
	size_t	 len;
};

static void
le32(char *p, uint32_t v)
{
	p[0] = (char)(v & 0xff);
	p[1] = (char)(v >> 8 & 0xff);
	p[2] = (char)(v >> 16 & 0xff);
	p[3] = (char)(v >> 24 & 0xff);
}

/* ms milliseconds of a 16 kHz mono PCM16 WAV, a rising saw. */
static struct blob
wav(int ms)
{
	size_t		 n = (size_t)16 * (size_t)ms, i;
	struct blob	 b = { calloc(1, 44 + 2 * n), 44 + 2 * n };

	memcpy(b.p, "RIFF....WAVEfmt \x10\0\0\0\x01\0\x01\0"
	    "\x80\x3e\0\0\0\x7d\0\0\x02\0\x10\0data", 40);
	le32(b.p + 4, (uint32_t)(b.len - 8));
	le32(b.p + 40, (uint32_t)(2 * n));
	for (i = 0; i < n; i++) {
		b.p[44 + 2 * i] = (char)(i * 37 & 0xff);
		b.p[45 + 2 * i] = (char)((i / 8) % 64);
	}
	return b;
}

/* Files under the storage folder (recordings, speech, temporary files). */
static long long
stored_files(void)
{
	return stack_num(&S, "find \"$VAR/storage\" -type f | wc -l");
}

/* The storage folder on a tmpfs of kib KiB; 0 when mounted (root only). */
static int
disk_small(int kib)
{
	if (geteuid() != 0)
		return -1;
	return stack_sh(&S, "mount -t tmpfs -o size=%dk viva-full"
	    " \"$VAR/storage\"", kib);
}

/* The real storage folder back, whatever the test did. */
static int
disk_back(void **state)
{
	(void)state;
	(void)stack_sh(&S, "for d in \"$VAR/storage\" \"$VAR/nginx/upload\"; do"
	    " while mountpoint -q \"$d\"; do umount \"$d\" || break; done;"
	    " done");
	(void)stack_sh(&S, "for p in %s; do prlimit --pid $p"
	    " --fsize=unlimited:unlimited; done", POOL);
	return 0;
}

static int
group_setup(void **state)
{
	char	*v;

	(void)state;
	if (fakeai_start_as_provider("sk-storage-test") != 0)
		return -1;
	setenv("VIVA_AI_MODELS", "gpt-4o-mini", 1);
	setenv("VIVA_AI_TIMEOUT_MS", "3000", 1);
	v = fmt("%d", MAX_BYTES);
	setenv("VIVA_AUDIO_MAX_BYTES", v, 1);
	free(v);
	if (flow_start(accounts, NITEMS(accounts)) != 0)
		return -1;
	return seed_test_bank("qa-test");
}

static int
group_teardown(void **state)
{
	(void)disk_back(state);
	flow_stop(accounts, NITEMS(accounts));
	fakeai_stop();
	return 0;
}

/* A started adaptive interview offering voice, with the provider's model. */
static struct http *
voice_interview(const char *name, struct created *c, char **csrf)
{
	struct http	*h = signin(&a_int), *cand;

	create_adaptive(h, name, "&role=qa-test&model=gpt-4o-mini"
	    "&min_questions=4&max_questions=6&minutes=0&voice=1", c);
	http_free(h);
	cand = open_invite(c, csrf);
	post_ok(cand, "/c/start", *csrf, "", "/c");
	free(c->token);
	c->token = NULL;
	return cand;
}

static long
voice_post(struct http *h, const char *csrf, const struct blob *b,
    struct resp *r)
{
	const struct file_part	f = { csrf, 1, "audio", "answer.wav",
				    "audio/wav", b->p, b->len, NULL };

	return file_post(h, "/c/answer/voice", &f, r);
}

/*
 * The recording could not be stored: the page in words, the question and
 * its forms still there, and nothing of it anywhere.
 */
static void
refused_unstored(struct http *cand, const char *csrf, long long id,
    const struct blob *b)
{
	long long	 heard = fakeai_count("/v1/audio/transcriptions");
	long long	 files = stored_files();
	struct resp	 r;

	assert_int_equal(voice_post(cand, csrf, b, &r), 503);
	assert_has(&r, UNSTORED);
	assert_has(&r, "nothing was recorded or charged");
	assert_has(&r, "name=\"answer\"");
	assert_has(&r, "action=\"/c/answer/voice\"");
	resp_free(&r);
	unstored++;
	assert_int_equal(stored_files(), files);
	assert_int_equal(fakeai_count("/v1/audio/transcriptions"), heard);
	assert_int_equal(sql_num("SELECT count(*) FROM recordings WHERE"
	    " interview_id = %lld", id), 0);
	assert_int_equal(sql_num("SELECT count(*) FROM usage WHERE"
	    " interview_id = %lld", id), 0);
	assert_int_equal(sql_num("SELECT count(*) FROM interview_questions"
	    " WHERE interview_id = %lld AND answer IS NOT NULL", id), 0);
}

/* With room again, the same recording becomes the answer. */
static void
stored_after_all(struct http *cand, const char *csrf, long long id,
    const struct blob *b)
{
	struct resp	 r;

	assert_int_equal(voice_post(cand, csrf, b, &r), 303);
	resp_free(&r);
	assert_int_equal(sql_num("SELECT count(*) FROM recordings WHERE"
	    " interview_id = %lld", id), 1);
	assert_int_equal(sql_num("SELECT count(*) FROM interview_questions"
	    " WHERE interview_id = %lld AND n = 1 AND answer IS NOT NULL", id),
	    1);
}

static void
test_a_voice_answer_on_a_full_disk_is_refused_in_words(void **state)
{
	struct blob	 b = wav(10000);	/* 320 KB */
	struct created	 c;
	struct http	*cand;
	char		*csrf;

	(void)state;
	cand = voice_interview("Full", &c, &csrf);
	if (disk_small(64) != 0) {
		free(csrf);
		http_free(cand);
		free(b.p);
		skip();
	}
	refused_unstored(cand, csrf, c.id, &b);
	assert_int_equal(disk_back(NULL), 0);
	stored_after_all(cand, csrf, c.id, &b);
	free(b.p);
	free(csrf);
	http_free(cand);
}

/*
 * A file-size limit (ulimit -f, systemd's LimitFSIZE=) below the upload:
 * the write fails and the page says so, where the limit's signal killed
 * the checker and the candidate was told the file was unreadable.
 */
static void
test_a_file_size_limit_fails_the_write_not_the_process(void **state)
{
	struct blob	 b = wav(20000);	/* 640 KB */
	struct created	 c;
	struct http	*cand;
	long long	 limit;
	int		 before[8], after[8], n;
	char		*csrf;

	(void)state;
	cand = voice_interview("Limited", &c, &csrf);
	/* Above the log file the processes append to, below the upload. */
	limit = stack_num(&S, "stat -c %%s \"$VAR/log/viva-fcgi.log\"") +
	    128 * 1024;
	assert_true(limit < (long long)b.len);
	n = stack_fcgi_children(&S, before, 8);
	assert_int_equal(stack_sh(&S, "for p in %s; do prlimit --pid $p"
	    " --fsize=%lld:unlimited || exit 1; done", POOL, limit), 0);
	refused_unstored(cand, csrf, c.id, &b);
	assert_int_equal(stack_fcgi_children(&S, after, 8), n);
	assert_memory_equal(before, after, (size_t)n * sizeof(int));
	assert_int_equal(disk_back(NULL), 0);
	stored_after_all(cand, csrf, c.id, &b);
	free(b.p);
	free(csrf);
	http_free(cand);
}

/*
 * espeak-ng reads a question aloud (the offline evaluator) while the disk
 * is full: the page's player gets 503, and no sound cut short is kept in
 * the cache, where it was served from then on as the question whole.
 * With room again the whole question is read.
 */
static void
test_question_speech_on_a_full_disk_is_not_cached_cut_short(void **state)
{
	struct created	 c;
	struct http	*h = signin(&a_int), *cand;
	struct resp	 r;
	size_t		 cut;
	char		*csrf;

	(void)state;
	if (stack_sh(&S, "command -v espeak-ng >/dev/null") != 0 ||
	    geteuid() != 0) {
		http_free(h);
		skip();
	}
	create_adaptive(h, "Quiet", "&role=qa-test&model=builtin"
	    "&min_questions=4&max_questions=6&minutes=0&voice=1", &c);
	http_free(h);
	cand = open_invite(&c, &csrf);
	post_ok(cand, "/c/start", csrf, "", "/c");
	assert_int_equal(disk_small(32), 0);
	get(cand, "/c/question/1/audio", &r);
	assert_status(&r, 503);
	assert_has(&r, "could not be read aloud just now");
	resp_free(&r);
	unstored++;
	assert_int_equal(stack_num(&S, "find \"$VAR/storage/tts\" -type f"
	    " 2>/dev/null | wc -l"), 0);
	assert_int_equal(disk_back(NULL), 0);
	get(cand, "/c/question/1/audio", &r);
	assert_status(&r, 200);
	assert_memory_equal(r.body, "RIFF", 4);
	/* Whole: its header's sizes are the file's. */
	cut = (size_t)(unsigned char)r.body[4] |
	    (size_t)(unsigned char)r.body[5] << 8 |
	    (size_t)(unsigned char)r.body[6] << 16 |
	    (size_t)(unsigned char)r.body[7] << 24;
	assert_int_equal(cut, r.len - 8);
	assert_true(r.len > 32 * 1024);
	resp_free(&r);
	free(c.token);
	free(csrf);
	http_free(cand);
}

/* The pool process serving a request now (its only one waiting on the provider). */
static int
busy_process(void)
{
	return (int)stack_num(&S, "for p in $(pgrep -P $(cat"
	    " \"$VAR/run/viva-fcgi.pid\")); do grep -q poll_schedule"
	    " /proc/$p/wchan 2>/dev/null && echo $p; done | head -n 1");
}

/*
 * The pool process is killed (a restart, the OOM killer) while the
 * candidate's recording waits on its transcription: nothing is left in
 * the org's folder that no row names (retention would never remove it);
 * the temporary file is `viva jobs run`'s once a day old.
 */
static void
test_a_process_killed_mid_answer_leaves_no_recording_unnamed(void **state)
{
	struct blob	 b = wav(3000);
	struct created	 c;
	struct http	*cand;
	struct resp	 r;
	char		*csrf, *out;
	pid_t		 pid;
	int		 busy = 0, i;

	(void)state;
	cand = voice_interview("Cut off", &c, &csrf);
	free(fakeai_call("/_fake/script?queue=transcriptions",
	    "[{\"text\":\"I would write a unit test.\",\"gate\":true}]"));
	if ((pid = fork()) == 0)
		_exit(voice_post(http_twin(cand), csrf, &b, &r) == 502 ? 0 : 1);
	for (i = 0; i < 50 && (busy = busy_process()) == 0; i++)
		usleep(50 * 1000);
	assert_true(busy > 0);
	assert_int_equal(stack_num(&S, "for i in $(seq 50); do find"
	    " \"$VAR/storage/tmp\" -maxdepth 1 -type f | grep -q . && break;"
	    " sleep 0.05; done; find \"$VAR/storage/tmp\" -maxdepth 1 -type f"
	    " | wc -l"), 1);
	assert_int_equal(kill(busy, SIGKILL), 0);
	assert_int_equal(waitpid(pid, &i, 0), pid);
	assert_true(WIFEXITED(i) && WEXITSTATUS(i) == 0);	/* nginx's 502 */
	/* Nothing in the org's folders but what a row names. */
	assert_int_equal(stack_num(&S, "cd \"$VAR/storage\" && find org-* -type f"
	    " 2>/dev/null | wc -l"), sql_num("SELECT count(*) FROM recordings"));
	assert_int_equal(sql_num("SELECT count(*) FROM recordings WHERE"
	    " interview_id = %lld", c.id), 0);
	/* A day old, the temporary file goes with the next run. */
	out = stack_out(&S, ". scripts/stack.sh; \"$VIVA\" --config \"$CONF\""
	    " jobs run");
	assert_output_has(out, "; 0 temporary files a day old");
	free(out);
	assert_int_equal(stack_sh(&S, "find \"$VAR/storage/tmp\" -maxdepth 1"
	    " -type f -exec touch -d \"25 hours ago\" {} +"), 0);
	out = stack_out(&S, ". scripts/stack.sh; \"$VIVA\" --config \"$CONF\""
	    " jobs run");
	assert_output_has(out, "; 1 temporary files a day old");
	free(out);
	assert_int_equal(stack_num(&S, "find \"$VAR/storage/tmp\" -maxdepth 1"
	    " -type f | wc -l"), 0);
	free(b.p);
	free(csrf);
	http_free(cand);
}

/* --- one-way answers --------------------------------------------------- */

#define ONEWAY_UNSTORED	"The server could not store your recording just now"

static long
api(struct http *h, const char *csrf, const char *path, const char *ctype,
    const void *body, size_t len, struct resp *r)
{
	char		*hdr = fmt("X-CSRF-Token: %s", csrf);
	const char	*hdrs[] = { hdr, NULL };

	assert_int_equal(http_req(h, "POST", path, ctype, body, len, hdrs, r),
	    0);
	free(hdr);
	return r->status;
}

/* Starts a chunked upload of question 1 in chunks; its id (malloc'd). */
static char *
upload_start(struct http *h, const char *csrf, int chunks, size_t bytes)
{
	struct resp	 r;
	char		*form = fmt("n=1&chunks=%d&bytes=%zu&type=audio%%2Fwav",
			    chunks, bytes), *id;
	const char	*p;

	assert_int_equal(api(h, csrf, "/c/oneway/uploads",
	    "application/x-www-form-urlencoded", form, strlen(form), &r), 201);
	assert_non_null(p = strstr(r.body, "\"id\":\""));
	id = strndup(p + 6, 32);
	resp_free(&r);
	free(form);
	return id;
}

/* Sends chunk i of total, len bytes from p; the HTTP status. */
static long
chunk_send(struct http *h, const char *csrf, const char *id, int i, int total,
    const char *p, size_t len, struct resp *r)
{
	unsigned char	 sum[crypto_hash_sha256_BYTES];
	char		 hex[2 * sizeof(sum) + 1], *path;
	long		 code;

	crypto_hash_sha256(sum, (const unsigned char *)p, len);
	sodium_bin2hex(hex, sizeof(hex), sum, sizeof(sum));
	path = fmt("/c/oneway/uploads/%s/chunks/%d?total=%d&sha256=%s", id, i,
	    total, hex);
	code = api(h, csrf, path, "application/octet-stream", p, len, r);
	free(path);
	return code;
}

static long
finalize(struct http *h, const char *csrf, const char *id, struct resp *r)
{
	char	*path = fmt("/c/oneway/uploads/%s/finalize", id);
	long	 code = api(h, csrf, path, NULL, "", 0, r);

	free(path);
	return code;
}

/* Both halves of b as an upload's two chunks, each answered 200. */
static char *
both_chunks(struct http *cand, const char *csrf, const struct blob *b)
{
	char		*id = upload_start(cand, csrf, 2, b->len);
	struct resp	 r;

	assert_int_equal(chunk_send(cand, csrf, id, 0, 2, b->p, b->len / 2,
	    &r), 200);
	resp_free(&r);
	assert_int_equal(chunk_send(cand, csrf, id, 1, 2, b->p + b->len / 2,
	    b->len - b->len / 2, &r), 200);
	resp_free(&r);
	return id;
}

static long long
takes(long long id)
{
	return sql_num("SELECT count(*) FROM recordings WHERE interview_id ="
	    " %lld", id);
}

/*
 * A one-way answer meets a full disk, sent by the form (no JavaScript),
 * as a chunk, and assembled at the end under a file-size limit: each is
 * told in words with 503, where each was a bare 500, and nothing is kept.
 */
static void
test_a_one_way_answer_on_a_full_disk_is_refused_in_words(void **state)
{
	const struct blob	 b = wav(10000);	/* 320 KB */
	struct http		*h = signin(&a_int), *cand;
	struct created		 c;
	struct resp		 r;
	char			*csrf, *id, *body;
	const char		*q;
	long long		 files, limit;

	(void)state;
	if (geteuid() != 0) {
		http_free(h);
		free(b.p);
		skip();
	}
	body = fmt("csrf=%s&candidate_name=Out+Of+Room&candidate_email="
	    "o%%40x.test&media=audio&answer_seconds=60&prep_seconds=20"
	    "&max_attempts=3&expiry_days=7&action=create&questions=Tell+us"
	    "+about+a+bug+you+fixed.", q = csrf_of(h, "/admin/oneway/new"));
	post(h, "/admin/oneway", body, &r);
	assert_status(&r, 200);
	c.token = strndup(strstr(r.body, "/i/") + 3, 43);
	c.id = sql_num("SELECT id FROM interviews ORDER BY id DESC LIMIT 1");
	resp_free(&r);
	free(body);
	free((char *)q);
	http_free(h);
	cand = open_invite(&c, &csrf);
	post_ok(cand, "/c/start", csrf, "", "/c");

	assert_int_equal(disk_small(64), 0);
	{
		const struct file_part	f = { csrf, 1, "media", "answer.wav",
					    "audio/wav", b.p, b.len, NULL };

		assert_int_equal(file_post(cand, "/c/oneway/answer", &f, &r),
		    503);
	}
	assert_has(&r, ONEWAY_UNSTORED);
	assert_has(&r, "action=\"/c/oneway/answer\"");
	resp_free(&r);
	unstored++;
	id = upload_start(cand, csrf, 2, b.len);
	assert_int_equal(chunk_send(cand, csrf, id, 0, 2, b.p, b.len / 2, &r),
	    503);
	assert_has(&r, "\"code\":\"unavailable\"");
	assert_has(&r, ONEWAY_UNSTORED);
	resp_free(&r);
	unstored++;
	assert_int_equal(stored_files(), 0);
	assert_int_equal(takes(c.id), 0);
	assert_int_equal(disk_back(NULL), 0);
	free(id);

	/* Room again, but a file-size limit between a chunk and the whole. */
	files = stored_files();
	id = both_chunks(cand, csrf, &b);
	limit = stack_num(&S, "stat -c %%s \"$VAR/log/viva-fcgi.log\"") +
	    b.len / 2 + 16 * 1024;
	assert_true(limit < (long long)b.len);
	assert_int_equal(stack_sh(&S, "for p in %s; do prlimit --pid $p"
	    " --fsize=%lld:unlimited || exit 1; done", POOL, limit), 0);
	assert_int_equal(finalize(cand, csrf, id, &r), 503);
	assert_has(&r, "\"code\":\"unavailable\"");
	assert_has(&r, ONEWAY_UNSTORED);
	resp_free(&r);
	unstored++;
	assert_int_equal(stored_files(), files);
	assert_int_equal(takes(c.id), 0);
	assert_int_equal(disk_back(NULL), 0);
	free(id);

	id = both_chunks(cand, csrf, &b);
	assert_int_equal(finalize(cand, csrf, id, &r), 201);
	assert_has(&r, "\"attempt\":1");
	resp_free(&r);
	assert_int_equal(takes(c.id), 1);
	free(id);
	free(b.p);
	free(c.token);
	free(csrf);
	http_free(cand);
}

/*
 * The storage disk turned read-only (as a file system remounted after
 * errors): a voice answer, and a one-way answer by the form and by a
 * chunk, are each told in words, as on a full disk, where each got a
 * bare 500.
 */
static void
test_a_read_only_disk_is_said_as_a_full_one(void **state)
{
	const struct blob	 b = wav(2000);
	struct http		*h = signin(&a_int), *cand;
	struct created		 c;
	struct resp		 r;
	char			*csrf, *id, *body;
	const char		*q;

	(void)state;
	if (geteuid() != 0) {
		http_free(h);
		free(b.p);
		skip();
	}
	cand = voice_interview("Read only", &c, &csrf);
	assert_int_equal(stack_sh(&S, "mount -t tmpfs -o size=64k,ro"
	    " viva-ro \"$VAR/storage\""), 0);
	refused_unstored(cand, csrf, c.id, &b);
	assert_int_equal(disk_back(NULL), 0);
	free(csrf);
	http_free(cand);

	body = fmt("csrf=%s&candidate_name=Read+Only&candidate_email="
	    "o%%40x.test&media=audio&answer_seconds=60&prep_seconds=20"
	    "&max_attempts=3&expiry_days=7&action=create&questions=Tell+us"
	    "+about+a+bug+you+fixed.", q = csrf_of(h, "/admin/oneway/new"));
	post(h, "/admin/oneway", body, &r);
	assert_status(&r, 200);
	c.token = strndup(strstr(r.body, "/i/") + 3, 43);
	c.id = sql_num("SELECT id FROM interviews ORDER BY id DESC LIMIT 1");
	resp_free(&r);
	free(body);
	free((char *)q);
	http_free(h);
	cand = open_invite(&c, &csrf);
	post_ok(cand, "/c/start", csrf, "", "/c");
	id = upload_start(cand, csrf, 2, b.len);
	assert_int_equal(stack_sh(&S, "mount -t tmpfs -o size=64k,ro"
	    " viva-ro \"$VAR/storage\""), 0);
	{
		const struct file_part	f = { csrf, 1, "media", "answer.wav",
					    "audio/wav", b.p, b.len, NULL };

		assert_int_equal(file_post(cand, "/c/oneway/answer", &f, &r),
		    503);
	}
	assert_has(&r, ONEWAY_UNSTORED);
	resp_free(&r);
	unstored++;
	assert_int_equal(chunk_send(cand, csrf, id, 0, 2, b.p, b.len / 2, &r),
	    503);
	assert_has(&r, ONEWAY_UNSTORED);
	resp_free(&r);
	unstored++;
	assert_int_equal(disk_back(NULL), 0);
	assert_int_equal(takes(c.id), 0);
	free(id);
	free(b.p);
	free(c.token);
	free(csrf);
	http_free(cand);
}

/*
 * nginx's own disk for uploads is full: the voice answer and the one-way
 * answer sent by the form get the candidate's page with the app's words
 * (nginx's error_page to @upload_failed), where nginx sent its bare
 * "500 Internal Server Error".
 */
static void
test_an_upload_nginx_cannot_write_is_said_in_words(void **state)
{
	const struct blob	 b = wav(10000);
	struct created		 c;
	struct http		*cand;
	struct resp		 r;
	char			*csrf;

	(void)state;
	if (geteuid() != 0) {
		free(b.p);
		skip();
	}
	cand = voice_interview("Nginx full", &c, &csrf);
	assert_int_equal(stack_sh(&S, "mkdir -p \"$VAR/nginx/upload\" &&"
	    " mount -t tmpfs -o size=64k,mode=0700 viva-full"
	    " \"$VAR/nginx/upload\""), 0);
	assert_int_equal(voice_post(cand, csrf, &b, &r), 503);
	assert_has(&r, UNSTORED);
	assert_has(&r, "name=\"answer\"");
	assert_has(&r, "action=\"/c/answer/voice\"");
	resp_free(&r);
	unstored++;
	assert_int_equal(sql_num("SELECT count(*) FROM recordings WHERE"
	    " interview_id = %lld", c.id), 0);
	assert_int_equal(disk_back(NULL), 0);
	stored_after_all(cand, csrf, c.id, &b);
	free(b.p);
	free(csrf);
	http_free(cand);
}

/* As flow.c's check, but the 503s the tests asked for are expected. */
static void
test_no_request_failed_but_the_refused_ones(void **state)
{
	char	*out;

	(void)state;
	out = stack_out(&S, "grep -e status.:5 -e Sanitizer -e \"runtime error\""
	    " -e \"checker died\" -e \"without its sandbox\""
	    " \"$VAR/log/viva-fcgi.log\" | grep -v -c"
	    " -e \"route.:.POST /c/answer/voice.,.status.:503\""
	    " -e \"route.:.GET /c/question/:n/audio.,.status.:503\""
	    " -e \"route.:.POST /c/oneway/[a-z/:]*.,.status.:503\"");
	if (atoi(out) != 0) {
		free(out);
		out = stack_out(&S, "grep -e status.:5 -e Sanitizer -e"
		    " \"runtime error\" -e \"checker died\" -e \"without its"
		    " sandbox\" -A3 \"$VAR/log/viva-fcgi.log\" | head -n 60");
		fail_msg("viva-fcgi.log:\n%s", out);
	}
	free(out);
	assert_int_equal(stack_num(&S, "grep -c status.:503"
	    " \"$VAR/log/viva-fcgi.log\""), unstored);
	/* Each says why in the log. */
	assert_int_equal(stack_num(&S, "grep -c -e \"recording: cannot store\""
	    " -e \"speech: write: No space\" -e \"oneway: cannot write\""
	    " -e \"chunks: write\" -e \"chunks: cannot assemble\""
	    " -e \"cannot make .*Read-only\" -e \"nginx could not write\""
	    " \"$VAR/log/viva-fcgi.log\""),
	    unstored);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_a_voice_answer_on_a_full_disk_is_refused_in_words,
		    disk_back),
		cmocka_unit_test_teardown(test_a_file_size_limit_fails_the_write_not_the_process,
		    disk_back),
		cmocka_unit_test(test_a_process_killed_mid_answer_leaves_no_recording_unnamed),
		cmocka_unit_test_teardown(test_question_speech_on_a_full_disk_is_not_cached_cut_short,
		    disk_back),
		cmocka_unit_test_teardown(test_a_one_way_answer_on_a_full_disk_is_refused_in_words,
		    disk_back),
		cmocka_unit_test_teardown(test_a_read_only_disk_is_said_as_a_full_one,
		    disk_back),
		cmocka_unit_test_teardown(test_an_upload_nginx_cannot_write_is_said_in_words,
		    disk_back),
		cmocka_unit_test(test_no_request_failed_but_the_refused_ones),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
