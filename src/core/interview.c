/* interview.c: assisted interviews, invites, candidate sessions, controls. */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "lib/crypto.h"
#include "form_use.h"
#include "interview.h"

/*
 * An interview row.  The long texts (challenge markdown and HTML, the
 * interviewer's instructions, the final answer) are parameters: a list shows
 * none of them, and 50 rows of them were 100 KB for the dashboard to fetch.
 */
#define IV_COLS_WITH(md, instructions, final, html, recs, rating, draft) \
	"id, org_id, kind, status, candidate_name, candidate_email," \
	" challenge_title, " md ", " instructions ", model, end_reason," \
	" " final ", time_limit_s, extended_s," \
	" " INTERVIEW_TIME_LEFT_SQL "," \
	" token_budget, tokens_used, tokens_reserved, chat_locked," \
	" (started_at IS NULL AND invite_expires_at < now())," \
	" cardinality(hints)," \
	" to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI')," \
	" coalesce(to_char(started_at AT TIME ZONE 'UTC'," \
	" 'YYYY-MM-DD HH24:MI'), '')," \
	" to_char(last_activity_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS')," \
	" cost_micros, " html "," \
	" coalesce(to_char(transcript_purged_at AT TIME ZONE 'UTC', 'YYYY-MM-DD'), '')," \
	" CASE WHEN kind = 'oneway' THEN (SELECT count(submitted) || '/' ||" \
	" count(*) || ' answered' FROM oneway_questions q" \
	" WHERE q.interview_id = interviews.id) ELSE '' END," \
	" " recs "," \
	" next_prompt_min, " INTERVIEW_UNTIMED_SQL ", chat_replies," \
	" kind = 'adaptive' AND practice," \
	" " draft "," \
	" " rating
/*
 * What a list compares candidates by: every reviewer's recommendation
 * (any kind, sql/042) and a one-way interview's average rating, each read
 * through its table's index on interview_id; one interview's page reads
 * neither (recommend_list, oneway_reviews do), so they cost a list of 50
 * rows 50 small subqueries each and no other read anything.
 */
#define IV_RECS_SQL "coalesce((SELECT" \
	" string_agg(recommendation, ',' ORDER BY recommended_at) FROM" \
	" oneway_recommendations c WHERE c.interview_id = interviews.id), '')"
#define IV_RATING_SQL "CASE WHEN kind = 'oneway' THEN (SELECT" \
	" round(avg(rating), 2) FROM oneway_ratings c" \
	" WHERE c.interview_id = interviews.id) END"
/*
 * Whether the candidate left an unsent draft (sql/040): one probe of its
 * primary key in the read, which lets a send without one write nothing
 * (keep_drafts) and a page without one read nothing (set_drafts,
 * draft_view).  A list shows no draft: false, not 50 probes a page.
 */
#define IV_DRAFT_SQL "EXISTS (SELECT 1 FROM interview_drafts d" \
	" WHERE d.interview_id = interviews.id)"
#define IV_COLS	IV_COLS_WITH("challenge_md", "instructions", "final_answer", \
	"challenge_html", "''", "NULL::numeric", IV_DRAFT_SQL)
/* For lists: the long texts empty (challenge_html NULL: not rendered yet). */
#define IV_LIST_COLS	IV_COLS_WITH("''", "''", "''", "NULL", \
	IV_RECS_SQL, IV_RATING_SQL, "false")

/* The conversation's version (conversation.c), as column IV_NCOLS. */
#define IV_MESSAGES_VERSION ", (SELECT count(*) || '.' || coalesce(max(seq), 0)" \
	" FROM messages m WHERE m.interview_id = interviews.id)"

/* IV_COLS are columns 0..IV_NCOLS-1 of a row. */
#define IV_NCOLS	35

static void
iv_from_row(const struct db_res *r, int i, struct interview *iv)
{
	iv->id = db_int(r, i, 0);
	iv->org_id = db_int(r, i, 1);
	iv->org_name = NULL;	/* candidate_interview's alone */
	iv->kind = db_get(r, i, 2);
	iv->status = db_get(r, i, 3);
	iv->candidate_name = db_get(r, i, 4);
	iv->candidate_email = db_get(r, i, 5);
	iv->challenge_title = db_get(r, i, 6);
	iv->challenge_md = db_get(r, i, 7);
	iv->instructions = db_get(r, i, 8);
	iv->model = db_get(r, i, 9);
	iv->end_reason = db_get(r, i, 10);
	iv->final_answer = db_get(r, i, 11);
	iv->time_limit_s = (int)db_int(r, i, 12);
	iv->extended_s = (int)db_int(r, i, 13);
	iv->time_left_s = db_int(r, i, 14);
	iv->token_budget = (int)db_int(r, i, 15);
	iv->tokens_used = (int)db_int(r, i, 16);
	iv->tokens_reserved = (int)db_int(r, i, 17);
	iv->chat_locked = db_bool(r, i, 18);
	iv->invite_expired = db_bool(r, i, 19);
	iv->nhints = (int)db_int(r, i, 20);
	iv->created_at = db_get(r, i, 21);
	iv->started_at = db_get(r, i, 22);
	iv->last_activity_at = db_get(r, i, 23);
	iv->cost_micros = db_int(r, i, 24);
	iv->challenge_html = db_null(r, i, 25) ? NULL : db_get(r, i, 25);
	iv->transcript_deleted_on = db_get(r, i, 26);
	iv->oneway_progress = db_get(r, i, 27);
	iv->recommendation = db_get(r, i, 28);
	iv->next_prompt_min = (int)db_int(r, i, 29);
	iv->untimed = db_bool(r, i, 30);
	iv->chat_replies = (int)db_int(r, i, 31);
	iv->practice = db_bool(r, i, 32);
	iv->has_draft = db_bool(r, i, 33);
	iv->rating_avg = db_null(r, i, 34) ? -1 : strtod(db_get(r, i, 34),
	    NULL);
	iv->adaptive_band = "";
	iv->adaptive_score = -1;
	iv->messages_version = NULL;
}

enum status
interview_keep_message_html(struct arena *a, struct db *db, long long id,
    const char *html)
{
	const char	*p[] = { db_i64(a, id), html };

	return db_exec(a, db, SQL("UPDATE messages SET content_html = $2"
	    " WHERE id = $1 AND content_html IS NULL"), p, 2, NULL);
}

enum status
interview_keep_challenge_html(struct arena *a, struct db *db, long long id,
    const char *html)
{
	const char	*p[] = { db_i64(a, id), html };

	return db_exec(a, db, SQL("UPDATE interviews SET challenge_html = $2"
	    " WHERE id = $1 AND challenge_html IS NULL"), p, 2, NULL);
}

enum status
interview_challenge_choices(struct arena *a, struct db *db, long long org_id,
    struct iv_choice **out, size_t *n)
{
	const char	*p[] = { db_i64(a, org_id) };
	struct db_res	*r;
	enum status	 st;
	int		 i;

	st = db_query(a, db, SQL("SELECT id, title, time_limit_min,"
	    " token_budget FROM challenges"
	    " WHERE (org_id = $1 OR org_id IS NULL)"
	    " AND archived_at IS NULL"
	    " ORDER BY org_id IS NULL, lower(title), id"),
	    p, 1, &r);
	if (st != ST_OK)
		return st;
	*n = (size_t)db_rows(r);
	*out = arena_calloc(a, *n + 1, sizeof(**out));
	for (i = 0; i < db_rows(r); i++) {
		(*out)[i].id = db_int(r, i, 0);
		(*out)[i].title = db_get(r, i, 1);
		(*out)[i].time_limit_min = (int)db_int(r, i, 2);
		(*out)[i].token_budget = (int)db_int(r, i, 3);
	}
	return ST_OK;
}

static enum status
insert_assisted(struct arena *a, struct db *db, void *arg, long long *id)
{
	struct iv_creation		*c = arg;
	const struct interview_new	*in = c->in;
	const char			*p[12];
	struct db_res			*r;
	enum status			 st;

	p[0] = db_i64(a, c->org_id);
	p[1] = db_i64(a, c->user_id);
	p[2] = in->candidate_name;
	p[3] = in->candidate_email;
	p[4] = crypto_token_hash(a, c->token, strlen(c->token));
	p[5] = db_i64(a, in->expiry_days);
	p[6] = db_i64(a, (long long)in->time_limit_min * 60);
	p[7] = db_i64(a, in->token_budget);
	/* NULL: the library challenge's suggestion, else viva's default. */
	if (in->time_limit_min <= 0)
		p[6] = in->challenge_id > 0 ? NULL :
		    db_i64(a, INTERVIEW_DEFAULT_MINUTES * 60);
	if (in->token_budget <= 0)
		p[7] = in->challenge_id > 0 ? NULL :
		    db_i64(a, INTERVIEW_DEFAULT_BUDGET);
	p[8] = in->model;
	p[9] = in->instructions;
	if (in->challenge_id > 0) {
		p[10] = db_i64(a, in->challenge_id);
		st = db_query(a, db, SQL("INSERT INTO interviews (org_id,"
		    " created_by, kind, candidate_name, candidate_email,"
		    " invite_hash, invite_expires_at, time_limit_s,"
		    " token_budget, model, instructions, challenge_id,"
		    " challenge_title, challenge_md, hints)"
		    " SELECT $1, $2, 'assisted', $3, $4, $5,"
		    " now() + make_interval(days => $6::int),"
		    " coalesce($7::int, c.time_limit_min * 60),"
		    " coalesce($8::int, c.token_budget), $9, $10,"
		    " c.id, c.title, c.body_md, c.hints FROM challenges c"
		    " WHERE c.id = $11 AND (c.org_id = $1 OR c.org_id IS NULL)"
		    " AND c.archived_at IS NULL RETURNING id"), p, 11, &r);
	} else {
		p[10] = in->title;
		p[11] = in->body_md;
		st = db_query(a, db, SQL("INSERT INTO interviews (org_id,"
		    " created_by, kind, candidate_name, candidate_email,"
		    " invite_hash, invite_expires_at, time_limit_s,"
		    " token_budget, model, instructions, challenge_title,"
		    " challenge_md)"
		    " VALUES ($1, $2, 'assisted', $3, $4, $5,"
		    " now() + make_interval(days => $6::int), $7, $8, $9, $10,"
		    " $11, $12) RETURNING id"), p, 12, &r);
	}
	if (st != ST_OK)
		return st;
	if (db_rows(r) != 1)
		return ST_NOTFOUND;
	*id = db_int(r, 0, 0);
	return ST_OK;
}

enum status
interview_create(struct arena *a, struct db *db, long long org_id,
    long long user_id, const struct interview_new *in, char **token,
    long long *id)
{
	struct iv_creation	 c = { org_id, user_id, in, crypto_token(a, 32) };
	int			 repeated;
	enum status		 st;

	st = form_use_create(a, db, in->form_id, insert_assisted, &c, id,
	    &repeated);
	*token = st == ST_OK && !repeated ? c.token : NULL;
	return st;
}

static const char *const sort_names[IV_SORT__MAX] = {
	[IV_SORT_CREATED] = "created",		/* newest first */
	[IV_SORT_ACTIVITY] = "activity",	/* last active first */
	[IV_SORT_NAME] = "name",		/* by the candidate's name */
};

const char *
interview_sort_name(enum iv_sort sort)
{
	return (unsigned)sort < IV_SORT__MAX ? sort_names[sort] :
	    sort_names[IV_SORT_CREATED];
}

int
interview_sort_parse(const char *name, enum iv_sort *sort)
{
	size_t	i;

	for (i = 0; i < IV_SORT__MAX; i++)
		if (strcmp(name, sort_names[i]) == 0) {
			*sort = (enum iv_sort)i;
			return 0;
		}
	return -1;
}

/* Each order's ORDER BY; ties: the newer first. */
#define NEWEST		"created_at DESC, id DESC"
#define BY_ACTIVITY	"last_activity_at DESC, " NEWEST
/* name_fold is search_fold that an index may use (sql/027). */
#define BY_NAME		"name_fold(candidate_name), " NEWEST

enum status
interview_get(struct arena *a, struct db *db, long long org_id, long long id,
    struct interview *iv)
{
	const char	*p[] = { db_i64(a, org_id), db_i64(a, id) };
	struct db_res	*r;
	enum status	 st;

	st = db_query(a, db, SQL("SELECT " IV_COLS IV_MESSAGES_VERSION
	    " FROM interviews WHERE org_id = $1 AND id = $2"), p, 2, &r);
	if (st != ST_OK)
		return st;
	if (db_rows(r) != 1)
		return ST_NOTFOUND;
	iv_from_row(r, 0, iv);
	iv->messages_version = db_get(r, 0, IV_NCOLS);
	return ST_OK;
}

/*
 * An assisted interview outlives its token budget: the chat stops, but the
 * candidate still has the time left to submit a final answer (and the
 * interviewer may give more tokens).  The others, whose tokens pay for the
 * model's evaluations, end when the budget is spent.
 */
#define SPENT_SQL "(" INTERVIEW_TIME_LEFT_SQL " <= 0 OR (kind <> 'assisted'" \
	" AND token_budget - tokens_used < " INTERVIEW_MIN_REPLY_STR "))"
#define END_REASON_SQL "CASE WHEN " INTERVIEW_TIME_LEFT_SQL " <= 0" \
	" THEN 'time' ELSE 'tokens' END"
/*
 * When an active interview ended: out of time, at its deadline, not when a
 * page or the API noticed (maybe hours later), which made the analytics'
 * time used pass the limit and count the wait as idle.
 */
#define ENDED_AT_SQL "CASE WHEN " INTERVIEW_TIME_LEFT_SQL " <= 0" \
	" THEN least(now(), started_at + make_interval(secs =>" \
	" time_limit_s + extended_s + paused_total_s)) ELSE now() END"

int
interview_is_assisted(const struct interview *iv)
{
	return strcmp(iv->kind, "assisted") == 0;
}

int
interview_has_budget(const struct interview *iv)
{
	if (strcmp(iv->kind, "oneway") == 0)
		return 0;
	/* Judged by the builtin scorer, an adaptive one spends no token. */
	return strcmp(iv->kind, "adaptive") != 0 || interview_uses_ai(iv);
}

long long
interview_next_needs(const struct interview *iv)
{
	return (long long)iv->next_prompt_min + INTERVIEW_MIN_REPLY;
}

int
interview_tokens_spent(const struct interview *iv)
{
	return (long long)iv->token_budget - iv->tokens_used <
	    interview_next_needs(iv);
}

long long
interview_tokens_left(const struct interview *iv)
{
	long long	left = (long long)iv->token_budget - iv->tokens_used -
			    iv->tokens_reserved;

	return left > 0 ? left : 0;
}

/*
 * An invite that ran out before the candidate started: the interview is
 * expired, for the interviewer's list and filter too, not only once the
 * candidate tries the dead link (interview_open_invite).  Those an
 * UPDATE's WHERE picks (EXPIRED_AS), with the timeline's "invite_expired"
 * in the same statement (EXPIRED_EVENTS), dated when the invite ran out,
 * not when a page noticed.  Exactly one event however many readers notice
 * at once: the WHERE's status = 'created' is checked again under the row
 * lock the UPDATE takes, so the others' UPDATE finds it expired, changes
 * nothing and records nothing.
 */
#define EXPIRED_AS(where) \
	"expired AS (UPDATE interviews SET status = 'expired'," \
	" end_reason = 'expired', ended_at = coalesce(ended_at, now())" \
	" WHERE " where " AND status = 'created' AND started_at IS NULL" \
	" AND invite_expires_at < now()" \
	" RETURNING id, org_id, invite_expires_at)"
#define EXPIRED_EVENTS \
	" SELECT org_id, 'system', 'invite_expired', '{}'::jsonb, id," \
	" invite_expires_at FROM expired"

/*
 * Ends the active interviews an UPDATE's WHERE picks (ENDED_AS) as their
 * limits ran out, with the timeline's "ended" in the same statement
 * (ENDED_EVENTS), dated when each ended (its deadline, ENDED_AT_SQL), not
 * when a page noticed.
 */
#define ENDED_AS(where) \
	"ended AS (UPDATE interviews SET status = 'completed'," \
	" ended_at = " ENDED_AT_SQL ", end_reason = " END_REASON_SQL \
	" WHERE " where " AND status = 'active' AND " SPENT_SQL \
	" RETURNING id, org_id, ended_at)"
#define ENDED_EVENTS \
	" SELECT org_id, 'system', 'interview_ended'," \
	" '{\"by\":\"limits\"}'::jsonb, id, ended_at FROM ended"
/* The timeline's rows for EXPIRED_EVENTS and ENDED_EVENTS. */
#define SYSTEM_EVENTS_INSERT \
	" INSERT INTO events (org_id, actor, type, detail, interview_id," \
	" created_at)"

/*
 * Ends the org's active interviews that ran out of time (or tokens) and
 * expires its unused invites that ran out: one statement, so a list costs
 * one round trip more, not two (the rows of the two do not overlap).
 */
enum status
interview_end_spent(struct arena *a, struct db *db, long long org_id)
{
	const char	*p[] = { db_i64(a, org_id) };

	return db_exec(a, db, SQL("WITH " EXPIRED_AS("org_id = $1") ", "
	    ENDED_AS("org_id = $1") SYSTEM_EVENTS_INSERT EXPIRED_EVENTS
	    " UNION ALL" ENDED_EVENTS), p, 1, NULL);
}

/*
 * One statement per order (enum iv_sort), newest first and by name each
 * able to walk its own index (by activity not: sql/030), and per search:
 * $3 is '' for none, else a LIKE pattern, "%text%" with the text's % _ and
 * \ escaped (search_pattern).  A search compares the name and the email
 * kept folded as the pattern is (sql/032), through a trigram index where
 * the pattern has three letters (sql/031): any case, any accents, 0.1 ms
 * for a rare name among 10,000 interviews where folding and comparing
 * every row took 47 ms.  Planned for its values each time
 * (db_query_planned): which plan is best hangs on what is typed.
 */
#define IV_LIST_FROM(search) " FROM interviews" \
	" WHERE org_id = $1 AND ($2 = '' OR status = $2) AND " search \
	/* Practice is no kind of its own: adaptive, in practice mode. */ \
	" AND ($6 = '' OR kind = $6 OR ($6 = 'practice'" \
	" AND kind = 'adaptive' AND practice))"
#define NO_SEARCH	"$3 = ''"
#define SEARCH		"folded_names LIKE name_fold($3)"
/*
 * The page's rows are picked first, then their columns made: OFFSET makes
 * the columns of every row it skips, and those of page 400 (a subquery
 * each, the time left) took 80 of its 100 ms.
 */
#define IV_LIST_SQL(order, search) SQL("SELECT " IV_LIST_COLS \
	" FROM (SELECT *" IV_LIST_FROM(search) " ORDER BY " order \
	" LIMIT $4 OFFSET $5) interviews ORDER BY " order)
/* The same list's ids, all of them ($4 NULL is no limit). */
#define IV_IDS_SQL(order, search) SQL("SELECT id" IV_LIST_FROM(search) \
	" ORDER BY " order " LIMIT $4 OFFSET $5")

/* [order][searching] */
static const char *const list_sql[][2] = {
	[IV_SORT_CREATED] = { IV_LIST_SQL(NEWEST, NO_SEARCH),
	    IV_LIST_SQL(NEWEST, SEARCH) },
	[IV_SORT_ACTIVITY] = { IV_LIST_SQL(BY_ACTIVITY, NO_SEARCH),
	    IV_LIST_SQL(BY_ACTIVITY, SEARCH) },
	[IV_SORT_NAME] = { IV_LIST_SQL(BY_NAME, NO_SEARCH),
	    IV_LIST_SQL(BY_NAME, SEARCH) },
};

static const char *const ids_sql[][2] = {
	[IV_SORT_CREATED] = { IV_IDS_SQL(NEWEST, NO_SEARCH),
	    IV_IDS_SQL(NEWEST, SEARCH) },
	[IV_SORT_ACTIVITY] = { IV_IDS_SQL(BY_ACTIVITY, NO_SEARCH),
	    IV_IDS_SQL(BY_ACTIVITY, SEARCH) },
	[IV_SORT_NAME] = { IV_IDS_SQL(BY_NAME, NO_SEARCH),
	    IV_IDS_SQL(BY_NAME, SEARCH) },
};

/* "%q%" for LIKE, q's own % _ and \ taken literally; "" for no search. */
static const char *
search_pattern(struct arena *a, const char *q)
{
	struct buf	b;

	if (q == NULL || *q == '\0')
		return "";
	buf_init(&b, a);
	buf_putc(&b, '%');
	for (; *q != '\0'; q++) {
		if (*q == '%' || *q == '_' || *q == '\\')
			buf_putc(&b, '\\');
		buf_putc(&b, *q);
	}
	buf_putc(&b, '%');
	return b.p;
}

/* The list's statement for list_params' p, run as it must be (IV_LIST_FROM). */
static enum status
list_query(struct arena *a, struct db *db, const char *const sql[2],
    const char *const p[6], struct db_res **r)
{
	if (*p[2] != '\0')	/* a search pattern */
		return db_query_planned(a, db, sql[1], p, 6, r);
	return db_query(a, db, sql[0], p, 6, r);
}

/* The list's parameters for page f->page, or every row when all is set. */
static void
list_params(struct arena *a, long long org_id, const struct iv_filter *f,
    int all, const char *p[6])
{
	p[0] = db_i64(a, org_id);
	p[1] = f->status != NULL ? f->status : "";
	p[2] = search_pattern(a, f->q);
	p[3] = all ? NULL : db_i64(a, INTERVIEW_PAGE_SIZE + 1);
	p[4] = all ? "0" : db_i64(a, (long long)(f->page - 1) *
	    INTERVIEW_PAGE_SIZE);
	p[5] = f->kind != NULL ? f->kind : "";
}

enum status
interview_ids(struct arena *a, struct db *db, long long org_id,
    const struct iv_filter *f, long long **ids, size_t *n)
{
	const char	*p[6];
	struct db_res	*r;
	enum status	 st;
	int		 i;

	if ((st = interview_end_spent(a, db, org_id)) != ST_OK)
		return st;
	list_params(a, org_id, f, 1, p);
	st = list_query(a, db, ids_sql[f->sort], p, &r);
	if (st != ST_OK)
		return st;
	*n = (size_t)db_rows(r);
	*ids = arena_calloc(a, *n + 1, sizeof(**ids));
	for (i = 0; i < db_rows(r); i++)
		(*ids)[i] = db_int(r, i, 0);
	return ST_OK;
}

enum status
interview_rows(struct arena *a, struct db *db, long long org_id,
    const long long *ids, size_t nids, struct interview **out, size_t *n)
{
	const char	*p[2];
	struct db_res	*r;
	enum status	 st;
	size_t		 i;

	p[0] = db_i64(a, org_id);
	p[1] = db_i64_array(a, ids, nids);
	st = db_query(a, db, SQL("SELECT " IV_LIST_COLS " FROM unnest($2::bigint[])"
	    " WITH ORDINALITY AS u (id, o) JOIN interviews USING (id)"
	    " WHERE org_id = $1 ORDER BY o"), p, 2, &r);
	if (st != ST_OK)
		return st;
	*n = (size_t)db_rows(r);
	*out = arena_calloc(a, *n + 1, sizeof(**out));
	for (i = 0; i < *n; i++)
		iv_from_row(r, (int)i, &(*out)[i]);
	return interview_results(a, db, org_id, *out, *n);
}

enum status
interview_list(struct arena *a, struct db *db, long long org_id,
    const struct iv_filter *f, struct interview **out, size_t *n, int *more)
{
	const char	*p[6];
	struct db_res	*r;
	enum status	 st;
	int		 i, rows;

	if ((st = interview_end_spent(a, db, org_id)) != ST_OK)
		return st;
	list_params(a, org_id, f, 0, p);
	st = list_query(a, db, list_sql[f->sort], p, &r);
	if (st != ST_OK)
		return st;
	rows = db_rows(r);
	*more = rows > INTERVIEW_PAGE_SIZE;
	if (*more)
		rows = INTERVIEW_PAGE_SIZE;
	*n = (size_t)rows;
	*out = arena_calloc(a, *n + 1, sizeof(**out));
	for (i = 0; i < rows; i++)
		iv_from_row(r, i, &(*out)[i]);
	return interview_results(a, db, org_id, *out, *n);
}

/* A message's columns, as message_from_row reads them. */
#define MSG_COLS "id, seq, role, content, tokens_in, tokens_out, latency_ms," \
	" to_char(created_at AT TIME ZONE 'UTC', 'HH24:MI:SS'), content_html," \
	" to_char(created_at AT TIME ZONE 'UTC'," \
	" 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"

static void
message_from_row(const struct db_res *r, int i, struct iv_message *m)
{
	m->id = db_int(r, i, 0);
	m->seq = (int)db_int(r, i, 1);
	m->role = db_get(r, i, 2);
	m->content = db_get(r, i, 3);
	m->tokens_in = (int)db_int(r, i, 4);
	m->tokens_out = (int)db_int(r, i, 5);
	m->latency_ms = (int)db_int(r, i, 6);
	m->created_at = db_get(r, i, 7);
	m->content_html = db_null(r, i, 8) ? NULL : db_get(r, i, 8);
	m->created_iso = db_get(r, i, 9);
}

/* rows of r as messages, oldest first (newest_first: r's order reversed). */
static void
messages_from_rows(struct arena *a, const struct db_res *r, int rows,
    int newest_first, struct iv_message **out, size_t *n)
{
	int	i;

	*n = (size_t)rows;
	*out = arena_calloc(a, *n + 1, sizeof(**out));
	for (i = 0; i < rows; i++)
		message_from_row(r, i, &(*out)[newest_first ? rows - 1 - i : i]);
}

enum status
interview_messages(struct arena *a, struct db *db, long long id,
    struct iv_message **out, size_t *n)
{
	const char	*p[] = { db_i64(a, id) };
	struct db_res	*r;
	enum status	 st;

	st = db_query(a, db, SQL("SELECT " MSG_COLS " FROM messages"
	    " WHERE interview_id = $1 ORDER BY seq"), p, 1, &r);
	if (st != ST_OK)
		return st;
	messages_from_rows(a, r, db_rows(r), 0, out, n);
	return ST_OK;
}

/*
 * One row past the limit says whether more follow; both ends come from the
 * (interview_id, seq) index, so a late page of a long conversation reads
 * only its own rows.  after is cast: past int's range it is past the end,
 * not an error.
 */
enum status
interview_messages_page(struct arena *a, struct db *db, long long org_id,
    long long id, long long after, int limit, struct iv_message **out,
    size_t *n, int *more)
{
	const char	*p[] = { db_i64(a, id), db_i64(a, org_id),
			    db_i64(a, after), db_i64(a, (long long)limit + 1) };
	struct db_res	*r;
	enum status	 st;
	int		 rows;

	assert(limit > 0);
	st = db_query(a, db, SQL("SELECT " MSG_COLS " FROM messages"
	    " WHERE interview_id = $1 AND seq > $3::bigint AND EXISTS"
	    " (SELECT 1 FROM interviews i WHERE i.id = $1 AND i.org_id = $2)"
	    " ORDER BY seq LIMIT $4"), p, NITEMS(p), &r);
	if (st != ST_OK)
		return st;
	rows = db_rows(r);
	*more = rows > limit;
	messages_from_rows(a, r, *more ? limit : rows, 0, out, n);
	return ST_OK;
}

/*
 * The newest first, as far back as the limit, from the end of the
 * (interview_id, seq) index; the count comes from that index alone, once
 * per statement, so the rest of a long conversation is never read.
 */
enum status
interview_messages_latest(struct arena *a, struct db *db, long long id,
    int limit, struct iv_message **out, size_t *n, size_t *total)
{
	const char	*p[] = { db_i64(a, id), db_i64(a, limit) };
	struct db_res	*r;
	enum status	 st;

	st = db_query(a, db, SQL("SELECT " MSG_COLS ", (SELECT count(*)"
	    " FROM messages c WHERE c.interview_id = $1) FROM messages"
	    " WHERE interview_id = $1 ORDER BY seq DESC LIMIT $2"), p, 2, &r);
	if (st != ST_OK)
		return st;
	*total = db_rows(r) > 0 ? (size_t)db_int(r, 0, 10) : 0;
	messages_from_rows(a, r, db_rows(r), 1, out, n);
	return ST_OK;
}

enum status
interview_hints(struct arena *a, struct db *db, long long id,
    const char ***out, size_t *n)
{
	const char	*p[] = { db_i64(a, id) };
	struct db_res	*r;
	enum status	 st;
	int		 i;

	st = db_query(a, db, SQL("SELECT h FROM interviews,"
	    " unnest(hints) WITH ORDINALITY AS t(h, i) WHERE id = $1"
	    " ORDER BY i"),
	    p, 1, &r);
	if (st != ST_OK)
		return st;
	*n = (size_t)db_rows(r);
	*out = arena_calloc(a, *n + 1, sizeof(**out));
	for (i = 0; i < db_rows(r); i++)
		(*out)[i] = db_get(r, i, 0);
	return ST_OK;
}

enum status
interview_events(struct arena *a, struct db *db, long long id, int limit,
    struct iv_event **out, size_t *n)
{
	/* LIMIT NULL is no limit. */
	const char	*p[] = { db_i64(a, id), limit > 0 ? db_i64(a, limit) :
			    NULL };
	struct db_res	*r;
	enum status	 st;
	int		 i;

	st = db_query(a, db, SQL("SELECT actor, type, detail::text,"
	    " to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS')"
	    " FROM events WHERE interview_id = $1 ORDER BY id DESC LIMIT $2"),
	    p, 2, &r);
	if (st != ST_OK)
		return st;
	*n = (size_t)db_rows(r);
	*out = arena_calloc(a, *n + 1, sizeof(**out));
	for (i = 0; i < db_rows(r); i++) {
		(*out)[i].actor = db_get(r, i, 0);
		(*out)[i].type = db_get(r, i, 1);
		(*out)[i].detail = db_get(r, i, 2);
		(*out)[i].created_at = db_get(r, i, 3);
	}
	return ST_OK;
}

enum status
interview_event(struct arena *a, struct db *db, long long org_id,
    long long actor_id, const char *actor, long long id, const char *type,
    const char *detail, const char *ip)
{
	const char	*p[7];

	p[0] = org_id ? db_i64(a, org_id) : NULL;
	p[1] = actor_id ? db_i64(a, actor_id) : NULL;
	p[2] = actor != NULL ? actor : "";
	p[3] = type;
	p[4] = detail != NULL ? detail : "{}";
	p[5] = ip != NULL ? ip : "";
	p[6] = db_i64(a, id);
	return db_exec(a, db, SQL("INSERT INTO events (org_id, actor_user_id,"
	    " actor, type, detail, ip, interview_id)"
	    " VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7)"), p, 7, NULL);
}

enum status
interview_check_end(struct arena *a, struct db *db, struct interview *iv)
{
	const char	*p[] = { db_i64(a, iv->id) };
	long		 n;
	enum status	 st;

	if (strcmp(iv->status, "created") == 0 && iv->invite_expired) {
		st = db_exec(a, db, SQL("WITH " EXPIRED_AS("id = $1")
		    SYSTEM_EVENTS_INSERT EXPIRED_EVENTS), p, 1, &n);
		return st != ST_OK || n == 0 ? st :
		    interview_get(a, db, iv->org_id, iv->id, iv);
	}
	if (strcmp(iv->status, "active") != 0 || (iv->time_left_s > 0 &&
	    (interview_is_assisted(iv) || !interview_tokens_spent(iv))))
		return ST_OK;
	/* The WHERE re-checks under the row lock the UPDATE takes. */
	if ((st = db_exec(a, db, SQL("WITH " ENDED_AS("id = $1")
	    SYSTEM_EVENTS_INSERT ENDED_EVENTS), p, 1, NULL)) != ST_OK)
		return st;
	return interview_get(a, db, iv->org_id, iv->id, iv);
}

enum status
interview_expire_invite(struct arena *a, struct db *db, long long org_id,
    long long id)
{
	const char	*p[] = { db_i64(a, id), db_i64(a, org_id) };

	return db_exec(a, db, SQL("WITH " EXPIRED_AS("id = $1 AND org_id = $2")
	    SYSTEM_EVENTS_INSERT EXPIRED_EVENTS), p, 2, NULL);
}

static const char *const control_names[IV__MAX] = {
	"pause",		/* IV_PAUSE */
	"resume",		/* IV_RESUME */
	"lock",			/* IV_LOCK */
	"unlock",		/* IV_UNLOCK */
	"end",			/* IV_END */
	"extend-time",		/* IV_EXTEND_TIME */
	"extend-tokens",	/* IV_EXTEND_TOKENS */
};

int
interview_uses_ai(const struct interview *iv)
{
	return strcmp(iv->model, "builtin") != 0;
}

/*
 * Why an interview ended, in the interviewer's words (the codes are the
 * API's and the CSV's): "completed (maximum)" said little.
 */
static const char *const end_reason_texts[][2] = {
	{ "time", "the time ran out" },
	{ "tokens", "the tokens ran out" },
	{ "interviewer", "ended by the interviewer" },
	{ "candidate", "the candidate submitted" },
	{ "ai", "ended by the AI interviewer" },
	{ "covered", "every skill area explored" },
	{ "maximum", "the last question was answered" },
	{ "bank_empty", "no question left in the bank" },
	{ "answered", "every question answered" },
};

const char *
interview_end_reason_text(const char *code)
{
	size_t	i;

	for (i = 0; i < sizeof(end_reason_texts) / sizeof(end_reason_texts[0]);
	    i++)
		if (strcmp(code, end_reason_texts[i][0]) == 0)
			return end_reason_texts[i][1];
	return code;
}

int
interview_running(const struct interview *iv)
{
	return strcmp(iv->status, "created") == 0 ||
	    strcmp(iv->status, "active") == 0 ||
	    strcmp(iv->status, "paused") == 0;
}

const char *
interview_control_name(enum iv_control c)
{
	return (unsigned)c < IV__MAX ? control_names[c] : "unknown";
}

enum status
interview_control(struct arena *a, struct db *db, long long org_id,
    long long id, enum iv_control c, long long arg, int *changed)
{
	const char	*p[4];
	const char	*q = NULL;
	long		 n;
	int		 np = 2;
	enum status	 st;

	*changed = 0;
	p[0] = db_i64(a, org_id);
	p[1] = db_i64(a, id);
	p[2] = db_i64(a, arg);
	switch (c) {
	case IV_PAUSE:
		q = SQL("UPDATE interviews SET status = 'paused',"
		    " paused_at = now()"
		    " WHERE org_id = $1 AND id = $2 AND status = 'active'");
		break;
	case IV_RESUME:
		q = SQL("UPDATE interviews SET status = 'active',"
		    " paused_total_s = paused_total_s"
		    " + extract(epoch FROM now() - paused_at),"
		    " paused_at = NULL, last_activity_at = now()"
		    " WHERE org_id = $1 AND id = $2 AND status = 'paused'");
		break;
	case IV_LOCK:
	case IV_UNLOCK:
		/*
		 * Already so: nothing to change, nothing to log.  Only the
		 * assisted interview's chat heeds the lock (budget.c), so only
		 * it is locked; any may be unlocked.
		 */
		q = SQL("UPDATE interviews SET chat_locked = $3::bool"
		    " WHERE org_id = $1 AND id = $2"
		    " AND chat_locked IS DISTINCT FROM $3::bool"
		    " AND (kind = 'assisted' OR NOT $3::bool)"
		    " AND status IN ('created', 'active', 'paused')");
		p[2] = c == IV_LOCK ? "t" : "f";
		np = 3;
		break;
	case IV_END:
		q = SQL("UPDATE interviews SET status = 'completed',"
		    " ended_at = now(), end_reason = 'interviewer'"
		    " WHERE org_id = $1 AND id = $2"
		    " AND status IN ('created', 'active', 'paused')");
		break;
	case IV_EXTEND_TIME:
		/*
		 * No time limit, no time to give: it would only be logged.
		 * Refused past the cap, as tokens are.
		 */
		q = SQL("UPDATE interviews"
		    " SET extended_s = extended_s + $3::int"
		    " WHERE org_id = $1 AND id = $2"
		    " AND extended_s + $3::int <= $4::int"
		    " AND NOT " INTERVIEW_UNTIMED_SQL
		    " AND status IN ('created', 'active', 'paused')");
		p[3] = db_i64(a, INTERVIEW_MAX_EXTENSION_S);
		np = 4;
		break;
	case IV_EXTEND_TOKENS:
		/*
		 * Refused past the cap, so what is logged is what was given;
		 * and for a one-way interview, which spends no tokens.
		 */
		q = SQL("UPDATE interviews SET token_budget = token_budget"
		    " + $3::int WHERE org_id = $1 AND id = $2"
		    " AND token_budget + $3::int <= $4::int"
		    " AND kind <> 'oneway'"
		    " AND status IN ('created', 'active', 'paused')");
		p[3] = db_i64(a, INTERVIEW_MAX_BUDGET);
		np = 4;
		break;
	default:
		return ST_INTERNAL;
	}
	st = db_exec(a, db, q, p, np, &n);
	if (st == ST_OK && n > 0)
		*changed = 1;
	if (st == ST_OK && n == 0) {
		struct interview	iv;

		/*
		 * Another org's interview is a 404, a wrong state a 409, too
		 * many tokens or too much time a 400; a lock on a locked chat
		 * (an unlock on an unlocked one) is done already.
		 */
		if ((st = interview_get(a, db, org_id, id, &iv)) != ST_OK)
			return st;
		if ((c == IV_LOCK || c == IV_UNLOCK) && interview_running(&iv) &&
		    iv.chat_locked == (c == IV_LOCK))
			return ST_OK;
		st = interview_running(&iv) && ((c == IV_EXTEND_TOKENS &&
		    iv.token_budget + arg > INTERVIEW_MAX_BUDGET) ||
		    (c == IV_EXTEND_TIME && !iv.untimed &&
		    iv.extended_s + arg > INTERVIEW_MAX_EXTENSION_S)) ?
		    ST_INVALID : ST_CONFLICT;
	}
	return st;
}

enum status
interview_control_once(struct arena *a, struct db *db, long long org_id,
    long long id, enum iv_control c, long long arg, const char *form_id,
    int *repeated)
{
	int		 changed = 1;
	enum status	 st;

	if ((st = db_begin(db)) != ST_OK)
		return st;
	st = form_use_claim(a, db, form_use_id(form_id), repeated, NULL);
	if (st == ST_OK && !*repeated)
		st = interview_control(a, db, org_id, id, c, arg, &changed);
	if (st == ST_OK && !*repeated && !changed)
		*repeated = 1;	/* done already: nothing to keep or log */
	if (st == ST_OK && !*repeated)
		return db_commit(db);
	db_rollback(db);
	return st;
}

enum status
interview_open_invite(struct arena *a, struct db *db, const char *token,
    const char *ip, char **cookie)
{
	const char	*p[4];
	struct db_res	*r;
	enum status	 st;

	p[0] = crypto_token_hash(a, token, strlen(token));
	st = db_query(a, db, SQL("SELECT id, started_at IS NULL AND"
	    " (invite_expires_at < now() OR status = 'expired') FROM interviews"
	    " WHERE invite_hash = $1"), p, 1, &r);
	if (st != ST_OK)
		return st;
	if (db_rows(r) != 1)
		return ST_NOTFOUND;
	p[1] = db_get(r, 0, 0);
	if (db_bool(r, 0, 1)) {
		/* On the timeline once, as interview_check_end has it. */
		(void)db_exec(a, db, SQL("WITH " EXPIRED_AS("id = $1")
		    SYSTEM_EVENTS_INSERT EXPIRED_EVENTS), p + 1, 1, NULL);
		return ST_CONFLICT;
	}
	*cookie = crypto_token(a, 32);
	p[0] = crypto_token_hash(a, *cookie, strlen(*cookie));
	p[2] = crypto_token(a, 32);
	p[3] = ip != NULL ? ip : "";
	return db_exec(a, db, SQL("INSERT INTO candidate_sessions (token_hash,"
	    " interview_id, csrf, ip, expires_at)"
	    " VALUES ($1, $2, $3, $4, now() + interval '30 days')"),
	    p, 4, NULL);
}

enum status
candidate_lookup(struct arena *a, struct db *db, const char *cookie,
    long long *org_id, long long *id, const char **csrf)
{
	const char	*p[1];
	struct db_res	*r;
	enum status	 st;

	p[0] = crypto_token_hash(a, cookie, strlen(cookie));
	st = db_query(a, db, SQL("SELECT i.org_id, i.id, s.csrf"
	    " FROM candidate_sessions s"
	    " JOIN interviews i ON i.id = s.interview_id"
	    " WHERE s.token_hash = $1 AND s.expires_at > now()"), p, 1, &r);
	if (st != ST_OK)
		return st;
	if (db_rows(r) != 1)
		return ST_NOTFOUND;
	*org_id = db_int(r, 0, 0);
	*id = db_int(r, 0, 1);
	*csrf = db_get(r, 0, 2);
	return ST_OK;
}

enum status
candidate_answering(struct arena *a, struct db *db, const char *cookie,
    struct answering *out)
{
	const char	*p[] = { crypto_token_hash(a, cookie, strlen(cookie)) };
	struct db_res	*r;
	enum status	 st;

	/* The frame asks every few seconds: the holds only while any are. */
	st = db_query(a, db, SQL("SELECT i.chat_replies, i.status = 'active',"
	    " CASE WHEN i.tokens_reserved > 0 THEN (SELECT count(*) FROM usage u"
	    "  WHERE u.interview_id = i.id AND u.question IS NOT NULL"
	    "  AND u.state = 'reserved' AND u.hold_until >= now()) ELSE 0 END"
	    " FROM candidate_sessions s JOIN interviews i"
	    " ON i.id = s.interview_id"
	    " WHERE s.token_hash = $1 AND s.expires_at > now()"
	    " AND i.kind = 'assisted'"), p, 1, &r);
	if (st != ST_OK)
		return st;
	if (db_rows(r) != 1)
		return ST_NOTFOUND;
	out->replies = (int)db_int(r, 0, 0);
	out->active = db_bool(r, 0, 1);
	out->in_flight = (int)db_int(r, 0, 2);
	return ST_OK;
}

enum status
candidate_interview(struct arena *a, struct db *db, const char *cookie,
    struct interview *iv, const char **csrf)
{
	const char	*p[] = { crypto_token_hash(a, cookie, strlen(cookie)) };
	struct db_res	*r;
	enum status	 st;

	/* The org's name by its primary key: no second round trip a page. */
	st = db_query(a, db, SQL("SELECT " IV_COLS IV_MESSAGES_VERSION ","
	    " s.csrf, (SELECT o.name FROM orgs o WHERE o.id ="
	    " interviews.org_id) FROM interviews,"
	    " (SELECT interview_id, csrf FROM candidate_sessions"
	    "  WHERE token_hash = $1 AND expires_at > now()) s"
	    " WHERE interviews.id = s.interview_id"), p, 1, &r);
	if (st != ST_OK)
		return st;
	if (db_rows(r) != 1)
		return ST_NOTFOUND;
	iv_from_row(r, 0, iv);
	iv->messages_version = db_get(r, 0, IV_NCOLS);
	*csrf = db_get(r, 0, IV_NCOLS + 1);
	iv->org_name = db_get(r, 0, IV_NCOLS + 2);
	return ST_OK;
}

enum status
interview_start(struct arena *a, struct db *db, long long org_id, long long id)
{
	const char	*p[] = { db_i64(a, org_id), db_i64(a, id) };
	long		 n;
	enum status	 st;

	st = db_exec(a, db, SQL("UPDATE interviews SET status = 'active',"
	    " started_at = now(), consent_at = now(), last_activity_at = now()"
	    " WHERE org_id = $1 AND id = $2 AND status = 'created'"
	    " AND invite_expires_at > now()"), p, 2, &n);
	if (st == ST_OK && n == 0)
		st = ST_CONFLICT;
	return st;
}

/* The final answer p[1] as interview p[0]'s last message; no draft left. */
static enum status
put_final(struct arena *a, struct db *db, const char *const *p)
{
	enum status	st;

	st = db_exec(a, db, SQL("INSERT INTO messages (interview_id, seq, role,"
	    " content) SELECT $1, coalesce(max(seq), 0) + 1, 'final', $2"
	    " FROM messages WHERE interview_id = $1"), p, 2, NULL);
	if (st == ST_OK)
		st = db_exec(a, db, SQL("DELETE FROM interview_drafts"
		    " WHERE interview_id = $1"), p, 1, NULL);
	return st;
}

/*
 * A candidate without JavaScript sees no clock run out: the page does not
 * reload while they type, and an answer sent seconds late was refused and
 * lost to the interviewer.  It is kept, as late, with the seconds.
 */
enum status
interview_finish_late(struct arena *a, struct db *db, long long org_id,
    long long id, const char *answer, long long *late_s)
{
	const char	*p[] = { db_i64(a, org_id), db_i64(a, id), answer };
	struct db_res	*r;
	enum status	 st;

	if ((st = db_begin(db)) != ST_OK)
		return st;
	st = db_query(a, db, SQL("SELECT ceil(extract(epoch FROM now() -"
	    " ended_at))::bigint FROM interviews WHERE org_id = $1 AND id = $2"
	    " AND final_answer = '' AND " INTERVIEW_JUST_TIMED_OUT_SQL("")
	    " FOR UPDATE"), p, 2, &r);
	if (st == ST_OK && db_rows(r) != 1)
		st = ST_CONFLICT;
	if (st != ST_OK)
		goto out;
	*late_s = db_int(r, 0, 0);
	st = put_final(a, db, p + 1);
	if (st == ST_OK)
		st = db_exec(a, db, SQL("UPDATE interviews SET final_answer = $3,"
		    " chat_messages = chat_messages + 1 WHERE org_id = $1"
		    " AND id = $2"), p, 3, NULL);
	if (st == ST_OK)
		st = db_commit(db);
out:
	if (st != ST_OK)
		db_rollback(db);
	return st;
}

enum status
interview_finish(struct arena *a, struct db *db, long long org_id,
    long long id, const char *answer)
{
	const char	*p[] = { db_i64(a, org_id), db_i64(a, id), answer };
	struct db_res	*r;
	enum status	 st;

	if ((st = db_begin(db)) != ST_OK)
		return st;
	st = db_query(a, db, SQL("SELECT id FROM interviews WHERE org_id = $1"
	    " AND id = $2 AND status = 'active' FOR UPDATE"), p, 2, &r);
	if (st == ST_OK && db_rows(r) != 1)
		st = ST_CONFLICT;
	if (st != ST_OK)
		goto out;
	st = put_final(a, db, p + 1);
	if (st == ST_OK)
		st = db_exec(a, db, SQL("UPDATE interviews"
		    " SET status = 'completed', ended_at = now(),"
		    " end_reason = 'candidate', final_answer = $3,"
		    " chat_messages = chat_messages + 1,"
		    " last_activity_at = now() WHERE org_id = $1 AND id = $2"),
		    p, 3, NULL);
	if (st == ST_OK)
		st = db_commit(db);
out:
	if (st != ST_OK)
		db_rollback(db);
	return st;
}
