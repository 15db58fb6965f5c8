/*
 * export_adaptive.c: the adaptive interview's part of the exports: the
 * interviewer's report (the overall band and its basis, each key skill's
 * finding, every answer's score, quality and the evaluation's reasons, the
 * cost) with every question and its answer and stored evaluation.
 */
#include <json-c/json.h>
#include <string.h>

#include "analytics.h"
#include "export.h"

/* A question's evaluation as the report reads it (adaptive_eval_read). */
struct judged {
	int		 score;		/* whole percent, -1: not judged */
	const char	*verdict;	/* the report's word for it, or NULL */
	const char	*late;		/* "answered 32 s after ...", or NULL */
	const char	*quality;	/* "" when none */
	const char	*reasons;	/* "" when none */
	const char	*fallback;	/* the builtin scorer's line, or NULL */
};

static void
judge(struct arena *a, const struct adaptive_question *q, struct judged *j)
{
	double	c = adaptive_eval_read(a, q->evaluation, &j->quality,
		    &j->reasons);

	j->score = c >= 0 ? (int)(c * 100 + 0.5) : -1;
	j->verdict = c >= 0 ? adaptive_verdict(c) : NULL;
	j->late = adaptive_late_words(a, q);
	j->fallback = adaptive_fallback_words(a, q->evaluation);
}

/* One line of the report's skill boundaries. */
struct finding {
	const char		*skill;
	const char		*words;		/* "limit at advanced", ... */
	const struct boundary	*b;		/* NULL: no limit found */
	int			 best;		/* hardest level answered well, -1 */
};

/*
 * The report's skill boundaries in its page's words: each key skill's
 * finding, then any boundary the engine recorded in a skill outside them
 * (a bank question of another skill area was the nearest), which the
 * Markdown listed before and should not lose.  Returns how many, in *out
 * (from a); none before the engine started.
 */
static size_t
findings(struct arena *a, const struct export_data *d, struct finding **out)
{
	const struct engine_state	*s = &d->ad->state;
	const struct boundary		*b;
	struct finding			*f;
	size_t				 n = 0;
	int				 i, j;

	*out = f = arena_calloc(a, ENGINE_MAX_SKILLS * 2, sizeof(*f));
	if (!d->ad->started)
		return 0;
	for (i = 0; i < s->nskills; i++, n++) {
		f[n].skill = s->skills[i];
		f[n].b = adaptive_finding_told(a, s, i, d->qs, d->nqs,
		    &f[n].words, &f[n].best);
	}
	for (j = 0; j < s->nboundaries; j++) {
		b = &s->boundaries[j];
		for (i = 0; i < s->nskills; i++)
			if (strcmp(s->skills[i], b->skill) == 0)
				break;
		if (i < s->nskills)
			continue;
		f[n].skill = b->skill;
		f[n].b = b;
		f[n].words = adaptive_boundary_words(a, b);
		f[n].best = -1;
		n++;
	}
	return n;
}

/* The head of the Markdown's adaptive part: settings, cost, report. */
static void
markdown_report(struct buf *b, const struct export_data *d)
{
	struct finding			*f;
	const char			*band, *basis, *w;
	size_t				 i, n;

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
	    adaptive_source_words(d->iv, d->ad->question_source));
	buf_printf(b, "- Provider cost: %d tokens, %s (price table)\n",
	    d->iv->tokens_used, analytics_usd(b->a, d->iv->cost_micros));
	if ((w = adaptive_level_words(b->a, interview_running(d->iv), d->ad,
	    d->qs, d->nqs)) != NULL)
		buf_printf(b, "- Level: %s\n", w);
	if ((w = adaptive_builtin_caveat(b->a, d->qs, d->nqs)) != NULL)
		buf_printf(b, "- Scoring: %s\n", w);
	if ((w = adaptive_late_note(b->a, d->qs, d->nqs)) != NULL)
		buf_printf(b, "- Late: %s\n", w);
	/* Our own words and figures: nothing in them to escape. */
	if (adaptive_band(b->a, d->qs, d->nqs, &band, &basis))
		buf_printf(b, "- Overall: %s. %s\n", band, basis);
	n = findings(b->a, d, &f);
	for (i = 0; i < n; i++) {
		/* Named as the page names it; the JSON and CSV keep the key. */
		buf_puts(b, "- Boundary: ");
		export_md_text(b, adaptive_skill_label(b->a, f[i].skill));
		buf_printf(b, ": %s\n", f[i].words);
	}
}

void
export_adaptive_markdown(struct buf *b, const struct export_data *d)
{
	const struct adaptive_question	*q;
	struct judged			 j;
	enum level			 lv;
	size_t				 i;

	markdown_report(b, d);
	for (i = 0; i < d->nqs; i++) {
		q = &d->qs[i];
		buf_printf(b, "\n### Question %d (%s, ", q->n,
		    engine_level_parse(q->difficulty, &lv) == ST_OK ?
		    engine_level_word(lv) : q->difficulty);
		export_md_text(b, adaptive_skill_label(b->a, q->skill_area));
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
		judge(b->a, q, &j);
		if (j.late != NULL)
			buf_printf(b, "\n**Late:** %s; scored with the others.\n",
			    j.late);
		if (j.score >= 0) {
			buf_printf(b, "\n**Score:** %d%% (%s)\n", j.score,
			    j.verdict);
			buf_puts(b, "\n**Evaluation** (quality: ");
			export_md_text(b, j.quality);
			buf_putc(b, ')');
		}
		/* A model may have written these too: one escaped line. */
		if (j.score >= 0 && *j.reasons != '\0') {
			buf_puts(b, ": ");
			export_md_text(b, j.reasons);
		}
		if (j.score >= 0)
			buf_putc(b, '\n');
		if (j.fallback != NULL) {
			buf_puts(b, "\n");
			export_md_text(b, j.fallback);
			buf_putc(b, '\n');
		}
	}
}

/* The findings as the report's API gives them (adaptive_report_json). */
static struct json_object *
findings_json(struct arena *a, const struct export_data *d)
{
	struct json_object	*list = json_object_new_array(), *e;
	struct finding		*f;
	size_t			 i, n;

	n = findings(a, d, &f);
	for (i = 0; i < n; i++) {
		e = json_object_new_object();
		json_object_object_add(e, "skill",
		    json_object_new_string(f[i].skill));
		json_object_object_add(e, "finding",
		    json_object_new_string(f[i].words));
		json_object_object_add(e, "level", f[i].b != NULL &&
		    !f[i].b->above_expert ? json_object_new_string(
		    engine_level_name(f[i].b->level)) : NULL);
		json_object_object_add(e, "above_expert",
		    json_object_new_boolean(f[i].b != NULL &&
		    f[i].b->above_expert));
		json_object_object_add(e, "best_level", f[i].best >= 0 ?
		    json_object_new_string(engine_level_name(
		    (enum level)f[i].best)) : NULL);
		json_object_array_add(list, e);
	}
	return list;
}

/* The report's reading of each answer, null while not judged. */
static void
judged_json(struct arena *a, struct json_object *e,
    const struct adaptive_question *q)
{
	struct judged	 j;

	judge(a, q, &j);
	json_object_object_add(e, "score", j.score >= 0 ?
	    json_object_new_int(j.score) : NULL);
	json_object_object_add(e, "quality", j.score >= 0 ?
	    json_object_new_string(j.quality) : NULL);
	json_object_object_add(e, "reasons", j.score >= 0 ?
	    json_object_new_string(j.reasons) : NULL);
	json_object_object_add(e, "scorer_note", j.fallback != NULL ?
	    json_object_new_string(j.fallback) : NULL);
	json_object_object_add(e, "verdict", j.verdict != NULL ?
	    json_object_new_string(j.verdict) : NULL);
	json_object_object_add(e, "late", json_object_new_boolean(q->late));
	json_object_object_add(e, "late_seconds", q->late ?
	    json_object_new_int64(q->late_s) : NULL);
}

static struct json_object *
str_or_null(const char *s)
{
	return s != NULL ? json_object_new_string(s) : NULL;
}

/* The band, its basis, the findings and the cost in dollars: added keys. */
static void
report_json(struct arena *a, struct json_object *o,
    const struct export_data *d)
{
	const char	*band, *basis;
	int		 any, fell;

	json_object_object_add(o, "evaluator",
	    json_object_new_string(d->iv->model));
	json_object_object_add(o, "evaluator_note", json_object_new_string(
	    adaptive_evaluator_words(a, d->iv->model, d->qs, d->nqs, &fell)));
	json_object_object_add(o, "builtin_fallbacks", json_object_new_int(fell));
	json_object_object_add(o, "builtin_caveat", str_or_null(
	    adaptive_builtin_caveat(a, d->qs, d->nqs)));
	json_object_object_add(o, "late_note", str_or_null(
	    adaptive_late_note(a, d->qs, d->nqs)));
	json_object_object_add(o, "question_source_label",
	    json_object_new_string(adaptive_source_words(d->iv,
	    d->ad->question_source)));
	json_object_object_add(o, "level_words", str_or_null(
	    adaptive_level_words(a, interview_running(d->iv), d->ad, d->qs,
	    d->nqs)));
	/* null until an answer was judged, as the report's API. */
	any = adaptive_band(a, d->qs, d->nqs, &band, &basis);
	json_object_object_add(o, "band", any ?
	    json_object_new_string(band) : NULL);
	json_object_object_add(o, "band_basis", any ?
	    json_object_new_string(basis) : NULL);
	json_object_object_add(o, "boundaries", findings_json(a, d));
	json_object_object_add(o, "cost_usd", json_object_new_string(
	    analytics_usd(a, d->iv->cost_micros)));
}

/*
 * The keys but score, quality, reasons, scorer_note, verdict, late,
 * late_seconds, band, band_basis, boundaries, evaluator, evaluator_note,
 * builtin_fallbacks, builtin_caveat, late_note, question_source_label,
 * level_words and cost_usd were there first and API clients read them:
 * new ones are added, none renamed.
 */
struct json_object *
export_adaptive_json(const struct export_data *d)
{
	struct json_object	*o = json_object_new_object(), *arr, *e, *ev;
	const struct adaptive_question *q;
	/* The report's words on their way into json-c, which copies them. */
	struct arena		*a = arena_new();
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
		judged_json(a, e, q);
		json_object_array_add(arr, e);
	}
	json_object_object_add(o, "questions", arr);
	report_json(a, o, d);
	arena_free(a);
	return o;
}

/*
 * The findings in one cell, a line a skill ("testing: limit at advanced,
 * where ...; hardest level answered well: ..."): a finding has semicolons
 * of its own.
 */
static const char *
findings_cell(struct arena *a, const struct export_data *d)
{
	struct finding	*f;
	struct buf	 b;
	size_t		 i, n;

	buf_init(&b, a);
	n = findings(a, d, &f);
	for (i = 0; i < n; i++)
		buf_printf(&b, "%s%s: %s", i > 0 ? "\n" : "", f[i].skill,
		    f[i].words);
	return n > 0 ? b.p : "";
}

/*
 * The interview's columns, after the question's: the same on every row.
 * A spreadsheet user sorts and filters the rows, or pastes several
 * interviews' exports into one sheet, and each row then still says whose
 * answer it is and how the interview was judged; lines above the header
 * would break that and every reader that takes the first line as the
 * header.  They come last so that the question's columns keep the places
 * they had (as the list's kind, export_csv_interview_row).
 */
static void
csv_interview_cells(struct buf *b, const struct export_data *d,
    const char *band, const char *basis, const char *skills)
{
	buf_printf(b, ",%lld,", d->iv->id);
	csv_cell(b, d->iv->candidate_name, CSV_FORMULA);
	buf_putc(b, ',');
	csv_cell(b, band, CSV_FORMULA);
	buf_putc(b, ',');
	csv_cell(b, basis, CSV_FORMULA);
	buf_putc(b, ',');
	csv_cell(b, skills, CSV_FORMULA);
}

void
export_adaptive_csv(struct buf *b, const struct export_data *d)
{
	const struct adaptive_question	*q;
	const char			*band = "", *basis = "", *skills;
	const char			*evaluator, *caveat;
	struct judged			 j;
	size_t				 i;

	(void)adaptive_band(b->a, d->qs, d->nqs, &band, &basis);
	skills = findings_cell(b->a, d);
	/* As the report's header: the model, and how often it failed. */
	evaluator = adaptive_evaluator_words(b->a, d->iv->model, d->qs, d->nqs,
	    NULL);
	if ((caveat = adaptive_builtin_caveat(b->a, d->qs, d->nqs)) == NULL)
		caveat = "";
	buf_puts(b, "n,difficulty,skill_area,category,question,answer,score,"
	    "quality,source,tokens,cost_usd,reasons,interview_id,"
	    "candidate_name,band,band_basis,boundaries,scorer_note,"
	    "evaluator,late,verdict,scoring_caveat,recommendation,"
	    "recommendation_notes,recommendations\r\n");
	for (i = 0; i < d->nqs; i++) {
		q = &d->qs[i];
		judge(b->a, q, &j);
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
		if (j.score >= 0)
			buf_printf(b, "%d", j.score);
		buf_putc(b, ',');
		csv_cell(b, j.quality, CSV_FORMULA);
		buf_putc(b, ',');
		csv_cell(b, q->source, CSV_FORMULA);
		/* Plain dollars, no sign: a spreadsheet sums the column. */
		buf_printf(b, ",%d,%lld.%06lld,", q->tokens,
		    q->cost_micros / 1000000, q->cost_micros % 1000000);
		/* After the cost, not beside the score: see above. */
		csv_cell(b, j.reasons, CSV_FORMULA);
		csv_interview_cells(b, d, band, basis, skills);
		/* Added later, so after the interview's: the old keep places. */
		buf_putc(b, ',');
		csv_cell(b, j.fallback != NULL ? j.fallback : "", CSV_FORMULA);
		buf_putc(b, ',');
		csv_cell(b, evaluator, CSV_FORMULA);
		/* Empty when on time: a filter on the column finds the late. */
		buf_putc(b, ',');
		csv_cell(b, j.late != NULL ? j.late : "", CSV_FORMULA);
		buf_putc(b, ',');
		csv_cell(b, j.verdict != NULL ? j.verdict : "", CSV_FORMULA);
		buf_putc(b, ',');
		csv_cell(b, caveat, CSV_FORMULA);
		export_csv_recommendation_cells(b, d);
		buf_puts(b, "\r\n");
	}
}
