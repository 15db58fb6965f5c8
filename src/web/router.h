/* router.h: the one table of routes, and dispatch through login, CSRF and field checks. */
#ifndef VIVA_ROUTER_H
#define VIVA_ROUTER_H

#include "req.h"

#define R_USER	0x01	/* a signed-in user (session cookie) */
#define R_ADMIN	0x02	/* a signed-in admin */
#define R_CSRF	0x04	/* a POST must carry the session's CSRF token */
#define R_API	0x08	/* bearer API token; errors as JSON */
#define R_LOGIN	0x10	/* a POST must carry the sign-in form's double-submit token */
/*
 * What a POST's body is, if not an ordinary form (max_body, the form's
 * field limits): at most one.  req_begin reads the body by it.
 */
#define R_AUDIO	0x20	/* a voice answer: audio_max_bytes + 64 KiB, multipart */
#define R_ONEWAY 0x40	/* a one-way answer: oneway_max_bytes + 64 KiB, multipart */
#define R_IMPORT 0x80	/* one whole file (the question CSV): max_body in a part */
#define R_BODY	(R_AUDIO | R_ONEWAY | R_IMPORT)

typedef enum status (*handler_fn)(struct req *);

struct route {
	enum method		 method;
	const char		*pattern;	/* "/admin/users/:id/disable" */
	handler_fn		 fn;
	const struct field	*fields;	/* accepted form fields, or NULL */
	unsigned		 flags;
};

/*
 * Finds the route for r's method and path (r->route, r->args) and the
 * kind of body the path's POST route takes (r->body_kind), before the
 * body is read; a path without the method is left for router_dispatch to
 * refuse.
 */
void			 router_find(struct req *);
/* Checks access, CSRF and fields of the route found, runs the handler, renders errors. */
void			 router_dispatch(struct req *);
const struct field	*router_fields(const struct route *);
size_t			 router_count(void);
/* "GET /admin/users/:id" for index i, or "unmatched" for i == router_count(). */
const char		*router_name(size_t);
size_t			 router_index(const struct route *);

#endif
