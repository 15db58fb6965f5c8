/* router.h: the one table of routes, and dispatch through login, CSRF and field checks. */
#ifndef VIVA_ROUTER_H
#define VIVA_ROUTER_H

#include "req.h"

#define R_USER	0x01	/* a signed-in user (session cookie) */
#define R_ADMIN	0x02	/* a signed-in admin */
#define R_CSRF	0x04	/* a POST must carry the session's CSRF token */
#define R_API	0x08	/* bearer API token; errors as JSON */
#define R_LOGIN	0x10	/* a POST must carry the sign-in form's double-submit token */

typedef enum status (*handler_fn)(struct req *);

struct route {
	enum method		 method;
	const char		*pattern;	/* "/admin/users/:id/disable" */
	handler_fn		 fn;
	const struct field	*fields;	/* accepted form fields, or NULL */
	unsigned		 flags;
};

/* Finds the route, checks access, CSRF and fields, runs the handler, renders errors. */
void			 router_dispatch(struct req *);
const struct field	*router_fields(const struct route *);
size_t			 router_count(void);
/* "GET /admin/users/:id" for index i, or "unmatched" for i == router_count(). */
const char		*router_name(size_t);
size_t			 router_index(const struct route *);

#endif
