/*
 * export_oneway.c: the one-way interview's part of the exports: each
 * question with its submitted take (format, size, checksum-free), the
 * transcript, the interviewer's rating and notes, and the recommendation.
 * The recordings themselves stay on the server (encrypted); the exports
 * name them by URL.
 */
#include <json-c/json.h>
#include <string.h>

#include "core/oneway_transcript.h"
#include "export.h"

/* An answer's transcript as exported: "" unanswered, a note while it is made. */
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

void
export_oneway_markdown(struct buf *b, const struct export_data *d)
{
	const struct oneway_question	*q;
	size_t				 i;

	buf_printf(b, "\n## One-way interview\n\n");
	buf_printf(b, "- Answers: %s, at most %d s, %d attempt%s each\n",
	    d->ow->media, d->ow->answer_s, d->ow->max_attempts,
	    d->ow->max_attempts == 1 ? "" : "s");
	if (*d->ow->recommendation) {
		buf_printf(b, "- Recommendation: %s (by %s)%s",
		    oneway_recommendation_label(d->ow->recommendation),
		    d->ow->recommended_by,
		    *d->ow->recommendation_notes ? ": " : "");
		export_md_text(b, d->ow->recommendation_notes);
		buf_putc(b, '\n');
	} else
		buf_puts(b, "- Recommendation: none yet\n");
	for (i = 0; i < d->nowq; i++) {
		q = &d->owq[i];
		buf_printf(b, "\n### Question %d\n\n", q->n);
		export_md_block(b, q->body);
		buf_putc(b, '\n');
		if (q->submitted == 0) {
			buf_printf(b, "*Not answered (%d take%s).*\n", q->takes,
			    q->takes == 1 ? "" : "s");
			continue;
		}
		buf_printf(b, "*Answer: take %d of %d, %s, %lld"
		    " bytes; /admin/interviews/%lld/answers/%d*\n\n", q->submitted,
		    q->takes, q->ctype, q->bytes, d->iv->id, q->n);
		buf_puts(b, "Transcript:\n\n");
		export_md_block(b, transcript_of(q));
		buf_putc(b, '\n');
		if (q->rating > 0) {
			buf_printf(b, "Rating: %d/5 (by %s)%s", q->rating,
			    q->rated_by, *q->notes ? ": " : "");
			export_md_text(b, q->notes);
			buf_putc(b, '\n');
		} else
			buf_puts(b, "Rating: none yet\n");
	}
}

static struct json_object *
jstr(const char *s)
{
	return json_object_new_string(s != NULL ? s : "");
}

struct json_object *
export_oneway_json(const struct export_data *d)
{
	const struct oneway_question	*q;
	struct json_object		*o = json_object_new_object();
	struct json_object		*arr = json_object_new_array(), *e;
	size_t				 i;

	json_object_object_add(o, "media", jstr(d->ow->media));
	json_object_object_add(o, "answer_seconds",
	    json_object_new_int(d->ow->answer_s));
	json_object_object_add(o, "max_attempts",
	    json_object_new_int(d->ow->max_attempts));
	json_object_object_add(o, "recommendation",
	    jstr(d->ow->recommendation));
	json_object_object_add(o, "recommendation_notes",
	    jstr(d->ow->recommendation_notes));
	json_object_object_add(o, "recommended_by",
	    jstr(d->ow->recommended_by));
	for (i = 0; i < d->nowq; i++) {
		q = &d->owq[i];
		e = json_object_new_object();
		json_object_object_add(e, "n", json_object_new_int(q->n));
		json_object_object_add(e, "question", jstr(q->body));
		json_object_object_add(e, "takes", json_object_new_int(q->takes));
		json_object_object_add(e, "submitted_attempt",
		    q->submitted > 0 ? json_object_new_int(q->submitted) : NULL);
		json_object_object_add(e, "content_type",
		    jstr(q->submitted > 0 ? q->ctype : ""));
		json_object_object_add(e, "bytes", json_object_new_int64(
		    q->submitted > 0 ? q->bytes : 0));
		json_object_object_add(e, "transcript", jstr(transcript_of(q)));
		json_object_object_add(e, "transcript_status", jstr(
		    oneway_transcript_label(q->transcript_state)));
		json_object_object_add(e, "rating", q->rating > 0 ?
		    json_object_new_int(q->rating) : NULL);
		json_object_object_add(e, "notes", jstr(q->notes));
		json_object_object_add(e, "rated_by", jstr(q->rated_by));
		json_object_array_add(arr, e);
	}
	json_object_object_add(o, "answers", arr);
	return o;
}

void
export_oneway_csv(struct buf *b, const struct export_data *d)
{
	const struct oneway_question	*q;
	size_t				 i;

	buf_puts(b, "n,question,takes,submitted_attempt,content_type,bytes,"
	    "transcript,rating,rated_by,notes,recommendation,"
	    "recommendation_notes\r\n");
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
		if (q->rating > 0)
			buf_printf(b, "%d", q->rating);
		buf_putc(b, ',');
		csv_cell(b, q->rated_by, CSV_FORMULA);
		buf_putc(b, ',');
		csv_cell(b, q->notes, CSV_FORMULA);
		buf_putc(b, ',');
		csv_cell(b, d->ow->recommendation, CSV_FORMULA);
		buf_putc(b, ',');
		csv_cell(b, d->ow->recommendation_notes, CSV_FORMULA);
		buf_puts(b, "\r\n");
	}
}
