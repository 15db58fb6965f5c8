/* budget.c: reserve, settle, release tokens under the interview's row lock. */
#include <stdlib.h>
#include <string.h>

#include "budget.h"
#include "form_use.h"
#include "lib/log.h"
#include "lib/markdown.h"
#include "interview.h"

/* A usage row whose hold has ended with its call unsettled (alias u). */
#define ABANDONED_SQL	"u.state = 'reserved' AND u.hold_until < now()"

static enum budget_refusal
refusal(const struct db_res *r)
{
	const char	*status = db_get(r, 0, 0);

	if (strcmp(status, "created") == 0)
		return BR_NOT_STARTED;
	if (strcmp(status, "paused") == 0)
		return BR_PAUSED;
	if (strcmp(status, "active") != 0)
		return BR_ENDED;
	if (db_bool(r, 0, 1))
		return BR_LOCKED;
	if (db_int(r, 0, 2) <= 0)
		return BR_TIME;
	if (db_int(r, 0, 4) >= BUDGET_RATE_PER_MINUTE)
		return BR_RATE;
	return BR_NONE;
}

/*
 * Taken first, in a statement of its own: RESERVE_SQL's snapshot then comes
 * after the lock, so its count of the last minute's holds and its sum of
 * abandoned ones include what the send before it committed.  (With only
 * its own FOR UPDATE, two sends at once both counted 5 and both went.)
 */
#define LOCK_SQL SQL("SELECT FROM interviews WHERE id = $1 FOR UPDATE")

/*
 * Then one statement: reads what decides (c);
 * when every rule allows it (d), releases the interview's abandoned holds,
 * adds the new hold to tokens_reserved unless that passes the budget (i)
 * and records it (h).  It returns what it read and the new usage id (NULL
 * when refused), from which explain() tells the candidate why.  The rules
 * in d are refusal()'s and explain()'s.
 */
#define RESERVE_SQL SQL("WITH c AS (SELECT status, chat_locked, "	\
	INTERVIEW_TIME_LEFT_SQL " AS time_left,"			\
	" token_budget - tokens_used - tokens_reserved + (SELECT"	\
	"  coalesce(sum(reserved), 0) FROM usage u WHERE u.interview_id = $1" \
	"  AND " ABANDONED_SQL ") AS left_tokens,"			\
	" (SELECT count(*) FROM usage u WHERE u.interview_id = $1"	\
	"  AND u.state <> 'released'"					\
	"  AND u.created_at > now() - interval '1 minute') AS recent"	\
	" FROM interviews WHERE id = $1 FOR UPDATE),"			\
	" d AS (SELECT $2::int + least(left_tokens - $2::int, $4::int) total" \
	" FROM c WHERE status = 'active' AND NOT chat_locked"		\
	" AND time_left > 0 AND recent < $7::int"			\
	" AND least(left_tokens - $2::int, $4::int) >= $3::int),"	\
	" gone AS (UPDATE usage u"					\
	" SET state = 'released', error = 'abandoned', settled_at = now()," \
	" question = NULL WHERE u.interview_id = $1 AND " ABANDONED_SQL	\
	" AND EXISTS (SELECT FROM d) RETURNING reserved),"		\
	" freed AS (SELECT coalesce(sum(reserved), 0)::int n FROM gone)," \
	" i AS (UPDATE interviews"					\
	" SET tokens_reserved = tokens_reserved - freed.n + d.total"	\
	" FROM freed, d WHERE id = $1"					\
	/* The WHERE holds the invariant even if the rules were wrong. */ \
	" AND tokens_used + tokens_reserved - freed.n + d.total"	\
	" <= token_budget RETURNING id),"				\
	" h AS (INSERT INTO usage (interview_id, reserved, model, hold_until," \
	" question) SELECT $1, d.total, $5, now() + $6::int * interval '1 ms'," \
	" $8 FROM i, d RETURNING id)"					\
	" SELECT status, chat_locked, time_left, left_tokens, recent,"	\
	" (SELECT id FROM h) FROM c")

/* Fills res from the statement's row: the hold, or why there is none. */
static enum status
explain(const struct db_res *r, int min_cap, int max_cap,
    struct reservation *res)
{
	int	left;

	if (db_rows(r) != 1)
		return ST_NOTFOUND;
	if ((res->why = refusal(r)) != BR_NONE)
		return ST_CONFLICT;
	left = (int)db_int(r, 0, 3);
	res->left = left > 0 ? left : 0;
	res->cap = left - res->prompt < max_cap ? left - res->prompt : max_cap;
	if (res->cap < min_cap) {
		res->why = BR_TOKENS;
		res->needs = res->prompt + min_cap;
		return ST_CONFLICT;
	}
	res->total = res->prompt + res->cap;
	if (db_null(r, 0, 5)) {
		res->why = BR_TOKENS;
		res->needs = res->total;
		return ST_CONFLICT;
	}
	res->usage_id = db_int(r, 0, 5);
	return ST_OK;
}

/*
 * The reservation with form_id claimed in its transaction (one round trip
 * per statement: only the form without JavaScript sends one).  *first is
 * the hold of the form sent before, still held or settled; then nothing
 * was reserved and *r is NULL.  A refused reservation keeps no claim: the
 * message comes back in its box, to send again.
 */
static enum status
reserve_once(struct arena *a, struct db *db, const char *form_id,
    const char *const *p, struct db_res **r, long long *first)
{
	const char	*result, *q[1];
	struct db_res	*u;
	int		 repeated;
	enum status	 st;

	*r = NULL;
	*first = 0;
	if ((st = db_begin(db)) != ST_OK)
		return st;
	if ((st = db_exec(a, db, LOCK_SQL, p, 1, NULL)) != ST_OK ||
	    (st = form_use_claim(a, db, form_id, &repeated, &result)) != ST_OK)
		goto out;
	if (repeated && result != NULL) {
		q[0] = result;
		st = db_query(a, db, SQL("SELECT NOT (state = 'released' OR"
		    " " ABANDONED_SQL ") FROM usage u WHERE id = $1::bigint"),
		    q, 1, &u);
		/*
		 * Released, its call failed, or abandoned, its process died
		 * mid-call (RESERVE_SQL gives those tokens back): this one
		 * sends the message again, rather than lose it.
		 */
		if (st != ST_OK || (db_rows(u) == 1 && db_bool(u, 0, 0))) {
			*first = strtoll(result, NULL, 10);
			goto out;
		}
	} else if (repeated) {
		*first = -1;	/* claimed by something else: nothing to do */
		goto out;
	}
	if ((st = db_query(a, db, RESERVE_SQL, p, 8, r)) != ST_OK)
		goto out;
	if (db_rows(*r) == 1 && !db_null(*r, 0, 5) &&
	    (st = form_use_keep(db, form_id, db_get(*r, 0, 5))) == ST_OK)
		return db_commit(db);
out:
	db_rollback(db);
	return st;
}

/*
 * For BR_RATE: seconds until the rate lets a message go, when the
 * BUDGET_RATE_PER_MINUTE-th newest hold of the last minute leaves it.
 * Asked only once refused, so a send that goes costs nothing more.
 */
static void
rate_wait(struct arena *a, struct db *db, long long iv,
    struct reservation *res)
{
	const char	*p[] = { db_i64(a, iv),
			    db_i64(a, BUDGET_RATE_PER_MINUTE - 1) };
	struct db_res	*r;

	res->retry_s = 60;
	if (db_query(a, db, SQL("SELECT ceil(extract(epoch FROM created_at"
	    " + interval '1 minute' - now())) FROM usage"
	    " WHERE interview_id = $1 AND state <> 'released'"
	    " AND created_at > now() - interval '1 minute'"
	    " ORDER BY created_at DESC OFFSET $2 LIMIT 1"), p, 2, &r) == ST_OK &&
	    db_rows(r) == 1 && !db_null(r, 0, 0))
		res->retry_s = (int)db_int(r, 0, 0);
	if (res->retry_s < 1)
		res->retry_s = 1;
}

/* explain(), and for a refusal by rate, how long to wait. */
static enum status
explain_hold(struct arena *a, struct db *db, long long iv,
    const struct db_res *r, int min_cap, int max_cap,
    struct reservation *res)
{
	enum status	st = explain(r, min_cap, max_cap, res);

	if (st == ST_CONFLICT && res->why == BR_RATE)
		rate_wait(a, db, iv, res);
	return st;
}

enum status
budget_reserve(struct arena *a, struct db *db, long long iv, int prompt,
    int min_cap, int max_cap, const char *model, int hold_ms,
    const char *form_id, const char *question, struct reservation *res)
{
	const char	*p[8];
	struct db_res	*r;
	long long	 first;
	enum status	 st;

	memset(res, 0, sizeof(*res));
	res->prompt = prompt;
	p[0] = db_i64(a, iv);
	p[1] = db_i64(a, prompt);
	p[2] = db_i64(a, min_cap);
	p[3] = db_i64(a, max_cap);
	p[4] = model;
	p[5] = db_i64(a, hold_ms);
	p[6] = db_i64(a, BUDGET_RATE_PER_MINUTE);
	p[7] = question;
	if (form_id != NULL) {
		if ((st = reserve_once(a, db, form_id, p, &r, &first)) != ST_OK)
			return st;
		if (r == NULL) {
			res->why = BR_REPEATED;
			res->usage_id = first;
			return ST_CONFLICT;
		}
		return explain_hold(a, db, iv, r, min_cap, max_cap, res);
	}
	/*
	 * Lost in a crash, this transaction would leave nothing to undo: the
	 * call it guards dies with it, and settling checks that the hold is
	 * still there.  So it does not wait for the disk.
	 */
	if ((st = db_query_async_commit(a, db, LOCK_SQL, RESERVE_SQL, p, 8,
	    &r)) != ST_OK)
		return st;
	return explain_hold(a, db, iv, r, min_cap, max_cap, res);
}

/* form_use_wait's check: is the hold *arg still held and in time? */
static enum status
hold_pending(struct arena *a, struct db *db, void *arg, int *pending)
{
	const char	*p[] = { arg };
	struct db_res	*r;
	enum status	 st;

	st = db_query(a, db, SQL("SELECT FROM usage u WHERE id = $1"
	    " AND u.state = 'reserved' AND u.hold_until >= now()"), p, 1, &r);
	*pending = st == ST_OK && db_rows(r) > 0;
	return st;
}

enum status
budget_wait(struct arena *a, struct db *db, long long usage_id, int max_ms)
{
	return form_use_wait(a, db, max_ms, hold_pending,
	    (void *)db_i64(a, usage_id));
}

/*
 * Settles the reservation and stores the exchange in one statement, so one
 * round trip.  Its seq numbers come from the statement's snapshot, taken
 * before the row lock its UPDATE waits for: an exchange settled meanwhile
 * makes the insert collide on (interview_id, seq), the statement rolls back
 * whole and runs again with a new snapshot.  Only concurrent sends on one
 * interview collide, and each retry sees the other's rows.
 */
#define SETTLE_TRIES	8

static enum status
settle_once(struct arena *a, struct db *db, const char *const *p, long *n)
{
	return db_exec(a, db, SQL("WITH u AS (UPDATE usage SET state = 'settled',"
	    " prompt_tokens = $3::int, completion_tokens = $4::int,"
	    " cost_micros = $5::bigint, settled_at = now(), question = NULL"
	    " WHERE id = $6 AND state = 'reserved' RETURNING id, created_at),"
	    " i AS (UPDATE interviews"
	    " SET tokens_used = tokens_used + $3::int + $4::int,"
	    " next_prompt_min = $3::int + $4::int,"
	    " tokens_reserved = tokens_reserved - $2::int,"
	    " cost_micros = cost_micros + $5::bigint,"
	    /* The two messages below, counted (sql/028). */
	    " chat_messages = chat_messages + 2,"
	    " chat_user_messages = chat_user_messages + 1,"
	    " chat_replies = chat_replies + 1,"
	    " chat_reply_ms = chat_reply_ms + $10::int,"
	    " last_activity_at = now() WHERE id = $1"
	    " AND EXISTS (SELECT FROM u) RETURNING id),"
	    " m AS (SELECT coalesce(max(seq), 0) s FROM messages"
	    " WHERE interview_id = $1)"
	    /* The question is dated when it was sent: its hold's time. */
	    " INSERT INTO messages (interview_id, seq, role, content, tokens_in,"
	    " tokens_out, latency_ms, meta, content_html, created_at)"
	    " SELECT $1, s + 1, 'user', $7, 0, $8::int, 0, '{}'::jsonb, NULL,"
	    " u.created_at FROM m, i, u UNION ALL"
	    " SELECT $1, s + 2, 'assistant', $9, $3::int, $4::int, $10::int,"
	    " jsonb_build_object('model', $11::text), $12, now() FROM m, i"),
	    p, 12, n);
}

enum status
budget_settle(struct arena *a, struct db *db, long long iv,
    const struct reservation *res, const struct exchange *ex)
{
	const char	*p[12];
	const struct html_safe *html;
	enum status	 st;
	long		 n = 0;
	int		 try;

	p[0] = db_i64(a, iv);
	p[1] = db_i64(a, res->total);
	p[2] = db_i64(a, ex->prompt);
	p[3] = db_i64(a, ex->completion);
	p[4] = db_i64(a, ex->cost_micros);
	p[5] = db_i64(a, res->usage_id);
	p[6] = ex->question;
	p[7] = db_i64(a, ex->question_tokens);
	p[8] = ex->reply;
	p[9] = db_i64(a, ex->latency_ms);
	p[10] = ex->model != NULL ? ex->model : "";
	/* The reply is shown on every page view: render its Markdown once. */
	html = markdown_render(a, ex->reply, strlen(ex->reply));
	p[11] = arena_strndup(a, html->p, html->len);
	for (try = 0; try < SETTLE_TRIES; try++)
		if ((st = settle_once(a, db, p, &n)) != ST_CONFLICT)
			break;
	if (st == ST_OK && n == 0) {
		/* Released as abandoned: the call outlived its hold. */
		log_error("interview %lld: reservation %lld was released before"
		    " its reply was settled; the reply is not kept", iv,
		    res->usage_id);
		return ST_UNAVAILABLE;
	}
	return st;
}

enum status
budget_release(struct arena *a, struct db *db, long long iv,
    const struct reservation *res, const char *error)
{
	const char	*p[] = { db_i64(a, iv), db_i64(a, res->usage_id),
	    error != NULL ? error : "" };

	/* Nothing to give back when the hold was released already. */
	return db_exec(a, db, SQL("WITH u AS (UPDATE usage"
	    " SET state = 'released', error = $3, settled_at = now(),"
	    " question = NULL WHERE id = $2 AND state = 'reserved'"
	    " RETURNING reserved)"
	    " UPDATE interviews SET tokens_reserved = tokens_reserved - u.reserved"
	    " FROM u WHERE interviews.id = $1"), p, 3, NULL);
}

enum status
budget_release_abandoned(struct arena *a, struct db *db, int dry,
    long *released)
{
	struct db_res	*r;
	enum status	 st;
	int		 i;

	*released = 0;
	if (dry) {
		st = db_query(a, db, SQL("SELECT count(*) FROM usage u WHERE "
		    ABANDONED_SQL), NULL, 0, &r);
		if (st == ST_OK)
			*released = (long)db_int(r, 0, 0);
		return st;
	}
	if ((st = db_begin(db)) != ST_OK)
		return st;
	/*
	 * The interviews first, as a send locks them, so that the two never
	 * wait on each other.  now() is the transaction's start: both
	 * statements see the same holds as past.
	 */
	st = db_exec(a, db, SQL("SELECT FROM interviews WHERE id IN"
	    " (SELECT interview_id FROM usage u WHERE " ABANDONED_SQL ")"
	    " ORDER BY id FOR UPDATE"), NULL, 0, NULL);
	if (st == ST_OK)
		st = db_query(a, db, SQL("WITH gone AS (UPDATE usage u"
		    " SET state = 'released', error = 'abandoned',"
		    " settled_at = now(), question = NULL WHERE " ABANDONED_SQL
		    " RETURNING interview_id, reserved),"
		    " s AS (SELECT interview_id, sum(reserved)::int n, count(*) c"
		    " FROM gone GROUP BY interview_id)"
		    " UPDATE interviews SET tokens_reserved = tokens_reserved - s.n"
		    " FROM s WHERE interviews.id = s.interview_id RETURNING s.c"),
		    NULL, 0, &r);
	if (st == ST_OK)
		st = db_commit(db);
	if (st != ST_OK) {
		db_rollback(db);
		return st;
	}
	for (i = 0; i < db_rows(r); i++)
		*released += db_int(r, i, 0);
	return ST_OK;
}

enum status
budget_in_flight(struct arena *a, struct db *db, long long iv,
    struct in_flight **out, size_t *n)
{
	const char	*p[] = { db_i64(a, iv) };
	struct db_res	*r;
	enum status	 st;
	int		 i;

	*out = NULL;
	*n = 0;
	/* An abandoned hold's call died with its process: no reply comes. */
	if ((st = db_query(a, db, SQL("SELECT to_char(created_at AT TIME ZONE"
	    " 'UTC', 'HH24:MI:SS'), to_char(created_at AT TIME ZONE 'UTC',"
	    " 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), question FROM usage u"
	    " WHERE interview_id = $1 AND question IS NOT NULL"
	    " AND u.state = 'reserved' AND u.hold_until >= now()"
	    " ORDER BY created_at, id"), p, 1, &r)) != ST_OK)
		return st;
	*out = arena_calloc(a, (size_t)db_rows(r) + 1, sizeof(**out));
	for (i = 0; i < db_rows(r); i++) {
		(*out)[i].sent_at = db_get(r, i, 0);
		(*out)[i].sent_iso = db_get(r, i, 1);
		(*out)[i].question = db_get(r, i, 2);
	}
	*n = (size_t)db_rows(r);
	return ST_OK;
}
