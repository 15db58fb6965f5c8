/* account.c: orgs and users; every query names the org it is scoped to. */
#include <stdlib.h>
#include <string.h>

#include "lib/crypto.h"
#include "account.h"
#include "form_use.h"

void
user_from_row(const struct db_res *r, int i, int c, struct user *u)
{
	u->id = db_int(r, i, c);
	u->org_id = db_int(r, i, c + 1);
	u->org_name = db_get(r, i, c + 2);
	u->email = db_get(r, i, c + 3);
	u->name = db_get(r, i, c + 4);
	u->role = db_get(r, i, c + 5);
	u->disabled = db_bool(r, i, c + 6);
	u->created_at = db_get(r, i, c + 7);
}

enum status
org_create(struct arena *a, struct db *db, const char *name, long long *id)
{
	const char	*p[] = { name };
	struct db_res	*r;
	enum status	 st;

	st = db_query(a, db, SQL("INSERT INTO orgs (name) VALUES ($1) RETURNING id"),
	    p, 1, &r);
	if (st == ST_OK)
		*id = db_int(r, 0, 0);
	return st;
}

enum status
org_find(struct arena *a, struct db *db, const char *name, long long *id)
{
	const char	*p[] = { name };
	struct db_res	*r;
	enum status	 st;

	st = db_query(a, db, SQL("SELECT id FROM orgs WHERE name = $1 ORDER BY id LIMIT 1"),
	    p, 1, &r);
	if (st != ST_OK)
		return st;
	if (db_rows(r) != 1)
		return ST_NOTFOUND;
	*id = db_int(r, 0, 0);
	return ST_OK;
}

enum status
org_only(struct arena *a, struct db *db, long long *id, const char **name)
{
	struct db_res	*r;
	enum status	 st;

	st = db_query(a, db, SQL("SELECT id, name FROM orgs ORDER BY id LIMIT 2"),
	    NULL, 0, &r);
	if (st != ST_OK)
		return st;
	if (db_rows(r) != 1)
		return db_rows(r) == 0 ? ST_NOTFOUND : ST_CONFLICT;
	*id = db_int(r, 0, 0);
	*name = db_get(r, 0, 1);
	return ST_OK;
}

enum status
user_create(struct arena *a, struct db *db, long long org_id, const char *email,
    const char *name, const char *role, const char *password, long long *id)
{
	char		 hash[CRYPTO_PWHASH_LEN];
	const char	*p[5];
	struct db_res	*r;
	enum status	 st;

	if ((st = crypto_password_hash(password, hash)) != ST_OK)
		return st;
	p[0] = db_i64(a, org_id);
	p[1] = email;
	p[2] = name;
	p[3] = role;
	p[4] = hash;
	st = db_query(a, db, SQL("INSERT INTO users (org_id, email, name, role,"
	    " password_hash) VALUES ($1, $2, $3, $4, $5) RETURNING id"), p, 5, &r);
	if (st == ST_OK && id != NULL)
		*id = db_int(r, 0, 0);
	return st;
}

/* user_create's arguments, through form_use_create. */
struct new_user {
	long long	 org_id;
	const char	*email;
	const char	*name;
	const char	*role;
	const char	*password;
};

static enum status
insert_user(struct arena *a, struct db *db, void *arg, long long *id)
{
	const struct new_user	*u = arg;

	return user_create(a, db, u->org_id, u->email, u->name, u->role,
	    u->password, id);
}

enum status
user_create_once(struct arena *a, struct db *db, const char *form_id,
    long long org_id, const char *email, const char *name, const char *role,
    const char *password, long long *id, int *repeated)
{
	struct new_user	 u = { org_id, email, name, role, password };

	return form_use_create(a, db, form_id, insert_user, &u, id, repeated);
}

/* limit NULL: every user from offset on (LIMIT NULL is no limit). */
static enum status
users_from(struct arena *a, struct db *db, long long org_id,
    const char *limit, long long offset, struct user **out, size_t *n)
{
	const char	*p[] = { db_i64(a, org_id), limit, db_i64(a, offset) };
	struct db_res	*r;
	enum status	 st;
	int		 i;

	st = db_query(a, db, SQL("SELECT " USER_COLS " FROM users u"
	    " JOIN orgs o ON o.id = u.org_id WHERE u.org_id = $1"
	    " ORDER BY u.role, lower(u.email), u.id LIMIT $2 OFFSET $3"), p, 3,
	    &r);
	if (st != ST_OK)
		return st;
	*n = (size_t)db_rows(r);
	*out = arena_calloc(a, *n + 1, sizeof(**out));
	for (i = 0; i < db_rows(r); i++)
		user_from_row(r, i, 0, &(*out)[i]);
	return ST_OK;
}

enum status
user_list(struct arena *a, struct db *db, long long org_id, struct user **out,
    size_t *n)
{
	return users_from(a, db, org_id, NULL, 0, out, n);
}

enum status
user_page(struct arena *a, struct db *db, long long org_id, int page, int per,
    struct user **out, size_t *n, int *more)
{
	enum status	st;

	/* One more than a page says whether another follows. */
	st = users_from(a, db, org_id, db_i64(a, per + 1),
	    (long long)(page - 1) * per, out, n);
	*more = st == ST_OK && *n > (size_t)per;
	if (*more)
		*n = (size_t)per;
	return st;
}

enum status
user_get(struct arena *a, struct db *db, long long org_id, long long id,
    struct user *u)
{
	const char	*p[] = { db_i64(a, org_id), db_i64(a, id) };
	struct db_res	*r;
	enum status	 st;

	st = db_query(a, db, SQL("SELECT " USER_COLS " FROM users u"
	    " JOIN orgs o ON o.id = u.org_id WHERE u.org_id = $1 AND u.id = $2"),
	    p, 2, &r);
	if (st != ST_OK)
		return st;
	if (db_rows(r) != 1)
		return ST_NOTFOUND;
	user_from_row(r, 0, 0, u);
	return ST_OK;
}

enum status
user_set_disabled(struct arena *a, struct db *db, long long org_id,
    long long id, int disabled)
{
	const char	*p[] = { db_i64(a, org_id), db_i64(a, id), disabled ? "t" : "f" };
	long		 n;
	enum status	 st;

	st = db_exec(a, db, SQL("UPDATE users SET disabled_at = CASE WHEN $3::bool"
	    " THEN coalesce(disabled_at, now()) END WHERE org_id = $1 AND id = $2"),
	    p, 3, &n);
	if (st == ST_OK && n == 0)
		return ST_NOTFOUND;
	if (st == ST_OK && disabled)
		st = db_exec(a, db, SQL("DELETE FROM web_sessions WHERE user_id = $1"),
		    p + 1, 1, NULL);
	return st;
}

enum status
user_set_password(struct arena *a, struct db *db, long long org_id,
    long long id, const char *password)
{
	char		 hash[CRYPTO_PWHASH_LEN];
	const char	*p[3];
	long		 n;
	enum status	 st;

	if ((st = crypto_password_hash(password, hash)) != ST_OK)
		return st;
	p[0] = db_i64(a, org_id);
	p[1] = db_i64(a, id);
	p[2] = hash;
	st = db_exec(a, db, SQL("UPDATE users SET password_hash = $3,"
	    " password_changed_at = now() WHERE org_id = $1 AND id = $2"), p, 3, &n);
	if (st == ST_OK && n == 0)
		return ST_NOTFOUND;
	if (st == ST_OK)
		st = db_exec(a, db, SQL("DELETE FROM web_sessions WHERE user_id = $1"),
		    p + 1, 1, NULL);
	return st;
}

enum status
user_reset_password(struct arena *a, struct db *db, long long org_id,
    long long id, const char *password, long *revoked)
{
	const char	*p[] = { db_i64(a, id) };
	enum status	 st;

	*revoked = 0;
	if ((st = db_begin(db)) != ST_OK)
		return st;
	st = user_set_password(a, db, org_id, id, password);
	if (st == ST_OK)
		st = db_exec(a, db, SQL("UPDATE api_tokens SET revoked_at = now()"
		    " WHERE user_id = $1 AND revoked_at IS NULL"), p, 1, revoked);
	if (st == ST_OK)
		st = db_commit(db);
	if (st != ST_OK)
		db_rollback(db);
	return st;
}

enum status
user_check_password(struct arena *a, struct db *db, long long id,
    const char *password, int *ok)
{
	const char	*p[] = { db_i64(a, id) };
	struct db_res	*r;
	enum status	 st;

	*ok = 0;
	st = db_query(a, db, SQL("SELECT password_hash FROM users WHERE id = $1"),
	    p, 1, &r);
	if (st == ST_OK && db_rows(r) == 1)
		*ok = crypto_password_verify(db_get(r, 0, 0), password);
	return st;
}

enum status
user_find_email(struct arena *a, struct db *db, const char *email,
    struct user *u)
{
	const char	*p[] = { email };
	struct db_res	*r;
	enum status	 st;

	st = db_query(a, db, SQL("SELECT " USER_COLS " FROM users u"
	    " JOIN orgs o ON o.id = u.org_id WHERE lower(u.email) = lower($1)"),
	    p, 1, &r);
	if (st != ST_OK)
		return st;
	if (db_rows(r) != 1)
		return ST_NOTFOUND;
	user_from_row(r, 0, 0, u);
	return ST_OK;
}

enum status
user_count(struct arena *a, struct db *db, long long *n)
{
	struct db_res	*r;
	enum status	 st;

	st = db_query(a, db, SQL("SELECT count(*) FROM users"), NULL, 0, &r);
	if (st == ST_OK)
		*n = db_int(r, 0, 0);
	return st;
}

enum status
user_counts(struct arena *a, struct db *db, long long org_id,
    struct user_counts *c)
{
	const char	*p[] = { db_i64(a, org_id) };
	struct db_res	*r;
	enum status	 st;

	st = db_query(a, db, SQL("SELECT count(*),"
	    " count(*) FILTER (WHERE role = 'admin'),"
	    " count(*) FILTER (WHERE disabled_at IS NOT NULL)"
	    " FROM users WHERE org_id = $1"), p, 1, &r);
	if (st != ST_OK)
		return st;
	c->users = db_int(r, 0, 0);
	c->admins = db_int(r, 0, 1);
	c->disabled = db_int(r, 0, 2);
	return ST_OK;
}

/*
 * The org's active admins are locked first: two admins demoting each other
 * at once are taken one after the other, and the second finds itself the
 * last (the UPDATE's EXISTS reads what the first committed).
 */
enum status
user_update(struct arena *a, struct db *db, long long org_id, long long id,
    const char *name, const char *role)
{
	const char	*p[] = { db_i64(a, org_id), db_i64(a, id), name, role };
	struct db_res	*r;
	long		 n;
	enum status	 st;

	if ((st = db_begin(db)) != ST_OK)
		return st;
	st = db_query(a, db, SQL("SELECT id FROM users WHERE org_id = $1"
	    " AND role = 'admin' AND disabled_at IS NULL FOR UPDATE"), p, 1, &r);
	if (st == ST_OK)
		st = db_exec(a, db, SQL("UPDATE users SET name = $3, role = $4"
		    " WHERE org_id = $1 AND id = $2 AND ($4 = 'admin'"
		    " OR role <> 'admin' OR disabled_at IS NOT NULL"
		    " OR EXISTS (SELECT 1 FROM users WHERE org_id = $1"
		    " AND id <> $2 AND role = 'admin' AND disabled_at IS NULL))"),
		    p, 4, &n);
	if (st == ST_OK && n == 0) {
		/* Not the org's user, or its last admin: which one. */
		st = db_query(a, db, SQL("SELECT 1 FROM users WHERE org_id = $1"
		    " AND id = $2"), p, 2, &r);
		if (st == ST_OK)
			st = db_rows(r) == 1 ? ST_CONFLICT : ST_NOTFOUND;
	}
	if (st == ST_OK)
		return db_commit(db);
	db_rollback(db);
	return st;
}

enum status
org_rename(struct arena *a, struct db *db, long long org_id, const char *name)
{
	const char	*p[] = { db_i64(a, org_id), name };

	return db_exec(a, db, SQL("UPDATE orgs SET name = $2 WHERE id = $1"), p,
	    2, NULL);
}
