/* session.h: sign-in, cookie sessions and API tokens. */
#ifndef VIVA_SESSION_H
#define VIVA_SESSION_H

#include "account.h"

/* Failed sign-ins allowed in the window, per account and per address. */
#define LOGIN_WINDOW_MINUTES	15
#define LOGIN_MAX_PER_ACCOUNT	5
#define LOGIN_MAX_PER_IP	20
#define LOGIN_KNOWN_DAYS	30	/* a sign-in's address stays known so long */

/*
 * Where a sign-in attempt comes from: the client's address, and the hash of
 * the browser's device cookie ("" when it sent none): a browser that
 * signed in to the account before, wherever it is now.
 */
struct login_from {
	const char	*ip;
	const char	*device;
};

struct session {
	long long	 id;
	const char	*csrf;
	struct user	 user;
};

/*
 * Checks a sign-in.  ST_OK fills *u; ST_DENIED for a wrong email or
 * password or a disabled account (indistinguishable to the caller's user);
 * ST_TOOMANY when throttled.  Every outcome is recorded in events.
 */
enum status	login_check(struct arena *, struct db *, const char *email,
		    const char *password, const struct login_from *,
		    struct user *u);
/*
 * A signed-in user's current password, checked before a change: ST_OK when
 * it matches, ST_DENIED when not (recorded as a failed sign-in), ST_TOOMANY
 * when sign-ins to the account or from ip are throttled.
 */
enum status	password_recheck(struct arena *, struct db *,
		    const struct user *, const char *password,
		    const struct login_from *);
/* New session; *token is the cookie value (shown to nobody else, stored hashed). */
enum status	session_create(struct arena *, struct db *, long long user_id,
		    int hours, const char *ip, const char *ua, char **token,
		    char **csrf);
/* The live session for a cookie value; ST_NOTFOUND if unknown, expired or disabled. */
enum status	session_lookup(struct arena *, struct db *, const char *token,
		    struct session *);
enum status	session_delete(struct arena *, struct db *, const char *token);

struct apitoken {
	long long	 id;
	const char	*name;
	const char	*prefix;
	const char	*owner;
	const char	*created_at;
	const char	*last_used_at;	/* "" if never */
	int		 revoked;
	int		 owner_disabled;	/* refused while its user is */
	const char	*expires_at;	/* "" if never */
	int		 expired;
};

/*
 * Makes a token for user, valid for days (0: until revoked); *token is
 * shown once and stored only as a hash.  A repeat of form_id (form_use.h;
 * NULL: none) makes nothing: *token is NULL and *id the first one's token.
 */
enum status	apitoken_create(struct arena *, struct db *, long long org_id,
		    long long user_id, const char *name, int days,
		    const char *form_id, char **token, long long *id);
/* Page page (from 1) of the org's tokens, active first; *more: a page follows. */
enum status	apitoken_list(struct arena *, struct db *, long long org_id,
		    int page, int per, struct apitoken **, size_t *, int *more);
/* Token id of org_id; ST_NOTFOUND for another org's. */
enum status	apitoken_get(struct arena *, struct db *, long long org_id,
		    long long id, struct apitoken *);
/* Revokes token id of org_id; *name: its name, for the timeline. */
enum status	apitoken_revoke(struct arena *, struct db *, long long org_id,
		    long long id, const char **name);
/*
 * The enabled user behind a bearer token, and the token's name (for the
 * timeline); ST_NOTFOUND if unknown or revoked.
 */
enum status	apitoken_auth(struct arena *, struct db *, const char *token,
		    struct user *, const char **name);

#endif
