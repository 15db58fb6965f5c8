/* flow.c: steps the interview tests share (see flow.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <strings.h>
#include <unistd.h>

#include <curl/curl.h>

#include "flow.h"
#include "lib/crypto.h"
#include "web/snapshot.h"

struct stack	S;

/* What flow_start was given, for flow_teardown. */
static struct account *const	*flow_acc;
static size_t			 flow_nacc;

int
flow_start(struct account *const *acc, size_t n)
{
	size_t	i;

	flow_acc = acc;
	flow_nacc = n;
	curl_global_init(CURL_GLOBAL_DEFAULT);
	if (crypto_init() != ST_OK || stack_start(&S) != 0)
		return -1;
	for (i = 0; i < n; i++)
		if ((acc[i]->pw = stack_user_add(&S, acc[i]->org, acc[i]->email,
		    acc[i]->role)) == NULL) {
			fprintf(stderr, "could not add %s\n", acc[i]->email);
			return -1;
		}
	return 0;
}

void
flow_stop(struct account *const *acc, size_t n)
{
	size_t	i;

	stack_stop(&S);
	for (i = 0; i < n; i++) {
		free(acc[i]->pw);
		acc[i]->pw = NULL;
	}
	curl_global_cleanup();
}

int
flow_start_bank(struct account *const *acc, size_t n, const char *role)
{
	if (flow_start(acc, n) != 0)
		return -1;
	return seed_test_bank(role);
}

int
flow_teardown(void **state)
{
	(void)state;
	flow_stop(flow_acc, flow_nacc);
	return 0;
}

char *
fmt(const char *f, ...)
{
	va_list	 ap;
	char	*s;

	va_start(ap, f);
	if (vasprintf(&s, f, ap) < 0)
		abort();
	va_end(ap);
	return s;
}

long long
sql_num(const char *f, ...)
{
	va_list		 ap;
	char		*q, *out, *end;
	long long	 n;

	va_start(ap, f);
	if (vasprintf(&q, f, ap) < 0)
		abort();
	va_end(ap);
	out = stack_sql(&S, q);
	n = strtoll(out, &end, 10);
	if (end == out || *end != '\0')
		fail_msg("SQL gave no number: %s\n  -> \"%s\"", q, out);
	free(q);
	free(out);
	return n;
}

long
file_post(struct http *h, const char *path, const struct file_part *f,
    struct resp *r)
{
	static const char	 bnd[] = "vivaTestBoundary7MA4YWxkTrZu0gW";
	static const char	 tail[] = "\r\n--vivaTestBoundary7MA4YWxkTrZu0gW--\r\n";
	char			*head, *ct, *body, *fid;
	size_t			 hl, total;

	fid = f->form_id == NULL ? strdup("") : fmt("--%s\r\n"
	    "Content-Disposition: form-data; name=\"form_id\"\r\n\r\n"
	    "%s\r\n", bnd, f->form_id);
	head = fmt("--%s\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n"
	    "%s\r\n%s--%s\r\nContent-Disposition: form-data; name=\"n\"\r\n\r\n"
	    "%d\r\n--%s\r\nContent-Disposition: form-data; name=\"%s\";"
	    " filename=\"%s\"\r\nContent-Type: %s\r\n\r\n", bnd, f->csrf,
	    fid, bnd, f->n, bnd, f->field, f->filename, f->ctype);
	free(fid);
	hl = strlen(head);
	total = hl + f->len + sizeof(tail) - 1;
	body = malloc(total);
	memcpy(body, head, hl);
	if (f->len > 0)
		memcpy(body + hl, f->p, f->len);
	memcpy(body + hl + f->len, tail, sizeof(tail) - 1);
	ct = fmt("multipart/form-data; boundary=%s", bnd);
	assert_int_equal(http_req(h, "POST", path, ct, body, total, NULL,
	    r), 0);
	free(ct);
	free(body);
	free(head);
	return r->status;
}

void
sql_wait(const char *f, ...)
{
	va_list		 ap;
	char		*q, *out;
	int		 i, yes = 0;

	va_start(ap, f);
	if (vasprintf(&q, f, ap) < 0)
		abort();
	va_end(ap);
	/* Up to 20 s, well past the work's own deadlines. */
	for (i = 0; i < 200 && !yes; i++) {
		out = stack_sql(&S, q);
		if (!(yes = strcmp(out, "t") == 0))
			usleep(100 * 1000);
		free(out);
	}
	if (!yes)
		fail_msg("SQL never became true: %s", q);
	free(q);
}

char *
slurp(const char *path, size_t *len)
{
	FILE	*f = fopen(path, "rb");
	char	*p;
	long	 n;

	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	rewind(f);
	p = malloc((size_t)n + 1);
	assert_non_null(p);
	assert_int_equal(fread(p, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	p[n] = '\0';	/* text files can be read as strings */
	*len = (size_t)n;
	return p;
}

char *
sql_str(const char *f, ...)
{
	va_list	 ap;
	char	*q, *out;

	va_start(ap, f);
	if (vasprintf(&q, f, ap) < 0)
		abort();
	va_end(ap);
	out = stack_sql(&S, q);
	if (strstr(out, "ERROR") != NULL)
		fail_msg("SQL failed: %s\n  -> %s", q, out);
	free(q);
	return out;
}

void
sql_do(const char *f, ...)
{
	va_list	 ap;
	char	*q;

	va_start(ap, f);
	if (vasprintf(&q, f, ap) < 0)
		abort();
	va_end(ap);
	free(sql_str("%s", q));
	free(q);
}

void
outside_write_settles(void)
{
	usleep((SNAPSHOT_MAX_AGE_MS + 100) * 1000);
}

/* A test of its own, last in a program: no 5xx, no sanitizer report in the app's log. */
void
test_no_request_failed_on_the_server_side(void **state)
{
	/*
	 * A 5xx, a sanitizer report, SQL the database refused, or an upload
	 * checker that died (its sandbox refused a call it needs): always our bug.
	 */
	static const char bad[] = "-e status.:5 -e Sanitizer -e \"runtime error\""
	    " -e \"query failed\" -e \"checker died\" -e \"without its sandbox\"";
	char	*out;

	(void)state;
	out = stack_out(&S, "grep -c %s \"$VAR/log/viva-fcgi.log\"", bad);
	if (atoi(out) != 0) {
		free(out);
		out = stack_out(&S, "grep %s -A3 \"$VAR/log/viva-fcgi.log\" | head -n 60",
		    bad);
		fail_msg("viva-fcgi.log:\n%s", out);
	}
	free(out);
}


void
expect_status(const char *file, int line, const struct resp *r, long code)
{
	if (r->status == code)
		return;
	print_error("%s:%d: status %ld, wanted %ld; headers:\n%s\nbody:\n%.3000s\n",
	    file, line, r->status, code, r->headers, r->body);
	_fail(file, line);
}

void
expect_body(const char *file, int line, const struct resp *r, const char *s,
    int want)
{
	if ((strstr(r->body, s) != NULL) == want)
		return;
	print_error("%s:%d: the response (status %ld) %s \"%s\"; body:\n%.4000s\n",
	    file, line, r->status, want ? "lacks" : "has", s, r->body);
	_fail(file, line);
}

/* Whether the tag that starts at tag has needle among its attributes. */
static int
tag_has(const char *tag, const char *needle)
{
	const char	*end = strchr(tag, '>'), *p = strstr(tag, needle);

	return end != NULL && p != NULL && p < end;
}

/*
 * A form field is marked when the <div class="field ..."> holding its label has
 * has-error, a <p class="field-error" id="ID-error"> before the div ends, and
 * the field itself says so to a screen reader (aria-invalid, and
 * aria-describedby naming that paragraph, beside a hint perhaps), with msg in
 * it unless NULL: 1 or 0, or -1 when the field is not on the page.
 */
int
field_marked(const char *body, const char *id, const char *msg)
{
	char		 label[96], error[128], field[96], named[96];
	const char	*l, *d = NULL, *p = body, *end, *e, *f;

	snprintf(label, sizeof(label), "<label for=\"%s\">", id);
	snprintf(error, sizeof(error), "<p class=\"field-error\" id=\"%s-error\">",
	    id);
	snprintf(field, sizeof(field), " id=\"%s\"", id);
	snprintf(named, sizeof(named), "%s-error", id);
	if ((l = strstr(body, label)) == NULL)
		return -1;
	while ((p = strstr(p, "<div class=\"field")) != NULL && p < l)
		d = p++;
	if (d == NULL)
		return -1;
	end = strstr(l, "</div>");
	e = strstr(l, error);
	f = strstr(l, field);
	if (strncmp(d, "<div class=\"field has-error\"", 28) != 0)
		return 0;
	if (e == NULL || f == NULL || end == NULL || e > end || f > e ||
	    !tag_has(f, " aria-invalid=\"true\"") || !tag_has(f, named))
		return 0;
	return msg == NULL || ((p = strstr(e, msg)) != NULL && p < end);
}

void
expect_marked(const char *file, int line, const struct resp *r, const char *id,
    int want)
{
	int	got = field_marked(r->body, id, NULL);

	if (got == want)
		return;
	print_error("%s:%d: field %s is %s, wanted %s; body:\n%.4000s\n", file,
	    line, id, got < 0 ? "not on the page" : got ? "marked" : "not marked",
	    want ? "marked" : "not marked", r->body);
	_fail(file, line);
}

void
get(struct http *h, const char *path, struct resp *r)
{
	if (http_get(h, path, r) != 0)
		fail_msg("GET %s: no response", path);
}

void
post(struct http *h, const char *path, const char *form, struct resp *r)
{
	if (http_post(h, path, form, r) != 0)
		fail_msg("POST %s: no response", path);
}

/* POSTs form with csrf in front and expects a 303 to where. */
void
post_ok(struct http *h, const char *path, const char *csrf, const char *form,
    const char *where)
{
	struct resp	 r;
	char		*body = fmt("csrf=%s%s%s", csrf, *form ? "&" : "", form);
	char		*loc;

	post(h, path, body, &r);
	assert_status(&r, 303);
	loc = resp_header(&r, "Location");
	assert_non_null(loc);
	assert_string_equal(loc, where);
	free(loc);
	free(body);
	resp_free(&r);
}

struct http *
signin(const struct account *acc)
{
	struct http	*h = http_new(&S);

	assert_int_equal(http_login(h, acc->email, acc->pw), 0);
	return h;
}

char *
csrf_of(struct http *h, const char *path)
{
	struct resp	 r;
	char		*c;

	get(h, path, &r);
	assert_status(&r, 200);
	c = resp_csrf(&r);
	assert_non_null(c);
	resp_free(&r);
	return c;
}

/* The page shows the token once, as its secret. */
char *
api_token(struct http *h, const char *name)
{
	char		*csrf = csrf_of(h, "/admin/tokens"), *body, *tok;
	const char	*p;
	struct resp	 r;

	post(h, "/admin/tokens", body = fmt("csrf=%s&name=%s", csrf, name), &r);
	assert_status(&r, 200);
	assert_non_null(p = strstr(r.body, "<p class=\"secret\">"));
	p += strlen("<p class=\"secret\">");
	tok = strndup(p, strcspn(p, "<"));
	resp_free(&r);
	free(body);
	free(csrf);
	return tok;
}

char *
api_token_of(const struct account *acc, const char *name)
{
	struct http	*h = signin(acc);
	char		*tok = api_token(h, name);

	http_free(h);
	return tok;
}

char *
form_id_of(const struct resp *r)
{
	const char	*p = strstr(r->body, "name=\"form_id\" value=\"");

	assert_non_null(p);
	p += strlen("name=\"form_id\" value=\"");
	assert_true(strcspn(p, "\"") >= 16);
	return strndup(p, strcspn(p, "\""));
}

/* Posts csrf, form_id and fields to path. */
static void
post_form(struct http *h, const char *path, const char *csrf,
    const char *fid, const char *fields, struct resp *r)
{
	char	*body = fmt("csrf=%s&form_id=%s&%s", csrf, fid, fields);

	post(h, path, body, r);
	free(body);
}

char *
form_sent_twice(struct http *h, const char *new_path, const char *path,
    const char *bad, long bad_status, const char *good, struct resp *first,
    struct resp *again)
{
	char		*csrf, *fid, *kept;
	struct resp	 r;

	get(h, new_path, &r);
	csrf = resp_csrf(&r);
	fid = form_id_of(&r);
	resp_free(&r);
	post_form(h, path, csrf, fid, bad, &r);
	assert_status(&r, bad_status);
	kept = form_id_of(&r);
	assert_string_equal(kept, fid);
	resp_free(&r);
	post_form(h, path, csrf, fid, good, first);
	post_form(h, path, csrf, fid, good, again);
	free(kept);
	free(csrf);
	return fid;
}

int
count_in(const struct resp *r, const char *s)
{
	return str_count(r->body, s);
}

double
best_server_ms(struct http *h, const char *path, const char *route,
    struct resp *last)
{
	struct resp	 r;
	char		*line, *p;
	double		 ms, best = -1;
	int		 i;

	for (i = 0; i < 3; i++) {
		get(h, path, &r);
		assert_status(&r, 200);
		if (last != NULL && i == 2)
			*last = r;
		else
			resp_free(&r);
		/* No single quotes: stack_out's command is inside bash -c '...'. */
		line = stack_out(&S, "grep -F \"\\\"%s\\\",\""
		    " \"$VAR/log/viva-fcgi.log\" | tail -n 1", route);
		assert_non_null(p = strstr(line, "\"ms\":"));
		ms = strtod(p + 5, NULL);
		if (best < 0 || ms < best)
			best = ms;
		free(line);
	}
	return best;
}

void
expect_redirect(const char *file, int line, const struct resp *r,
    const char *where)
{
	char	*loc;

	expect_status(file, line, r, 303);
	loc = resp_header(r, "Location");
	if (loc == NULL || strcmp(loc, where) != 0) {
		print_error("%s:%d: redirected to %s, not %s\n", file, line,
		    loc != NULL ? loc : "(nowhere)", where);
		free(loc);
		_fail(file, line);
	}
	free(loc);
}

/* Creates an interview as h's user with the given form (after csrf). */
void
create(struct http *h, const char *form, struct created *c)
{
	char		*csrf = csrf_of(h, "/admin/interviews/new");
	char		*body = fmt("csrf=%s&%s", csrf, form);
	const char	*p;
	char		*cc;
	struct resp	 r;

	post(h, "/admin/interviews", body, &r);
	assert_status(&r, 200);
	assert_has(&r, "shown only once");
	cc = resp_header(&r, "Cache-Control");
	assert_non_null(cc);
	assert_non_null(strstr(cc, "no-store"));
	free(cc);
	p = strstr(r.body, "<p class=\"secret\">");
	assert_non_null(p);
	p = strstr(p, "/i/");
	assert_non_null(p);
	p += 3;
	c->token = strndup(p, strcspn(p, "<"));
	assert_int_equal(strlen(c->token), 43);
	/* The invitation as an email, the link in it, for the mail program. */
	assert_has(&r, "href=\"mailto:");
	cc = fmt("%%2Fi%%2F%s%%0D%%0A%%0D%%0AYou%%20can%%20start", c->token);
	assert_has(&r, cc);
	free(cc);
	c->id = sql_num("SELECT id FROM interviews ORDER BY id DESC LIMIT 1");
	resp_free(&r);
	free(body);
	free(csrf);
}

void
create_form(struct http *h, const char *kind, struct created *c,
    const char *f, ...)
{
	va_list		 ap;
	char		*fields, *path, *csrf, *body;
	const char	*p;
	struct resp	 r;

	va_start(ap, f);
	if (vasprintf(&fields, f, ap) < 0)
		abort();
	va_end(ap);
	path = fmt("/admin/%s/new", kind);
	csrf = csrf_of(h, path);
	free(path);
	body = fmt("csrf=%s&%s", csrf, fields);
	post(h, path = fmt("/admin/%s", kind), body, &r);
	assert_status(&r, 200);
	assert_has(&r, "shown only once");
	p = strstr(r.body, "/i/");
	assert_non_null(p);
	c->token = strndup(p + 3, strcspn(p + 3, "<"));
	c->id = sql_num("SELECT id FROM interviews ORDER BY id DESC LIMIT 1");
	resp_free(&r);
	free(path);
	free(body);
	free(csrf);
	free(fields);
}

void
interview_page(struct http *h, long long id, const char *suffix,
    struct resp *r)
{
	char	*path = fmt("/admin/interviews/%lld%s", id, suffix);

	get(h, path, r);
	assert_status(r, 200);
	free(path);
}

void
create_custom(struct http *h, const char *name, int budget, struct created *c)
{
	char	*n = http_escape(name);
	char	*form = fmt("candidate_name=%s&candidate_email=c%%40x.test"
	    "&challenge_id=0&title=Sum&body_md=Add+two+numbers.&minutes=30"
	    "&token_budget=%d&model=builtin&instructions=&expiry_days=7", n, budget);

	create(h, form, c);
	free(form);
	free(n);
}

/* A candidate's browser that opened the invite; *csrf is its form token. */
struct http *
open_invite(const struct created *c, char **csrf)
{
	struct http	*h = http_new(&S);
	struct resp	 r;
	char		*path = fmt("/i/%s", c->token), *loc, *ck;

	get(h, path, &r);
	assert_status(&r, 303);
	loc = resp_header(&r, "Location");
	assert_string_equal(loc, "/c");
	free(loc);
	ck = resp_header(&r, "Set-Cookie");
	assert_non_null(ck);
	assert_non_null(strstr(ck, "viva_candidate="));
	assert_non_null(strstr(ck, "HttpOnly"));
	assert_non_null(strstr(ck, "SameSite=Lax"));
	free(ck);
	resp_free(&r);
	free(path);
	*csrf = csrf_of(h, "/c");
	return h;
}

/* Opens the invite and presses Start. */
struct http *
start(const struct created *c, char **csrf)
{
	struct http	*h = open_invite(c, csrf);

	post_ok(h, "/c/start", *csrf, "", "/c");
	return h;
}

long
message_post(struct http *h, const char *csrf, const char *text,
    struct resp *r)
{
	char	*m = http_escape(text), *body = fmt("csrf=%s&message=%s", csrf, m);

	post(h, "/c/messages", body, r);
	free(body);
	free(m);
	return r->status;
}

/* --- adaptive interviews ------------------------------------------------ */

/* Two skills, two questions each at every level, all with one rubric. */
int
seed_test_bank(const char *role)
{
	char	*out, *q;
	int	 ok;

	q = fmt("INSERT INTO roles (org_id, slug, name, skill_areas)"
	    " VALUES (NULL, '%s', 'QA tester', ARRAY['testing', 'debugging']);"
	    " INSERT INTO questions (org_id, role, skill_area, category, difficulty,"
	    " body_md, rubric, sample_answer) SELECT NULL, '%s', s, 'technical',"
	    " l, 'Q ' || s || ' ' || l || ' ' || i || ': how do you test **this**?',"
	    " '{\"points\":[{\"text\":\"writes a failing unit test\",\"weight\":3,"
	    "\"phrases\":[\"unit test\",\"failing test\"]},{\"text\":\"handles the"
	    " boundary condition\",\"weight\":2,\"phrases\":[\"boundary condition\","
	    "\"empty input\"]}]}', 'A sample: write a failing unit test first.'"
	    " FROM unnest(ARRAY['testing', 'debugging']) s,"
	    " unnest(ARRAY['warmup', 'fundamental', 'intermediate', 'advanced',"
	    " 'expert']) l, generate_series(1, 2) i RETURNING 1", role, role);
	out = stack_sql(&S, q);
	free(q);
	ok = strstr(out, "ERROR") == NULL;
	free(out);
	return ok ? 0 : -1;
}

/* Creates an adaptive interview with the form; extra is appended. */
void
create_adaptive(struct http *h, const char *name, const char *extra,
    struct created *c)
{
	create_form(h, "adaptive", c, "candidate_name=%s&candidate_email="
	    "a%%40x.test&question_source=bank&expiry_days=7%s", name, extra);
	/* On the interview's timeline from the start. */
	assert_int_equal(sql_num("SELECT count(*) FROM events WHERE interview_id = %lld"
	    " AND type = 'interview_created' AND detail->>'kind' = 'adaptive'", c->id), 1);
}

int
current_n(struct http *h)
{
	struct resp	 r;
	const char	*p;
	int		 n = 0;

	get(h, "/c", &r);
	assert_status(&r, 200);
	if ((p = strstr(r.body, "name=\"n\" value=\"")) != NULL)
		n = atoi(p + strlen("name=\"n\" value=\""));
	resp_free(&r);
	return n;
}

char *
question_field(long long id, int n, const char *expr)
{
	return sql_str("SELECT %s FROM interview_questions WHERE"
	    " interview_id = %lld AND n = %d", expr, id, n);
}

long
answer_post(struct http *h, const char *csrf, int n, const char *text,
    struct resp *r)
{
	char	*t = http_escape(text), *body = fmt("csrf=%s&n=%d&answer=%s",
		    csrf, n, t);

	post(h, "/c/answer", body, r);
	free(body);
	free(t);
	return r->status;
}

void
answer_ok(struct http *h, const char *csrf, int n, const char *text)
{
	struct resp	r;

	assert_int_equal(answer_post(h, csrf, n, text, &r), 303);
	resp_free(&r);
}

/* POST /c/ticket with the page's token; the response. */
void
ticket_post(struct http *h, const char *token, struct resp *r)
{
	char		 hdr[256];
	const char	*hdrs[] = { hdr, NULL };

	snprintf(hdr, sizeof(hdr), "X-CSRF-Token: %s", token);
	assert_int_equal(http_req(h, "POST", "/c/ticket",
	    "application/x-www-form-urlencoded", "", 0, hdrs, r), 0);
}

/* The url of a fresh ticket for h's voice interview (malloc'd). */
char *
ticket_url(struct http *h, const char *token)
{
	struct resp	 r;
	char		*p, *url;

	ticket_post(h, token, &r);
	assert_status(&r, 200);
	p = strstr(r.body, "\"url\":\"");
	assert_non_null(p);
	p += 7;
	url = strndup(p, strcspn(p, "\""));
	resp_free(&r);
	/* json-c escapes the slashes. */
	for (p = url; (p = strstr(p, "\\/")) != NULL;)
		memmove(p, p + 1, strlen(p));
	return url;
}
