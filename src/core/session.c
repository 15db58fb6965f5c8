/* session.c: sign-in with throttling, cookie sessions, API tokens. */
#include <stdio.h>
#include <string.h>

#include "lib/crypto.h"
#include "lib/log.h"
#include "event.h"
#include "form_use.h"
#include "session.h"

/* Compare against this when the email is unknown, so timing does not reveal accounts. */
static const char *
dummy_hash(void)
{
	static char	hash[CRYPTO_PWHASH_LEN];

	if (hash[0] == '\0')
		(void)crypto_password_hash("not a real password", hash);
	return hash;
}

/*
 * The failed sign-ins of late, to email's account and from the attempt's
 * address block (an IPv6 address's /64, sql/025).  Where the account signed
 * in from in the last LOGIN_KNOWN_DAYS (that block, or this browser by its
 * device cookie), only failures from there count against the account:
 * anyone who knows an email could otherwise lock its owner out with five
 * wrong passwords from anywhere.  The block still has its own limits.
 */
static enum status
recent_failures(struct arena *a, struct db *db, const char *email,
    const struct login_from *from, long long *by_account, long long *by_ip)
{
	const char	*p[] = { email, from->ip, db_i64(a, LOGIN_WINDOW_MINUTES),
			    db_i64(a, LOGIN_KNOWN_DAYS), from->device };
	struct db_res	*r;
	enum status	 st;

#define FROM_HERE(e)	"(address_block(" e "ip) = address_block($2)" \
			" OR ($5 <> '' AND " e "detail->>'device' = $5))"
	st = db_query(a, db, SQL("SELECT"
	    " (SELECT count(*) FROM events WHERE type = 'login_failed'"
	    "   AND lower(actor) = lower($1)"
	    "   AND created_at > now() - make_interval(mins => $3::int)"
	    "   AND (" FROM_HERE("") " OR NOT EXISTS (SELECT FROM events k"
	    "     WHERE k.type = 'login' AND lower(k.actor) = lower($1)"
	    "     AND " FROM_HERE("k.")
	    "     AND k.created_at > now() - make_interval(days => $4::int)))),"
	    " (SELECT count(*) FROM events WHERE type = 'login_failed'"
	    "   AND address_block(ip) = address_block($2)"
	    "   AND created_at > now() - make_interval(mins => $3::int))"),
	    p, 5, &r);
#undef FROM_HERE
	if (st != ST_OK)
		return st;
	*by_account = db_int(r, 0, 0);
	*by_ip = db_int(r, 0, 1);
	return ST_OK;
}

/* An attempt's event detail: why (a JSON member, or NULL) and its device. */
static const char *
attempt_detail(struct arena *a, const char *why, const struct login_from *from)
{
	if (from->device[0] == '\0')
		return why != NULL ? arena_printf(a, "{%s}", why) : NULL;
	return arena_printf(a, "{%s%s\"device\":\"%s\"}", why != NULL ? why : "",
	    why != NULL ? "," : "", from->device);
}

static enum status
find_for_login(struct arena *a, struct db *db, const char *email,
    struct user *u, const char **hash)
{
	const char	*p[] = { email };
	struct db_res	*r;
	enum status	 st;

	st = db_query(a, db, SQL("SELECT " USER_COLS ", u.password_hash"
	    " FROM users u JOIN orgs o ON o.id = u.org_id"
	    " WHERE lower(u.email) = lower($1)"), p, 1, &r);
	if (st != ST_OK)
		return st;
	if (db_rows(r) != 1)
		return ST_NOTFOUND;
	user_from_row(r, 0, 0, u);
	*hash = db_get(r, 0, 8);
	return ST_OK;
}

/*
 * ST_TOOMANY, recorded, when sign-ins to email's account or from ip failed
 * too often of late; else ST_OK.  org and user: the account's, 0 if unknown.
 */
static enum status
throttled(struct arena *a, struct db *db, long long org, long long user,
    const char *email, const struct login_from *from)
{
	long long	by_account, by_ip;
	enum status	st;

	if ((st = recent_failures(a, db, email, from, &by_account, &by_ip)) !=
	    ST_OK)
		return st;
	if (by_account < LOGIN_MAX_PER_ACCOUNT && by_ip < LOGIN_MAX_PER_IP)
		return ST_OK;
	(void)event_add(a, db, org, user, email, "login_throttled",
	    by_ip >= LOGIN_MAX_PER_IP ? "{\"by\":\"ip\"}" :
	    "{\"by\":\"account\"}", from->ip);
	return ST_TOOMANY;
}

/*
 * Attempts take turns from the count of failures to the record of their
 * own, per address block and per account: sent at once, they all read the
 * count before any failure was written, and as many as the pool has
 * processes got past a limit (to different accounts, past the address's).
 *
 * The turn is short: an attempt that may go on writes itself down as
 * failed and commits, and only then verifies the password, outside the
 * turn; what it turns out to be replaces that record (attempt_settle).
 * Holding the address's turn through a verification (tens of ms of
 * Argon2) would make everyone behind one NAT, an office or a carrier's,
 * sign in one at a time.  The price: an attempt under way counts as failed
 * until it is over, so near a limit a sign-in sent at the same moment as
 * others can be refused; and one whose process dies stays failed, which
 * errs on the safe side.  Uncontended, a sign-in makes one round trip
 * more than with one long turn, next to the verification's tens of ms.
 *
 * A transaction holding two advisory locks, class LOGIN_ADDR_LOCK on the
 * address block (as recent_failures counts it) and LOGIN_LOCK on the
 * email, both apart from the migrations' lock; turn_end ends it.  They
 * are taken here only, in one statement, the address first: in one order
 * everywhere, no two attempts can each hold a lock the other waits for.
 * Keys are hashes: two blocks or emails that share one only share turns.
 */
#define LOGIN_ADDR_LOCK	"1818322034"
#define LOGIN_LOCK	"1818845556"

static enum status
turn_begin(struct arena *a, struct db *db, const char *email,
    const struct login_from *from)
{
	const char	*p[] = { from->ip, email };
	enum status	 st;

	if ((st = db_begin(db)) != ST_OK)
		return st;
	st = db_exec(a, db, SQL("SELECT pg_advisory_xact_lock(" LOGIN_ADDR_LOCK
	    ", hashtext(address_block($1))), pg_advisory_xact_lock(" LOGIN_LOCK
	    ", hashtext(lower($2)))"), p, 2, NULL);
	if (st != ST_OK)
		db_rollback(db);
	return st;
}

/* Keeps what a decided turn wrote (its events); undoes a failed one. */
static enum status
turn_end(struct db *db, enum status st)
{
	enum status	cst;

	if (st != ST_OK && st != ST_TOOMANY) {
		db_rollback(db);
		return st;
	}
	return (cst = db_commit(db)) != ST_OK ? cst : st;
}

/* Inside the turn: ST_TOOMANY, or the attempt written down as failed (*id). */
static enum status
reserve(struct arena *a, struct db *db, long long org, long long user,
    const char *email, const char *why, const struct login_from *from,
    long long *id)
{
	const char	*detail = attempt_detail(a, why, from);
	const char	*p[5];
	struct db_res	*r;
	enum status	 st;

	if ((st = throttled(a, db, org, user, email, from)) != ST_OK)
		return st;
	p[0] = org ? db_i64(a, org) : NULL;
	p[1] = user ? db_i64(a, user) : NULL;
	p[2] = email;
	p[3] = detail != NULL ? detail : "{}";
	p[4] = from->ip;
	st = db_query(a, db, SQL("INSERT INTO events (org_id, actor_user_id,"
	    " actor, type, detail, ip) VALUES ($1, $2, $3, 'login_failed',"
	    " $4::jsonb, $5) RETURNING id"), p, 5, &r);
	if (st == ST_OK)
		*id = db_int(r, 0, 0);
	return st;
}

/*
 * The start of an attempt on email's account (org and user, 0 if unknown)
 * from from: ST_TOOMANY, recorded, when throttled; else ST_OK with the
 * attempt counted as failed, its event *id (detail: why, a JSON member
 * or NULL), until attempt_settle or attempt_withdraw says otherwise.
 */
static enum status
attempt_begin(struct arena *a, struct db *db, long long org, long long user,
    const char *email, const char *why, const struct login_from *from,
    long long *id)
{
	enum status	st;

	if ((st = turn_begin(a, db, email, from)) != ST_OK)
		return st;
	return turn_end(db, reserve(a, db, org, user, email, why, from, id));
}

/* Event id, an attempt's, made what the attempt turned out to be. */
static enum status
attempt_settle(struct arena *a, struct db *db, long long id, long long org,
    long long user, const char *actor, const char *type, const char *detail)
{
	const char	*p[] = { db_i64(a, id), org ? db_i64(a, org) : NULL,
			    user ? db_i64(a, user) : NULL, actor, type,
			    detail != NULL ? detail : "{}" };

	return db_exec(a, db, SQL("UPDATE events SET org_id = $2,"
	    " actor_user_id = $3, actor = $4, type = $5, detail = $6::jsonb"
	    " WHERE id = $1"), p, 6, NULL);
}

/* Event id, an attempt's, gone: it was no failure and leaves no record. */
static enum status
attempt_withdraw(struct arena *a, struct db *db, long long id)
{
	const char	*p[] = { db_i64(a, id) };

	return db_exec(a, db, SQL("DELETE FROM events WHERE id = $1"), p, 1,
	    NULL);
}

/*
 * The password is verified outside the turn (see above), and the attempt
 * settled after: a failure keeps the record attempt_begin wrote, now with
 * the account and why; a success turns it into the sign-in's.
 */
enum status
login_check(struct arena *a, struct db *db, const char *email,
    const char *password, const struct login_from *from, struct user *u)
{
	const char	*hash = NULL;
	long long	 id;
	enum status	 st;
	int		 ok;

	if ((st = attempt_begin(a, db, 0, 0, email, NULL, from, &id)) != ST_OK)
		return st;
	st = find_for_login(a, db, email, u, &hash);
	if (st != ST_OK && st != ST_NOTFOUND)
		return st;	/* it stays counted as failed */
	ok = crypto_password_verify(st == ST_OK ? hash : dummy_hash(), password);
	if (st == ST_NOTFOUND || !ok || u->disabled) {
		(void)attempt_settle(a, db, id, st == ST_OK ? u->org_id : 0,
		    st == ST_OK ? u->id : 0, email, "login_failed",
		    attempt_detail(a, st == ST_OK && ok ?
		    "\"reason\":\"disabled\"" : NULL, from));
		return ST_DENIED;
	}
	return attempt_settle(a, db, id, u->org_id, u->id, u->email, "login",
	    attempt_detail(a, NULL, from));
}

/*
 * A signed-in user's password again, before it is changed.  It keeps to the
 * sign-in limits and its failures count among the sign-in's: else a session
 * taken over (a browser left open) could try passwords here without end,
 * and the one it found would outlive the session.  A failure is the record
 * attempt_begin wrote; a success takes it back (the change is recorded).
 */
enum status
password_recheck(struct arena *a, struct db *db, const struct user *u,
    const char *password, const struct login_from *from)
{
	long long	id;
	enum status	st;
	int		ok = 0;

	st = attempt_begin(a, db, u->org_id, u->id, u->email,
	    "\"reason\":\"current_password\"", from, &id);
	if (st != ST_OK)
		return st;
	if ((st = user_check_password(a, db, u->id, password, &ok)) != ST_OK)
		return st;
	if (!ok)
		return ST_DENIED;
	return attempt_withdraw(a, db, id);
}

enum status
session_create(struct arena *a, struct db *db, long long user_id, int hours,
    const char *ip, const char *ua, char **token, char **csrf)
{
	const char	*p[6];

	*token = crypto_token(a, 32);
	*csrf = crypto_token(a, 32);
	p[0] = crypto_token_hash(a, *token, strlen(*token));
	p[1] = db_i64(a, user_id);
	p[2] = *csrf;
	p[3] = ip;
	p[4] = ua;
	p[5] = db_i64(a, hours);
	return db_exec(a, db, SQL("INSERT INTO web_sessions (token_hash, user_id,"
	    " csrf, ip, user_agent, expires_at) VALUES ($1, $2, $3, $4,"
	    " left($5, 300), now() + make_interval(hours => $6::int))"), p, 6, NULL);
}

enum status
session_lookup(struct arena *a, struct db *db, const char *token,
    struct session *s)
{
	const char	*p[1];
	struct db_res	*r;
	enum status	 st;

	p[0] = crypto_token_hash(a, token, strlen(token));
	st = db_query(a, db, SQL("SELECT s.id, s.csrf, " USER_COLS
	    " FROM web_sessions s JOIN users u ON u.id = s.user_id"
	    " JOIN orgs o ON o.id = u.org_id"
	    " WHERE s.token_hash = $1 AND s.expires_at > now()"
	    " AND u.disabled_at IS NULL"), p, 1, &r);
	if (st != ST_OK)
		return st;
	if (db_rows(r) != 1)
		return ST_NOTFOUND;
	s->id = db_int(r, 0, 0);
	s->csrf = db_get(r, 0, 1);
	user_from_row(r, 0, 2, &s->user);
	return ST_OK;
}

enum status
session_delete(struct arena *a, struct db *db, const char *token)
{
	const char	*p[] = { crypto_token_hash(a, token, strlen(token)) };

	return db_exec(a, db, SQL("DELETE FROM web_sessions WHERE token_hash = $1"),
	    p, 1, NULL);
}

/* What insert_token needs, through form_use_create. */
struct new_token {
	long long	 org_id;
	long long	 user_id;
	const char	*name;
	int		 days;		/* 0: never expires */
	char		*token;
};

static enum status
insert_token(struct arena *a, struct db *db, void *arg, long long *id)
{
	const struct new_token	*t = arg;
	const char		*p[6];
	struct db_res		*r;
	enum status		 st;

	p[0] = db_i64(a, t->org_id);
	p[1] = db_i64(a, t->user_id);
	p[2] = t->name;
	p[3] = crypto_token_hash(a, t->token, strlen(t->token));
	p[4] = arena_strndup(a, t->token, 10);
	p[5] = db_i64(a, t->days);
	st = db_query(a, db, SQL("INSERT INTO api_tokens (org_id, user_id, name,"
	    " token_hash, prefix, expires_at) VALUES ($1, $2, $3, $4, $5,"
	    " CASE WHEN $6::int > 0 THEN now() + make_interval(days =>"
	    " $6::int) END) RETURNING id"), p, 6, &r);
	if (st == ST_OK)
		*id = db_int(r, 0, 0);
	return st;
}

enum status
apitoken_create(struct arena *a, struct db *db, long long org_id,
    long long user_id, const char *name, int days, const char *form_id,
    char **token, long long *id)
{
	struct new_token	 t = { org_id, user_id, name, days, NULL };
	int			 repeated;
	enum status		 st;

	/* A recognisable prefix lets secret scanners and people spot leaked tokens. */
	t.token = arena_printf(a, "viva_%s", crypto_token(a, 32));
	st = form_use_create(a, db, form_id, insert_token, &t, id, &repeated);
	*token = st == ST_OK && !repeated ? t.token : NULL;
	return st;
}

/* A token row, as APITOKEN_COLS reads it. */
#define APITOKEN_COLS \
	"SELECT t.id, t.name, t.prefix, u.email," \
	" to_char(t.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI')," \
	" coalesce(to_char(t.last_used_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI'), '')," \
	" t.revoked_at IS NOT NULL, u.disabled_at IS NOT NULL," \
	" coalesce(to_char(t.expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD" \
	" HH24:MI'), ''), coalesce(t.expires_at <= now(), false)" \
	" FROM api_tokens t JOIN users u ON u.id = t.user_id"

static void
apitoken_from_row(const struct db_res *r, int i, struct apitoken *t)
{
	t->id = db_int(r, i, 0);
	t->name = db_get(r, i, 1);
	t->prefix = db_get(r, i, 2);
	t->owner = db_get(r, i, 3);
	t->created_at = db_get(r, i, 4);
	t->last_used_at = db_get(r, i, 5);
	t->revoked = db_bool(r, i, 6);
	t->owner_disabled = db_bool(r, i, 7);
	t->expires_at = db_get(r, i, 8);
	t->expired = db_bool(r, i, 9);
}

enum status
apitoken_list(struct arena *a, struct db *db, long long org_id, int page,
    int per, struct apitoken **out, size_t *n, int *more)
{
	const char	*p[] = { db_i64(a, org_id), db_i64(a, per + 1),
			    db_i64(a, (long long)(page - 1) * per) };
	struct db_res	*r;
	enum status	 st;
	int		 i;

	st = db_query(a, db, SQL(APITOKEN_COLS
	    " WHERE t.org_id = $1 ORDER BY t.revoked_at IS NOT NULL, t.id DESC"
	    " LIMIT $2 OFFSET $3"), p, 3, &r);
	if (st != ST_OK)
		return st;
	/* One more than a page says whether another follows. */
	*n = (size_t)db_rows(r);
	if ((*more = *n > (size_t)per))
		*n = (size_t)per;
	*out = arena_calloc(a, *n + 1, sizeof(**out));
	for (i = 0; i < db_rows(r); i++)
		apitoken_from_row(r, i, &(*out)[i]);
	return ST_OK;
}

enum status
apitoken_get(struct arena *a, struct db *db, long long org_id, long long id,
    struct apitoken *t)
{
	const char	*p[] = { db_i64(a, org_id), db_i64(a, id) };
	struct db_res	*r;
	enum status	 st;

	st = db_query(a, db, SQL(APITOKEN_COLS
	    " WHERE t.org_id = $1 AND t.id = $2"), p, 2, &r);
	if (st != ST_OK)
		return st;
	if (db_rows(r) != 1)
		return ST_NOTFOUND;
	apitoken_from_row(r, 0, t);
	return ST_OK;
}

enum status
apitoken_revoke(struct arena *a, struct db *db, long long org_id, long long id,
    const char **name)
{
	const char	*p[] = { db_i64(a, org_id), db_i64(a, id) };
	struct db_res	*r;
	enum status	 st;

	st = db_query(a, db, SQL("UPDATE api_tokens SET revoked_at ="
	    " coalesce(revoked_at, now()) WHERE org_id = $1 AND id = $2"
	    " RETURNING name"), p, 2, &r);
	if (st != ST_OK)
		return st;
	if (db_rows(r) != 1)
		return ST_NOTFOUND;
	*name = db_get(r, 0, 0);
	return ST_OK;
}

enum status
apitoken_auth(struct arena *a, struct db *db, const char *token, struct user *u,
    const char **name)
{
	const char	*p[1];
	struct db_res	*r;
	enum status	 st;

	p[0] = crypto_token_hash(a, token, strlen(token));
	st = db_query(a, db, SQL("UPDATE api_tokens t SET last_used_at = now()"
	    " FROM users u JOIN orgs o ON o.id = u.org_id"
	    " WHERE t.token_hash = $1 AND t.revoked_at IS NULL"
	    " AND (t.expires_at IS NULL OR t.expires_at > now())"
	    " AND u.id = t.user_id AND u.disabled_at IS NULL"
	    " RETURNING " USER_COLS ", t.name"), p, 1, &r);
	if (st != ST_OK)
		return st;
	if (db_rows(r) != 1)
		return ST_NOTFOUND;
	user_from_row(r, 0, 0, u);
	*name = db_get(r, 0, 8);	/* after USER_COLS' eight */
	return ST_OK;
}
