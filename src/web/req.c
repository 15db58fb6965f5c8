/* req.c: read a request within limits, write its response, log one line. */
#include <fcntl.h>
#include <json-c/json.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/crypto.h"
#include "lib/http.h"
#include "lib/log.h"
#include "lib/fcgi_write.h"
#include "metrics.h"
#include "req.h"
#include "router.h"
#include "snapshot.h"

/* Cookies and query strings are smaller than bodies; browsers send little. */
static const struct form_limits small_limits = { 64, 64, 8192, 16384 };

const char *
req_env(const struct req *r, const char *name)
{
	if (r->fcgi != NULL)
		return FCGX_GetParam(name, r->fcgi->envp);
	return getenv(name);
}

const char *
req_cookie(const struct req *r, const char *name)
{
	return params_val(&r->cookies, name);
}

static enum method
method_of(const char *m)
{
	if (strcmp(m, "GET") == 0)
		return M_GET;
	if (strcmp(m, "POST") == 0)
		return M_POST;
	if (strcmp(m, "HEAD") == 0)
		return M_HEAD;
	if (strcmp(m, "DELETE") == 0)
		return M_DELETE;
	return M_OTHER;
}

static enum status
read_body(struct req *r, size_t len)
{
	char	*p;
	size_t	 got = 0;
	int	 n;

	p = arena_alloc(r->a, len + 1);
	while (got < len) {
		if (r->fcgi != NULL)
			n = FCGX_GetStr(p + got, (int)(len - got), r->fcgi->in);
		else
			n = (int)fread(p + got, 1, len - got, stdin);
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	if (got != len) {
		r->error_detail = "The request body ended early.";
		return ST_INVALID;
	}
	p[len] = '\0';
	r->raw = p;
	r->raw_len = len;
	return ST_OK;
}

#define UPLOAD_SLACK	(64 * 1024)	/* multipart headers and small fields */

/*
 * A recording's route: its body may be as large as the recording's limit
 * and the form fields beside it, and one over that is left unread for
 * its page to say so in the candidate's words.
 */
static int
is_upload(const struct req *r)
{
	return (r->body_kind & (R_AUDIO | R_ONEWAY)) != 0;
}

static long
body_limit(const struct req *r)
{
	if (r->body_kind & R_ONEWAY)
		return r->app->cfg.oneway_max_bytes + UPLOAD_SLACK;
	if (r->body_kind & R_AUDIO)
		return r->app->cfg.audio_max_bytes + UPLOAD_SLACK;
	return r->app->cfg.max_body;
}

/* Why a body over the limit is refused: for a CSV import, what to do. */
static const char *
too_large_text(struct req *r)
{
	if (r->body_kind & R_IMPORT)
		return arena_printf(r->a, "The file is larger than the %.1f MB"
		    " an import takes, so nothing was imported. Split the bank"
		    " into several files and import each.",
		    (double)r->app->cfg.max_body / (1024 * 1024));
	return "The request body is larger than this server accepts.";
}

static enum status
parse_multipart(struct req *r, const char *ctype, const char *p, size_t len)
{
	struct form_limits	 lim = form_limits_default;

	/*
	 * One file part may fill the body; the field table still limits
	 * every text field.  The question import too: its page says a file
	 * may be max_body, and one over 512 KiB, a few hundred questions, was
	 * refused as "A field or file in the upload is too large."
	 */
	if (r->body_kind & (R_AUDIO | R_ONEWAY | R_IMPORT))
		lim.max_value = lim.max_total = (size_t)body_limit(r);
	if (is_upload(r))
		lim.max_fields = 16;
	return form_parse_multipart(r->a, ctype, p, len, &lim, &r->form,
	    &r->error_detail);
}

/*
 * nginx wrote the body to a file and passed its path (VIVA_UPLOAD_FILE, set
 * only by nginx/ configs); it removes the file after the request.  Too
 * large: left unread, for the handler to say so.
 */
static enum status
parse_body_file(struct req *r, const char *path, const char *ctype)
{
	struct stat	 sb;
	void		*m;
	int		 fd;
	enum status	 st;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1 ||
	    fstat(fd, &sb) == -1) {
		log_error("upload: cannot open nginx's body file %s", path);
		if (fd != -1)
			close(fd);
		return ST_INTERNAL;
	}
	if (sb.st_size > body_limit(r) || sb.st_size == 0 || ctype == NULL ||
	    strncasecmp(ctype, "multipart/form-data", 19) != 0) {
		r->upload_too_large = sb.st_size > body_limit(r);
		close(fd);
		return ST_OK;
	}
	m = mmap(NULL, (size_t)sb.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (m == MAP_FAILED) {
		log_error("upload: cannot map %s", path);
		return ST_INTERNAL;
	}
	st = parse_multipart(r, ctype, m, (size_t)sb.st_size);
	munmap(m, (size_t)sb.st_size);
	return st;
}

static enum status
parse_body(struct req *r)
{
	const char	*ctype = req_env(r, "CONTENT_TYPE");
	const char	*len_s = req_env(r, "CONTENT_LENGTH"), *v;
	char		*end;
	long long	 len;
	enum status	 st;

	/* A GET has no body to read: nginx's error_page turns a refused
	 * upload into a GET that still names the upload's length. */
	if (r->method == M_GET || r->method == M_HEAD)
		return ST_OK;
	/* nginx's error_page for an upload it could not write to disk. */
	if (is_upload(r) && (v = req_env(r, "VIVA_UPLOAD_FAILED")) != NULL &&
	    *v != '\0') {
		log_error("upload: nginx could not write the body to its disk"
		    " (its error log says why)");
		r->upload_unstored = 1;	/* the handler says so */
		return ST_OK;
	}
	if ((v = req_env(r, "VIVA_UPLOAD_FILE")) != NULL && *v != '\0')
		return parse_body_file(r, v, ctype);
	if (len_s == NULL || *len_s == '\0')
		return ST_OK;
	len = strtoll(len_s, &end, 10);
	if (*end != '\0' || len < 0) {
		r->error_detail = "The Content-Length header is not a number.";
		return ST_INVALID;
	}
	if (len > body_limit(r) && is_upload(r)) {
		r->upload_too_large = 1;	/* the handler says so */
		return ST_OK;
	}
	if (len > body_limit(r)) {
		r->error_detail = too_large_text(r);
		return ST_TOOLARGE;
	}
	if (len == 0)
		return ST_OK;
	if ((st = read_body(r, (size_t)len)) != ST_OK || ctype == NULL)
		return st;
	/*
	 * The API reads only JSON, from r->raw: a body sent as a form (curl -d
	 * without a Content-Type) is for its handler to refuse by its type,
	 * not for the form parser to refuse by the JSON's "field names".
	 */
	if (r->api)
		return ST_OK;
	if (strncasecmp(ctype, "application/x-www-form-urlencoded", 33) == 0)
		return form_parse_urlencoded(r->a, r->raw, r->raw_len,
		    &form_limits_default, &r->form, &r->error_detail);
	if (strncasecmp(ctype, "multipart/form-data", 19) == 0)
		return parse_multipart(r, ctype, r->raw, r->raw_len);
	return ST_OK;	/* JSON and others: handlers read r->raw */
}

static void
take_request_id(struct req *r)
{
	const char	*id = req_env(r, "REQUEST_ID");
	size_t		 i, n;

	/* nginx's $request_id is 32 hex digits; anything else is replaced. */
	n = id != NULL ? strlen(id) : 0;
	for (i = 0; i < n && i < 32; i++)
		if (!strchr("0123456789abcdef", id[i]))
			break;
	if (n == 32 && i == 32)
		memcpy(r->id, id, 33);
	else
		crypto_hex_id(r->id);
}

/*
 * A query over small_limits, under /api/: 400, for 413 is about a body
 * (the API's says "body"), and the limits in words, not "the form".
 */
static enum status
query_refused(struct req *r, enum status st)
{
	if (st != ST_TOOLARGE || !r->api)
		return st;
	r->error_detail = arena_printf(r->a, "The query is too large: at most"
	    " %zu parameters, each name at most %zu bytes.",
	    small_limits.max_fields, small_limits.max_name);
	return ST_INVALID;
}

/*
 * Takes the empty record that ends stdin, which nginx sends after the body
 * (after the parameters when there is none), before a byte of the response
 * goes out: nginx stops sending a request once its response starts, so a
 * response flushed before that record came waited on it until the browser
 * gave up (question_test's import of a megabyte "got no response"), and a
 * process that closed with it unread reset the connection (nginx: writev()
 * failed, Broken pipe; a 502).  A body sent from nginx's temporary file,
 * one over client_body_buffer_size (an import, a one-way answer's 1 MiB
 * chunk), met one or the other once in 8 under ASan.  A body left unread
 * (a GET's) is not read here: its first byte is no end, and the process
 * lingers as it closes (main.c serve).
 */
static void
read_stdin_end(struct req *r)
{
	if (r->fcgi != NULL)
		(void)FCGX_GetChar(r->fcgi->in);
}

enum status
req_begin(struct req *r, struct app *app, struct arena *a, FCGX_Request *fcgi)
{
	const char	*v;
	enum status	 st;
	unsigned	 statements;

	memset(r, 0, sizeof(*r));
	clock_gettime(CLOCK_MONOTONIC, &r->start);
	/* Exchanges and statements of the last request's after-work, and
	 * of the pool's checks between requests, are not this one's. */
	(void)http_waited_ms_take();
	if (app->db != NULL)
		(void)db_waited_take(app->db, &statements);
	r->a = a;
	r->app = app;
	r->db = app->db;
	r->fcgi = fcgi;
	r->status = 200;
	buf_init(&r->headers, a);
	buf_init(&r->body, a);
	take_request_id(r);
	log_set_request(r->id);
	r->method_name = (v = req_env(r, "REQUEST_METHOD")) ? v : "GET";
	r->method = method_of(r->method_name);
	r->path = (v = req_env(r, "DOCUMENT_URI")) ? v :
	    (v = req_env(r, "PATH_INFO")) && *v ? v : "/";
	/* Set first: a query or body refused below answers as JSON there. */
	r->api = strncmp(r->path, "/api/", 5) == 0;
	r->ip = (v = req_env(r, "REMOTE_ADDR")) ? v : "";
	r->ua = (v = req_env(r, "HTTP_USER_AGENT")) ? v : "";
	r->https = (v = req_env(r, "HTTPS")) != NULL && strcmp(v, "on") == 0;
	if ((v = req_env(r, "HTTP_COOKIE")) != NULL)
		(void)form_parse_cookies(a, v, strlen(v), &small_limits,
		    &r->cookies, &r->error_detail);
	r->error_detail = NULL;
	if ((v = req_env(r, "QUERY_STRING")) != NULL &&
	    (st = form_parse_query(a, v, strlen(v), &small_limits, &r->query,
	    &r->error_detail)) != ST_OK)
		return query_refused(r, st);
	if (!utf8_valid(r->path, strlen(r->path))) {
		r->error_detail = "The address is not valid UTF-8.";
		return ST_INVALID;
	}
	/* The route first: its kind of body sets the body's limits. */
	router_find(r);
	/* A body read in full, or none: its end is next. */
	if ((st = parse_body(r)) == ST_OK || r->raw != NULL)
		read_stdin_end(r);
	return st;
}

enum status
req_arg_id(const struct req *r, int i, long long *id)
{
	const char	*s = r->args[i];
	char		*end;

	if (s == NULL || *s < '1' || *s > '9')
		return ST_NOTFOUND;
	*id = strtoll(s, &end, 10);
	return *end == '\0' && *id > 0 ? ST_OK : ST_NOTFOUND;
}

enum status
req_arg_index(const struct req *r, int i, int *n)
{
	long long	v;

	if (r->args[i] != NULL && strcmp(r->args[i], "0") == 0) {
		*n = 0;
		return ST_OK;
	}
	if (req_arg_id(r, i, &v) != ST_OK || v > INT_MAX)
		return ST_NOTFOUND;
	*n = (int)v;
	return ST_OK;
}

const struct field_val *
req_field(const struct req *r, const char *name)
{
	if (r->fields == NULL || r->route == NULL)
		return NULL;
	return fields_get(r->fields, router_fields(r->route), name);
}

void
resp_header(struct req *r, const char *name, const char *value)
{
	buf_printf(&r->headers, "%s: %s\r\n", name, value);
}

void
resp_cookie(struct req *r, const char *name, const char *value, long max_age)
{
	buf_printf(&r->headers, "Set-Cookie: %s=%s; Path=/; HttpOnly; SameSite=Lax%s",
	    name, max_age < 0 ? "" : value,
	    r->app->cfg.secure || r->https ? "; Secure" : "");
	if (max_age < 0)
		buf_puts(&r->headers, "; Max-Age=0\r\n");
	else if (max_age > 0)
		buf_printf(&r->headers, "; Max-Age=%ld\r\n", max_age);
	else
		buf_puts(&r->headers, "\r\n");
}

enum status
resp_redirect(struct req *r, const char *path)
{
	/* Only local paths: "//host" would leave the site. */
	if (path[0] != '/' || path[1] == '/' || path[1] == '\\')
		path = "/";
	r->status = 303;
	resp_header(r, "Location", path);
	return ST_OK;
}

enum status
resp_text(struct req *r, int status, const char *ctype, const char *body,
    size_t len)
{
	r->status = status;
	resp_header(r, "Content-Type", ctype);
	r->body.len = 0;
	buf_put(&r->body, body, len);
	return ST_OK;
}

enum status
resp_render(struct req *r, int status, const char *name, struct view *v)
{
	enum status	st;

	r->body.len = 0;
	if ((st = tmpl_render(r->app->tmpl, name, v, &r->body)) != ST_OK) {
		log_error("template %s failed: %s", name, status_str(st));
		r->body.len = 0;
		return ST_INTERNAL;
	}
	r->status = status;
	resp_header(r, "Content-Type", "text/html; charset=utf-8");
	return ST_OK;
}

enum status
resp_json(struct req *r, int status, struct json_object *o)
{
	const char	*s;
	size_t		 len;

	s = json_object_to_json_string_length(o, JSON_C_TO_STRING_PLAIN |
	    JSON_C_TO_STRING_NOSLASHESCAPE, &len);
	resp_text(r, status, "application/json", s, len);
	buf_putc(&r->body, '\n');
	json_object_put(o);
	return ST_OK;
}

static const char *
reason(int status)
{
	switch (status) {
	case 200: return "OK";
	case 201: return "Created";
	case 206: return "Partial Content";
	case 303: return "See Other";
	case 304: return "Not Modified";
	case 400: return "Bad Request";
	case 401: return "Unauthorized";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 409: return "Conflict";
	case 413: return "Content Too Large";
	case 416: return "Range Not Satisfiable";
	case 422: return "Unprocessable Content";
	case 429: return "Too Many Requests";
	case 503: return "Service Unavailable";
	default: return status >= 500 ? "Internal Server Error" : "Unknown";
	}
}

/* Headers every response carries (DESIGN.md section 5). */
static void
security_headers(struct req *r, struct buf *h)
{
	buf_puts(h, "Content-Security-Policy: default-src 'self'; script-src 'self';"
	    " style-src 'self'; img-src 'self' data:; media-src 'self' blob:;"
	    " connect-src 'self'; object-src 'none'; base-uri 'none';"
	    " form-action 'self'; ");
	/*
	 * Only a route meant for an <iframe> on viva's own pages (the
	 * candidate's reply status, without JavaScript) is framed, and only
	 * by them; every other page, by nobody.
	 */
	buf_puts(h, r->framed ? "frame-ancestors 'self'\r\n"
	    "X-Frame-Options: SAMEORIGIN\r\n" : "frame-ancestors 'none'\r\n"
	    "X-Frame-Options: DENY\r\n");
	buf_puts(h, "X-Content-Type-Options: nosniff\r\n"
	    "Referrer-Policy: no-referrer\r\n");
	if (r->app->cfg.secure || r->https)
		buf_puts(h, "Strict-Transport-Security: max-age=31536000;"
		    " includeSubDomains\r\n");
	if (r->no_store || r->user != NULL)
		buf_puts(h, "Cache-Control: no-store\r\n");
}

static void
write_out(struct req *r, const char *p, size_t n)
{
	if (r->fcgi != NULL)
		FCGX_PutStr(p, (int)n, r->fcgi->out);
	else
		fwrite(p, 1, n, stdout);
}

static void
log_line(struct req *r, double ms)
{
	struct json_object	*o = json_object_new_object();
	double			 provider_ms, db_ms;
	unsigned		 statements;

	json_object_object_add(o, "msg", json_object_new_string("request"));
	json_object_object_add(o, "method", json_object_new_string(r->method_name));
	/* Route patterns, not paths: paths may carry invite tokens. */
	json_object_object_add(o, "route", json_object_new_string(
	    r->route_name ? r->route_name : "-"));
	json_object_object_add(o, "status", json_object_new_int(r->status));
	json_object_object_add(o, "ms", json_object_new_double(
	    (double)(long)(ms * 1000) / 1000));
	/* The database's and the AI provider's shares of ms. */
	if (r->db != NULL && (db_ms = db_waited_take(r->db, &statements)) > 0) {
		json_object_object_add(o, "db_ms", json_object_new_double(
		    (double)(long)(db_ms * 1000) / 1000));
		json_object_object_add(o, "db_statements",
		    json_object_new_int((int)statements));
	}
	if ((provider_ms = http_waited_ms_take()) > 0)
		json_object_object_add(o, "provider_ms", json_object_new_double(
		    (double)(long)(provider_ms * 1000) / 1000));
	json_object_object_add(o, "ip", json_object_new_string(r->ip));
	if (r->user != NULL)
		json_object_object_add(o, "user", json_object_new_int64(r->user->id));
	if (r->error_detail != NULL && r->status >= 400)
		json_object_object_add(o, "detail",
		    json_object_new_string(r->error_detail));
	log_json(r->status >= 500 ? "error" : "info", o);
}

/* Status line, request id, security and handler headers; no length yet. */
static void
head(struct req *r, struct buf *h)
{
	buf_init(h, r->a);
	buf_printf(h, "Status: %d %s\r\n", r->status, reason(r->status));
	buf_printf(h, "X-Request-Id: %s\r\n", r->id);
	security_headers(r, h);
	/*
	 * Here, not among the handler's headers, which an error reply
	 * clears: a refusal's wait reaches the page and the API alike.
	 */
	if (r->retry_after_s > 0 && (r->status == 429 || r->status == 503))
		buf_printf(h, "Retry-After: %d\r\n", r->retry_after_s);
	buf_put(h, r->headers.p, r->headers.len);
}

void
resp_stream_begin(struct req *r, int status, const char *ctype)
{
	struct buf	h;

	r->status = status;
	r->no_store = 1;
	resp_header(r, "Content-Type", ctype);
	/* nginx passes each piece on at once instead of collecting the reply. */
	resp_header(r, "X-Accel-Buffering", "no");
	head(r, &h);
	buf_puts(&h, "\r\n");
	write_out(r, h.p, h.len);
	r->streaming = 1;
	r->body.len = 0;
	if (r->fcgi != NULL)
		FCGX_FFlush(r->fcgi->out);
	else
		fflush(stdout);
}

void
req_writes_interview(struct req *r, long long id)
{
	if (r->method == M_GET || r->method == M_HEAD)
		return;
	r->wrote_iv = id;
	snapshot_mark(id);
}

void
resp_stream_write(struct req *r, const char *p, size_t n)
{
	if (r->method == M_HEAD)
		return;
	if (r->wrote_iv != 0)	/* the last piece may follow its commit */
		snapshot_mark(r->wrote_iv);
	write_out(r, p, n);
	if (r->fcgi != NULL)
		FCGX_FFlush(r->fcgi->out);
	else
		fflush(stdout);
}

void
req_end(struct req *r)
{
	struct buf	 h;
	struct timespec	 now;
	double		 ms;

	if (r->wrote_iv != 0)	/* committed by now: before anyone hears of it */
		snapshot_mark(r->wrote_iv);
	if (!r->streaming) {
		head(r, &h);
		buf_printf(&h, "Content-Length: %zu\r\n\r\n", r->body.len);
		if (r->fcgi != NULL)
			(void)fcgi_write_whole(r->fcgi, h.p, h.len, r->body.p,
			    r->method != M_HEAD ? r->body.len : 0);
		else {
			write_out(r, h.p, h.len);
			if (r->method != M_HEAD)
				write_out(r, r->body.p, r->body.len);
		}
	}
	clock_gettime(CLOCK_MONOTONIC, &now);
	ms = (double)(now.tv_sec - r->start.tv_sec) * 1e3 +
	    (double)(now.tv_nsec - r->start.tv_nsec) / 1e6;
	metrics_record(r->route, r->status, ms, db_reconnects(r->db));
	log_line(r, ms);
	log_set_request(NULL);
}
