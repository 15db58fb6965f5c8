/* req.h: one HTTP request as the handlers see it, and the response they build. */
#ifndef VIVA_REQ_H
#define VIVA_REQ_H

#include <fcgiapp.h>
#include <time.h>

#include "core/assistant.h"
#include "core/provider.h"
#include "core/session.h"
#include "lib/arena.h"
#include "lib/config.h"
#include "lib/db.h"
#include "lib/form.h"
#include "lib/status.h"
#include "lib/tmpl.h"
#include "lib/view.h"

#define REQ_MAX_ARGS	4

enum method { M_GET, M_POST, M_HEAD, M_DELETE, M_OTHER, M__MAX };

/* What lives for the whole process, made once in main(). */
struct app {
	struct config	 cfg;
	struct db	*db;
	struct tmpl_set	*tmpl;
	struct tokenizer *tok;		/* o200k_base: exact token counts */
	struct provider	 prov;		/* the AI service, if ai_base_url is set */
	struct assistant_env assistant;	/* tokenizers, provider, prices */
	char		 static_version[16];	/* cache-busting suffix for /static/ URLs */
	unsigned char	 ticket_key[32];	/* signs realtime tickets (TICKET_KEY_LEN) */
	int		 has_ticket_key;	/* 0: voice is off on this host */
	unsigned char	 recording_key[32];	/* seals recordings at rest (SEAL_KEY_LEN) */
	int		 has_recording_key;	/* 0: one-way answers stored plain */
};

struct route;
struct tokenizer;

struct req {
	struct arena	*a;
	struct app	*app;
	struct db	*db;
	FCGX_Request	*fcgi;		/* NULL when answering as plain CGI */
	char		 id[33];
	struct timespec	 start;

	enum method	 method;
	const char	*method_name;
	const char	*path;
	const char	*ip;
	const char	*ua;
	int		 https;
	struct params	 query;
	struct params	 cookies;
	struct params	 form;		/* urlencoded or multipart body */
	const char	*raw;		/* the body as sent (JSON for the API) */
	size_t		 raw_len;
	int		 upload_too_large;	/* an upload route's body, unread */
	int		 upload_unstored;	/* nginx could not keep it */
	const char	*args[REQ_MAX_ARGS];	/* captured :name path segments */
	const struct route *route;	/* NULL: none for this method */
	const char	*route_name;
	unsigned	 body_kind;	/* the path's POST route's R_BODY flag, or 0 */
	const char	*path_allows;	/* no route: the path's methods, if any */

	/* Set by the router from the route's field table. */
	struct field_val *fields;
	enum status	 fields_st;

	/* Who is asking: a session user, or an API token user. */
	struct user	*user;
	const char	*token_name;	/* an API token's, for the timeline */
	struct session	 sess;
	const char	*csrf;		/* the token this page's forms must carry */
	/* A candidate's page: the org whose interview it is (its footer). */
	const char	*candidate_org;
	int		 api;		/* answer errors as JSON */
	const char	*error_detail;	/* extra text for a 4xx error page */
	const char	*error_title;	/* its heading, if not the status's */
	/* The way on from the error page, instead of the start page, or NULL. */
	const char	*error_link, *error_link_text;
	const char	*allow;		/* methods the path accepts, for a 405 */
	int		 retry_after_s;	/* Retry-After of a 429 or 503, if > 0 */

	int		 status;
	struct buf	 headers;
	struct buf	 body;
	int		 no_store;	/* Cache-Control: no-store (secrets on the page) */
	int		 framed;	/* may be framed by viva's own pages */
	int		 streaming;	/* headers sent; the body goes out as written */
	long long	 wrote_iv;	/* an interview this POST may change, else 0 */

	/* Slow work the response need not wait for: run once it is out. */
	void		(*after)(struct req *, void *);
	void		*after_arg;
};

/* Reads the request within limits; on bad input sets status and returns it. */
enum status	 req_begin(struct req *, struct app *, struct arena *, FCGX_Request *);
/* Writes the response and logs one line; the caller resets the arena. */
void		 req_end(struct req *);

/*
 * This request (if not a GET or HEAD) may change interview id: page copies
 * read before now, and before its response goes out, are stale (snapshot.h).
 */
void		 req_writes_interview(struct req *, long long id);

const char	*req_env(const struct req *, const char *);
const char	*req_cookie(const struct req *, const char *);
/* A captured path segment parsed as a positive id; ST_NOTFOUND if it is not one. */
enum status	 req_arg_id(const struct req *, int, long long *);
/*
 * A captured path segment parsed as a number 0 .. INT_MAX (a question or a
 * chunk); ST_NOTFOUND otherwise, so that 4294967297 is not taken for 1.
 */
enum status	 req_arg_index(const struct req *, int, int *);
/* The checked value of a declared field. */
const struct field_val *req_field(const struct req *, const char *);

void		 resp_header(struct req *, const char *name, const char *value);
/* Adds a cookie with HttpOnly, SameSite=Lax, Path=/ and Secure under TLS; max_age < 0 deletes. */
void		 resp_cookie(struct req *, const char *name, const char *value, long max_age);
/* 303 See Other to a local path. */
enum status	 resp_redirect(struct req *, const char *path);
enum status	 resp_text(struct req *, int status, const char *ctype, const char *body, size_t len);
/* Renders template name with v into the body as text/html. */
enum status	 resp_render(struct req *, int status, const char *name, struct view *v);
/*
 * Sends the status and headers now, without a length, and unbuffered by
 * nginx: what follows goes out with resp_stream_write as it is made.  The
 * handler then returns ST_OK whatever happens; req_end only logs.
 */
void		 resp_stream_begin(struct req *, int status, const char *ctype);
void		 resp_stream_write(struct req *, const char *p, size_t n);
/* Serialises a json-c object (ownership taken) as the body. */
struct json_object;
enum status	 resp_json(struct req *, int status, struct json_object *);

#endif
