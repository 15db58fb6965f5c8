/* export.c: transcripts for download: Markdown, JSON (json-c), CSV (RFC 4180). */
#include <string.h>

#include <json-c/json.h>

#include "export.h"
#include "lib/markdown.h"

static void
csv_int(struct buf *b, long long n)
{
	buf_printf(b, "%lld", n);
}

const char *
export_isotime(char *buf, size_t sz, const char *s)
{
	size_t	len = s != NULL ? strlen(s) : 0;

	if (len < 16 || len + 2 > sz)
		return s != NULL ? s : "";
	memcpy(buf, s, len);
	buf[10] = 'T';
	buf[len] = 'Z';
	buf[len + 1] = '\0';
	return buf;
}

void
export_csv_messages(struct buf *b, const struct export_data *d)
{
	size_t	i;

	buf_puts(b, CSV_BOM);
	if (d->ad != NULL) {
		export_adaptive_csv(b, d);
		return;
	}
	if (d->ow != NULL) {
		export_oneway_csv(b, d);
		return;
	}
	buf_puts(b, "seq,role,created_at,tokens_in,tokens_out,latency_ms,"
	    "content,recommendation,recommendation_notes,recommendations\r\n");
	for (i = 0; i < d->nmsgs; i++) {
		csv_int(b, d->msgs[i].seq);
		buf_putc(b, ',');
		csv_cell(b, d->msgs[i].role, CSV_FORMULA);
		buf_putc(b, ',');
		/* The date too: an interview may run past midnight. */
		csv_cell(b, d->msgs[i].created_iso, CSV_FORMULA);
		buf_putc(b, ',');
		csv_int(b, d->msgs[i].tokens_in);
		buf_putc(b, ',');
		csv_int(b, d->msgs[i].tokens_out);
		buf_putc(b, ',');
		csv_int(b, d->msgs[i].latency_ms);
		buf_putc(b, ',');
		csv_cell(b, d->msgs[i].content, CSV_FORMULA);
		export_csv_recommendation_cells(b, d);
		buf_puts(b, "\r\n");
	}
}

void
export_csv_recommendation_cells(struct buf *b, const struct export_data *d)
{
	buf_putc(b, ',');
	csv_cell(b, recommend_agreed(d->recs, d->nrecs), CSV_FORMULA);
	buf_putc(b, ',');
	csv_cell(b, export_notes_joined(b->a, d->recs, d->nrecs), CSV_FORMULA);
	buf_putc(b, ',');
	csv_cell(b, export_values_joined(b->a, d->recs, d->nrecs),
	    CSV_FORMULA);
}

void
export_csv_interviews_header(struct buf *b)
{
	buf_puts(b, CSV_BOM "id,candidate_name,candidate_email,challenge_title,status,"
	    "end_reason,model,created_at,started_at,time_limit_s,extended_s,"
	    "time_left_s,token_budget,tokens_used,kind,recommendation,"
	    "recommendations,result,band,average_score,average_rating,"
	    "practice\r\n");
}

void
export_csv_interview_row(struct buf *b, const struct interview *iv)
{
	char	t[32];

	csv_int(b, iv->id);
	buf_putc(b, ',');
	csv_cell(b, iv->candidate_name, CSV_FORMULA);
	buf_putc(b, ',');
	csv_cell(b, iv->candidate_email, CSV_FORMULA);
	buf_putc(b, ',');
	csv_cell(b, iv->challenge_title, CSV_FORMULA);
	buf_putc(b, ',');
	csv_cell(b, iv->status, CSV_FORMULA);
	buf_putc(b, ',');
	csv_cell(b, iv->end_reason, CSV_FORMULA);
	buf_putc(b, ',');
	csv_cell(b, iv->model, CSV_FORMULA);
	buf_putc(b, ',');
	csv_cell(b, export_isotime(t, sizeof(t), iv->created_at), CSV_FORMULA);
	buf_putc(b, ',');
	csv_cell(b, export_isotime(t, sizeof(t), iv->started_at), CSV_FORMULA);
	/*
	 * No clock: time_limit_s holds a nominal day that the pages call "no
	 * time limit"; empty cells, not 86400 a spreadsheet would add up.
	 */
	if (iv->untimed)
		buf_printf(b, ",,%d,,%d,%d,", iv->extended_s,
		    iv->token_budget, iv->tokens_used);
	else
		buf_printf(b, ",%d,%d,%lld,%d,%d,", iv->time_limit_s,
		    iv->extended_s, iv->time_left_s, iv->token_budget,
		    iv->tokens_used);
	/* Last, where it leaves the columns before it where they were. */
	csv_cell(b, iv->kind, CSV_FORMULA);
	export_csv_interview_result(b, iv);
	/*
	 * A practice run is kind adaptive, as in the API; the list page and
	 * the home page tell it apart, so the download does too (2026-12-08:
	 * it could not, a practice run read as an assessment).
	 */
	buf_puts(b, iv->practice ? ",true\r\n" : ",false\r\n");
}

/* The codes every reviewer gave, "yes,no,yes", as one: "yes", "mixed", "". */
static const char *
codes_agreed(struct arena *a, const char *csv)
{
	size_t	 len = strcspn(csv, ",");
	char	*first = arena_strndup(a, csv, len);
	const char *p;

	for (p = csv; *p != '\0'; p += len + (p[len] == ',')) {
		len = strcspn(p, ",");
		if (len != strlen(first) || strncmp(p, first, len) != 0)
			return "mixed";
	}
	return first;
}

void
export_csv_interview_result(struct buf *b, const struct interview *iv)
{
	buf_putc(b, ',');
	csv_cell(b, codes_agreed(b->a, iv->recommendation), CSV_FORMULA);
	buf_putc(b, ',');
	csv_cell(b, recommend_summary(b->a, iv->recommendation), CSV_FORMULA);
	buf_putc(b, ',');
	csv_cell(b, interview_result_text(b->a, iv), CSV_FORMULA);
	buf_putc(b, ',');
	csv_cell(b, iv->adaptive_band, CSV_FORMULA);
	buf_putc(b, ',');
	if (iv->adaptive_score >= 0)
		csv_int(b, iv->adaptive_score);
	buf_putc(b, ',');
	if (iv->rating_avg >= 0)
		buf_puts(b, oneway_rating_text(b->a, iv->rating_avg));
}

void
export_md_text(struct buf *b, const char *s)
{
	for (; s != NULL && *s != '\0'; s++) {
		if (*s == '\r' || *s == '\n')
			buf_putc(b, ' ');
		else {
			if (strchr("\\`*_[]()<>#!|~&", *s) != NULL)
				buf_putc(b, '\\');
			buf_putc(b, *s);
		}
	}
}

void
export_md_block(struct buf *b, const char *s)
{
	size_t	run = 0, most = 0, i;

	for (i = 0; s != NULL && s[i] != '\0'; i++) {
		run = s[i] == '`' ? run + 1 : 0;
		if (run > most)
			most = run;
	}
	most = most < 3 ? 3 : most + 1;
	for (i = 0; i < most; i++)
		buf_putc(b, '`');
	buf_printf(b, "text\n%s%s", s != NULL ? s : "",
	    s != NULL && *s != '\0' && s[strlen(s) - 1] != '\n' ? "\n" : "");
	for (i = 0; i < most; i++)
		buf_putc(b, '`');
	buf_putc(b, '\n');
}

static const char *
role_name(const char *role)
{
	if (strcmp(role, "user") == 0)
		return "Candidate";
	if (strcmp(role, "assistant") == 0)
		return "Assistant";
	if (strcmp(role, "final") == 0)
		return "Final answer";
	return "System";
}

/* The time line, as the analytics page's figure: every kind has one. */
static void
markdown_time(struct buf *b, const struct an_interview *an, int ended)
{
	if (an->untimed)
		buf_printf(b, "- Time taken: %lld s (%lld s active, %lld s"
		    " idle; no time limit)\n", an->used_s, an->active_s,
		    an->idle_s);
	else
		buf_printf(b, "- Time: %lld s used of %lld s (%lld s active,"
		    " %lld s idle, %lld s %s)\n", an->used_s, an->limit_s,
		    an->active_s, an->idle_s, an->left_s, ended ? "unused" :
		    "left");
}

/* The assisted interview's budget and time, as its analytics page shows them. */
static void
markdown_analytics(struct buf *b, const struct an_interview *an, int ended)
{
	buf_puts(b, "\n## Analytics\n\n");
	/* The rest is the final answer: the parts then add up to the whole. */
	buf_printf(b, "- Messages: %d (%d from the candidate, %d %s%s)\n",
	    an->messages, an->user_messages, an->assistant_messages,
	    an->assistant_messages == 1 ? "reply" : "replies",
	    an->messages > an->user_messages + an->assistant_messages ?
	    ", the final answer" : "");
	buf_printf(b, "- Tokens: %lld in, %lld out; %d of %d charged"
	    " (%.1f%% of the budget)\n", an->tokens_in, an->tokens_out,
	    an->tokens_used, an->token_budget, an->budget_pct);
	markdown_time(b, an, ended);
	/* As shown, whole: an average that rounds to 1 reads "1 token". */
	buf_printf(b, "- Average prompt: %.0f %s, %.0f %s\n",
	    an->avg_prompt_chars, an->avg_prompt_chars >= 0.5 &&
	    an->avg_prompt_chars < 1.5 ? "character" : "characters",
	    an->avg_prompt_tokens, an->avg_prompt_tokens >= 0.5 &&
	    an->avg_prompt_tokens < 1.5 ? "token" : "tokens");
	buf_printf(b, "- Average response latency: %.0f ms\n",
	    an->avg_latency_ms);
	buf_printf(b, "- Cost: %s\n", analytics_usd(b->a, an->cost_micros));
}

/*
 * A message's tokens and time, in brackets: a reply's prompt and its own
 * tokens (the charge), a candidate's message its size; nothing if none.
 */
static void
message_figures(struct buf *b, const struct iv_message *m)
{
	const char	*sep = " (";

	/* "1 token", as the conversation's badge: not "1 tokens". */
	if (m->tokens_in > 0) {
		buf_printf(b, "%sprompt %d, reply %d %s", sep, m->tokens_in,
		    m->tokens_out, m->tokens_out == 1 ? "token" : "tokens");
		sep = ", ";
	} else if (m->tokens_out > 0) {
		buf_printf(b, "%s%d %s", sep, m->tokens_out,
		    m->tokens_out == 1 ? "token" : "tokens");
		sep = ", ";
	}
	if (m->latency_ms > 0) {
		buf_printf(b, "%s%d ms", sep, m->latency_ms);
		sep = ", ";
	}
	if (strcmp(sep, ", ") == 0)
		buf_putc(b, ')');
}

/* The messages, each one's text verbatim in its fence (export_md_block). */
static void
markdown_transcript(struct buf *b, const struct export_data *d)
{
	const struct iv_message	*m;
	size_t			 i;

	buf_puts(b, "\n## Transcript\n");
	for (i = 0; i < d->nmsgs; i++) {
		m = &d->msgs[i];
		buf_printf(b, "\n### %d. %s, %s", m->seq, role_name(m->role),
		    m->created_iso);
		message_figures(b, m);
		buf_puts(b, "\n\n");
		export_md_block(b, m->content);
	}
	if (*d->iv->transcript_deleted_on)
		buf_printf(b, "\nThe transcript was deleted on %s under the"
		    " organisation's retention settings.\n",
		    d->iv->transcript_deleted_on);
	else if (d->nmsgs == 0)
		buf_puts(b, "\nNo messages.\n");
}

void
export_markdown(struct buf *b, const struct export_data *d)
{
	const struct interview	*iv = d->iv;
	char			 t[32];
	int			 assisted = d->ad == NULL && d->ow == NULL;

	buf_printf(b, "# Interview %lld: ", iv->id);
	export_md_text(b, iv->candidate_name);
	buf_puts(b, "\n\n- Candidate: ");
	export_md_text(b, iv->candidate_name);
	buf_puts(b, " \\<");
	export_md_text(b, iv->candidate_email);
	buf_puts(b, "\\>\n");
	if (assisted) {
		buf_puts(b, "- Challenge: ");
		export_md_text(b, iv->challenge_title);
		buf_putc(b, '\n');
	}
	/* In words, as the interviewer's page: the codes are the CSV's. */
	buf_printf(b, "- Status: %s%s%s%s\n", iv->status,
	    *iv->end_reason ? " (" : "",
	    interview_end_reason_text(iv->end_reason),
	    *iv->end_reason ? ")" : "");
	/*
	 * In words, as the interview's page says it, not the id "builtin";
	 * with the answers the builtin scorer judged when the model failed.
	 */
	if (d->ow == NULL)
		buf_printf(b, "- %s: %s\n", assisted ? "Assistant" :
		    "Evaluator", strcmp(iv->model, "builtin") != 0 ?
		    (d->ad != NULL ? adaptive_evaluator_words(b->a, iv->model,
		    d->qs, d->nqs, NULL) : iv->model) :
		    assisted ? "offline assistant (offers the challenge's hints)" :
		    "builtin rubric scorer (no AI service)");
	buf_printf(b, "- Created: %s\n", export_isotime(t, sizeof(t),
	    iv->created_at));
	if (*iv->started_at)
		buf_printf(b, "- Started: %s\n", export_isotime(t, sizeof(t),
		    iv->started_at));
	if (d->ended_at != NULL && *d->ended_at)
		buf_printf(b, "- Ended: %s\n", export_isotime(t, sizeof(t),
		    d->ended_at));
	/* Before the start it is only the creation again. */
	if (*iv->started_at)
		buf_printf(b, "- Last activity: %s\n", export_isotime(t,
		    sizeof(t), iv->last_activity_at));
	/* The assisted one's is with its analytics, below. */
	if (!assisted && *iv->started_at && d->an != NULL)
		markdown_time(b, d->an, !interview_running(iv));
	if (assisted) {
		markdown_analytics(b, d->an, !interview_running(d->iv));
		/* The org's own Markdown, shown as it was written. */
		buf_puts(b, "\n## Challenge: ");
		export_md_text(b, iv->challenge_title);
		buf_printf(b, "\n\n%s\n", markdown_untitled(iv->challenge_md,
		    iv->challenge_title));
	}
	/* An adaptive one has messages when it was spoken (both sides' words). */
	if (assisted || d->nmsgs > 0 || *iv->transcript_deleted_on)
		markdown_transcript(b, d);
	if (*iv->final_answer) {
		buf_puts(b, "\n## Final answer\n\n");
		export_md_block(b, iv->final_answer);
	}
	if (d->ad != NULL)
		export_adaptive_markdown(b, d);
	if (d->ow != NULL)
		export_oneway_markdown(b, d);
	/* One-way's are in its section, with the ratings. */
	if (d->ow == NULL) {
		buf_puts(b, "\n## Recommendation\n\n");
		export_md_recommendations(b, d->recs, d->nrecs);
	}
}

static struct json_object *
jstr(const char *s)
{
	return json_object_new_string(s != NULL ? s : "");
}

static struct json_object *
jtime(const char *s)
{
	char	buf[32];

	return s == NULL ? jstr(s) : json_object_new_string(export_isotime(buf,
	    sizeof(buf), s));
}

static struct json_object *
interview_json(const struct interview *iv, const char *ended_at)
{
	struct json_object	*o = json_object_new_object();

	json_object_object_add(o, "id", json_object_new_int64(iv->id));
	json_object_object_add(o, "kind", jstr(iv->kind));
	/* Every kind, as the API's interview object (only adaptive may be). */
	json_object_object_add(o, "practice",
	    json_object_new_boolean(iv->practice));
	json_object_object_add(o, "status", jstr(iv->status));
	json_object_object_add(o, "end_reason", jstr(iv->end_reason));
	json_object_object_add(o, "candidate_name", jstr(iv->candidate_name));
	json_object_object_add(o, "candidate_email",
	    jstr(iv->candidate_email));
	json_object_object_add(o, "challenge_title",
	    jstr(iv->challenge_title));
	json_object_object_add(o, "challenge_md", jstr(iv->challenge_md));
	json_object_object_add(o, "instructions", jstr(iv->instructions));
	json_object_object_add(o, "model", jstr(iv->model));
	json_object_object_add(o, "final_answer", jstr(iv->final_answer));
	json_object_object_add(o, "transcript_deleted_on", *iv->transcript_deleted_on ?
	    jstr(iv->transcript_deleted_on) : NULL);
	json_object_object_add(o, "time_limit_s",
	    json_object_new_int(iv->time_limit_s));
	json_object_object_add(o, "extended_s",
	    json_object_new_int(iv->extended_s));
	json_object_object_add(o, "time_left_s",
	    json_object_new_int64(iv->time_left_s));
	json_object_object_add(o, "token_budget",
	    json_object_new_int(iv->token_budget));
	json_object_object_add(o, "tokens_used",
	    json_object_new_int(iv->tokens_used));
	json_object_object_add(o, "created_at", jtime(iv->created_at));
	json_object_object_add(o, "started_at", jtime(iv->started_at));
	json_object_object_add(o, "last_activity_at",
	    jtime(iv->last_activity_at));
	json_object_object_add(o, "ended_at", jtime(ended_at));
	return o;
}

static struct json_object *
analytics_json(const struct an_interview *an)
{
	struct json_object	*o = json_object_new_object(), *tl, *p;
	size_t			 i;

	json_object_object_add(o, "messages", json_object_new_int(an->messages));
	json_object_object_add(o, "user_messages",
	    json_object_new_int(an->user_messages));
	json_object_object_add(o, "assistant_messages",
	    json_object_new_int(an->assistant_messages));
	json_object_object_add(o, "tokens_in",
	    json_object_new_int64(an->tokens_in));
	json_object_object_add(o, "tokens_out",
	    json_object_new_int64(an->tokens_out));
	json_object_object_add(o, "tokens_used",
	    json_object_new_int(an->tokens_used));
	json_object_object_add(o, "token_budget",
	    json_object_new_int(an->token_budget));
	json_object_object_add(o, "budget_pct",
	    json_object_new_double(an->budget_pct));
	json_object_object_add(o, "limit_s", json_object_new_int64(an->limit_s));
	json_object_object_add(o, "used_s", json_object_new_int64(an->used_s));
	json_object_object_add(o, "left_s", json_object_new_int64(an->left_s));
	json_object_object_add(o, "active_s",
	    json_object_new_int64(an->active_s));
	json_object_object_add(o, "idle_s", json_object_new_int64(an->idle_s));
	json_object_object_add(o, "questions",
	    json_object_new_int(an->questions));
	json_object_object_add(o, "answers", json_object_new_int(an->answers));
	json_object_object_add(o, "avg_prompt_chars",
	    json_object_new_double(an->avg_prompt_chars));
	json_object_object_add(o, "avg_prompt_tokens",
	    json_object_new_double(an->avg_prompt_tokens));
	json_object_object_add(o, "avg_latency_ms",
	    json_object_new_double(an->avg_latency_ms));
	json_object_object_add(o, "cost_micros",
	    json_object_new_int64(an->cost_micros));
	tl = json_object_new_array();
	for (i = 0; i < an->npoints; i++) {
		p = json_object_new_object();
		json_object_object_add(p, "minute",
		    json_object_new_double(an->timeline[i].minute));
		json_object_object_add(p, "tokens",
		    json_object_new_int64(an->timeline[i].tokens));
		json_object_array_add(tl, p);
	}
	json_object_object_add(o, "timeline", tl);
	return o;
}

struct json_object *
export_json(const struct export_data *d)
{
	struct json_object	*o = json_object_new_object(), *arr, *e, *det;
	const struct iv_message	*m;
	struct arena		*a;
	size_t			 i;

	json_object_object_add(o, "interview", interview_json(d->iv,
	    d->ended_at));
	arr = json_object_new_array();
	for (i = 0; i < d->nmsgs; i++) {
		m = &d->msgs[i];
		e = json_object_new_object();
		json_object_object_add(e, "seq", json_object_new_int(m->seq));
		json_object_object_add(e, "role", jstr(m->role));
		json_object_object_add(e, "created_at", jstr(m->created_iso));
		json_object_object_add(e, "tokens_in",
		    json_object_new_int(m->tokens_in));
		json_object_object_add(e, "tokens_out",
		    json_object_new_int(m->tokens_out));
		json_object_object_add(e, "latency_ms",
		    json_object_new_int(m->latency_ms));
		json_object_object_add(e, "content", jstr(m->content));
		json_object_array_add(arr, e);
	}
	json_object_object_add(o, "messages", arr);
	arr = json_object_new_array();
	/* Oldest first, as a timeline reads. */
	for (i = d->nevents; i-- > 0;) {
		e = json_object_new_object();
		json_object_object_add(e, "created_at",
		    jtime(d->events[i].created_at));
		json_object_object_add(e, "actor", jstr(d->events[i].actor));
		json_object_object_add(e, "type", jstr(d->events[i].type));
		/* The database made the detail (jsonb::text): parse it back. */
		det = json_tokener_parse(d->events[i].detail);
		json_object_object_add(e, "detail", det != NULL ? det :
		    jstr(d->events[i].detail));
		json_object_array_add(arr, e);
	}
	json_object_object_add(o, "events", arr);
	json_object_object_add(o, "analytics", analytics_json(d->an));
	/* json-c copies the strings: the joined fields' arena goes at once. */
	a = arena_new();
	json_object_object_add(o, "review", export_recommendation_json(a,
	    d->recs, d->nrecs));
	arena_free(a);
	if (d->ad != NULL)
		json_object_object_add(o, "adaptive", export_adaptive_json(d));
	if (d->ow != NULL)
		json_object_object_add(o, "oneway", export_oneway_json(d));
	return o;
}

/* When interview id ended, in *at ("" while it has not). */
static enum status
ended_at(struct arena *a, struct db *db, long long id, const char **at)
{
	const char	*p[] = { db_i64(a, id) };
	struct db_res	*r;
	enum status	 st;

	*at = "";
	st = db_query(a, db, SQL("SELECT coalesce(to_char(ended_at AT TIME"
	    " ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS'), '') FROM interviews"
	    " WHERE id = $1"), p, 1, &r);
	if (st == ST_OK && db_rows(r) == 1)
		*at = db_get(r, 0, 0);
	return st;
}

/* The one-way parts, in a (export_data keeps pointers). */
static enum status
export_oneway_load(struct arena *a, struct db *db, long long org_id,
    long long id, struct export_data *d)
{
	struct oneway_question	*q;
	struct oneway		*ow = arena_calloc(a, 1, sizeof(*ow));
	enum status		 st;

	if ((st = oneway_get(a, db, id, ow)) != ST_OK ||
	    (st = oneway_questions(a, db, org_id, id, &q, &d->nowq)) != ST_OK ||
	    (st = oneway_reviews(a, db, org_id, id, ow, q, d->nowq)) != ST_OK)
		return st;
	d->ow = ow;
	d->owq = q;
	return ST_OK;
}

enum status
export_load(struct arena *a, struct db *db, long long org_id, long long id,
    struct interview *iv, struct an_interview *an, struct adaptive *ad,
    struct export_data *d)
{
	struct adaptive_question	*q = NULL;
	struct iv_message		*m = NULL;
	struct iv_event			*e = NULL;
	enum status			 st;

	memset(d, 0, sizeof(*d));
	st = interview_get(a, db, org_id, id, iv);
	if (st == ST_OK)
		st = interview_check_end(a, db, iv);
	/* After the check: it may have ended just now. */
	if (st == ST_OK)
		st = ended_at(a, db, id, &d->ended_at);
	if (st == ST_OK)
		st = analytics_interview(a, db, org_id, id, an);
	if (st == ST_OK)
		st = interview_messages(a, db, id, &m, &d->nmsgs);
	if (st == ST_OK)
		st = interview_events(a, db, id, 0, &e, &d->nevents);
	if (st == ST_OK && strcmp(iv->kind, "adaptive") == 0) {
		st = adaptive_get(a, db, id, ad);
		if (st == ST_OK)
			st = adaptive_questions(a, db, id, &q, &d->nqs);
		d->ad = ad;
		d->qs = q;
	}
	if (st == ST_OK && strcmp(iv->kind, "oneway") == 0)
		st = export_oneway_load(a, db, org_id, id, d);
	/* One-way's came with its scorecards. */
	if (st == ST_OK && d->ow != NULL) {
		d->recs = d->ow->recs;
		d->nrecs = d->ow->nrecs;
	} else if (st == ST_OK)
		st = recommend_list(a, db, org_id, id, &d->recs, &d->nrecs);
	if (st != ST_OK)
		return st;
	d->iv = iv;
	d->an = an;
	d->msgs = m;
	d->events = e;
	return ST_OK;
}

void
export_json_numbers(void)
{
	(void)json_c_set_serialization_double_format("%.15g",
	    JSON_C_OPTION_GLOBAL);
}
