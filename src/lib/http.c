/* http.c: blocking HTTP POST through libcurl, with timeouts, streaming and Retry-After. */
#include <curl/curl.h>
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "lib/clock.h"
#include "lib/http.h"
#include "lib/log.h"

#define MAX_BODY_DEFAULT	(8u << 20)
#define RETRY_AFTER_MAX_S	86400.0	/* longer waits are clamped to a day */

/* One exchange in flight; the curl callbacks see only this. */
struct xfer {
	const struct http_req	*r;
	struct http_res		*res;
	CURL			*c;
	curl_mime		*mime;	/* a multipart body, or NULL */
	struct buf		 body;
	size_t			 max;
	long			 ra;	/* from Retry-After, -1 if none */
	long			 ra_ms;	/* from retry-after-ms, -1 if none */
	int			 decided;	/* streaming chosen or not */
	int			 streaming;
	int			 aborted;
	int			 too_large;
};

static const char *const errs[] = {
	"ok",		/* HTTP_OK */
	"timeout",	/* HTTP_TIMEOUT */
	"connect",	/* HTTP_CONNECT */
	"cut",		/* HTTP_CUT */
	"aborted",	/* HTTP_ABORTED */
	"too_large",	/* HTTP_TOOLARGE */
	"other",	/* HTTP_OTHER */
};

const char *
http_err_str(enum http_err e)
{
	if ((size_t)e >= NITEMS(errs))
		return "unknown";
	return errs[e];
}

/* A non-negative number of seconds or ms, float allowed; -1 if not one. */
static double
number(const char *s)
{
	char	*end;
	double	 d;

	if (!isdigit((unsigned char)*s))
		return -1;
	d = strtod(s, &end);
	while (*end == ' ' || *end == '\t')
		end++;
	if (*end != '\0' || !isfinite(d) || d < 0)
		return -1;
	return d;
}

long
http_retry_after(const char *v, size_t len, time_t now)
{
	char	 s[128];
	double	 d;
	time_t	 t;

	while (len > 0 && (*v == ' ' || *v == '\t'))
		v++, len--;
	while (len > 0 && isspace((unsigned char)v[len - 1]))
		len--;
	if (len == 0 || len >= sizeof(s))
		return -1;
	memcpy(s, v, len);
	s[len] = '\0';
	if ((d = number(s)) >= 0)
		return (long)(fmin(d, RETRY_AFTER_MAX_S) * 1000.0);
	if ((t = curl_getdate(s, NULL)) == (time_t)-1)
		return -1;
	if (t <= now)
		return 0;
	d = fmin((double)(t - now), RETRY_AFTER_MAX_S);
	return (long)(d * 1000.0);
}

/* Matches "name:" at the start of a header line, any case. */
static const char *
header_value(const char *line, size_t len, const char *name, size_t *vlen)
{
	size_t	 n = strlen(name);

	if (len <= n || line[n] != ':' || strncasecmp(line, name, n) != 0)
		return NULL;
	*vlen = len - n - 1;
	return line + n + 1;
}

static size_t
on_header(char *p, size_t size, size_t n, void *arg)
{
	struct xfer	*x = arg;
	const char	*v;
	size_t		 len = size * n, vlen;
	double		 d;
	char		 s[32];

	/* A new status line (after a 100 Continue, say) starts afresh. */
	if (len >= 5 && memcmp(p, "HTTP/", 5) == 0) {
		x->ra = x->ra_ms = -1;
		return len;
	}
	if ((v = header_value(p, len, "retry-after", &vlen)) != NULL)
		x->ra = http_retry_after(v, vlen, time(NULL));
	else if ((v = header_value(p, len, "retry-after-ms", &vlen)) != NULL) {
		while (vlen > 0 && *v == ' ')
			v++, vlen--;
		while (vlen > 0 && isspace((unsigned char)v[vlen - 1]))
			vlen--;
		if (vlen > 0 && vlen < sizeof(s)) {
			memcpy(s, v, vlen);
			s[vlen] = '\0';
			if ((d = number(s)) >= 0)
				x->ra_ms = (long)fmin(d,
				    RETRY_AFTER_MAX_S * 1000.0);
		}
	}
	return len;
}

static size_t
on_write(char *p, size_t size, size_t n, void *arg)
{
	struct xfer	*x = arg;
	size_t		 len = size * n;
	long		 code = 0;

	if (!x->decided) {
		curl_easy_getinfo(x->c, CURLINFO_RESPONSE_CODE, &code);
		x->streaming = x->r->on_body != NULL && code / 100 == 2;
		x->decided = 1;
	}
	x->res->received += len;
	if (x->streaming) {
		if (x->r->on_body(x->r->arg, p, len) != 0) {
			x->aborted = 1;
			return 0;
		}
		return len;
	}
	if (x->body.len + len > x->max) {
		x->too_large = 1;
		return 0;
	}
	buf_put(&x->body, p, len);
	return len;
}

static enum http_err
classify(const struct xfer *x, CURLcode cc)
{
	switch (cc) {
	case CURLE_OK:
		return HTTP_OK;
	case CURLE_OPERATION_TIMEDOUT:
		return HTTP_TIMEOUT;
	case CURLE_WRITE_ERROR:
		if (x->aborted)
			return HTTP_ABORTED;
		if (x->too_large)
			return HTTP_TOOLARGE;
		return HTTP_OTHER;
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_CONNECT:
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_SEND_ERROR:
	case CURLE_GOT_NOTHING:
	case CURLE_RECV_ERROR:
	case CURLE_PARTIAL_FILE:
		/* Broken before or after the status line: a retry may help
		 * the first, the caller must judge the second. */
		return x->res->status == 0 ? HTTP_CONNECT : HTTP_CUT;
	default:
		return x->res->status == 0 ? HTTP_CONNECT : HTTP_OTHER;
	}
}

/* The parts as curl's mime body (curl_mime_free'd by the caller), or NULL. */
static curl_mime *
mime_body(CURL *c, const struct http_req *r)
{
	curl_mime	*m;
	curl_mimepart	*pt;
	const struct http_part *hp;
	size_t		 i;
	int		 bad = 0;

	if ((m = curl_mime_init(c)) == NULL)
		return NULL;
	for (i = 0; i < r->nparts && !bad; i++) {
		hp = &r->parts[i];
		if ((pt = curl_mime_addpart(m)) == NULL) {
			bad = 1;
			break;
		}
		bad |= curl_mime_name(pt, hp->name) != CURLE_OK;
		if (hp->path != NULL)
			bad |= curl_mime_filedata(pt, hp->path) != CURLE_OK;
		else
			bad |= curl_mime_data(pt, hp->data, hp->len) !=
			    CURLE_OK;
		if (hp->filename != NULL)
			bad |= curl_mime_filename(pt, hp->filename) != CURLE_OK;
		if (hp->ctype != NULL)
			bad |= curl_mime_type(pt, hp->ctype) != CURLE_OK;
	}
	if (bad) {
		curl_mime_free(m);
		return NULL;
	}
	return m;
}

static const char *ca_file;	/* beside the system's CAs; NULL: none */

static int
setup(CURL *c, struct xfer *x, struct curl_slist *hdrs, char *errbuf)
{
	const struct http_req	*r = x->r;
	int			 bad = 0;

	bad |= curl_easy_setopt(c, CURLOPT_URL, r->url) != CURLE_OK;
#if LIBCURL_VERSION_NUM >= 0x075500
	bad |= curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https") !=
	    CURLE_OK;
#endif
	bad |= curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L) != CURLE_OK;
	bad |= curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf) != CURLE_OK;
	bad |= curl_easy_setopt(c, CURLOPT_USERAGENT, "viva") != CURLE_OK;
	if (r->nparts > 0)
		bad |= (x->mime = mime_body(c, r)) == NULL ||
		    curl_easy_setopt(c, CURLOPT_MIMEPOST, x->mime) != CURLE_OK;
	else {
		bad |= curl_easy_setopt(c, CURLOPT_POST, 1L) != CURLE_OK;
		bad |= curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE,
		    (curl_off_t)r->len) != CURLE_OK;
		bad |= curl_easy_setopt(c, CURLOPT_POSTFIELDS,
		    r->body != NULL ? r->body : "") != CURLE_OK;
	}
	bad |= curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdrs) != CURLE_OK;
	bad |= curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, r->timeout_ms) !=
	    CURLE_OK;
	bad |= curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS,
	    r->connect_timeout_ms) != CURLE_OK;
	bad |= curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_write) !=
	    CURLE_OK;
	bad |= curl_easy_setopt(c, CURLOPT_WRITEDATA, x) != CURLE_OK;
	bad |= curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header) !=
	    CURLE_OK;
	bad |= curl_easy_setopt(c, CURLOPT_HEADERDATA, x) != CURLE_OK;
	/* CAINFO replaces curl's bundle; its CAPATH, the system's, stays. */
	if (ca_file != NULL)
		bad |= curl_easy_setopt(c, CURLOPT_CAINFO, ca_file) != CURLE_OK;
	return bad ? -1 : 0;
}

static struct curl_slist *
headers(const struct http_req *r)
{
	struct curl_slist	*h = NULL, *t;
	size_t			 i;

	/* No "Expect: 100-continue" round trip before large bodies. */
	if ((h = curl_slist_append(NULL, "Expect:")) == NULL)
		return NULL;
	for (i = 0; i < r->nheaders; i++) {
		if ((t = curl_slist_append(h, r->headers[i])) == NULL) {
			curl_slist_free_all(h);
			return NULL;
		}
		h = t;
	}
	return h;
}

static void	(*wait_hook)(int);
static double	 waited_ms;	/* in exchanges since http_waited_ms_take() */

void
http_set_ca_file(const char *path)
{
	ca_file = path != NULL && *path != '\0' ? path : NULL;
}

double
http_waited_ms_take(void)
{
	double	ms = waited_ms;

	waited_ms = 0;
	return ms;
}

void
http_set_wait_hook(void (*hook)(int waiting))
{
	wait_hook = hook;
}

void
http_waiting(int waiting)
{
	if (wait_hook != NULL)
		wait_hook(waiting);
}

/*
 * One easy handle per thread, kept from one exchange to the next: its
 * connection cache keeps the provider's connection, and its TLS session,
 * open, so a message after the first costs no TCP and TLS handshake (and
 * no loading of the CA store).  curl_easy_reset after each exchange drops
 * every option, and so every pointer into the caller's stack and arena,
 * but keeps the connections.  A process forked while its parent held a
 * handle leaves that handle alone: cleaning it up would close, or send a
 * TLS close on, the parent's connection.
 */
static _Thread_local CURL	*kept;
static _Thread_local pid_t	 kept_pid;

static CURL *
handle(void)
{
	pid_t	pid = getpid();

	if (kept == NULL || kept_pid != pid) {
		kept = curl_easy_init();
		kept_pid = pid;
	}
	return kept;
}

enum status
http_post(struct arena *a, const struct http_req *r, struct http_res *res)
{
	struct xfer		 x;
	struct curl_slist	*hdrs = NULL;
	char			 errbuf[CURL_ERROR_SIZE];
	CURLcode		 cc;
	double			 t0;
	enum status		 st = ST_INTERNAL;

	memset(res, 0, sizeof(*res));
	memset(&x, 0, sizeof(x));
	res->retry_after_ms = -1;
	res->body.p = "";
	x.r = r;
	x.res = res;
	x.ra = x.ra_ms = -1;
	x.max = r->max_body > 0 ? r->max_body : MAX_BODY_DEFAULT;
	buf_init(&x.body, a);
	errbuf[0] = '\0';
	if ((x.c = handle()) == NULL ||
	    (hdrs = headers(r)) == NULL || setup(x.c, &x, hdrs, errbuf) != 0) {
		log_error("http: cannot set up curl for %s", r->url);
		goto out;
	}
	if (wait_hook != NULL)
		wait_hook(1);
	t0 = clock_ms_exact();
	cc = curl_easy_perform(x.c);
	waited_ms += clock_ms_exact() - t0;
	if (wait_hook != NULL)
		wait_hook(0);
	curl_easy_getinfo(x.c, CURLINFO_RESPONSE_CODE, &res->status);
	res->err = classify(&x, cc);
	if (res->err != HTTP_OK)
		res->errmsg = arena_strdup(a, errbuf[0] != '\0' ? errbuf :
		    curl_easy_strerror(cc));
	res->retry_after_ms = x.ra_ms >= 0 ? x.ra_ms : x.ra;
	res->body.p = x.body.p;
	res->body.len = x.body.len;
	st = ST_OK;
out:
	if (x.c != NULL)
		curl_easy_reset(x.c);
	curl_slist_free_all(hdrs);
	curl_mime_free(x.mime);
	return st;
}
