/* http.h: a small blocking HTTP client (libcurl) for JSON APIs. */
#ifndef VIVA_HTTP_H
#define VIVA_HTTP_H

#include <stddef.h>
#include <time.h>

#include "lib/arena.h"
#include "lib/status.h"

/* How the exchange ended, apart from the HTTP status. */
enum http_err {
	HTTP_OK = 0,	/* a whole response arrived */
	HTTP_TIMEOUT,	/* total or connect timeout */
	HTTP_CONNECT,	/* no connection, or it broke before a status line */
	HTTP_CUT,	/* the body broke off after the status line */
	HTTP_ABORTED,	/* on_body asked to stop */
	HTTP_TOOLARGE,	/* the buffered body passed max_body */
	HTTP_OTHER,	/* anything else curl reports */
	HTTP__MAX
};

/* One part of a multipart/form-data body. */
struct http_part {
	const char	*name;
	const char	*data;		/* the value, or NULL with path */
	size_t		 len;
	const char	*path;		/* a file sent from disk, or NULL */
	const char	*filename;	/* or NULL (path: its base name) */
	const char	*ctype;		/* or NULL */
};

struct http_req {
	const char	 *url;
	/* "Name: value" lines; Authorization is never logged. */
	const char	**headers;
	size_t		  nheaders;
	const char	 *body;	/* sent as is; POST */
	size_t		  len;
	/*
	 * With nparts > 0 the body is these parts as multipart/form-data
	 * (curl writes its Content-Type), and body and len are unused.
	 */
	const struct http_part *parts;
	size_t		  nparts;
	long		  timeout_ms;	/* whole exchange; 0: none */
	long		  connect_timeout_ms;	/* 0: curl's default */
	size_t		  max_body;	/* buffered bytes; 0: 8 MiB */
	/*
	 * With on_body set, a 2xx body goes to it piece by piece as it
	 * arrives and is not buffered; a non-2xx body is buffered as usual
	 * (it is an error document).  Nonzero from on_body ends the exchange
	 * with HTTP_ABORTED.
	 */
	int		(*on_body)(void *arg, const char *p, size_t len);
	void		 *arg;
};

struct http_res {
	long		 status;	/* 0 when no status line arrived */
	enum http_err	 err;
	const char	*errmsg;	/* curl's words when err != HTTP_OK */
	long		 retry_after_ms;	/* -1: no Retry-After header */
	struct str	 body;		/* in the arena, NUL-terminated */
	size_t		 received;	/* body bytes seen, buffered or not */
};

/*
 * POSTs r->body to r->url and fills res, whose strings live in a.  Returns
 * ST_OK when curl could run the exchange at all, whatever the HTTP status
 * or res->err; ST_INTERNAL when curl could not be set up (logged).
 * Retry-After is read as delay-seconds or an HTTP-date, and retry-after-ms
 * (OpenAI's, in milliseconds) wins when both come.
 */
enum status	http_post(struct arena *a, const struct http_req *r,
		    struct http_res *res);
/* Parses a Retry-After value (seconds or HTTP-date) into ms from now; -1 if bad. */
long		http_retry_after(const char *v, size_t len, time_t now);
/* Short name of an http_err, for logs. */
const char	*http_err_str(enum http_err);
/*
 * A process that must know when it waits on another server (viva.fcgi's
 * pool, to keep enough processes free for other requests) sets a hook,
 * called with 1 before each request goes out and 0 when it is done.
 */
void		http_set_wait_hook(void (*hook)(int waiting));
/*
 * Tells the hook of a wait on another server's work that makes no exchange
 * of its own: a form's repeat waiting for the first submit's model call.
 */
void		http_waiting(int waiting);
/*
 * A PEM file of certificate authorities trusted in this process's
 * exchanges beside the system's store (ai_ca_file), or NULL or "" for the
 * system's alone.  The string must outlive every exchange.
 */
void		http_set_ca_file(const char *path);
/*
 * Milliseconds spent in exchanges (connecting, sending, waiting, reading)
 * since the last call: the other server's share of a request, which
 * viva.fcgi logs beside the request's own time.
 */
double		http_waited_ms_take(void);

#endif
