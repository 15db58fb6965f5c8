/*
 * export_adaptive.c: the adaptive interview's part of the exports: the
 * engine's findings and every question with its answer and evaluation.
 */
#include <json-c/json.h>
#include <string.h>

#include "analytics.h"
#include "export.h"

/* The stored evaluation's composite as a whole percent, -1 if none. */
static int
score_pct(const char *evaluation, const char **quality, struct arena *a)
{
	struct json_object	*o, *v;
	int			 pct = -1;

	*quality = "";
	if (evaluation == NULL || (o = json_tokener_parse(evaluation)) == NULL)
		return -1;
	if (json_object_object_get_ex(o, "composite", &v))
		pct = (int)(json_object_get_double(v) * 100 + 0.5);
	if (json_object_object_get_ex(o, "quality", &v))
		*quality = arena_strdup(a, json_object_get_string(v));
	json_object_put(o);
	return pct;
}

void
export_adaptive_markdown(struct buf *b, const struct export_data *d)
{
	const struct adaptive_question	*q;
	const struct engine_state	*s = &d->ad->state;
	const char			*quality;
	enum level			 lv;
	size_t				 i;
	int				 j, pct;

	buf_puts(b, "\n## Adaptive interview: ");
	export_md_text(b, d->ad->role_name);
	buf_puts(b, "\n\n");
	if (d->ad->min_questions == d->ad->max_questions)
		buf_printf(b, "- Questions: %zu asked of %d%s\n", d->nqs,
		    d->ad->max_questions, d->ad->practice ? " (practice)" : "");
	else
		buf_printf(b, "- Questions: %zu asked of %d to %d%s\n", d->nqs,
		    d->ad->min_questions, d->ad->max_questions,
		    d->ad->practice ? " (practice)" : "");
	buf_printf(b, "- Questions from: %s\n",
	    adaptive_source_label(d->ad->question_source));
	buf_printf(b, "- Provider cost: %d tokens, %s (price table)\n",
	    d->iv->tokens_used, analytics_usd(b->a, d->iv->cost_micros));
	if (d->ad->started)
		buf_printf(b, "- Level now: %s\n", engine_level_word(s->level));
	for (j = 0; d->ad->started && j < s->nboundaries; j++)
	{
		buf_puts(b, "- Boundary: ");
		export_md_text(b, s->boundaries[j].skill);
		buf_printf(b, " %s %s\n", s->boundaries[j].above_expert ?
		    "above" : "at", engine_level_word(s->boundaries[j].level));
	}
	for (i = 0; i < d->nqs; i++) {
		q = &d->qs[i];
		buf_printf(b, "\n### Question %d (%s, ", q->n,
		    engine_level_parse(q->difficulty, &lv) == ST_OK ?
		    engine_level_word(lv) : q->difficulty);
		export_md_text(b, q->skill_area);
		buf_puts(b, ")\n\n");
		buf_printf(b, "*Source: %s", adaptive_source_label(q->source));
		if (q->parent_n > 0)
			buf_printf(b, " to question %d", q->parent_n);
		if (q->tokens > 0)
			buf_printf(b, "; %d tokens, %s", q->tokens,
			    analytics_usd(b->a, q->cost_micros));
		buf_puts(b, "*\n\n");
		if (*q->note != '\0') {
			buf_puts(b, "> ");
			export_md_text(b, q->note);
			buf_puts(b, "\n\n");
		}
		/* A model may have written it: verbatim, as the answer. */
		export_md_block(b, q->body_md);
		buf_puts(b, "\n**Answer:**");
		if (q->answer != NULL) {
			buf_puts(b, "\n\n");
			export_md_block(b, q->answer);
		} else
			buf_puts(b, " (not answered)\n");
		if ((pct = score_pct(q->evaluation, &quality, b->a)) >= 0)
			buf_printf(b, "\n**Score:** %d%% (%s)\n", pct, quality);
	}
}

struct json_object *
export_adaptive_json(const struct export_data *d)
{
	struct json_object	*o = json_object_new_object(), *arr, *e, *ev;
	const struct adaptive_question *q;
	size_t			 i;

	json_object_object_add(o, "role", json_object_new_string(d->ad->role));
	json_object_object_add(o, "min_questions",
	    json_object_new_int(d->ad->min_questions));
	json_object_object_add(o, "max_questions",
	    json_object_new_int(d->ad->max_questions));
	json_object_object_add(o, "practice",
	    json_object_new_boolean(d->ad->practice));
	json_object_object_add(o, "question_source",
	    json_object_new_string(d->ad->question_source));
	json_object_object_add(o, "tokens_used",
	    json_object_new_int(d->iv->tokens_used));
	json_object_object_add(o, "cost_micros",
	    json_object_new_int64(d->iv->cost_micros));
	json_object_object_add(o, "state", d->ad->started ?
	    engine_to_json(&d->ad->state) : NULL);
	arr = json_object_new_array();
	for (i = 0; i < d->nqs; i++) {
		q = &d->qs[i];
		e = json_object_new_object();
		json_object_object_add(e, "n", json_object_new_int(q->n));
		json_object_object_add(e, "difficulty",
		    json_object_new_string(q->difficulty));
		json_object_object_add(e, "skill_area",
		    json_object_new_string(q->skill_area));
		json_object_object_add(e, "category",
		    json_object_new_string(q->category));
		json_object_object_add(e, "question",
		    json_object_new_string(q->body_md));
		json_object_object_add(e, "note", json_object_new_string(q->note));
		json_object_object_add(e, "source",
		    json_object_new_string(q->source));
		json_object_object_add(e, "parent_n", q->parent_n > 0 ?
		    json_object_new_int(q->parent_n) : NULL);
		json_object_object_add(e, "tokens",
		    json_object_new_int(q->tokens));
		json_object_object_add(e, "cost_micros",
		    json_object_new_int64(q->cost_micros));
		json_object_object_add(e, "answer", q->answer != NULL ?
		    json_object_new_string(q->answer) : NULL);
		ev = q->evaluation != NULL ? json_tokener_parse(q->evaluation) :
		    NULL;
		json_object_object_add(e, "evaluation", ev);
		json_object_array_add(arr, e);
	}
	json_object_object_add(o, "questions", arr);
	return o;
}

void
export_adaptive_csv(struct buf *b, const struct export_data *d)
{
	const struct adaptive_question	*q;
	const char			*quality;
	size_t				 i;
	int				 pct;

	buf_puts(b, "n,difficulty,skill_area,category,question,answer,score,"
	    "quality,source,tokens,cost_usd\r\n");
	for (i = 0; i < d->nqs; i++) {
		q = &d->qs[i];
		buf_printf(b, "%d,", q->n);
		csv_cell(b, q->difficulty, CSV_FORMULA);
		buf_putc(b, ',');
		csv_cell(b, q->skill_area, CSV_FORMULA);
		buf_putc(b, ',');
		csv_cell(b, q->category, CSV_FORMULA);
		buf_putc(b, ',');
		csv_cell(b, q->body_md, CSV_FORMULA);
		buf_putc(b, ',');
		csv_cell(b, q->answer != NULL ? q->answer : "", CSV_FORMULA);
		buf_putc(b, ',');
		if ((pct = score_pct(q->evaluation, &quality, b->a)) >= 0)
			buf_printf(b, "%d", pct);
		buf_putc(b, ',');
		csv_cell(b, quality, CSV_FORMULA);
		buf_putc(b, ',');
		csv_cell(b, q->source, CSV_FORMULA);
		/* Plain dollars, no sign: a spreadsheet sums the column. */
		buf_printf(b, ",%d,%lld.%06lld\r\n", q->tokens,
		    q->cost_micros / 1000000, q->cost_micros % 1000000);
	}
}
