/* handlers.h: every page and API entry point the router can call, by area. */
#ifndef VIVA_HANDLERS_H
#define VIVA_HANDLERS_H

#include "req.h"

/* auth.c: sign-in and sessions */
enum status	auth_home(struct req *);
enum status	auth_login_form(struct req *);
enum status	auth_login(struct req *);
enum status	auth_logout(struct req *);
/* Loads the session named by the cookie, if any, into r->user and r->csrf. */
enum status	auth_load_session(struct req *);
/* Loads the user behind the bearer token into r->user; ST_UNAUTH if none. */
enum status	auth_load_bearer(struct req *);
extern const struct field login_fields[];

/* admin_home.c */
enum status	admin_home(struct req *);

/* admin_users.c */
enum status	admin_users(struct req *);
enum status	admin_user_add(struct req *);
enum status	admin_user_disable(struct req *);
enum status	admin_user_enable(struct req *);
enum status	admin_user_reset(struct req *);
extern const struct field user_fields[];

/* admin_account.c: a user's own password */
enum status	account_password_form(struct req *);
enum status	account_password_change(struct req *);
extern const struct field password_fields[];

/* admin_tokens.c */
enum status	admin_tokens(struct req *);
enum status	admin_token_create(struct req *);
enum status	admin_token_revoke(struct req *);
extern const struct field token_fields[];

/* health.c */
enum status	health_check(struct req *);
enum status	health_metrics(struct req *);

/* api.c: /api/v1 */
enum status	api_me(struct req *);
enum status	api_users(struct req *);

/* error.c: renders st as a page, or as JSON under /api/ */
void		error_reply(struct req *, enum status);

/* page.c: the view every page's layout needs */
struct view	*page_view(struct req *, const char *title, const char *nav);
/* Adds name_error / name values to v from the checked fields, for a form shown again. */
void		 page_form_values(struct req *, struct view *);

#endif
