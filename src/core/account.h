/* account.h: orgs (tenants) and the people who sign in to them. */
#ifndef VIVA_ACCOUNT_H
#define VIVA_ACCOUNT_H

#include "lib/arena.h"
#include "lib/db.h"
#include "lib/status.h"

struct user {
	long long	 id;
	long long	 org_id;
	const char	*org_name;
	const char	*email;
	const char	*name;
	const char	*role;		/* "admin" or "interviewer" */
	int		 disabled;
	const char	*created_at;	/* display text, UTC */
};

/* The columns user_from_row reads, for a query joining users u and orgs o. */
#define USER_COLS "u.id, u.org_id, o.name, u.email, u.name, u.role," \
	" u.disabled_at IS NOT NULL," \
	" to_char(u.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI')"

/* Fills u from USER_COLS starting at column c of row i. */
void		user_from_row(const struct db_res *, int i, int c, struct user *u);

enum status	org_create(struct arena *, struct db *, const char *name, long long *id);
/* The first org of that name; ST_NOTFOUND if there is none. */
enum status	org_find(struct arena *, struct db *, const char *name, long long *id);
/*
 * The server's one org and its name: ST_NOTFOUND when there is none,
 * ST_CONFLICT when there are several (the command line must be told which).
 */
enum status	org_only(struct arena *, struct db *, long long *id,
		    const char **name);

/* Adds a user; ST_CONFLICT when the email is taken (in any org). */
enum status	user_create(struct arena *, struct db *, long long org_id,
		    const char *email, const char *name, const char *role,
		    const char *password, long long *id);
/*
 * As user_create, once per form_id (form_use.h; NULL: no claim): a repeat
 * adds nothing and sets *repeated, and *id to the first one's user.
 */
enum status	user_create_once(struct arena *, struct db *,
		    const char *form_id, long long org_id, const char *email,
		    const char *name, const char *role, const char *password,
		    long long *id, int *repeated);
/* Users of one org, admins first then by email. */
enum status	user_list(struct arena *, struct db *, long long org_id,
		    struct user **, size_t *);
/* Page page (from 1) of that list, per users a page; *more: a page follows. */
enum status	user_page(struct arena *, struct db *, long long org_id,
		    int page, int per, struct user **, size_t *, int *more);
/* One user of that org; ST_NOTFOUND for another org's user. */
enum status	user_get(struct arena *, struct db *, long long org_id,
		    long long id, struct user *);
enum status	user_set_disabled(struct arena *, struct db *, long long org_id,
		    long long id, int disabled);
/*
 * Sets user id's name and role ("admin" or "interviewer"); ST_CONFLICT,
 * nothing changed, when it would leave the org with no active admin.
 */
enum status	user_update(struct arena *, struct db *, long long org_id,
		    long long id, const char *name, const char *role);
/* Renames the org (1 to 200 characters, checked by the caller). */
enum status	org_rename(struct arena *, struct db *, long long org_id,
		    const char *name);
/* Sets a new password and ends that user's sessions. */
enum status	user_set_password(struct arena *, struct db *, long long org_id,
		    long long id, const char *password);
/*
 * A password set for the user by someone else (an admin, the CLI): as
 * user_set_password, and their API tokens are revoked too (*revoked of
 * them), since a reset may be taking an account back.
 */
enum status	user_reset_password(struct arena *, struct db *, long long org_id,
		    long long id, const char *password, long *revoked);
/* 1 if the password is the user's current one. */
enum status	user_check_password(struct arena *, struct db *, long long id,
		    const char *password, int *ok);
/* The user with that email in any org (the command line, which has no org). */
enum status	user_find_email(struct arena *, struct db *, const char *email,
		    struct user *);
enum status	user_count(struct arena *, struct db *, long long *n);

/* How many people an org has: all, admins, disabled (of all). */
struct user_counts {
	long long	users;
	long long	admins;
	long long	disabled;
};
/* One org's counts, without reading its users (an org may have many). */
enum status	user_counts(struct arena *, struct db *, long long org_id,
		    struct user_counts *);

#endif
