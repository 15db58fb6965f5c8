/*
 * oneway_test.c: one-way recorded interviews on a real stack (nginx
 * writing single-request uploads to disk, viva.fcgi, PostgreSQL), with no
 * AI provider: the form with its errors; a candidate answering every
 * question (one answer in a single request, one in chunks sent out of
 * order with a repeat and resumed after a cut, one taken twice); every
 * refusal (corrupt, oversized, wrong type, bad checksum) in words with no
 * file left behind; an MP4 take walked for its length, and an MP4 header
 * over garbage refused; the stored file encrypted and the interviewer
 * getting the exact bytes back, another org a 404; byte ranges of a sealed
 * take (206, 416, the whole file for what is ignored) and of a plain one
 * (nginx); ratings and the recommendation
 * in the exports; a second reviewer's scorecard beside the first one's,
 * each filled in their own form, both in the page, the timeline, the
 * exports, the API and the list; retention deleting the recordings and
 * the transcripts, the reviewers' ratings and notes kept.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <fcntl.h>
#include <math.h>
#include <sndfile.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "flow.h"
#include "lib/status.h"
#include "../old_seal.h"

#define MAX_BYTES	(256 * 1024)	/* VIVA_ONEWAY_MAX_BYTES for this stack */
/* The reason a take submitted with no provider has as its transcript. */
#define NOT_CONFIGURED	"not transcribed: no speech-to-text provider was configured"

static struct account	a_int = { "Org A", "int@a.test", "interviewer", NULL };
static struct account	b_int = { "Org B", "int@b.test", "interviewer", NULL };
/* The second reviewer of Org A, and its API token. */
static struct account	a_adm = { "Org A", "adm@a.test", "admin", NULL };
static struct account *const accounts[] = { &a_int, &b_int, &a_adm };
static long long	 done_id;	/* the interview answered in full */

struct blob {
	char	*p;
	size_t	 len;
};

/* A mono WAV tone of ms milliseconds at rate, its samples coded as sub. */
static struct blob
wav_as(int ms, int rate, int sub)
{
	char		 path[] = "/tmp/viva-oneway-it.XXXXXX";
	long		 n = (long)rate * ms / 1000, i;
	short		*f = calloc((size_t)n, sizeof(short));
	SF_INFO		 info = { 0 };
	SNDFILE		*sf;
	struct blob	 b;
	int		 fd;

	for (i = 0; i < n; i++)
		f[i] = (short)(9000 * sinf(2 * 3.14159f * 440 * (float)i / (float)rate));
	assert_true((fd = mkstemp(path)) >= 0);
	info.samplerate = rate;
	info.channels = 1;
	info.format = SF_FORMAT_WAV | sub;
	assert_non_null(sf = sf_open_fd(fd, SFM_WRITE, &info, 1));
	assert_int_equal(sf_writef_short(sf, f, n), n);
	sf_close(sf);
	free(f);
	b.p = slurp(path, &b.len);
	unlink(path);
	return b;
}

/* A mono 16-bit WAV tone of ms milliseconds (kept as sent by the server). */
static struct blob
wav(int ms)
{
	return wav_as(ms, 16000, SF_FORMAT_PCM_16);
}

/* The single-request (no JavaScript) answer: multipart csrf, n, media. */
static long
media_post(struct http *h, const char *csrf, int n, const char *filename,
    const char *ctype, const void *p, size_t len, struct resp *r)
{
	const struct file_part	f = { csrf, n, "media", filename, ctype, p, len,
				    NULL };

	return file_post(h, "/c/oneway/answer", &f, r);
}

static char *
sha256_hex(const void *p, size_t len)
{
	unsigned char	 h[32];
	char		*hex = malloc(65);

	crypto_hash_sha256(h, p, len);
	sodium_bin2hex(hex, 65, h, 32);
	return hex;
}

/* A JSON request with the page's token in X-CSRF-Token. */
static long
api(struct http *h, const char *csrf, const char *method, const char *path,
    const char *ctype, const void *body, size_t len, struct resp *r)
{
	char		*hdr = fmt("X-CSRF-Token: %s", csrf);
	const char	*hdrs[] = { hdr, NULL };

	assert_int_equal(http_req(h, method, path, ctype, body, len, hdrs, r), 0);
	free(hdr);
	return r->status;
}

/* Starts a chunked upload of question n; returns its id (malloc'd). */
static char *
upload_start(struct http *h, const char *csrf, int n, int chunks, size_t bytes)
{
	struct resp	 r;
	char		*form = fmt("n=%d&chunks=%d&bytes=%zu&type=audio%%2Fwav", n,
			    chunks, bytes), *id;
	const char	*p;

	assert_int_equal(api(h, csrf, "POST", "/c/oneway/uploads",
	    "application/x-www-form-urlencoded", form, strlen(form), &r), 201);
	assert_non_null(p = strstr(r.body, "\"id\":\""));
	id = strndup(p + 6, 32);
	resp_free(&r);
	free(form);
	return id;
}

/* Sends chunk i (bytes off..off+len of b); returns the HTTP status. */
static long
chunk_send(struct http *h, const char *csrf, const char *id, int i, int total,
    const struct blob *b, size_t off, size_t len, const char *sum,
    struct resp *r)
{
	char	*hex = sum != NULL ? strdup(sum) : sha256_hex(b->p + off, len);
	char	*path = fmt("/c/oneway/uploads/%s/chunks/%d?total=%d&sha256=%s",
		    id, i, total, hex);
	long	 code = api(h, csrf, "POST", path, "application/octet-stream",
		    b->p + off, len, r);

	free(path);
	free(hex);
	return code;
}

/* Entries under $VAR/storage/sub matching the find(1) test what. */
static long long
files_in(const char *sub, const char *what)
{
	char		*out = stack_out(&S, "mkdir -p \"$VAR/storage/%s\"; find"
			    " \"$VAR/storage/%s\" -mindepth 1 %s | wc -l", sub, sub,
			    what);
	long long	 n = atoll(out);

	free(out);
	return n;
}

/* Stored one-way answers, and anything left in the temporary folder. */
#define STORED()	files_in("", "-path '*/oneway/*' -type f")
#define LEFT_IN_TMP()	files_in("tmp", "")

static int
group_setup(void **state)
{
	char	*v = fmt("%d", MAX_BYTES);

	(void)state;
	unsetenv("VIVA_AI_BASE_URL");
	setenv("VIVA_ONEWAY_MAX_BYTES", v, 1);
	free(v);
	return flow_start(accounts, NITEMS(accounts));
}

/*
 * Creates a one-way interview through the form, answers of at most
 * answer_s; extra after the fixed fields.
 */
static void
create_oneway_for(struct http *h, int answer_s, const char *extra,
    struct created *c)
{
	create_form(h, "oneway", c, "candidate_name=Rec+Order&candidate_email="
	    "r%%40x.test&media=audio&answer_seconds=%d&prep_seconds=20"
	    "&max_attempts=2&expiry_days=7&action=create%s", answer_s, extra);
	assert_int_equal(sql_num("SELECT count(*) FROM events WHERE"
	    " interview_id = %lld AND type = 'interview_created'"
	    " AND detail->>'kind' = 'oneway'", c->id), 1);
}

/* The same with answers of at most 60 seconds. */
static void
create_oneway(struct http *h, const char *extra, struct created *c)
{
	create_oneway_for(h, 60, extra, c);
}

/*
 * The create form sent twice makes one interview; the second answer leads
 * to it.  Its "filter" (the bank shown again) keeps the form's id.
 */
static void
test_the_form_sent_twice_makes_one_interview(void **state)
{
	struct http	*h = signin(&a_int);
	char		*where;
	long long	 before = sql_num("SELECT count(*) FROM interviews");
	struct resp	 first, r;

	(void)state;
	free(form_sent_twice(h, "/admin/oneway/new", "/admin/oneway",
	    "candidate_name=Twice&candidate_email=twice%40x.test&media=audio"
	    "&answer_seconds=60&prep_seconds=20&max_attempts=2&expiry_days=7"
	    "&questions=Why%3F&action=filter", 200,
	    "candidate_name=Twice&candidate_email=twice%40x.test&media=audio"
	    "&answer_seconds=60&prep_seconds=20&max_attempts=2&expiry_days=7"
	    "&questions=Why%3F&action=create", &first, &r));
	assert_status(&first, 200);
	assert_has(&first, "shown only once");
	resp_free(&first);
	assert_redirect(&r, where = fmt("/admin/interviews/%lld"
	    "?done=created-twice#invite",
	    sql_num("SELECT max(id) FROM interviews")));
	resp_free(&r);
	get(h, where, &r);
	assert_has(&r, "the interview was created once");
	resp_free(&r);
	assert_int_equal(sql_num("SELECT count(*) FROM interviews"),
	    before + 1);
	assert_int_equal(sql_num("SELECT count(*) FROM oneway_questions"
	    " WHERE interview_id = (SELECT max(id) FROM interviews)"), 1);
	free(where);
	http_free(h);
}

static void
test_oneway_form_marks_errors_and_keeps_values(void **state)
{
	struct http	*h = signin(&a_int);
	struct resp	 r;
	char		*csrf = csrf_of(h, "/admin/oneway/new"), *body;

	(void)state;
	get(h, "/admin/oneway/new?x=1", &r);
	assert_has(&r, "name=\"bank_q\"");
	/* The server's limit on a take (audio_max_seconds, 300), not 3600. */
	assert_has(&r, "Longest answer (seconds, 10–300)");
	resp_free(&r);
	body = fmt("csrf=%s&candidate_name=Kim&candidate_email=k%%40x.test"
	    "&media=audio&answer_seconds=400&prep_seconds=20&max_attempts=3"
	    "&expiry_days=7&questions=Why%%3F&action=create", csrf);
	post(h, "/admin/oneway", body, &r);
	assert_status(&r, 400);
	assert_marked(&r, "answer_seconds");
	assert_unmarked(&r, "questions");
	assert_has(&r, "This server takes answers of at most 300 seconds");
	assert_has(&r, "value=\"400\"");
	resp_free(&r);
	free(body);
	/* A bank question reads as text, as in the bank's list, not as marks. */
	body = fmt("csrf=%s&candidate_name=&candidate_email=k%%40x.test"
	    "&media=audio&answer_seconds=60&prep_seconds=20&max_attempts=3"
	    "&expiry_days=7&role=react&q=props&action=filter", csrf);
	post(h, "/admin/oneway", body, &r);
	assert_status(&r, 200);
	assert_has(&r, "What is the difference between props and state in a"
	    " React component?</label>");
	assert_lacks(&r, "**props**");
	resp_free(&r);
	free(body);
	body = fmt("csrf=%s&candidate_name=&candidate_email=k%%40x.test"
	    "&media=video&answer_seconds=5&prep_seconds=20&max_attempts=3"
	    "&expiry_days=7&questions=&action=create", csrf);
	post(h, "/admin/oneway", body, &r);
	assert_status(&r, 400);
	assert_marked(&r, "candidate_name");
	assert_marked(&r, "answer_seconds");
	/* The missing questions too, in the same round. */
	assert_marked(&r, "questions");
	assert_has(&r, "Tick questions from the bank or write at least one.");
	assert_has(&r, "value=\"k@x.test\"");
	assert_has(&r, "value=\"video\" selected");
	resp_free(&r);
	free(body);
	body = fmt("csrf=%s&candidate_name=Kim&candidate_email=k%%40x.test"
	    "&media=audio&answer_seconds=60&prep_seconds=20&max_attempts=3"
	    "&expiry_days=7&questions=+%%0D%%0A&action=create", csrf);
	post(h, "/admin/oneway", body, &r);
	assert_status(&r, 400);
	assert_marked(&r, "questions");
	assert_has(&r, "Tick questions from the bank or write at least one.");
	assert_has(&r, "value=\"Kim\"");
	resp_free(&r);
	free(body);
	/* A preparation time out of range is not left in the text. */
	body = fmt("csrf=%s&candidate_name=Kim&candidate_email=k%%40x.test"
	    "&media=audio&answer_seconds=60&prep_seconds=20&max_attempts=3"
	    "&expiry_days=7&questions=First.%%0D%%0A%%5B9999%%5D+Why+us%%3F"
	    "&action=create", csrf);
	post(h, "/admin/oneway", body, &r);
	assert_status(&r, 400);
	assert_marked(&r, "questions");
	assert_has(&r, "Written question 2 asks for a preparation time outside"
	    " 0 to 600 seconds; give it 0 to 600 in its [ ].");
	assert_has(&r, "[9999] Why us?");
	resp_free(&r);
	free(body);
	/* Nor is a negative one, nor a time with no question after it. */
	body = fmt("csrf=%s&candidate_name=Kim&candidate_email=k%%40x.test"
	    "&media=audio&answer_seconds=60&prep_seconds=20&max_attempts=3"
	    "&expiry_days=7&questions=%%5B-5%%5D+Why%%3F&action=create", csrf);
	post(h, "/admin/oneway", body, &r);
	assert_status(&r, 400);
	assert_has(&r, "Written question 1 asks for a preparation time outside");
	resp_free(&r);
	free(body);
	body = fmt("csrf=%s&candidate_name=Kim&candidate_email=k%%40x.test"
	    "&media=audio&answer_seconds=60&prep_seconds=20&max_attempts=3"
	    "&expiry_days=7&questions=First.%%0D%%0A%%5B30%%5D%%0D%%0AThird."
	    "&action=create", csrf);
	post(h, "/admin/oneway", body, &r);
	assert_status(&r, 400);
	assert_has(&r, "Written question 2 has a preparation time in [ ] but no"
	    " question after it.");
	resp_free(&r);
	free(body);
	/*
	 * Every problem in one round, each beside its field: the answer
	 * limit, and every written line's, the text kept to fix.
	 */
	body = fmt("csrf=%s&candidate_name=Kim&candidate_email=k%%40x.test"
	    "&media=audio&answer_seconds=400&prep_seconds=20&max_attempts=3"
	    "&expiry_days=7&questions=%%5B700%%5D+Too+long+prep%%0D%%0A%%5B30%%5D"
	    "%%0D%%0ANormal+question&action=create", csrf);
	post(h, "/admin/oneway", body, &r);
	assert_status(&r, 400);
	assert_marked(&r, "answer_seconds");
	assert_has(&r, "This server takes answers of at most 300 seconds");
	assert_marked(&r, "questions");
	assert_has(&r, "Written question 1 asks for a preparation time outside"
	    " 0 to 600 seconds; give it 0 to 600 in its [ ]. Written question 2"
	    " has a preparation time in [ ] but no question after it.");
	assert_lacks(&r, "Written question 3");
	assert_has(&r, "[700] Too long prep");
	assert_has(&r, "Normal question</textarea>");
	assert_has(&r, "value=\"400\"");
	resp_free(&r);
	free(body);
	/* And with the table's own errors: those stay as the table put them. */
	body = fmt("csrf=%s&candidate_name=&candidate_email=nope"
	    "&media=audio&answer_seconds=60&prep_seconds=20&max_attempts=3"
	    "&expiry_days=7&questions=%%5B700%%5D+A%%0D%%0A%%5B-1%%5D+B"
	    "&action=create", csrf);
	post(h, "/admin/oneway", body, &r);
	assert_status(&r, 400);
	assert_marked(&r, "candidate_name");
	assert_marked(&r, "candidate_email");
	assert_unmarked(&r, "answer_seconds");
	assert_has(&r, "Written question 1 asks for a preparation time outside");
	assert_has(&r, "Written question 2 asks for a preparation time outside");
	resp_free(&r);
	free(body);
	free(csrf);
	http_free(h);
}

/* Ticked bank questions follow the written ones; another org's, or none, is refused. */
static void
test_oneway_form_takes_its_orgs_bank_questions(void **state)
{
	struct http	*h = signin(&a_int);
	struct resp	 r;
	struct created	 c;
	struct http	*cand;
	char		*csrf = csrf_of(h, "/admin/oneway/new"), *body, *extra;
	char		*ccsrf;
	long long	 shipped, theirs, before;
	char		*bad[2];
	size_t		 i;

	(void)state;
	shipped = sql_num("SELECT min(id) FROM questions WHERE org_id IS NULL"
	    " AND archived_at IS NULL");
	theirs = sql_num("INSERT INTO questions (org_id, role, skill_area,"
	    " category, difficulty, body_md) SELECT org_id, 'python', 'general',"
	    " 'behavioral', 'warmup', 'Only Org B asks this.' FROM users"
	    " WHERE email = '%s' RETURNING id", b_int.email);
	/* A filter that no longer matches a ticked question keeps it ticked. */
	body = fmt("csrf=%s&candidate_name=Kim&candidate_email=k%%40x.test"
	    "&media=audio&answer_seconds=60&prep_seconds=20&max_attempts=3"
	    "&expiry_days=7&bank_q=%lld&q=nothing+matches+this&action=filter",
	    csrf, shipped);
	post(h, "/admin/oneway", body, &r);
	assert_status(&r, 200);
	extra = fmt("name=\"bank_q\" value=\"%lld\" checked>", shipped);
	assert_has(&r, extra);
	resp_free(&r);
	free(body);
	/* And so does a refusal of another field. */
	body = fmt("csrf=%s&candidate_name=Kim&candidate_email=nope"
	    "&media=audio&answer_seconds=60&prep_seconds=20&max_attempts=3"
	    "&expiry_days=7&bank_q=%lld&q=nothing+matches+this&action=create",
	    csrf, shipped);
	post(h, "/admin/oneway", body, &r);
	assert_status(&r, 400);
	assert_marked(&r, "candidate_email");
	assert_has(&r, extra);
	resp_free(&r);
	free(body);
	free(extra);
	/*
	 * The form has the written box above the bank's list: the candidate
	 * is asked in that order, and the review page numbers them so.
	 */
	get(h, "/admin/oneway/new", &r);
	assert_true(strstr(r.body, "id=\"questions\"") <
	    strstr(r.body, "name=\"bank_q\""));
	assert_has(&r, "Tick the bank questions to ask (after your own"
	    " questions above, in this order)");
	resp_free(&r);
	extra = fmt("&bank_q=%lld&questions=Written+first.", shipped);
	create_oneway(h, extra, &c);
	assert_int_equal(sql_num("SELECT count(*) FROM oneway_questions WHERE"
	    " interview_id = %lld AND ((n = 1 AND body = 'Written first.') OR"
	    " (n = 2 AND question_id = %lld))", c.id, shipped), 2);
	free(extra);
	cand = open_invite(&c, &ccsrf);
	post_ok(cand, "/c/start", ccsrf, "", "/c");
	get(cand, "/c", &r);
	assert_has(&r, "Question 1 of 2");
	assert_has(&r, "<p>Written first.</p>");
	resp_free(&r);
	http_free(cand);
	free(ccsrf);
	extra = fmt("/admin/interviews/%lld", c.id);
	get(h, extra, &r);
	assert_non_null(strstr(r.body, "Written first."));
	assert_true(strstr(r.body, "id=\"answer-1\"") <
	    strstr(r.body, "Written first.") && strstr(r.body,
	    "Written first.") < strstr(r.body, "id=\"answer-2\""));
	resp_free(&r);
	free(extra);
	free(c.token);
	before = sql_num("SELECT count(*) FROM interviews");
	bad[0] = fmt("%lld", theirs);
	bad[1] = strdup("999999999");
	for (i = 0; i < NITEMS(bad); i++) {
		body = fmt("csrf=%s&candidate_name=Kim&candidate_email=k%%40x.test"
		    "&media=audio&answer_seconds=60&prep_seconds=20"
		    "&max_attempts=3&expiry_days=7&bank_q=%s&questions=Mine."
		    "&action=create", csrf, bad[i]);
		post(h, "/admin/oneway", body, &r);
		assert_status(&r, 400);
		assert_marked(&r, "questions");
		assert_has(&r, "not in your organisation&#39;s bank.");
		resp_free(&r);
		free(body);
	}
	assert_int_equal(sql_num("SELECT count(*) FROM interviews"), before);
	/* An archived question is named, not asked. */
	sql_do("UPDATE questions SET archived_at = now() WHERE id = %lld",
	    theirs);
	sql_do("UPDATE questions SET org_id = (SELECT org_id FROM users WHERE"
	    " email = '%s') WHERE id = %lld", a_int.email, theirs);
	body = fmt("csrf=%s&candidate_name=Kim&candidate_email=k%%40x.test"
	    "&media=audio&answer_seconds=60&prep_seconds=20&max_attempts=3"
	    "&expiry_days=7&bank_q=%lld&questions=Mine.&action=create", csrf,
	    theirs);
	post(h, "/admin/oneway", body, &r);
	assert_status(&r, 400);
	extra = fmt("Question %lld is archived; restore it in the bank", theirs);
	assert_has(&r, extra);
	assert_has(&r, "Kim");	/* the rest kept */
	resp_free(&r);
	free(extra);
	free(body);
	/* A written question over 4000 characters (é is two bytes: 2001 fit). */
	extra = calloc(1, 2001 * 6 + 4001 + 64);
	strcpy(extra, "First.%0A");
	for (i = 0; i < 2001; i++)
		strcat(extra, "%C3%A9");
	strcat(extra, "%0A");
	for (i = 0; i < 4001; i++)
		strcat(extra, "x");
	body = fmt("csrf=%s&candidate_name=Kim&candidate_email=k%%40x.test"
	    "&media=audio&answer_seconds=60&prep_seconds=20&max_attempts=3"
	    "&expiry_days=7&questions=%s&action=create", csrf, extra);
	post(h, "/admin/oneway", body, &r);
	assert_status(&r, 400);
	assert_marked(&r, "questions");
	assert_has(&r, "Written question 3 is longer than 4000 characters;"
	    " shorten it.");
	assert_has(&r, "xxxxxxxxxx");	/* the text kept to shorten */
	resp_free(&r);
	free(body);
	free(extra);
	assert_int_equal(sql_num("SELECT count(*) FROM interviews"), before);
	free(bad[0]);
	free(bad[1]);
	free(csrf);
	http_free(h);
}

/* The take of question n is playable by the candidate, byte for byte. */
static void
take_is(struct http *cand, int n, const struct blob *b)
{
	struct resp	 r;
	char		*path = fmt("/c/oneway/takes/%d", n), *ct;

	get(cand, path, &r);
	assert_status(&r, 200);
	assert_string_equal(ct = resp_header(&r, "Content-Type"), "audio/wav");
	assert_int_equal(r.len, b->len);
	assert_memory_equal(r.body, b->p, b->len);
	free(ct);
	resp_free(&r);
	free(path);
}

static void
submit(struct http *cand, const char *csrf, int n, int attempt)
{
	char	*form = fmt("n=%d&attempt=%d", n, attempt);

	post_ok(cand, "/c/oneway/submit", csrf, form, "/c");
	free(form);
}

/* Question 2 in four chunks: shuffled, one repeated, two lost, then resumed. */
static void
answer_in_chunks(struct http *cand, const char *csrf, const struct blob *b)
{
	size_t		 q = b->len / 4, off[4], len[4];
	struct resp	 r;
	char		*id, *path;
	int		 i;

	for (i = 0; i < 4; i++) {
		off[i] = q * (size_t)i;
		len[i] = i == 3 ? b->len - off[i] : q;
	}
	id = upload_start(cand, csrf, 2, 4, b->len);
	assert_int_equal(chunk_send(cand, csrf, id, 2, 4, b, off[2], len[2],
	    NULL, &r), 200);
	resp_free(&r);
	assert_int_equal(chunk_send(cand, csrf, id, 0, 4, b, off[0], len[0],
	    NULL, &r), 200);
	resp_free(&r);
	assert_int_equal(chunk_send(cand, csrf, id, 2, 4, b, off[2], len[2],
	    NULL, &r), 200);
	assert_has(&r, "\"received\":[0,2]");
	resp_free(&r);
	/* The connection dropped here: the status says what is missing. */
	path = fmt("/c/oneway/uploads/%s", id);
	get(cand, path, &r);
	assert_status(&r, 200);
	assert_has(&r, "\"missing\":[1,3]");
	resp_free(&r);
	free(path);
	path = fmt("/c/oneway/uploads/%s/finalize", id);
	assert_int_equal(api(cand, csrf, "POST", path, NULL, "", 0, &r), 409);
	assert_has(&r, "\"missing\":[1,3]");
	resp_free(&r);
	assert_int_equal(STORED(), 1);
	assert_int_equal(chunk_send(cand, csrf, id, 3, 4, b, off[3], len[3],
	    NULL, &r), 200);
	resp_free(&r);
	assert_int_equal(chunk_send(cand, csrf, id, 1, 4, b, off[1], len[1],
	    NULL, &r), 200);
	resp_free(&r);
	assert_int_equal(api(cand, csrf, "POST", path, NULL, "", 0, &r), 201);
	assert_has(&r, "\"attempt\":1");
	resp_free(&r);
	free(path);
	free(id);
}

/* The interview's last activity an hour ago, as if the candidate had left. */
static void
idle(long long id)
{
	sql_do("UPDATE interviews SET last_activity_at = now() - interval"
	    " '1 hour' WHERE id = %lld", id);
}

/* Whether the list's "Last activity" says the candidate acted just now. */
static int
active_now(long long id)
{
	return sql_num("SELECT count(*) FROM interviews WHERE id = %lld AND"
	    " last_activity_at > now() - interval '1 minute'", id) == 1;
}

static void
test_oneway_candidate_answers_every_question(void **state)
{
	struct blob	 w1 = wav(500), w2 = wav(900), w3 = wav(300), w3b = wav(400);
	struct http	*h = signin(&a_int), *cand;
	struct created	 c;
	struct resp	 r;
	char		*csrf, *s;

	(void)state;
	create_oneway(h, "&questions=Tell+us+about+a+bug+you+fixed.%0D%0A"
	    "%5B+45+%5D+Why+this+role%3F%0D%0A%5B0%5D+What+did+you+learn+last+year%3F",
	    &c);
	assert_int_equal(sql_num("SELECT prep_s FROM oneway_questions WHERE"
	    " interview_id = %lld AND n = 2", c.id), 45);
	cand = open_invite(&c, &csrf);
	/* Its device check offers no typed answers: it takes none. */
	get(cand, "/c/check", &r);
	assert_has(&r, "answer by uploading a recording.</p>");
	assert_lacks(&r, "typing");
	resp_free(&r);
	get(cand, "/c", &r);
	assert_has(&r, "3 questions</strong>");
	/* The way to the device check, before anything is recorded. */
	assert_has(&r, "<li id=\"check-link\">Before you start, <a href="
	    "\"/c/check\">check your microphone and speakers</a>.</li>");
	/* No transcriber configured here: no transcripts promised. */
	/* An audio interview's recordings are listened to, not watched. */
	assert_has(&r, "your recordings are stored encrypted and listened to"
	    " by the interviewer.");
	assert_has(&r, "your recording and record it again before you submit"
	    " it: up to <strong>2 recordings</strong> per question.");
	/* Recording starts by itself once preparation is over: said first. */
	assert_has(&r, "<strong>When that time is over, recording starts by"
	    " itself</strong> (you can also start sooner)");
	resp_free(&r);
	/* With no time to prepare anywhere, nothing to warn of. */
	sql_do("UPDATE oneway_questions SET prep_s = 0 WHERE interview_id ="
	    " %lld", c.id);
	get(cand, "/c", &r);
	assert_has(&r, "3 questions</strong>");
	assert_lacks(&r, "recording starts by itself");
	resp_free(&r);
	sql_do("UPDATE oneway_questions SET prep_s = (ARRAY[20, 45, 0])[n]"
	    " WHERE interview_id = %lld", c.id);
	/* Nothing is taken before consent. */
	assert_int_equal(media_post(cand, csrf, 1, "a.wav", "audio/wav", w1.p,
	    w1.len, &r), 409);
	assert_has(&r, "Start the interview first: nothing was recorded.");
	resp_free(&r);
	post_ok(cand, "/c/start", csrf, "", "/c");
	assert_int_equal(sql_num("SELECT count(*) FROM interviews WHERE id = %lld"
	    " AND consent_at IS NOT NULL", c.id), 1);
	get(cand, "/c", &r);
	assert_has(&r, "Question 1 of 3");
	/* Said once, under the title; the card is headed by what it holds. */
	assert_null(strstr(strstr(r.body, "Question 1 of 3") + 1,
	    "Question 1 of 3"));
	assert_has(&r, "<h2>The question</h2>");
	assert_has(&r, "Take up to 20 seconds to prepare, then answer in at"
	    " most 60 seconds. Attempts left for this question: 2 of 2.");
	/* A day from the start, as the consent said; not a clock time. */
	assert_has(&r, "You have 23 h 5");
	assert_has(&r, " min left to submit every answer;");
	assert_has(&r, "accept=\"audio/*\" capture");
	assert_has(&r, "Audio only: Ogg, WAV, FLAC or MP3, or WebM or MP4 with"
	    " sound only");
	assert_has(&r, "src=\"/c/question/1/audio\"");
	/* A browser that plays no audio (a text browser) can download it. */
	assert_has(&r, "<a href=\"/c/question/1/audio\">");
	assert_has(&r, "/static/oneway.js");
	resp_free(&r);
	/* The next question is not heard before its turn, nor by an alias. */
	get(cand, "/c/question/2/audio", &r);
	assert_status(&r, 404);
	resp_free(&r);
	get(cand, "/c/question/4294967297/audio", &r);
	assert_status(&r, 404);
	resp_free(&r);
	/* 1: one request, the no-JavaScript path. */
	idle(c.id);
	assert_int_equal(media_post(cand, csrf, 1, "a.wav", "audio/wav", w1.p,
	    w1.len, &r), 303);
	resp_free(&r);
	assert_true(active_now(c.id));
	get(cand, "/c", &r);
	assert_has(&r, "Your recording (attempt 1)");
	assert_has(&r, "/c/oneway/takes/1?attempt=1");
	/* Heard before it is submitted, in a browser that plays no audio too. */
	assert_has(&r, "<a href=\"/c/oneway/takes/1?attempt=1\">Download"
	    " recording 1</a>");
	resp_free(&r);
	take_is(cand, 1, &w1);
	idle(c.id);
	submit(cand, csrf, 1, 1);
	assert_true(active_now(c.id));
	/* Leaving and coming back: the page resumes at question 2. */
	http_free(cand);
	free(csrf);
	cand = open_invite(&c, &csrf);
	get(cand, "/c", &r);
	assert_has(&r, "Question 2 of 3");
	assert_has(&r, "Take up to 45 seconds");
	resp_free(&r);
	answer_in_chunks(cand, csrf, &w2);
	take_is(cand, 2, &w2);
	submit(cand, csrf, 2, 1);
	/* No time to prepare: the page does not offer "up to 0 seconds". */
	get(cand, "/c", &r);
	assert_has(&r, "Answer in at most 60 seconds.");
	assert_lacks(&r, "Take up to 0 seconds");
	resp_free(&r);
	/* 3: taken twice; the second is the one submitted; no third. */
	assert_int_equal(media_post(cand, csrf, 3, "c.wav", "audio/wav", w3.p,
	    w3.len, &r), 303);
	resp_free(&r);
	assert_int_equal(media_post(cand, csrf, 3, "c.wav", "audio/wav", w3b.p,
	    w3b.len, &r), 303);
	resp_free(&r);
	take_is(cand, 3, &w3b);
	assert_int_equal(media_post(cand, csrf, 3, "c.wav", "audio/wav", w3.p,
	    w3.len, &r), 409);
	assert_has(&r, "No attempts are left for this question");
	resp_free(&r);
	/* A stale submit (question 1 again) changes nothing, and says so. */
	post(cand, "/c/oneway/submit", s = fmt("csrf=%s&n=1&attempt=1", csrf),
	    &r);
	free(s);
	assert_status(&r, 303);
	assert_string_equal(s = resp_header(&r, "Location"), "/c?stale=submitted");
	free(s);
	resp_free(&r);
	get(cand, "/c?stale=submitted", &r);
	assert_has(&r, "That answer was submitted already.");
	resp_free(&r);
	/* Nor does one of a take never made. */
	post(cand, "/c/oneway/submit", s = fmt("csrf=%s&n=3&attempt=3", csrf),
	    &r);
	free(s);
	assert_status(&r, 400);
	assert_has(&r, "That recording is not one of yours for this question");
	resp_free(&r);
	submit(cand, csrf, 3, 2);
	get(cand, "/c", &r);
	assert_has(&r, "All your answers are submitted.");
	resp_free(&r);
	/* A recording sent again from an old page (the back button). */
	assert_int_equal(media_post(cand, csrf, 3, "a.wav", "audio/wav", w1.p,
	    w1.len, &r), 409);
	assert_has(&r, "Your answers were already submitted, so this recording"
	    " was not added.");
	assert_lacks(&r, "is not running");
	resp_free(&r);
	assert_string_equal(s = sql_str("SELECT status || ' ' || end_reason FROM"
	    " interviews WHERE id = %lld", c.id), "completed answered");
	free(s);
	/* Not transcribed, and not 'done': a provider configured later can. */
	assert_string_equal(s = sql_str("SELECT string_agg(transcript_state"
	    " || ' ' || transcript, '|') FROM recordings r JOIN"
	    " oneway_questions q ON q.interview_id = r.interview_id AND q.n ="
	    " r.question_n AND q.submitted = r.attempt WHERE r.interview_id ="
	    " %lld", c.id),
	    "failed " NOT_CONFIGURED "|failed " NOT_CONFIGURED "|failed "
	    NOT_CONFIGURED);
	free(s);
	assert_int_equal(STORED(), 4);
	assert_int_equal(LEFT_IN_TMP(), 0);
	done_id = c.id;
	free(w1.p);
	free(w2.p);
	free(w3.p);
	free(w3b.p);
	free(csrf);
	free(c.token);
	http_free(cand);
	http_free(h);
}

/*
 * With several takes the candidate hears each and submits the one they
 * choose, not only the latest; the interviewer hears that one and is told
 * which it was.
 */
static void
test_oneway_the_candidate_submits_the_take_they_choose(void **state)
{
	struct blob	 better = wav(1500), worse = wav(400);
	struct http	*h = signin(&a_int), *cand;
	struct created	 c;
	struct resp	 r;
	char		*csrf, *path, *ct;

	(void)state;
	create_oneway(h, "&questions=Why+us%3F", &c);
	cand = open_invite(&c, &csrf);
	post_ok(cand, "/c/start", csrf, "", "/c");
	assert_int_equal(media_post(cand, csrf, 1, "a.wav", "audio/wav",
	    better.p, better.len, &r), 303);
	resp_free(&r);
	assert_int_equal(media_post(cand, csrf, 1, "b.wav", "audio/wav",
	    worse.p, worse.len, &r), 303);
	resp_free(&r);
	get(cand, "/c", &r);
	assert_has(&r, "Your recordings (latest: attempt 2)");
	assert_has(&r, "choose the recording to submit</legend>");
	assert_has(&r, "<input type=\"radio\" name=\"attempt\" value=\"1\""
	    " required> Attempt 1, 2 s</label>");
	assert_has(&r, "<input type=\"radio\" name=\"attempt\" value=\"2\""
	    " checked required> Attempt 2, less than 1 s (latest)</label>");
	assert_has(&r, "src=\"/c/oneway/takes/1?attempt=1\"");
	assert_has(&r, "src=\"/c/oneway/takes/1?attempt=2\"");
	assert_has(&r, "Submit the chosen recording</button>");
	resp_free(&r);
	/* The earlier take plays back as it was sent. */
	get(cand, "/c/oneway/takes/1?attempt=1", &r);
	assert_status(&r, 200);
	assert_int_equal(r.len, better.len);
	assert_memory_equal(r.body, better.p, better.len);
	resp_free(&r);
	get(cand, "/c/oneway/takes/1?attempt=3", &r);
	assert_status(&r, 404);
	resp_free(&r);
	get(cand, "/c/oneway/takes/1?attempt=x", &r);
	assert_status(&r, 404);
	resp_free(&r);
	submit(cand, csrf, 1, 1);
	get(cand, "/c", &r);
	assert_has(&r, "All your answers are submitted.");
	resp_free(&r);
	assert_int_equal(sql_num("SELECT submitted FROM oneway_questions WHERE"
	    " interview_id = %lld AND n = 1", c.id), 1);
	path = fmt("/admin/interviews/%lld", c.id);
	get(h, path, &r);
	assert_has(&r, "id=\"length-1\">Take 1 of 2 submitted, 2 s long</p>");
	resp_free(&r);
	free(path);
	path = fmt("/admin/interviews/%lld/answers/1", c.id);
	get(h, path, &r);
	assert_status(&r, 200);
	assert_string_equal(ct = resp_header(&r, "Content-Type"), "audio/wav");
	assert_int_equal(r.len, better.len);
	assert_memory_equal(r.body, better.p, better.len);
	free(ct);
	resp_free(&r);
	free(path);
	free(better.p);
	free(worse.p);
	free(csrf);
	free(c.token);
	http_free(cand);
	http_free(h);
}

/*
 * The review page says how long each submitted answer is (its player loads
 * nothing until played, so it shows 0:00), as measured when it was stored;
 * the exports and the API's export give it in seconds.
 */
static void
test_oneway_answer_lengths_are_shown_and_exported(void **state)
{
	struct blob	 longer = wav_as(72400, 1000, SF_FORMAT_PCM_16);
	struct blob	 shorter = wav(400);
	struct http	*h = signin(&a_int), *adm = signin(&a_adm), *cand;
	struct created	 c;
	struct resp	 r;
	const char	*hdrs[2] = { NULL, NULL };
	char		*csrf, *path, *url, *s, *tok;

	(void)state;
	create_oneway_for(h, 90, "&questions=Tell+a+story.%0D%0AAnd+briefly%3F"
	    "%0D%0AUnanswered.", &c);
	cand = open_invite(&c, &csrf);
	post_ok(cand, "/c/start", csrf, "", "/c");
	assert_int_equal(media_post(cand, csrf, 1, "a.wav", "audio/wav",
	    longer.p, longer.len, &r), 303);
	resp_free(&r);
	submit(cand, csrf, 1, 1);
	assert_int_equal(media_post(cand, csrf, 2, "b.wav", "audio/wav",
	    shorter.p, shorter.len, &r), 303);
	resp_free(&r);
	submit(cand, csrf, 2, 1);
	path = fmt("/admin/interviews/%lld", c.id);
	get(h, path, &r);
	assert_has(&r, "<p class=\"muted\" id=\"length-1\">Take 1 of 1"
	    " submitted, 1 min 12 s long</p>");
	assert_has(&r, "<p class=\"muted\" id=\"length-2\">Take 1 of 1"
	    " submitted, less than 1 s long</p>");
	assert_lacks(&r, "id=\"length-3\"");
	resp_free(&r);
	url = fmt("%s/export.json", path);
	get(h, url, &r);
	s = fmt("\"bytes\":%zu,\"duration_seconds\":72.4,", longer.len);
	assert_has(&r, s);
	free(s);
	assert_has(&r, "\"duration_seconds\":0.4,");
	assert_has(&r, "\"duration_seconds\":null,");
	resp_free(&r);
	free(url);
	/* The API's export: the same. */
	tok = api_token(adm, "reviews");
	hdrs[0] = s = fmt("Authorization: Bearer %s", tok);
	url = fmt("/api/v1/interviews/%lld/export", c.id);
	assert_int_equal(http_req(adm, "GET", url, NULL, NULL, 0, hdrs, &r), 0);
	assert_status(&r, 200);
	assert_has(&r, "\"duration_seconds\":72.4,");
	resp_free(&r);
	free(url);
	free(s);
	free(tok);
	http_free(adm);
	url = fmt("%s/export.csv", path);
	get(h, url, &r);
	assert_has(&r, ",recommendations,duration_seconds,interview_id,");
	s = fmt(",72.4,%lld,Rec Order,20,90,20\r\n", c.id);
	assert_has(&r, s);
	free(s);
	s = fmt(",0.4,%lld,Rec Order,", c.id);
	assert_has(&r, s);
	free(s);
	resp_free(&r);
	free(url);
	url = fmt("%s/export.md", path);
	get(h, url, &r);
	assert_has(&r, "*Answer: take 1 of 1, audio/wav, 1 min 12 s long (72.4"
	    " s), ");
	resp_free(&r);
	free(url);
	free(path);
	free(longer.p);
	free(shorter.p);
	free(csrf);
	free(c.token);
	http_free(cand);
	http_free(h);
}

/* On disk: sealed, not the WAV; the interviewer gets the exact bytes; org B a 404. */
static void
test_oneway_answers_are_encrypted_and_served_only_to_the_org(void **state)
{
	struct blob	 w2 = wav(900);
	struct http	*h = signin(&a_int), *other = signin(&b_int);
	struct resp	 r;
	char		*path, *url, *ct, *hex, *sum;

	(void)state;
	assert_true(done_id > 0);
	path = sql_str("SELECT path FROM recordings WHERE interview_id = %lld"
	    " AND question_n = 2", done_id);
	assert_int_equal(sql_num("SELECT count(*) FROM recordings WHERE"
	    " interview_id = %lld AND NOT encrypted", done_id), 0);
	assert_int_equal(stack_sh(&S, "head -c 8 \"$VAR/storage/%s\" | grep -q"
	    " VIVASEA2", path), 0);
	assert_int_not_equal(stack_sh(&S, "grep -q RIFF \"$VAR/storage/%s\"",
	    path), 0);
	url = fmt("/admin/interviews/%lld", done_id);
	get(h, url, &r);
	assert_status(&r, 200);
	assert_has(&r, "Recorded answers");
	assert_has(&r, "3 of 3 questions answered");
	/* One take and two, each counted in words, no "(s)". */
	assert_has(&r, "<strong>Question 1</strong> · 1 take");
	assert_has(&r, "<strong>Question 3</strong> · 2 takes");
	assert_lacks(&r, "1 takes");
	assert_lacks(&r, "(s)");
	/* Said plainly, and no button that could not help. */
	assert_has(&r, "No transcript: no speech-to-text provider is configured,"
	    " so this answer has not been transcribed.");
	assert_lacks(&r, NOT_CONFIGURED);
	assert_lacks(&r, ">Transcribe");
	resp_free(&r);
	free(url);
	url = fmt("/admin/interviews/%lld/answers/2", done_id);
	get(h, url, &r);
	assert_status(&r, 200);
	assert_string_equal(ct = resp_header(&r, "Content-Type"), "audio/wav");
	assert_int_equal(r.len, w2.len);
	assert_memory_equal(r.body, w2.p, w2.len);
	hex = sha256_hex(r.body, r.len);
	assert_string_equal(sum = sql_str("SELECT checksum FROM recordings WHERE"
	    " path = '%s'", path), hex);
	free(sum);
	free(hex);
	free(ct);
	resp_free(&r);
	get(other, url, &r);
	assert_status(&r, 404);
	resp_free(&r);
	free(url);
	/* Without a session: the sign-in page, not the file. */
	url = fmt("/admin/interviews/%lld/answers/2", done_id);
	{
		struct http	*anon = http_new(&S);

		get(anon, url, &r);
		assert_status(&r, 303);
		resp_free(&r);
		http_free(anon);
	}
	free(url);
	free(path);
	free(w2.p);
	http_free(h);
	http_free(other);
}

/* GET path with one extra request header (NULL: none). */
static void
get_with(struct http *h, const char *path, const char *hdr, struct resp *r)
{
	const char	*hdrs[] = { hdr, NULL };

	assert_int_equal(http_req(h, "GET", path, NULL, NULL, 0,
	    hdr != NULL ? hdrs : NULL, r), 0);
}

/* A response header is exactly want. */
static void
header_is(const struct resp *r, const char *name, const char *want)
{
	char	*v = resp_header(r, name);

	if (v == NULL || strcmp(v, want) != 0)
		fail_msg("%s: \"%s\", want \"%s\"\n%s", name,
		    v != NULL ? v : "(none)", want, r->headers);
	free(v);
}

/*
 * Range: hdr gets 206 and bytes first..last of b, named in Content-Range;
 * from the app (nginx's static 206 has none) with Accept-Ranges too.
 */
static void
part_from(struct http *h, const char *path, const char *hdr,
    const struct blob *b, size_t first, size_t last, int app)
{
	struct resp	 r;
	char		*cr = fmt("bytes %zu-%zu/%zu", first, last, b->len);
	char		*cl = fmt("%zu", last - first + 1);

	get_with(h, path, hdr, &r);
	assert_status(&r, 206);
	header_is(&r, "Content-Range", cr);
	header_is(&r, "Content-Length", cl);
	if (app)
		header_is(&r, "Accept-Ranges", "bytes");
	header_is(&r, "Content-Type", "audio/wav");
	assert_int_equal(r.len, last - first + 1);
	assert_memory_equal(r.body, b->p + first, r.len);
	resp_free(&r);
	free(cl);
	free(cr);
}

#define part_is(h, path, hdr, b, first, last) \
	part_from((h), (path), (hdr), (b), (first), (last), 1)

/* The whole take, 200, with Accept-Ranges: bytes (hdr ignored). */
static void
whole_is(struct http *h, const char *path, const char *hdr,
    const struct blob *b)
{
	struct resp	 r;
	char		*cl = fmt("%zu", b->len), *cr;

	get_with(h, path, hdr, &r);
	assert_status(&r, 200);
	header_is(&r, "Accept-Ranges", "bytes");
	header_is(&r, "Content-Length", cl);
	assert_null(cr = resp_header(&r, "Content-Range"));
	assert_int_equal(r.len, b->len);
	assert_memory_equal(r.body, b->p, b->len);
	resp_free(&r);
	free(cl);
}

/* What a player asks of a sealed take of several 64 KiB chunks. */
static void
sealed_take_answers_ranges(struct http *cand, const struct blob *w)
{
	const char	*path = "/c/oneway/takes/1", *hi = "If-Range: \"x\"";
	const char	*both[] = { "Range: bytes=10-20", hi, NULL };
	const char	*suffix[] = { "Range: bytes=-500", NULL };
	struct resp	 r;
	char		*cr = fmt("bytes */%zu", w->len), *past, *want;

	whole_is(cand, path, NULL, w);
	part_is(cand, path, "Range: bytes=0-1", w, 0, 1);	/* Safari */
	part_is(cand, path, "Range: bytes=100-70099", w, 100, 70099);
	part_is(cand, path, "Range: bytes=65536-", w, 65536, w->len - 1);
	part_is(cand, path, "Range: bytes=131000-131100", w, 131000, 131100);
	part_is(cand, path, "Range: bytes=-500", w, w->len - 500, w->len - 1);
	part_is(cand, path, "Range: bytes=0-99999999", w, 0, w->len - 1);
	past = fmt("Range: bytes=%zu-", w->len);
	get_with(cand, path, past, &r);
	assert_status(&r, 416);
	header_is(&r, "Content-Range", cr);
	resp_free(&r);
	/* Several ranges, or junk: the whole file, as RFC 9110 allows. */
	whole_is(cand, path, "Range: bytes=0-1,5-6", w);
	whole_is(cand, path, "Range: bytes=9-3", w);
	whole_is(cand, path, "Range: pages=1-2", w);
	/* HEAD: the same headers, nothing decrypted. */
	assert_int_equal(http_req(cand, "HEAD", path, NULL, NULL, 0, suffix,
	    &r), 0);
	assert_status(&r, 206);
	want = fmt("bytes %zu-%zu/%zu", w->len - 500, w->len - 1, w->len);
	header_is(&r, "Content-Range", want);
	header_is(&r, "Content-Length", "500");
	assert_int_equal(r.len, 0);
	resp_free(&r);
	free(want);
	/* We send no validator, so no If-Range matches: the whole file. */
	assert_int_equal(http_req(cand, "GET", path, NULL, NULL, 0, both, &r),
	    0);
	assert_status(&r, 200);
	assert_int_equal(r.len, w->len);
	resp_free(&r);
	free(past);
	free(cr);
}

/*
 * A take stored before there was a key: nginx sends the plain file and
 * answers the range itself (X-Accel-Redirect to a static location).
 */
static void
plain_take_answers_ranges(struct http *cand, long long id,
    const struct blob *w)
{
	char	*sealed = sql_str("SELECT path FROM recordings WHERE"
		    " interview_id = %lld AND question_n = 1", id);
	char	*plain = fmt("%.*s/plain-%lld.wav",
		    (int)(strrchr(sealed, '/') - sealed), sealed, id);
	char	*abs = fmt("%s/storage/%s", S.var, plain);
	FILE	*f = fopen(abs, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(w->p, 1, w->len, f), w->len);
	assert_int_equal(fclose(f), 0);
	sql_do("UPDATE recordings SET path = '%s', encrypted = false WHERE"
	    " interview_id = %lld AND question_n = 1", plain, id);
	part_from(cand, "/c/oneway/takes/1", "Range: bytes=100-70099", w, 100,
	    70099, 0);
	part_from(cand, "/c/oneway/takes/1", "Range: bytes=-500", w,
	    w->len - 500, w->len - 1, 0);
	unlink(abs);
	free(abs);
	free(plain);
	free(sealed);
}

/* Players seek (and Safari plays at all) with Range requests. */
/* Removes an interview's takes, files and rows: nothing for the retention test to count. */
static void
forget_takes(long long id)
{
	assert_int_equal(stack_sh(&S, "rm -f \"$VAR/storage\"/org-*/oneway/"
	    "%lld-*", id), 0);
	sql_do("DELETE FROM recordings WHERE interview_id = %lld", id);
}

/* A new one-way interview of one question, started, with w recorded as its take: the candidate. */
static struct http *
take_recorded(struct http *h, const char *questions, const struct blob *w,
    struct created *c, char **csrf)
{
	struct http	*cand;
	struct resp	 r;

	create_oneway(h, questions, c);
	cand = open_invite(c, csrf);
	post_ok(cand, "/c/start", *csrf, "", "/c");
	assert_int_equal(media_post(cand, *csrf, 1, "a.wav", "audio/wav", w->p,
	    w->len, &r), 303);
	resp_free(&r);
	return cand;
}

static void
test_oneway_takes_are_served_in_byte_ranges(void **state)
{
	struct blob	 w = wav(5000);	/* three sealed chunks */
	struct http	*h = signin(&a_int), *cand;
	struct created	 c;
	char		*csrf, *url;

	(void)state;
	assert_true(w.len > 2 * 65536);
	cand = take_recorded(h, "&questions=Seek+me.", &w, &c, &csrf);
	sealed_take_answers_ranges(cand, &w);
	/* The interviewer's player gets the same once it is submitted. */
	submit(cand, csrf, 1, 1);
	url = fmt("/admin/interviews/%lld/answers/1", c.id);
	part_is(h, url, "Range: bytes=70000-70999", &w, 70000, 70999);
	whole_is(h, url, NULL, &w);
	plain_take_answers_ranges(cand, c.id, &w);
	forget_takes(c.id);
	free(url);
	free(csrf);
	free(c.token);
	free(w.p);
	http_free(cand);
	http_free(h);
}

/* Writes b as the format before stop 17 (one secretstream) over storage path. */
static void
write_old_format(const char *path, const struct blob *b)
{
	unsigned char	 key[32];
	char		*hex = stack_out(&S, "tr -d \"\\n\" <\"$VAR/recording.key\"");
	char		*file = fmt("%s/storage/%s", S.var, path);
	size_t		 n;
	int		 fd = open(file, O_WRONLY | O_TRUNC);

	assert_true(fd >= 0);
	assert_int_equal(sodium_hex2bin(key, sizeof(key), hex, strlen(hex),
	    NULL, &n, NULL), 0);
	assert_int_equal(n, sizeof(key));
	assert_int_equal(old_seal_write(key, b->p, b->len, fd), 0);
	assert_int_equal(close(fd), 0);
	free(file);
	free(hex);
}

/* `viva recordings reseal ARGS`: its output, then "rc=" and its exit status. */
static char *
reseal(const char *args)
{
	return stack_out(&S, "\"$VIVA\" --config \"$CONF\" recordings reseal %s"
	    " 2>/dev/null; echo rc=$?", args);
}

static void
reseal_says(const char *args, const char *want)
{
	char	*out = reseal(args);

	assert_string_equal(out, want);
	free(out);
}

/*
 * Runs `viva recordings reseal` while another session holds interview iv's
 * recording row FOR UPDATE for 2 s; asserts it resealed the file, and
 * returns how long it took (ms).
 */
static long long
resealed_behind_a_lock(long long iv)
{
	char		*sql = fmt("%s/lock.sql", S.var), *out;
	FILE		*f = fopen(sql, "w");
	long long	 t0, took;
	int		 i;

	assert_non_null(f);
	fprintf(f, "BEGIN;\nSELECT 1 FROM recordings WHERE interview_id = %lld"
	    " FOR UPDATE;\nSELECT pg_sleep(2);\nCOMMIT;\n", iv);
	assert_int_equal(fclose(f), 0);
	assert_int_equal(stack_sh(&S, "as_pg \"$PGBIN/psql\" -h \"$(pg_dir)/socket\""
	    " -U viva -d viva -q -f \"$VAR/lock.sql\" >/dev/null 2>&1 &"), 0);
	/* Until the other session holds it (FOR UPDATE: a RowShareLock on the table). */
	for (i = 0; i < 100 && sql_num("SELECT count(*) FROM pg_locks l JOIN"
	    " pg_class c ON c.oid = l.relation WHERE c.relname = 'recordings'"
	    " AND l.mode = 'RowShareLock' AND l.granted AND l.pid <>"
	    " pg_backend_pid()") == 0; i++)
		usleep(20000);
	assert_true(i < 100);
	t0 = ms_now();
	out = reseal("");
	took = ms_now() - t0;
	assert_true(strncmp(out, "reseal: resealed 1 recordings;", 30) == 0);
	free(out);
	free(sql);
	return took;
}

/*
 * A take sealed in the format before stop 17 (one stream, decrypted from its
 * start on every seek) still plays, in ranges too.  `viva recordings
 * reseal` seals it anew in chunks, in place: the same bytes, checked against
 * the row's checksum; run again, it finds nothing to do.  A cut old file is
 * reported, left as it was, and leaves nothing in tmp.
 */
static void
test_oneway_old_format_takes_are_resealed(void **state)
{
	struct blob	 w = wav(5000);	/* three chunks */
	struct http	*h = signin(&a_int), *cand;
	struct created	 c;
	char		*csrf, *url, *path, *want;
	long long	 others, waited, cut = 8 + 24 + 65536 + 17;

	(void)state;
	cand = take_recorded(h, "&questions=An+old+take.", &w, &c, &csrf);
	submit(cand, csrf, 1, 1);
	path = sql_str("SELECT path FROM recordings WHERE interview_id = %lld",
	    c.id);
	others = sql_num("SELECT count(*) FROM recordings WHERE encrypted AND"
	    " interview_id <> %lld", c.id);
	write_old_format(path, &w);
	url = fmt("/admin/interviews/%lld/answers/1", c.id);
	part_is(h, url, "Range: bytes=70000-70999", &w, 70000, 70999);
	whole_is(h, url, NULL, &w);

	reseal_says("--dry-run", want = fmt("reseal: would reseal 1 recordings;"
	    " %lld already current; 0 failed\nrc=0", others));
	free(want);
	assert_int_equal(stack_sh(&S, "head -c 8 \"$VAR/storage/%s\" | grep -q"
	    " VIVASEAL", path), 0);
	reseal_says("", want = fmt("reseal: resealed 1 recordings; %lld already"
	    " current; 0 failed\nrc=0", others));
	free(want);
	assert_int_equal(stack_sh(&S, "head -c 8 \"$VAR/storage/%s\" | grep -q"
	    " VIVASEA2", path), 0);
	part_is(h, url, "Range: bytes=70000-70999", &w, 70000, 70999);
	whole_is(h, url, NULL, &w);
	reseal_says("", want = fmt("reseal: resealed 0 recordings; %lld already"
	    " current; 0 failed\nrc=0", others + 1));
	free(want);

	/* Its row locked, as retention's DELETE locks it: reseal waits for the lock. */
	write_old_format(path, &w);
	waited = resealed_behind_a_lock(c.id);
	assert_true(waited >= 1500);
	reseal_says("", want = fmt("reseal: resealed 0 recordings; %lld already"
	    " current; 0 failed\nrc=0", others + 1));
	free(want);

	/* Cut after its first chunk: refused, kept as it was, for an operator to see. */
	write_old_format(path, &w);
	assert_int_equal(stack_sh(&S, "truncate -s %lld \"$VAR/storage/%s\"",
	    cut, path), 0);
	reseal_says("", want = fmt("reseal: resealed 0 recordings; %lld already"
	    " current; 1 failed\nrc=1", others));
	free(want);
	assert_int_equal(stack_num(&S, "stat -c %%s \"$VAR/storage/%s\"", path),
	    cut);
	assert_int_equal(LEFT_IN_TMP(), 0);

	forget_takes(c.id);
	free(path);
	free(url);
	free(csrf);
	free(c.token);
	free(w.p);
	http_free(cand);
	http_free(h);
}

static void
test_oneway_refusals_are_explained_and_leave_no_file(void **state)
{
	struct blob	 w = wav(300), big;
	struct http	*h = signin(&a_int), *cand;
	struct created	 c;
	struct resp	 r;
	char		*csrf, *id, *corrupt, *far, *sum;
	long long	 before = STORED();
	const char	 png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR not a recording at all";

	(void)state;
	create_oneway(h, "&questions=Only+one.", &c);
	cand = open_invite(&c, &csrf);
	post_ok(cand, "/c/start", csrf, "", "/c");
	/* Corrupt: a WAV header over noise. */
	corrupt = malloc(w.len);
	memcpy(corrupt, w.p, 44);
	memset(corrupt + 44, 0x7f, w.len - 44);
	memcpy(corrupt + 20, "\x09\x00", 2);	/* a format code no one knows */
	assert_int_equal(media_post(cand, csrf, 1, "a.wav", "audio/wav",
	    corrupt, w.len, &r), 415);
	assert_has(&r, "That file is not a recording we can read.");
	/* An audio interview names what it takes: no video. */
	assert_has(&r, "Send Ogg, WAV, FLAC or MP3 audio, or WebM or MP4 with"
	    " sound only.");
	resp_free(&r);
	/* Wrong type: an image. */
	assert_int_equal(media_post(cand, csrf, 1, "a.png", "image/png", png,
	    sizeof(png) - 1, &r), 415);
	assert_has(&r, "Send Ogg, WAV, FLAC or MP3 audio, or WebM or MP4 with sound"
	    " only.");
	/* The file input says so to a screen reader, not only the banner. */
	assert_has(&r, "capture aria-invalid=\"true\" aria-describedby=\"error\">");
	resp_free(&r);
	/* Longer than the interview's 60 s and its grace, though well under
	 * the server's limit (GSM keeps 64 s under this stack's 256 KiB). */
	big = wav_as(64000, 8000, SF_FORMAT_GSM610);
	assert_int_equal(media_post(cand, csrf, 1, "long.wav", "audio/wav",
	    big.p, big.len, &r), 413);
	assert_has(&r, "The recording is 1 min 4 s long, longer than the 60"
	    " seconds an answer may take here.");
	resp_free(&r);
	free(big.p);
	/* A WebM header alone is too small to be a recording. */
	assert_int_equal(media_post(cand, csrf, 1, "a.webm", "video/webm",
	    "\x1a\x45\xdf\xa3\x01\x02", 6, &r), 415);
	resp_free(&r);
	/* Oversized, in one request and announced for a chunked upload. */
	big.len = MAX_BYTES + 100 * 1024;
	big.p = calloc(1, big.len);
	memcpy(big.p, w.p, 44);
	assert_int_equal(media_post(cand, csrf, 1, "big.wav", "audio/wav",
	    big.p, big.len, &r), 413);
	assert_has(&r, "The recording is too large");
	resp_free(&r);
	{
		char	*form = fmt("n=1&chunks=2&bytes=%zu", big.len);

		assert_int_equal(api(cand, csrf, "POST", "/c/oneway/uploads",
		    "application/x-www-form-urlencoded", form, strlen(form), &r),
		    413);
		assert_has(&r, "The recording is too large");
		resp_free(&r);
		free(form);
	}
	/* A bad checksum: refused, nothing kept for that chunk. */
	id = upload_start(cand, csrf, 1, 1, w.len);
	assert_int_equal(chunk_send(cand, csrf, id, 0, 1, &w, 0, w.len,
	    "00000000000000000000000000000000"
	    "00000000000000000000000000000000", &r), 422);
	assert_has(&r, "Chunk 0 does not match its checksum");
	resp_free(&r);
	assert_int_equal(LEFT_IN_TMP(), 0);	/* nothing kept: no folder even */
	/* Corrupt bytes in chunks: refused at finalize, chunks gone too. */
	assert_int_equal(chunk_send(cand, csrf, id, 0, 1,
	    &(struct blob){ corrupt, w.len }, 0, w.len, NULL, &r), 200);
	resp_free(&r);
	{
		char	*path = fmt("/c/oneway/uploads/%s/finalize", id);

		assert_int_equal(api(cand, csrf, "POST", path, NULL, "", 0, &r),
		    415);
		assert_has(&r, "not a recording we can read");
		resp_free(&r);
		free(path);
	}
	/* A checksum that is not one, and a chunk without CSRF. */
	free(id);
	id = upload_start(cand, csrf, 1, 1, w.len);
	assert_int_equal(chunk_send(cand, csrf, id, 0, 1, &w, 0, w.len, "abc",
	    &r), 400);
	resp_free(&r);
	/* More bytes than announced: refused before anything is written. */
	assert_int_equal(chunk_send(cand, csrf, id, 0, 1, &big, 0, w.len + 10,
	    NULL, &r), 413);
	assert_has(&r, "add up to more than the");
	resp_free(&r);
	assert_int_equal(chunk_send(cand, "wrong", id, 0, 1, &w, 0, w.len, NULL,
	    &r), 403);
	resp_free(&r);
	/* An index past int is not taken for a small one (2^32 is not 0). */
	sum = sha256_hex(w.p, w.len);
	far = fmt("/c/oneway/uploads/%s/chunks/4294967296?sha256=%s", id, sum);
	assert_int_equal(api(cand, csrf, "POST", far, "application/octet-stream",
	    w.p, w.len, &r), 400);
	assert_has(&r, "The chunk index is not a number.");
	resp_free(&r);
	free(far);
	free(sum);
	assert_int_equal(STORED(), before);
	assert_int_equal(sql_num("SELECT count(*) FROM recordings WHERE"
	    " interview_id = %lld", c.id), 0);
	/* Nothing from the refused ones: only the last upload's empty folder. */
	assert_int_equal(files_in("tmp", "-type f"), 0);
	assert_int_equal(stack_sh(&S, "find \"$VAR/nginx/upload\" -type f"
	    " 2>/dev/null | grep -q ."), 1);
	free(id);
	free(corrupt);
	free(big.p);
	free(w.p);
	free(csrf);
	free(c.token);
	http_free(cand);
	http_free(h);
}

/*
 * A take past the answer limit and its grace (an uploaded file, or a
 * client that does not stop at the limit) is refused, in chunks as in one
 * request, naming the limit and the take's length; nothing of it is kept
 * and no attempt is spent.  One inside the grace (the recorder stops on a
 * one-second clock) is a take.
 */
static void
test_oneway_a_take_past_the_answer_limit_is_refused_with_both_lengths(
    void **state)
{
	struct blob	 over = wav_as(65000, 8000, SF_FORMAT_GSM610);
	struct blob	 inside = wav_as(62000, 8000, SF_FORMAT_GSM610), webm;
	/* A Cluster at 70 s with one Opus block of track 1, appended. */
	static const char late[] = "\x1f\x43\xb6\x75\x94"
			    "\xe7\x84\x00\x01\x11\x70"
			    "\xa3\x8c\x81\x00\x00\x80"
			    "\xfb\x03\xff\xfe\xff\xfe\xff\xfe";
	struct http	*h = signin(&a_int), *cand;
	struct created	 c;
	struct resp	 r;
	char		*csrf, *id, *path;
	long long	 before = STORED();
	const char	*said = "The recording is 1 min 5 s long, longer than"
			    " the 60 seconds an answer may take here. Record a"
			    " shorter answer.";

	(void)state;
	create_oneway(h, "&questions=Only+one.", &c);	/* 60 s to answer */
	cand = open_invite(&c, &csrf);
	post_ok(cand, "/c/start", csrf, "", "/c");
	id = upload_start(cand, csrf, 1, 1, over.len);
	assert_int_equal(chunk_send(cand, csrf, id, 0, 1, &over, 0, over.len,
	    NULL, &r), 200);
	resp_free(&r);
	path = fmt("/c/oneway/uploads/%s/finalize", id);
	assert_int_equal(api(cand, csrf, "POST", path, NULL, "", 0, &r), 413);
	assert_has(&r, said);
	resp_free(&r);
	/* Nothing kept: no take, no file, no half file, no upload. */
	assert_int_equal(STORED(), before);
	assert_int_equal(files_in("tmp", "-type f"), 0);
	assert_int_equal(sql_num("SELECT count(*) FROM oneway_uploads WHERE"
	    " interview_id = %lld", c.id), 0);
	assert_int_equal(media_post(cand, csrf, 1, "long.wav", "audio/wav",
	    over.p, over.len, &r), 413);
	assert_has(&r, said);
	resp_free(&r);
	assert_int_equal(STORED(), before);
	assert_int_equal(files_in("tmp", "-type f"), 0);
	assert_int_equal(sql_num("SELECT count(*) FROM recordings WHERE"
	    " interview_id = %lld", c.id), 0);
	/* A WebM (a client that did not stop): its length from its blocks. */
	webm.p = slurp("tests/fixtures/webm/audio.webm", &webm.len);
	webm.p = realloc(webm.p, webm.len + sizeof(late) - 1);
	memcpy(webm.p + webm.len, late, sizeof(late) - 1);
	webm.len += sizeof(late) - 1;
	assert_int_equal(media_post(cand, csrf, 1, "long.webm", "audio/webm",
	    webm.p, webm.len, &r), 413);
	assert_has(&r, "The recording is 1 min 10 s long, longer than the 60"
	    " seconds an answer may take here.");
	resp_free(&r);
	assert_int_equal(STORED(), before);
	assert_int_equal(files_in("tmp", "-type f"), 0);
	get(cand, "/c", &r);
	assert_has(&r, "Attempts left for this question: 2 of 2.");
	resp_free(&r);
	/* 2 s over the limit: within the grace, a take of its length. */
	assert_int_equal(media_post(cand, csrf, 1, "inside.wav", "audio/wav",
	    inside.p, inside.len, &r), 303);
	resp_free(&r);
	assert_int_equal(STORED(), before + 1);
	assert_int_equal(sql_num("SELECT duration_ms FROM recordings WHERE"
	    " interview_id = %lld", c.id), 62000);
	forget_takes(c.id);
	free(path);
	free(id);
	free(over.p);
	free(inside.p);
	free(webm.p);
	free(csrf);
	free(c.token);
	http_free(cand);
	http_free(h);
}

/*
 * A WAV cut short on the way (its header claims more sound than arrived)
 * is refused in words, in one request and in chunks; nothing of it is
 * stored, and the take made before stays the one played and submitted.
 */
static void
test_oneway_a_cut_wav_is_refused_and_the_take_before_stays(void **state)
{
	struct blob	 w = wav(500), cut;
	struct http	*h = signin(&a_int), *cand;
	struct created	 c;
	struct resp	 r;
	char		*csrf, *id, *path;
	long long	 before;

	(void)state;
	cand = take_recorded(h, "&questions=Only+one.", &w, &c, &csrf);
	before = STORED();
	cut.p = w.p;
	cut.len = w.len * 2 / 3;
	assert_int_equal(media_post(cand, csrf, 1, "cut.wav", "audio/wav",
	    cut.p, cut.len, &r), 400);
	assert_has(&r, "The recording arrived cut short");
	resp_free(&r);
	id = upload_start(cand, csrf, 1, 1, cut.len);
	assert_int_equal(chunk_send(cand, csrf, id, 0, 1, &cut, 0, cut.len,
	    NULL, &r), 200);
	resp_free(&r);
	path = fmt("/c/oneway/uploads/%s/finalize", id);
	assert_int_equal(api(cand, csrf, "POST", path, NULL, "", 0, &r), 400);
	assert_has(&r, "The recording arrived cut short");
	resp_free(&r);
	assert_int_equal(STORED(), before);
	assert_int_equal(files_in("tmp", "-type f"), 0);
	assert_int_equal(sql_num("SELECT count(*) FROM recordings WHERE"
	    " interview_id = %lld", c.id), 1);
	get(cand, "/c", &r);
	assert_has(&r, "Your recording (attempt 1)");
	assert_has(&r, "Attempts left for this question: 1 of 2.");
	resp_free(&r);
	take_is(cand, 1, &w);
	submit(cand, csrf, 1, 1);
	forget_takes(c.id);
	free(path);
	free(id);
	free(w.p);
	free(csrf);
	free(c.token);
	http_free(cand);
	http_free(h);
}

/*
 * An audio interview takes no pictures: a video, in one request or in
 * chunks, is refused saying what is taken, and nothing is kept; a WebM
 * with sound only is a take.
 */
static void
test_oneway_audio_interview_refuses_video(void **state)
{
	struct blob	 webm, mp4, audio;
	struct http	*h = signin(&a_int), *cand;
	struct created	 c;
	struct resp	 r;
	char		*csrf, *id, *path;
	long long	 before = STORED();

	(void)state;
	webm.p = slurp("tests/fixtures/webm/video.webm", &webm.len);
	mp4.p = slurp("tests/fixtures/mp4/video.mp4", &mp4.len);
	audio.p = slurp("tests/fixtures/webm/audio.webm", &audio.len);
	create_oneway(h, "&questions=Only+one.", &c);
	cand = open_invite(&c, &csrf);
	post_ok(cand, "/c/start", csrf, "", "/c");
	assert_int_equal(media_post(cand, csrf, 1, "answer.webm", "video/webm",
	    webm.p, webm.len, &r), 415);
	assert_has(&r, "This interview takes audio only, and that recording"
	    " has video.");
	assert_has(&r, "send an audio file: Ogg, WAV, FLAC or MP3, or WebM or"
	    " MP4 with sound only.");
	resp_free(&r);
	id = upload_start(cand, csrf, 1, 1, mp4.len);
	assert_int_equal(chunk_send(cand, csrf, id, 0, 1, &mp4, 0, mp4.len,
	    NULL, &r), 200);
	resp_free(&r);
	path = fmt("/c/oneway/uploads/%s/finalize", id);
	assert_int_equal(api(cand, csrf, "POST", path, NULL, "", 0, &r), 415);
	assert_has(&r, "This interview takes audio only");
	resp_free(&r);
	assert_int_equal(STORED(), before);
	assert_int_equal(files_in("tmp", "-type f"), 0);
	assert_int_equal(sql_num("SELECT count(*) FROM recordings WHERE"
	    " interview_id = %lld", c.id), 0);
	assert_int_equal(media_post(cand, csrf, 1, "answer.webm", "audio/webm",
	    audio.p, audio.len, &r), 303);
	resp_free(&r);
	assert_int_equal(sql_num("SELECT count(*) FROM recordings WHERE"
	    " interview_id = %lld AND ctype = 'audio/webm'", c.id), 1);
	forget_takes(c.id);
	free(path);
	free(id);
	free(webm.p);
	free(mp4.p);
	free(audio.p);
	free(csrf);
	free(c.token);
	http_free(cand);
	http_free(h);
}

/* Starting a chunked upload with form; the status, and the body in r. */
static long
upload_try(struct http *h, const char *csrf, const char *form, struct resp *r)
{
	return api(h, csrf, "POST", "/c/oneway/uploads",
	    "application/x-www-form-urlencoded", form, strlen(form), r);
}

/*
 * A chunk count no upload could fill (each chunk holds a byte at least)
 * is refused at the start, and a chunk past the last, or sent for another
 * count, is refused in words: nothing is kept of either.
 */
static void
test_oneway_chunked_upload_refuses_impossible_counts(void **state)
{
	struct blob	 w = wav(300);
	struct http	*h = signin(&a_int), *cand;
	struct created	 c;
	struct resp	 r;
	char		*csrf, *id, *form, *sum;

	(void)state;
	create_oneway(h, "&questions=Only+one.", &c);
	cand = open_invite(&c, &csrf);
	post_ok(cand, "/c/start", csrf, "", "/c");
	assert_int_equal(upload_try(cand, csrf, "n=1&chunks=4096&bytes=10",
	    &r), 400);
	assert_has(&r, "An upload of 10 bytes cannot come in 4096 chunks");
	resp_free(&r);
	/* Each chunk's reply lists them all: no more than 4096 to list. */
	assert_int_equal(upload_try(cand, csrf,
	    "n=1&chunks=4097&bytes=1000000", &r), 400);
	assert_has(&r, "chunks (1 to 4096)");
	resp_free(&r);
	assert_int_equal(sql_num("SELECT count(*) FROM oneway_uploads WHERE"
	    " interview_id = %lld", c.id), 0);
	/* A byte a chunk is the most there can be. */
	assert_int_equal(upload_try(cand, csrf, "n=1&chunks=10&bytes=10", &r),
	    201);
	resp_free(&r);
	/* Two chunks of one WAV: index 2 is past the last, 5 a wrong total. */
	id = upload_start(cand, csrf, 1, 2, w.len);
	assert_int_equal(chunk_send(cand, csrf, id, 2, 2, &w, 0, w.len / 2,
	    NULL, &r), 400);
	assert_has(&r, "Chunk 2 is out of range: this upload has chunks 0 to"
	    " 1.");
	resp_free(&r);
	assert_int_equal(chunk_send(cand, csrf, id, 0, 5, &w, 0, w.len / 2,
	    NULL, &r), 400);
	assert_has(&r, "This upload has 2 chunks, not 5.");
	resp_free(&r);
	/* A total read as far as it is a number would pass for 2. */
	sum = sha256_hex(w.p, w.len / 2);
	form = fmt("/c/oneway/uploads/%s/chunks/0?total=2x&sha256=%s", id, sum);
	assert_int_equal(api(cand, csrf, "POST", form,
	    "application/octet-stream", w.p, w.len / 2, &r), 400);
	assert_has(&r, "This upload has 2 chunks, not 2x.");
	resp_free(&r);
	free(form);
	free(sum);
	assert_int_equal(files_in("tmp", "-type f"), 0);
	free(id);
	free(w.p);
	free(csrf);
	free(c.token);
	http_free(cand);
	http_free(h);
}

/*
 * A take for a question not reached yet, in one request or by a chunked
 * upload, is refused saying that question is not open yet (it said it
 * was answered already); one past the last says there is no such
 * question; one answered says so.
 */
static void
test_oneway_a_later_question_is_not_open_yet(void **state)
{
	struct blob	 w = wav(300);
	struct http	*h = signin(&a_int), *cand;
	struct created	 c;
	struct resp	 r;
	char		*csrf, *form;

	(void)state;
	create_oneway(h, "&questions=First.%0D%0ASecond.", &c);
	cand = open_invite(&c, &csrf);
	post_ok(cand, "/c/start", csrf, "", "/c");
	assert_int_equal(media_post(cand, csrf, 2, "a.wav", "audio/wav", w.p,
	    w.len, &r), 409);
	assert_has(&r, "Question 2 is not open yet: answer question 1 first.");
	resp_free(&r);
	form = fmt("n=2&chunks=1&bytes=%zu", w.len);
	assert_int_equal(upload_try(cand, csrf, form, &r), 409);
	assert_has(&r, "Question 2 is not open yet: answer question 1 first.");
	resp_free(&r);
	free(form);
	assert_int_equal(media_post(cand, csrf, 3, "a.wav", "audio/wav", w.p,
	    w.len, &r), 409);
	assert_has(&r, "This interview has no question 3.");
	resp_free(&r);
	assert_int_equal(media_post(cand, csrf, 1, "a.wav", "audio/wav", w.p,
	    w.len, &r), 303);
	resp_free(&r);
	submit(cand, csrf, 1, 1);
	assert_int_equal(media_post(cand, csrf, 1, "a.wav", "audio/wav", w.p,
	    w.len, &r), 409);
	assert_has(&r, "That question was answered already");
	resp_free(&r);
	assert_int_equal(sql_num("SELECT count(*) FROM recordings WHERE"
	    " interview_id = %lld", c.id), 1);
	forget_takes(c.id);
	free(w.p);
	free(csrf);
	free(c.token);
	http_free(cand);
	http_free(h);
}

/*
 * Paused by the interviewer, the candidate's page says so and checks again,
 * where it said the interview had ended; a take is refused meanwhile, and
 * after the resume the question is back.
 */
static void
test_oneway_paused_is_not_ended(void **state)
{
	struct blob	 w = wav(300);
	struct http	*h = signin(&a_int), *cand;
	struct created	 c;
	struct resp	 r;
	char		*csrf, *icsrf, *path, *where;

	(void)state;
	create_oneway(h, "&questions=First.%0D%0ASecond.", &c);
	cand = open_invite(&c, &csrf);
	post_ok(cand, "/c/start", csrf, "", "/c");
	path = fmt("/admin/interviews/%lld", c.id);
	icsrf = csrf_of(h, path);
	free(path);
	path = fmt("/admin/interviews/%lld/pause", c.id);
	where = fmt("/admin/interviews/%lld?done=pause", c.id);
	post_ok(h, path, icsrf, "", where);
	free(where);
	free(path);
	outside_write_settles();
	get(cand, "/c", &r);
	assert_has(&r, "<meta http-equiv=\"refresh\" content=\"30\">");
	assert_has(&r, "The interviewer has paused your interview.");
	assert_lacks(&r, "has ended");
	resp_free(&r);
	assert_int_equal(media_post(cand, csrf, 1, "a.wav", "audio/wav", w.p,
	    w.len, &r), 409);
	resp_free(&r);
	path = fmt("/admin/interviews/%lld/resume", c.id);
	where = fmt("/admin/interviews/%lld?done=resume", c.id);
	post_ok(h, path, icsrf, "", where);
	free(where);
	free(path);
	outside_write_settles();
	get(cand, "/c", &r);
	assert_has(&r, "Question 1 of 2");
	assert_lacks(&r, "paused");
	resp_free(&r);
	free(w.p);
	free(csrf);
	free(icsrf);
	free(c.token);
	http_free(cand);
	http_free(h);
}

/*
 * One attempt a question: the consent promises no second recording; the
 * answer's limit is said as it is set; the day to finish is kept.
 */
static void
test_oneway_one_attempt_is_not_offered_again(void **state)
{
	struct http	*h = signin(&a_int), *cand;
	struct created	 c;
	struct resp	 r;
	char		*csrf;

	(void)state;
	create_oneway(h, "&questions=Only.", &c);
	sql_do("UPDATE oneway_settings SET max_attempts = 1 WHERE"
	    " interview_id = %lld", c.id);
	cand = open_invite(&c, &csrf);
	get(cand, "/c", &r);
	assert_status(&r, 200);
	assert_has(&r, "your recording before you submit it, but not record it"
	    " again: <strong>one recording</strong> per question.");
	assert_lacks(&r, "up to <strong>1");
	resp_free(&r);
	/* A limit that is not whole minutes reads as the seconds it is. */
	sql_do("UPDATE oneway_settings SET answer_s = 150 WHERE"
	    " interview_id = %lld", c.id);
	post_ok(cand, "/c/start", csrf, "", "/c");
	get(cand, "/c", &r);
	assert_has(&r, "answer in at most 150 seconds.");
	assert_lacks(&r, "2 minutes");
	resp_free(&r);
	sql_do("UPDATE oneway_settings SET answer_s = 180 WHERE"
	    " interview_id = %lld", c.id);
	get(cand, "/c", &r);
	assert_has(&r, "answer in at most 3 minutes.");
	resp_free(&r);
	/* The interviewer's list: the day's countdown, then what was taken. */
	sql_do("UPDATE interviews SET candidate_name = 'Day Taker' WHERE"
	    " id = %lld", c.id);
	get(h, "/admin/interviews?q=Day+Taker", &r);
	assert_has(&r, " of the day to answer<div class=\"meter\"");
	resp_free(&r);
	/* "Once you start you have a day to finish": a day later it ended. */
	sql_do("UPDATE interviews SET started_at = now() - interval '25 hours'"
	    " WHERE id = %lld", c.id);
	get(cand, "/c", &r);
	assert_has(&r, "Time is up.");
	resp_free(&r);
	get(h, "/admin/interviews?q=Day+Taker", &r);
	assert_has(&r, "<span class=\"muted\">took 24 h 00 min</span>");
	assert_lacks(&r, " unused</span>");
	resp_free(&r);
	assert_int_equal(sql_num("SELECT count(*) FROM interviews WHERE id ="
	    " %lld AND status = 'completed' AND end_reason = 'time'", c.id), 1);
	free(csrf);
	free(c.token);
	http_free(cand);
	http_free(h);
}

/*
 * The no-JavaScript upload sent twice (a double click on a slow upload, a
 * resent page) is one take: it used to cost a second attempt, so a
 * candidate allowed two was left with none to record again.  On the last
 * attempt the repeat shows the take, not "No attempts are left".
 */
static void
test_oneway_upload_sent_twice_is_one_take(void **state)
{
	struct blob	 w = wav(500);
	struct http	*h = signin(&a_int), *cand;
	struct file_part f = { NULL, 1, "media", "a.wav", "audio/wav", NULL, 0,
			    NULL };
	struct created	 c;
	struct resp	 r;
	char		*csrf, *fid, want[64];
	int		 take;

	(void)state;
	create_oneway(h, "&questions=Only.", &c);
	cand = start(&c, &csrf);
	f.csrf = csrf;
	f.p = w.p;
	f.len = w.len;
	for (take = 1; take <= 2; take++) {
		get(cand, "/c", &r);
		fid = form_id_of(&r);
		resp_free(&r);
		f.form_id = fid;
		assert_int_equal(file_post(cand, "/c/oneway/answer", &f, &r), 303);
		resp_free(&r);
		assert_int_equal(file_post(cand, "/c/oneway/answer", &f, &r), 303);
		assert_redirect(&r, "/c#take");
		resp_free(&r);
		assert_int_equal(sql_num("SELECT count(*) FROM recordings WHERE"
		    " interview_id = %lld", c.id), take);
		get(cand, "/c", &r);
		snprintf(want, sizeof(want), take == 1 ? "Your recording"
		    " (attempt %d)" : "Your recordings (latest: attempt %d)",
		    take);
		assert_has(&r, want);
		snprintf(want, sizeof(want), "Attempts left for this question:"
		    " %d of 2.", 2 - take);
		assert_has(&r, want);
		resp_free(&r);
		free(fid);
	}
	free(w.p);
	free(csrf);
	free(c.token);
	http_free(cand);
	http_free(h);
}

/*
 * Safari's kind of take (chromium's fragmented MP4 here): its length kept;
 * a broken one, or one with no sound, refused in words.
 */
static void
test_oneway_mp4_takes_are_walked_for_their_length(void **state)
{
	struct blob	 m, bad;
	struct http	*h = signin(&a_int), *cand;
	struct created	 c;
	struct resp	 r;
	char		*csrf, *ct, *s;
	long long	 before = STORED();

	(void)state;
	m.p = slurp("tests/fixtures/mp4/audio.mp4", &m.len);
	create_oneway(h, "&questions=Say+hello.%0D%0ASay+goodbye.", &c);
	cand = open_invite(&c, &csrf);
	post_ok(cand, "/c/start", csrf, "", "/c");
	assert_int_equal(media_post(cand, csrf, 1, "answer.m4a", "audio/mp4",
	    m.p, m.len, &r), 303);
	resp_free(&r);
	assert_string_equal(s = sql_str("SELECT format || ' ' || (duration_ms"
	    " BETWEEN 1100 AND 1700) FROM recordings WHERE interview_id = %lld"
	    " AND question_n = 1", c.id), "mp4 true");
	free(s);
	get(cand, "/c/oneway/takes/1", &r);
	assert_status(&r, 200);
	assert_string_equal(ct = resp_header(&r, "Content-Type"), "audio/mp4");
	assert_int_equal(r.len, m.len);
	assert_memory_equal(r.body, m.p, m.len);
	free(ct);
	resp_free(&r);
	assert_int_equal(STORED(), before + 1);
	/* An ftyp box and garbage after it: refused in words, nothing kept. */
	bad.len = m.len;
	bad.p = malloc(bad.len);
	memcpy(bad.p, m.p, 36);
	memset(bad.p + 36, 0xEE, bad.len - 36);
	assert_int_equal(media_post(cand, csrf, 1, "answer.m4a", "audio/mp4",
	    bad.p, bad.len, &r), 415);
	assert_has(&r, "That file is not a recording we can read.");
	resp_free(&r);
	assert_int_equal(STORED(), before + 1);
	assert_int_equal(files_in("tmp", "-type f"), 0);
	assert_int_equal(sql_num("SELECT count(*) FROM recordings WHERE"
	    " interview_id = %lld", c.id), 1);
	free(bad.p);
	/* A camera with no microphone (chromium's WebM): no sound, said so. */
	bad.p = slurp("tests/fixtures/webm/silent.webm", &bad.len);
	assert_int_equal(media_post(cand, csrf, 1, "answer.webm", "video/webm",
	    bad.p, bad.len, &r), 415);
	assert_has(&r, "The recording has no sound. Record it again with your"
	    " microphone on.");
	resp_free(&r);
	assert_int_equal(STORED(), before + 1);
	assert_int_equal(files_in("tmp", "-type f"), 0);
	free(bad.p);
	free(m.p);
	free(csrf);
	free(c.token);
	http_free(cand);
	http_free(h);
}

static void
test_oneway_ratings_and_recommendation_are_exported(void **state)
{
	struct http	*h = signin(&a_int), *other = signin(&b_int);
	struct resp	 r;
	char		*path, *csrf, *url, *where;

	(void)state;
	path = fmt("/admin/interviews/%lld", done_id);
	csrf = csrf_of(h, path);
	url = fmt("%s/answers/2/rating", path);
	where = fmt("/admin/interviews/%lld#answer-2", done_id);
	post_ok(h, url, csrf, "rating=4&notes=Clear+and+concrete", where);
	free(where);
	/*
	 * Refused: the review page again with the field marked and what was
	 * typed kept, nothing saved. Out of range, the notes stay...
	 */
	{
		char	*b9 = fmt("csrf=%s&rating=9&notes=Typed+again", csrf);

		post(h, url, b9, &r);
		free(b9);
	}
	assert_status(&r, 400);
	assert_has(&r, "Check the marked field below; nothing was changed.");
	assert_has(&r, "<div class=\"field has-error\">\n      <fieldset>");
	assert_has(&r, "<p class=\"field-error\" id=\"rating-2-error\">Enter a whole"
	    " number between 1"
	    " and 5.</p>");
	assert_has(&r, "name=\"notes\" rows=\"3\" maxlength=\"4000\">Typed"
	    " again</textarea>");
	assert_lacks(&r, ">Clear and concrete</textarea>");
	assert_lacks(&r, "checked required>");
	assert_unmarked(&r, "notes-2");
	assert_has(&r, "rated 4/5 by int@a.test");	/* what is saved */
	resp_free(&r);
	/* ... and notes too long: the rating chosen stays chosen. */
	{
		char	*lng = malloc(4002), *b;

		memset(lng, 'n', 4001);
		lng[4001] = '\0';
		post(h, url, b = fmt("csrf=%s&rating=2&notes=%s", csrf, lng), &r);
		free(b);
		assert_status(&r, 400);
		assert_marked(&r, "notes-2");
		assert_has(&r, "<p class=\"field-error\" id=\"notes-2-error\">Enter at"
		    " most 4000"
		    " characters.</p>");
		assert_has(&r, b = fmt(">%s</textarea>", lng));
		free(b);
		assert_has(&r, "value=\"2\" checked required> 2");
		assert_lacks(&r, "<div class=\"field has-error\">\n"
		    "      <fieldset>");
		resp_free(&r);
		free(lng);
	}
	assert_int_equal(sql_num("SELECT count(*) FROM oneway_ratings c JOIN"
	    " users u ON u.id = c.user_id WHERE c.interview_id = %lld"
	    " AND c.n = 2 AND c.rating = 4 AND c.notes = 'Clear and concrete'"
	    " AND u.email = 'int@a.test'", done_id), 1);
	assert_int_equal(sql_num("SELECT count(*) FROM oneway_ratings WHERE"
	    " interview_id = %lld", done_id), 1);
	assert_int_equal(sql_num("SELECT count(*) FROM events WHERE"
	    " interview_id = %lld AND type = 'answer_rated'", done_id), 1);
	/* Another org's interviewer cannot rate it. */
	{
		char	*oc = csrf_of(other, "/admin/interviews");
		char	*body = fmt("csrf=%s&rating=1", oc);

		post(other, url, body, &r);
		assert_status(&r, 404);
		resp_free(&r);
		free(body);
		/* Nor learn of it from a refused rating. */
		post(other, url, body = fmt("csrf=%s&rating=9", oc), &r);
		assert_status(&r, 404);
		resp_free(&r);
		free(body);
		free(oc);
	}
	free(url);
	/* A question with no answer yet cannot be rated. */
	{
		struct created	 c;
		char		*u, *b;

		create_oneway(h, "&questions=Not+yet.", &c);
		u = fmt("/admin/interviews/%lld/answers/1/rating", c.id);
		post(h, u, b = fmt("csrf=%s&rating=3&notes=x", csrf), &r);
		assert_status(&r, 409);
		assert_has(&r, "no submitted answer to rate yet");
		resp_free(&r);
		free(b);
		post(h, u, b = fmt("csrf=%s&rating=0", csrf), &r);
		assert_status(&r, 409);
		assert_has(&r, "no submitted answer to rate yet");
		resp_free(&r);
		assert_int_equal(sql_num("SELECT count(*) FROM oneway_ratings"
		    " WHERE interview_id = %lld", c.id), 0);
		free(u);
		free(b);
		free(c.token);
	}
	/* The forms ask for a rating and a choice: none is made for them. */
	get(h, path, &r);
	assert_has(&r, "name=\"rating\" value=\"1\" required>");
	assert_has(&r, "<option value=\"\" selected disabled>Choose…</option>");
	resp_free(&r);
	url = fmt("%s/recommendation", path);
	/* Refused: marked, what was typed kept, nothing saved. */
	post(h, url, where = fmt("csrf=%s&recommendation=maybe&notes=Unsure",
	    csrf), &r);
	free(where);
	assert_status(&r, 400);
	assert_marked(&r, "rec");
	assert_unmarked(&r, "rec-notes");
	assert_has(&r, "<p class=\"field-error\" id=\"rec-error\">Choose one"
	    " of the options.</p>");
	assert_has(&r, "<option value=\"\" selected disabled>Choose…</option>");
	assert_has(&r, "<textarea id=\"rec-notes\" dir=\"auto\" name=\"notes\" rows=\"3\""
	    " maxlength=\"4000\">Unsure</textarea>");
	resp_free(&r);
	{
		char	*lng = malloc(4002), *b;

		memset(lng, 'm', 4001);
		lng[4001] = '\0';
		post(h, url, b = fmt("csrf=%s&recommendation=no&notes=%s", csrf,
		    lng), &r);
		free(b);
		assert_status(&r, 400);
		assert_marked(&r, "rec-notes");
		assert_unmarked(&r, "rec");
		assert_has(&r, "<option value=\"no\" selected>No</option>");
		assert_lacks(&r, "<option value=\"\" selected disabled>");
		assert_has(&r, b = fmt(">%s</textarea>", lng));
		free(b);
		resp_free(&r);
		free(lng);
	}
	assert_int_equal(sql_num("SELECT count(*) FROM events WHERE"
	    " interview_id = %lld AND type = 'recommendation'", done_id), 0);
	assert_int_equal(sql_num("SELECT count(*) FROM oneway_recommendations"
	    " WHERE interview_id = %lld", done_id), 0);
	where = fmt("/admin/interviews/%lld#recommendation", done_id);
	post_ok(h, url, csrf, "recommendation=strong_yes&notes=Hire", where);
	free(where);
	free(url);
	assert_int_equal(sql_num("SELECT count(*) FROM events e JOIN users u ON"
	    " u.id = e.actor_user_id WHERE e.interview_id = %lld AND u.email ="
	    " 'int@a.test' AND e.type IN ('answer_rated', 'recommendation')",
	    done_id), 2);
	get(h, path, &r);
	assert_has(&r, "rated 4/5 by int@a.test");
	assert_has(&r, "<li><strong>Strong yes</strong> · int@a.test (you) · ");
	/* One's own, kept in one's form. */
	assert_has(&r, "<option value=\"strong_yes\" selected>Strong yes</option>");
	assert_has(&r, "maxlength=\"4000\">Hire</textarea>");
	assert_has(&r, "Change your recommendation</button>");
	resp_free(&r);
	url = fmt("%s/export.md", path);
	get(h, url, &r);
	assert_has(&r, "- Recommendation: Strong yes, by int@a.test, 20");
	assert_has(&r, "Z: Hire\n");
	assert_has(&r, "Rating: 4/5, by int@a.test, 20");
	assert_has(&r, "Z: Clear and concrete\n");
	resp_free(&r);
	free(url);
	url = fmt("%s/export.json", path);
	get(h, url, &r);
	assert_has(&r, "\"recommendation\":\"strong_yes\"");
	assert_has(&r, "\"rating\":4,\"rating_count\":1,\"notes\":\"Clear and"
	    " concrete\",\"rated_by\":\"int@a.test\"");
	resp_free(&r);
	free(url);
	url = fmt("%s/export.csv", path);
	get(h, url, &r);
	assert_has(&r, "n,question,takes,submitted_attempt");
	/* One reviewer: the columns read as before, each named after. */
	assert_has(&r, ",4,int@a.test,Clear and concrete,strong_yes,Hire,"
	    "int@a.test: 4,int@a.test: strong_yes,");
	resp_free(&r);
	free(url);
	get(h, "/admin/interviews?kind=oneway", &r);
	assert_has(&r, "Rec Order");
	assert_has(&r, "3/3 answered");
	assert_has(&r, "<span class=\"badge\">Strong yes</span>");
	resp_free(&r);
	free(csrf);
	free(path);
	http_free(h);
	http_free(other);
}

/* The part of r's body from the first from to the first to after it (malloc'd). */
static char *
part_of(const struct resp *r, const char *from, const char *to)
{
	const char	*p = strstr(r->body, from), *q;

	if (p == NULL)
		fail_msg("no \"%s\" in the page", from);
	q = to != NULL ? strstr(p + strlen(from), to) : NULL;
	return q != NULL ? strndup(p, (size_t)(q - p)) : strdup(p);
}

/* The part has (or lacks) s; shown when not. */
static void
part_has(const char *part, const char *s, int want)
{
	if ((strstr(part, s) != NULL) != want)
		fail_msg("%s \"%s\" in:\n%s", want ? "no" : "unwanted", s, part);
}

/*
 * A second reviewer rates an answer the first one rated, and recommends
 * otherwise: the first one's rating, notes and recommendation stay; the
 * page shows both, the average, and each reviewer's own form filled with
 * their own; the timeline says who rated what (and what their rating
 * was before); the exports, the API and the list carry both.
 */
static void
test_oneway_a_second_reviewer_keeps_the_first_ones_scorecard(void **state)
{
	struct http	*first = signin(&a_int), *second;
	struct resp	 r;
	char		*path, *csrf, *url, *where, *part, *tok, *auth;
	const char	*hdrs[2];

	(void)state;
	sql_do("UPDATE users SET name = 'Ada Admin' WHERE email = 'adm@a.test'");
	second = signin(&a_adm);
	path = fmt("/admin/interviews/%lld", done_id);
	csrf = csrf_of(second, path);

	/* Before: the first one's, shown; the second one's forms empty. */
	get(second, path, &r);
	part = part_of(&r, "id=\"answer-2\"", "id=\"answer-3\"");
	part_has(part, "<span class=\"badge\">rated 4/5 by int@a.test</span>", 1);
	part_has(part, "<li><strong>4/5</strong> · int@a.test · ", 1);
	part_has(part, "<pre class=\"message\" dir=\"auto\">Clear and"
	    " concrete</pre>", 1);
	part_has(part, " checked", 0);
	part_has(part, "maxlength=\"4000\"></textarea>", 1);
	part_has(part, "(you)", 0);
	part_has(part, "Save your rating</button>", 1);
	free(part);
	part = part_of(&r, "id=\"recommendation\"", "</section>");
	part_has(part, "<li><strong>Strong yes</strong> · int@a.test · ", 1);
	part_has(part, "<option value=\"\" selected disabled>Choose…</option>", 1);
	part_has(part, " selected>Strong yes", 0);
	part_has(part, "maxlength=\"4000\"></textarea>", 1);
	free(part);
	resp_free(&r);

	/* The tester's case: the second one rates answer 2 "1". */
	url = fmt("%s/answers/2/rating", path);
	where = fmt("%s#answer-2", path);
	post_ok(second, url, csrf, "rating=1&notes=I+disagree", where);
	assert_int_equal(sql_num("SELECT count(*) FROM oneway_ratings c JOIN"
	    " users u ON u.id = c.user_id WHERE c.interview_id = %lld"
	    " AND c.n = 2 AND ((u.email = 'int@a.test' AND c.rating = 4"
	    " AND c.notes = 'Clear and concrete') OR (u.email = 'adm@a.test'"
	    " AND c.rating = 1 AND c.notes = 'I disagree'))", done_id), 2);
	/* A refused rating of the second one keeps the first one's too. */
	{
		char	*b = fmt("csrf=%s&rating=7&notes=Typed", csrf);

		post(second, url, b, &r);
		free(b);
		assert_status(&r, 400);
		part = part_of(&r, "id=\"answer-2\"", "id=\"answer-3\"");
		part_has(part, "<li><strong>4/5</strong> · int@a.test · ", 1);
		part_has(part, "<li><strong>1/5</strong> · Ada Admin"
		    " (adm@a.test) (you) · ", 1);
		part_has(part, "maxlength=\"4000\" aria-invalid", 0);
		part_has(part, ">Typed</textarea>", 1);
		part_has(part, "id=\"rating-2-error\"", 1);
		free(part);
		resp_free(&r);
	}

	/* Each sees both, the average, and their own in their form. */
	get(second, path, &r);
	part = part_of(&r, "id=\"answer-2\"", "id=\"answer-3\"");
	part_has(part, "<span class=\"badge\">average 2.5/5 of 2 reviews</span>", 1);
	part_has(part, "<li><strong>4/5</strong> · int@a.test · ", 1);
	part_has(part, "<li><strong>1/5</strong> · Ada Admin (adm@a.test)"
	    " (you) · ", 1);
	part_has(part, "<pre class=\"message\" dir=\"auto\">I disagree</pre>", 1);
	part_has(part, "value=\"1\" checked required> 1", 1);
	part_has(part, "value=\"4\" checked", 0);
	part_has(part, "maxlength=\"4000\">I disagree</textarea>", 1);
	part_has(part, "Change your rating</button>", 1);
	free(part);
	resp_free(&r);
	get(first, path, &r);
	part = part_of(&r, "id=\"answer-2\"", "id=\"answer-3\"");
	part_has(part, "<li><strong>4/5</strong> · int@a.test (you) · ", 1);
	part_has(part, "<li><strong>1/5</strong> · Ada Admin (adm@a.test) · ", 1);
	part_has(part, "value=\"4\" checked required> 4", 1);
	part_has(part, "value=\"1\" checked", 0);
	part_has(part, "maxlength=\"4000\">Clear and concrete</textarea>", 1);
	free(part);
	resp_free(&r);

	/* The second one changes theirs: the first one's stays as it was. */
	post_ok(second, url, csrf, "rating=2&notes=Still+unsure", where);
	assert_int_equal(sql_num("SELECT count(*) FROM oneway_ratings WHERE"
	    " interview_id = %lld AND n = 2", done_id), 2);
	assert_int_equal(sql_num("SELECT count(*) FROM oneway_ratings c JOIN"
	    " users u ON u.id = c.user_id WHERE c.interview_id = %lld"
	    " AND u.email = 'int@a.test' AND c.rating = 4"
	    " AND c.notes = 'Clear and concrete'", done_id), 1);
	free(url);
	free(where);

	/* And recommends otherwise. */
	url = fmt("%s/recommendation", path);
	where = fmt("%s#recommendation", path);
	post_ok(second, url, csrf, "recommendation=no&notes=Not+yet", where);
	free(url);
	free(where);
	assert_int_equal(sql_num("SELECT count(*) FROM oneway_recommendations"
	    " c JOIN users u ON u.id = c.user_id WHERE c.interview_id = %lld"
	    " AND ((u.email = 'int@a.test' AND recommendation = 'strong_yes'"
	    " AND notes = 'Hire') OR (u.email = 'adm@a.test'"
	    " AND recommendation = 'no' AND notes = 'Not yet'))", done_id), 2);
	get(first, path, &r);
	part = part_of(&r, "id=\"recommendation\"", "</section>");
	part_has(part, "<p><strong>2 reviews: Strong yes, No</strong></p>", 1);
	part_has(part, "<li><strong>Strong yes</strong> · int@a.test (you) · ", 1);
	part_has(part, "<li><strong>No</strong> · Ada Admin (adm@a.test) · ", 1);
	part_has(part, "<pre class=\"message\" dir=\"auto\">Not yet</pre>", 1);
	part_has(part, "<option value=\"strong_yes\" selected>", 1);
	part_has(part, "<option value=\"no\" selected>", 0);
	part_has(part, "maxlength=\"4000\">Hire</textarea>", 1);
	free(part);
	/* The timeline: who rated what, and what theirs was. */
	assert_has(&r, "Answer 2 rated 1/5 · adm@a.test");
	assert_has(&r, "Answer 2 rated 2/5 (was 1/5) · adm@a.test");
	assert_has(&r, "Answer 2 rated 4/5 · int@a.test");
	assert_has(&r, "Recommendation: No · adm@a.test");
	resp_free(&r);
	assert_int_equal(sql_num("SELECT count(*) FROM events e JOIN users u"
	    " ON u.id = e.actor_user_id WHERE e.interview_id = %lld"
	    " AND e.type = 'answer_rated' AND u.email = 'adm@a.test'"
	    " AND e.actor = 'adm@a.test'", done_id), 2);
	url = fmt("%s/recommendation", path);
	where = fmt("%s#recommendation", path);
	post_ok(second, url, csrf, "recommendation=yes&notes=Not+yet", where);
	free(url);
	free(where);
	get(first, path, &r);
	assert_has(&r, "Recommendation: Yes (was No) · adm@a.test");
	assert_has(&r, "<p><strong>2 reviews: Strong yes, Yes</strong></p>");
	resp_free(&r);

	/* The exports carry both. */
	url = fmt("%s/export.md", path);
	get(first, url, &r);
	assert_has(&r, "- Recommendations: 2 reviewers, mixed\n");
	assert_has(&r, "  - Recommendation: Strong yes, by int@a.test, 20");
	assert_has(&r, "  - Recommendation: Yes, by Ada Admin \\(adm@a.test\\), 20");
	assert_has(&r, "Ratings: average 3/5 of 2 reviewers\n\n- 4/5, by"
	    " int@a.test, 20");
	assert_has(&r, "Z: Clear and concrete\n- 2/5, by Ada Admin"
	    " \\(adm@a.test\\), 20");
	assert_has(&r, "Z: Still unsure\n");
	resp_free(&r);
	free(url);
	url = fmt("%s/export.json", path);
	get(first, url, &r);
	assert_has(&r, "\"recommendation\":\"mixed\"");
	assert_has(&r, "\"recommended_by\":\"int@a.test; adm@a.test\"");
	assert_has(&r, "\"recommendations\":[{\"reviewer\":\"int@a.test\","
	    "\"reviewer_name\":\"\",\"recommendation\":\"strong_yes\","
	    "\"notes\":\"Hire\",\"recommended_at\":\"20");
	assert_has(&r, "{\"reviewer\":\"adm@a.test\",\"reviewer_name\":"
	    "\"Ada Admin\",\"recommendation\":\"yes\",\"notes\":\"Not yet\","
	    "\"recommended_at\":\"20");
	assert_has(&r, "\"rating\":3,\"rating_count\":2,\"notes\":\"int@a.test:"
	    " Clear and concrete\\n\\nadm@a.test: Still unsure\",\"rated_by\":"
	    "\"int@a.test; adm@a.test\",\"ratings\":[{\"reviewer\":"
	    "\"int@a.test\",\"reviewer_name\":\"\",\"rating\":4,\"notes\":"
	    "\"Clear and concrete\",\"rated_at\":\"20");
	assert_has(&r, "{\"reviewer\":\"adm@a.test\",\"reviewer_name\":"
	    "\"Ada Admin\",\"rating\":2,\"notes\":\"Still unsure\","
	    "\"rated_at\":\"20");
	resp_free(&r);
	free(url);
	url = fmt("%s/export.csv", path);
	get(first, url, &r);
	assert_has(&r, ",3,int@a.test; adm@a.test,\"int@a.test: Clear and"
	    " concrete\n\nadm@a.test: Still unsure\",mixed,\"int@a.test: Hire\n\n"
	    "adm@a.test: Not yet\",int@a.test: 4; adm@a.test: 2,"
	    "int@a.test: strong_yes; adm@a.test: yes,");
	resp_free(&r);
	free(url);

	/* The API's export: the same. */
	tok = api_token(second, "reviews");
	auth = fmt("Authorization: Bearer %s", tok);
	hdrs[0] = auth;
	hdrs[1] = NULL;
	url = fmt("/api/v1/interviews/%lld/export", done_id);
	assert_int_equal(http_req(first, "GET", url, NULL, NULL, 0, hdrs, &r), 0);
	assert_status(&r, 200);
	assert_has(&r, "\"rated_by\":\"int@a.test; adm@a.test\"");
	assert_has(&r, "\"reviewer\":\"adm@a.test\",\"reviewer_name\":"
	    "\"Ada Admin\",\"rating\":2,\"notes\":\"Still unsure\"");
	assert_has(&r, "\"recommendation\":\"mixed\"");
	resp_free(&r);
	free(url);
	free(auth);
	free(tok);

	/* The list: both recommendations, not the last one alone. */
	get(first, "/admin/interviews?kind=oneway", &r);
	assert_has(&r, "<span class=\"badge\">2 reviews: Strong yes, Yes</span>");
	resp_free(&r);
	free(csrf);
	free(path);
	http_free(first);
	http_free(second);
}

static void
test_oneway_retention_deletes_the_recordings(void **state)
{
	char	*out, *id;

	(void)state;
	assert_int_equal(STORED() > 0, 1);
	sql_do("UPDATE interviews SET ended_at = now() - interval '40 days'"
	    " WHERE id = %lld", done_id);
	sql_do("UPDATE orgs SET retention_recording_days = 30,"
	    " retention_transcript_days = 30 WHERE name = 'Org A'");
	/* An upload the candidate gave up on, two days old, with a chunk. */
	id = sql_str("SELECT id FROM oneway_uploads LIMIT 1");
	assert_int_equal(strlen(id), 32);
	assert_int_equal(stack_sh(&S, "mkdir -p \"$VAR/storage/tmp/up-%s\" &&"
	    " echo x > \"$VAR/storage/tmp/up-%s/000000\"", id, id), 0);
	sql_do("UPDATE oneway_uploads SET created_at = now() - interval '3 days'");
	out = stack_out(&S, ". scripts/stack.sh; \"$VIVA\" --config \"$CONF\""
	    " jobs run");
	free(out);
	assert_int_equal(sql_num("SELECT count(*) FROM recordings WHERE"
	    " interview_id = %lld", done_id), 0);
	assert_int_equal(sql_num("SELECT count(*) FROM interviews WHERE"
	    " id = %lld AND transcript_purged_at IS NOT NULL", done_id), 1);
	/*
	 * The reviewers' ratings, notes and recommendations are theirs, not
	 * the candidate's words: kept, as the adaptive scores are.
	 */
	assert_int_equal(sql_num("SELECT count(*) FROM oneway_ratings WHERE"
	    " interview_id = %lld AND n = 2 AND notes IN ('Clear and concrete',"
	    " 'Still unsure')", done_id), 2);
	assert_int_equal(sql_num("SELECT count(*) FROM oneway_recommendations"
	    " WHERE interview_id = %lld AND notes <> ''", done_id), 2);
	assert_int_equal(STORED(), 0);
	assert_int_equal(sql_num("SELECT count(*) FROM oneway_uploads"), 0);
	assert_int_equal(LEFT_IN_TMP(), 0);
	free(id);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_oneway_form_marks_errors_and_keeps_values),
		cmocka_unit_test(test_the_form_sent_twice_makes_one_interview),
		cmocka_unit_test(test_oneway_form_takes_its_orgs_bank_questions),
		cmocka_unit_test(test_oneway_candidate_answers_every_question),
		cmocka_unit_test(test_oneway_answers_are_encrypted_and_served_only_to_the_org),
		cmocka_unit_test(test_oneway_takes_are_served_in_byte_ranges),
		cmocka_unit_test(test_oneway_old_format_takes_are_resealed),
		cmocka_unit_test(test_oneway_refusals_are_explained_and_leave_no_file),
		cmocka_unit_test(test_oneway_a_cut_wav_is_refused_and_the_take_before_stays),
		cmocka_unit_test(test_oneway_audio_interview_refuses_video),
		cmocka_unit_test(test_oneway_chunked_upload_refuses_impossible_counts),
		cmocka_unit_test(test_oneway_a_later_question_is_not_open_yet),
		cmocka_unit_test(test_oneway_paused_is_not_ended),
		cmocka_unit_test(test_oneway_one_attempt_is_not_offered_again),
		cmocka_unit_test(test_oneway_ratings_and_recommendation_are_exported),
		cmocka_unit_test(test_oneway_a_second_reviewer_keeps_the_first_ones_scorecard),
		cmocka_unit_test(test_oneway_retention_deletes_the_recordings),
		/* After retention, which counts every stored file. */
		cmocka_unit_test(test_oneway_mp4_takes_are_walked_for_their_length),
		cmocka_unit_test(test_oneway_upload_sent_twice_is_one_take),
		cmocka_unit_test(test_oneway_answer_lengths_are_shown_and_exported),
		cmocka_unit_test(test_oneway_the_candidate_submits_the_take_they_choose),
		cmocka_unit_test(test_oneway_a_take_past_the_answer_limit_is_refused_with_both_lengths),
		cmocka_unit_test(test_no_request_failed_on_the_server_side),
	};

	return cmocka_run_group_tests(tests, group_setup, flow_teardown);
}
