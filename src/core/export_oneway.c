/*
 * export_oneway.c: the one-way interview's part of the exports: each
 * question with its submitted take (format, length, size), the
 * transcript, every reviewer's rating and notes, and every reviewer's
 * recommendation.  The single fields from before per-reviewer scorecards
 * stay, meaning all of them: the average rating, the recommendation they
 * agree on (or "mixed"), every reviewer's notes.  The recordings
 * themselves stay on the server (encrypted); the exports name them by URL.
 */
#include <json-c/json.h>
#include <string.h>

#include "core/oneway_transcript.h"
#include "export.h"

/* An answer's transcript as exported: "" unanswered, a note while it is made. */
/* base's length without a trailing slash ("" and NULL: 0). */
static int
base_len(const char *base)
{
	size_t	n = base != NULL ? strlen(base) : 0;

	while (n > 0 && base[n - 1] == '/')
		n--;
	return (int)n;
}

static const char *
transcript_of(const struct oneway_question *q)
{
	if (q->submitted == 0)
		return "";
	if (strcmp(oneway_transcript_label(q->transcript_state),
	    "transcribing") == 0)
		return "(being transcribed)";
	return q->transcript;
}


static void
md_ratings(struct buf *b, const struct oneway_question *q)
{
	size_t	 i;

	if (q->nratings == 0) {
		buf_puts(b, "Rating: none yet\n");
		return;
	}
	if (q->nratings == 1) {
		buf_printf(b, "Rating: %d/5", q->ratings[0].rating);
		export_md_review_tail(b, &q->ratings[0]);
		return;
	}
	buf_printf(b, "Ratings: average %s/5 of %zu reviewers\n\n",
	    oneway_rating_text(b->a, oneway_rating_avg(q)), q->nratings);
	for (i = 0; i < q->nratings; i++) {
		buf_printf(b, "- %d/5", q->ratings[i].rating);
		export_md_review_tail(b, &q->ratings[i]);
	}
}

/* A question's own times, under its heading. */
static void
md_times(struct buf *b, const struct oneway_question *q, int answer_s)
{
	if (q->prep_s > 0)
		buf_printf(b, "*%d s to prepare, at most %d s to answer.*\n\n",
		    q->prep_s, answer_s);
	else
		buf_printf(b, "*No time to prepare, at most %d s to answer.*"
		    "\n\n", answer_s);
}

void
export_oneway_markdown(struct buf *b, const struct export_data *d)
{
	const struct oneway_question	*q;
	size_t				 i;

	buf_printf(b, "\n## One-way interview\n\n");
	buf_printf(b, "- Answers: %s, at most %d s, %d attempt%s each\n",
	    d->ow->media, d->ow->answer_s, d->ow->max_attempts,
	    d->ow->max_attempts == 1 ? "" : "s");
	/* Unknown for one made before it was kept (sql/041). */
	if (d->ow->prep_s >= 0)
		buf_printf(b, "- Preparation: %d s before each answer, unless a"
		    " question has its own\n", d->ow->prep_s);
	export_md_recommendations(b, d->ow->recs, d->ow->nrecs);
	for (i = 0; i < d->nowq; i++) {
		q = &d->owq[i];
		buf_printf(b, "\n### Question %d\n\n", q->n);
		md_times(b, q, d->ow->answer_s);
		export_md_block(b, q->body);
		buf_putc(b, '\n');
		if (q->submitted == 0) {
			buf_printf(b, "*Not answered (%d take%s).*\n", q->takes,
			    q->takes == 1 ? "" : "s");
			continue;
		}
		/* A link that works from the file, not a path of the site. */
		buf_printf(b, "*Answer: take %d of %d, %s, %s long (%s s), %lld"
		    " bytes; %.*s/admin/interviews/%lld/answers/%d*\n\n",
		    q->submitted, q->takes, q->ctype,
		    recording_duration_text(b->a, q->duration_ms),
		    oneway_seconds_text(b->a, q->duration_ms),
		    q->bytes, base_len(d->base_url),
		    d->base_url != NULL ? d->base_url : "", d->iv->id, q->n);
		buf_puts(b, "Transcript:\n\n");
		export_md_block(b, transcript_of(q));
		buf_putc(b, '\n');
		md_ratings(b, q);
	}
}

static struct json_object *
jstr(const char *s)
{
	return json_object_new_string(s != NULL ? s : "");
}

/* The average: a whole number as one (4), else to two places (2.5). */
static struct json_object *
avg_json(const struct oneway_question *q)
{
	double	avg = oneway_rating_avg(q);

	if (q->nratings == 0)
		return NULL;
	if (avg == (double)(int)avg)
		return json_object_new_int((int)avg);
	return json_object_new_double(avg);
}

/* The submitted take's length, 72.4 (as measured at upload); null: none. */
static struct json_object *
seconds_json(struct arena *a, const struct oneway_question *q)
{
	const char	*s;

	if (q->submitted == 0)
		return NULL;
	s = oneway_seconds_text(a, q->duration_ms);
	/* As written, not 72.400000000000006. */
	return json_object_new_double_s((double)q->duration_ms / 1000, s);
}

struct json_object *
export_oneway_json(const struct export_data *d)
{
	const struct oneway_question	*q;
	struct json_object		*o = json_object_new_object();
	struct json_object		*arr = json_object_new_array(), *e;
	struct arena			*a = arena_new();
	size_t				 i;

	json_object_object_add(o, "media", jstr(d->ow->media));
	json_object_object_add(o, "answer_seconds",
	    json_object_new_int(d->ow->answer_s));
	/* null: made before the interview's own was kept (sql/041). */
	json_object_object_add(o, "prep_seconds", d->ow->prep_s >= 0 ?
	    json_object_new_int(d->ow->prep_s) : NULL);
	json_object_object_add(o, "max_attempts",
	    json_object_new_int(d->ow->max_attempts));
	json_object_object_add(o, "recommendation", jstr(
	    recommend_agreed(d->ow->recs, d->ow->nrecs)));
	json_object_object_add(o, "recommendation_notes",
	    jstr(export_notes_joined(a, d->ow->recs, d->ow->nrecs)));
	json_object_object_add(o, "recommended_by",
	    jstr(export_reviewers_joined(a, d->ow->recs, d->ow->nrecs)));
	json_object_object_add(o, "recommendations",
	    export_reviews_json(d->ow->recs, d->ow->nrecs));
	for (i = 0; i < d->nowq; i++) {
		q = &d->owq[i];
		e = json_object_new_object();
		json_object_object_add(e, "n", json_object_new_int(q->n));
		json_object_object_add(e, "question", jstr(q->body));
		/* The times this question had: its own preparation ("[45]"). */
		json_object_object_add(e, "prep_seconds",
		    json_object_new_int(q->prep_s));
		json_object_object_add(e, "answer_seconds",
		    json_object_new_int(d->ow->answer_s));
		json_object_object_add(e, "takes", json_object_new_int(q->takes));
		json_object_object_add(e, "submitted_attempt",
		    q->submitted > 0 ? json_object_new_int(q->submitted) : NULL);
		json_object_object_add(e, "content_type",
		    jstr(q->submitted > 0 ? q->ctype : ""));
		json_object_object_add(e, "bytes", json_object_new_int64(
		    q->submitted > 0 ? q->bytes : 0));
		json_object_object_add(e, "duration_seconds", seconds_json(a,
		    q));
		json_object_object_add(e, "transcript", jstr(transcript_of(q)));
		json_object_object_add(e, "transcript_status", jstr(
		    oneway_transcript_label(q->transcript_state)));
		json_object_object_add(e, "rating", avg_json(q));
		json_object_object_add(e, "rating_count",
		    json_object_new_int((int)q->nratings));
		json_object_object_add(e, "notes",
		    jstr(export_notes_joined(a, q->ratings, q->nratings)));
		json_object_object_add(e, "rated_by",
		    jstr(export_reviewers_joined(a, q->ratings, q->nratings)));
		json_object_object_add(e, "ratings",
		    export_reviews_json(q->ratings, q->nratings));
		json_object_array_add(arr, e);
	}
	json_object_object_add(o, "answers", arr);
	arena_free(a);
	return o;
}

/*
 * Added after the columns that were, which keep their places: the
 * interview's id and candidate on every row, as the adaptive CSV has them,
 * so several interviews' rows in one sheet still say whose answer each
 * is; then the question's times and the interview's preparation time
 * (empty for one made before it was kept, sql/041).
 */
static void
csv_times(struct buf *b, const struct export_data *d,
    const struct oneway_question *q)
{
	buf_printf(b, ",%lld,", d->iv->id);
	csv_cell(b, d->iv->candidate_name, CSV_FORMULA);
	buf_printf(b, ",%d,%d,", q->prep_s, d->ow->answer_s);
	if (d->ow->prep_s >= 0)
		buf_printf(b, "%d", d->ow->prep_s);
}

void
export_oneway_csv(struct buf *b, const struct export_data *d)
{
	const struct oneway_question	*q;
	const char			*agreed, *rec_notes, *recs;
	size_t				 i;

	agreed = recommend_agreed(d->ow->recs, d->ow->nrecs);
	rec_notes = export_notes_joined(b->a, d->ow->recs, d->ow->nrecs);
	recs = export_values_joined(b->a, d->ow->recs, d->ow->nrecs);
	/* The columns before per-reviewer scorecards first, in their places. */
	buf_puts(b, "n,question,takes,submitted_attempt,content_type,bytes,"
	    "transcript,rating,rated_by,notes,recommendation,"
	    "recommendation_notes,ratings,recommendations,duration_seconds,"
	    "interview_id,candidate_name,prep_seconds,answer_seconds,"
	    "interview_prep_seconds\r\n");
	for (i = 0; i < d->nowq; i++) {
		q = &d->owq[i];
		buf_printf(b, "%d,", q->n);
		csv_cell(b, q->body, CSV_FORMULA);
		buf_printf(b, ",%d,", q->takes);
		if (q->submitted > 0)
			buf_printf(b, "%d", q->submitted);
		buf_putc(b, ',');
		csv_cell(b, q->submitted > 0 ? q->ctype : "", CSV_FORMULA);
		buf_printf(b, ",%lld,", q->submitted > 0 ? q->bytes : 0);
		csv_cell(b, transcript_of(q), CSV_FORMULA);
		buf_putc(b, ',');
		if (q->nratings > 0)
			buf_puts(b, oneway_rating_text(b->a,
			    oneway_rating_avg(q)));
		buf_putc(b, ',');
		csv_cell(b, export_reviewers_joined(b->a, q->ratings,
		    q->nratings), CSV_FORMULA);
		buf_putc(b, ',');
		csv_cell(b, export_notes_joined(b->a, q->ratings,
		    q->nratings), CSV_FORMULA);
		buf_putc(b, ',');
		csv_cell(b, agreed, CSV_FORMULA);
		buf_putc(b, ',');
		csv_cell(b, rec_notes, CSV_FORMULA);
		buf_putc(b, ',');
		csv_cell(b, export_values_joined(b->a, q->ratings,
		    q->nratings), CSV_FORMULA);
		buf_putc(b, ',');
		csv_cell(b, recs, CSV_FORMULA);
		buf_putc(b, ',');
		if (q->submitted > 0)
			buf_puts(b, oneway_seconds_text(b->a, q->duration_ms));
		csv_times(b, d, q);
		buf_puts(b, "\r\n");
	}
}
