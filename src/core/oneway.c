/* oneway.c: one-way interviews in the database: creation, questions, takes, submission. */
#include <string.h>

#include "core/form_use.h"
#include "core/oneway.h"
#include "lib/crypto.h"
#include "lib/log.h"

/* Inside form_use_create's transaction. */
static enum status
insert(struct arena *a, struct db *db, void *arg, long long *id)
{
	struct iv_creation	*c = arg;
	const struct oneway_new	*in = c->in;
	const char		*p[8], *q[5];
	struct db_res		*r;
	size_t			 i;
	enum status		 st;

	p[0] = db_i64(a, c->org_id);
	p[1] = db_i64(a, c->user_id);
	p[2] = in->candidate_name;
	p[3] = in->candidate_email;
	p[4] = crypto_token_hash(a, c->token, strlen(c->token));
	p[5] = db_i64(a, in->expiry_days);
	/* A day from consent to the last answer; tokens are not spent here. */
	st = db_query(a, db, SQL("INSERT INTO interviews (org_id, created_by,"
	    " kind, candidate_name, candidate_email, invite_hash,"
	    " invite_expires_at, time_limit_s, timed, token_budget,"
	    " challenge_title) VALUES ($1, $2, 'oneway', $3, $4, $5,"
	    " now() + make_interval(days => $6::int), 86400, false, 1000,"
	    " 'One-way interview') RETURNING id"), p, 6, &r);
	if (st != ST_OK)
		return st;
	*id = db_int(r, 0, 0);
	p[0] = db_i64(a, *id);
	p[1] = in->media;
	p[2] = db_i64(a, in->answer_s);
	p[3] = db_i64(a, in->max_attempts);
	p[4] = db_i64(a, in->prep_s);
	st = db_exec(a, db, SQL("INSERT INTO oneway_settings (interview_id,"
	    " media, answer_s, max_attempts, prep_s)"
	    " VALUES ($1, $2, $3, $4, $5)"), p, 5, NULL);
	for (i = 0; st == ST_OK && i < in->nq; i++) {
		q[0] = p[0];
		q[1] = db_i64(a, (long long)i + 1);
		q[2] = in->q[i].question_id > 0 ?
		    db_i64(a, in->q[i].question_id) : NULL;
		q[3] = in->q[i].body;
		q[4] = db_i64(a, in->q[i].prep_s);
		st = db_exec(a, db, SQL("INSERT INTO oneway_questions"
		    " (interview_id, n, question_id, body, prep_s)"
		    " VALUES ($1, $2, $3, $4, $5)"), q, 5, NULL);
	}
	return st;
}

enum status
oneway_create(struct arena *a, struct db *db, long long org, long long user,
    const struct oneway_new *in, char **token, long long *id)
{
	struct iv_creation	 c = { org, user, in, crypto_token(a, 32) };
	int			 repeated;
	enum status		 st;

	st = form_use_create(a, db, in->form_id, insert, &c, id, &repeated);
	*token = st == ST_OK && !repeated ? c.token : NULL;
	return st;
}

enum status
oneway_get(struct arena *a, struct db *db, long long iv, struct oneway *ow)
{
	const char	*p[] = { db_i64(a, iv) };
	struct db_res	*r;
	enum status	 st;

	memset(ow, 0, sizeof(*ow));
	st = db_query(a, db, SQL("SELECT s.media, s.answer_s, s.max_attempts,"
	    " coalesce(s.prep_s, -1)"
	    " FROM oneway_settings s WHERE s.interview_id = $1"), p, 1, &r);
	if (st != ST_OK)
		return st;
	if (db_rows(r) != 1)
		return ST_NOTFOUND;
	ow->media = db_get(r, 0, 0);
	ow->answer_s = (int)db_int(r, 0, 1);
	ow->max_attempts = (int)db_int(r, 0, 2);
	ow->prep_s = (int)db_int(r, 0, 3);
	return ST_OK;
}

/* The take shown for a question: the submitted one, else the latest. */
static void
take_of(const struct db_res *r, int i, struct oneway_question *q)
{
	if (db_null(r, i, 5))
		return;
	q->attempt = (int)db_int(r, i, 5);
	q->path = db_get(r, i, 6);
	q->format = db_get(r, i, 7);
	q->ctype = db_get(r, i, 8);
	q->bytes = db_int(r, i, 9);
	q->duration_ms = db_int(r, i, 10);
	q->encrypted = db_bool(r, i, 11);
	q->transcript = db_get(r, i, 12);
	q->transcript_state = db_get(r, i, 13);
}

enum status
oneway_questions(struct arena *a, struct db *db, long long org, long long iv,
    struct oneway_question **out, size_t *n)
{
	const char	*p[] = { db_i64(a, org), db_i64(a, iv) };
	struct oneway_question *q;
	struct db_res	*r;
	size_t		 i;
	enum status	 st;

	*out = NULL;
	*n = 0;
	/* The org in the join: another org's interview has no questions. */
	st = db_query(a, db, SQL("SELECT q.n, q.body, q.prep_s,"
	    " (SELECT count(*) FROM recordings c WHERE c.interview_id ="
	    " q.interview_id AND c.question_n = q.n),"
	    " coalesce(q.submitted, 0), t.attempt, t.path, t.format, t.ctype,"
	    " t.bytes, t.duration_ms, t.encrypted, coalesce(t.transcript, ''),"
	    " t.transcript_state"
	    " FROM oneway_questions q JOIN interviews i ON i.id = q.interview_id"
	    " LEFT JOIN LATERAL (SELECT * FROM recordings c"
	    " WHERE c.interview_id = q.interview_id AND c.question_n = q.n"
	    " AND (q.submitted IS NULL OR c.attempt = q.submitted)"
	    " ORDER BY c.attempt DESC LIMIT 1) t ON true"
	    " WHERE i.org_id = $1 AND q.interview_id = $2 ORDER BY q.n"),
	    p, 2, &r);
	if (st != ST_OK)
		return st;
	*n = (size_t)db_rows(r);
	*out = q = arena_calloc(a, *n + 1, sizeof(*q));
	for (i = 0; i < *n; i++) {
		q[i].n = (int)db_int(r, (int)i, 0);
		q[i].body = db_get(r, (int)i, 1);
		q[i].prep_s = (int)db_int(r, (int)i, 2);
		q[i].takes = (int)db_int(r, (int)i, 3);
		q[i].submitted = (int)db_int(r, (int)i, 4);
		q[i].transcript = "";
		q[i].transcript_state = "";
		take_of(r, (int)i, &q[i]);
	}
	return ST_OK;
}

enum status
oneway_takes(struct arena *a, struct db *db, long long org, long long iv,
    int n, struct oneway_take **out, size_t *count)
{
	const char		*p[] = { db_i64(a, org), db_i64(a, iv),
				    db_i64(a, n) };
	struct oneway_take	*t;
	struct db_res		*r;
	size_t			 i;
	enum status		 st;

	*out = NULL;
	*count = 0;
	/* The org in the query: another org's interview has no takes. */
	st = db_query(a, db, SQL("SELECT attempt, path, format, ctype, bytes,"
	    " duration_ms, encrypted FROM recordings WHERE org_id = $1"
	    " AND interview_id = $2 AND question_n = $3 ORDER BY attempt"),
	    p, 3, &r);
	if (st != ST_OK)
		return st;
	*count = (size_t)db_rows(r);
	*out = t = arena_calloc(a, *count + 1, sizeof(*t));
	for (i = 0; i < *count; i++) {
		t[i].attempt = (int)db_int(r, (int)i, 0);
		t[i].path = db_get(r, (int)i, 1);
		t[i].format = db_get(r, (int)i, 2);
		t[i].ctype = db_get(r, (int)i, 3);
		t[i].bytes = db_int(r, (int)i, 4);
		t[i].duration_ms = db_int(r, (int)i, 5);
		t[i].encrypted = db_bool(r, (int)i, 6);
	}
	return ST_OK;
}

int
oneway_current(const struct oneway_question *q, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (q[i].submitted == 0)
			return q[i].n;
	return (int)n + 1;
}

/* The interview's state, the open question (NULL: none), n's takes. */
#define OPEN_SQL	"SELECT i.status, s.max_attempts,"			\
	" (SELECT min(n) FROM oneway_questions WHERE interview_id = i.id"	\
	" AND submitted IS NULL), (SELECT count(*) FROM recordings"		\
	" WHERE interview_id = i.id AND question_n = $2),"			\
	" (SELECT count(*) FROM oneway_questions WHERE interview_id = i.id)"	\
	" FROM interviews i JOIN oneway_settings s ON s.interview_id = i.id"	\
	" WHERE i.id = $1"

/* Why n, not the open question (row r of OPEN_SQL), takes no recording. */
static const char *
not_open(struct arena *a, const struct db_res *r, int n)
{
	if (n > db_int(r, 0, 4))
		return arena_printf(a, "This interview has no question %d.", n);
	if (!db_null(r, 0, 2) && n > db_int(r, 0, 2))
		return arena_printf(a, "Question %d is not open yet: answer"
		    " question %lld first.", n, db_int(r, 0, 2));
	return "That question was answered already; the page shows the"
	    " current one.";
}

/* Why an interview in this status takes no recording, as its page has it. */
static const char *
not_running(const char *status)
{
	if (strcmp(status, "created") == 0)
		return "Start the interview first: nothing was recorded.";
	if (strcmp(status, "paused") == 0)
		return "The interviewer has paused the interview, so nothing was"
		    " recorded. Send it again once the interview resumes.";
	if (strcmp(status, "completed") == 0)
		return "Your answers were already submitted, so this recording"
		    " was not added.";
	return "The interview is not running, so nothing was recorded.";
}

/*
 * Under the interview's row lock: is n the open question, and how many
 * takes has it?  ST_CONFLICT with *why otherwise.
 */
static enum status
check_open(struct arena *a, struct db *db, const struct interview *iv, int n,
    int lock, int *takes, const char **why)
{
	const char	*p[] = { db_i64(a, iv->id), db_i64(a, n) };
	struct db_res	*r;
	enum status	 st;

	st = db_query(a, db, lock ? SQL(OPEN_SQL " FOR UPDATE OF i") :
	    SQL(OPEN_SQL), p, 2, &r);
	if (st != ST_OK)
		return st;
	if (db_rows(r) != 1)
		return ST_NOTFOUND;
	*takes = (int)db_int(r, 0, 3);
	if (strcmp(db_get(r, 0, 0), "active") != 0)
		*why = not_running(db_get(r, 0, 0));
	else if (db_null(r, 0, 2) || db_int(r, 0, 2) != n)
		*why = not_open(a, r, n);
	else if (*takes >= db_int(r, 0, 1))
		*why = "No attempts are left for this question: submit the"
		    " recording you made.";
	else
		return ST_OK;
	return ST_CONFLICT;
}

enum status
oneway_can_record(struct arena *a, struct db *db, const struct interview *iv,
    int n, const char **why)
{
	int	 takes;

	return check_open(a, db, iv, n, 0, &takes, why);
}

/*
 * Marks the candidate active now: the interviewer's list shows and sorts by
 * it (2026-12-06: a one-way interview's stood at its start until the last
 * answer, whatever was recorded meanwhile).
 */
static enum status
touch(struct arena *a, struct db *db, long long iv)
{
	const char	*p[] = { db_i64(a, iv) };

	return db_exec(a, db, SQL("UPDATE interviews SET last_activity_at ="
	    " now() WHERE id = $1"), p, 1, NULL);
}

enum status
oneway_take_add(struct arena *a, struct db *db, const struct interview *iv,
    int n, const struct recording *rec, const char *form_id, int *attempt,
    int *repeated, const char **why)
{
	const char	*p[11];
	int		 takes;
	enum status	 st;

	if ((st = db_begin(db)) != ST_OK)
		return st;
	/*
	 * Claimed first: a second submit of the form waits here for the
	 * first, then adds nothing (not even a refusal for the attempt the
	 * first one used).
	 */
	if ((st = form_use_claim(a, db, form_id, repeated, NULL)) != ST_OK)
		goto out;
	if (*repeated) {
		db_rollback(db);
		return ST_OK;
	}
	if ((st = check_open(a, db, iv, n, 1, &takes, why)) != ST_OK)
		goto out;
	*attempt = takes + 1;
	p[0] = db_i64(a, iv->org_id);
	p[1] = db_i64(a, iv->id);
	p[2] = db_i64(a, n);
	p[3] = db_i64(a, *attempt);
	p[4] = rec->path;
	p[5] = rec->format;
	p[6] = db_i64(a, rec->bytes);
	p[7] = db_i64(a, rec->duration_ms);
	p[8] = rec->sha256;
	p[9] = rec->encrypted ? "t" : "f";
	p[10] = rec->ctype;
	st = db_exec(a, db, SQL("INSERT INTO recordings (org_id, interview_id,"
	    " question_n, attempt, path, format, bytes, duration_ms, checksum,"
	    " encrypted, ctype) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9,"
	    " $10, $11)"), p, 11, NULL);
	if (st == ST_OK)
		st = touch(a, db, iv->id);
	if (st == ST_OK)
		st = db_commit(db);
out:
	if (st != ST_OK)
		db_rollback(db);
	return st;
}

enum status
oneway_submit(struct arena *a, struct db *db, const struct interview *iv,
    int n, int attempt, const char *why, int *done)
{
	const char	*p[] = { db_i64(a, iv->id), db_i64(a, n),
			    db_i64(a, attempt), why };
	struct db_res	*r;
	long		 k;
	enum status	 st;

	*done = 0;
	if ((st = db_begin(db)) != ST_OK)
		return st;
	/* Only the open question, and only a take that exists. */
	st = db_exec(a, db, SQL("UPDATE oneway_questions q SET submitted = $3,"
	    " submitted_at = now() FROM interviews i WHERE i.id = $1"
	    " AND q.interview_id = i.id AND q.n = $2 AND i.status = 'active'"
	    " AND q.submitted IS NULL AND q.n = (SELECT min(n) FROM"
	    " oneway_questions WHERE interview_id = $1 AND submitted IS NULL)"
	    " AND EXISTS (SELECT 1 FROM recordings c WHERE c.interview_id = $1"
	    " AND c.question_n = $2 AND c.attempt = $3)"), p, 3, &k);
	if (st == ST_OK && k != 1)
		st = ST_CONFLICT;
	if (st == ST_OK)
		st = touch(a, db, iv->id);
	if (st == ST_OK)
		st = db_exec(a, db, SQL("UPDATE recordings SET transcript = $4,"
		    " transcript_state = CASE WHEN $4::text IS NULL THEN 'pending'"
		    " ELSE 'failed' END WHERE interview_id = $1"
		    " AND question_n = $2 AND attempt = $3"), p, 4, NULL);
	if (st == ST_OK)
		st = db_query(a, db, SQL("UPDATE interviews SET"
		    " status = 'completed', ended_at = now(),"
		    " end_reason = 'answered', last_activity_at = now()"
		    " WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM"
		    " oneway_questions WHERE interview_id = $1"
		    " AND submitted IS NULL) RETURNING id"), p, 1, &r);
	if (st == ST_OK) {
		*done = db_rows(r) == 1;
		st = db_commit(db);
	}
	if (st != ST_OK)
		db_rollback(db);
	return st;
}
