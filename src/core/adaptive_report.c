/*
 * adaptive_report.c: what the interviewer's report says about an adaptive
 * interview, in one place for the page and the JSON API: each answer's
 * stored evaluation read back, the overall band and its basis, each key
 * skill's finding, and the whole report as JSON.
 */
#include <json-c/json.h>
#include <string.h>

#include "adaptive.h"
#include "analytics.h"

double
adaptive_eval_read(struct arena *a, const char *json, const char **quality,
    const char **reasons)
{
	struct json_object	*o, *v;
	double			 c = 0;

	*quality = *reasons = "";
	if (json == NULL || (o = json_tokener_parse(json)) == NULL)
		return -1;
	if (json_object_object_get_ex(o, "composite", &v))
		c = json_object_get_double(v);
	if (json_object_object_get_ex(o, "quality", &v))
		*quality = arena_strdup(a, json_object_get_string(v));
	if (json_object_object_get_ex(o, "reasons", &v))
		*reasons = arena_strdup(a, json_object_get_string(v));
	json_object_put(o);
	return c;
}

const char *
adaptive_eval_fallback(struct arena *a, const char *json)
{
	struct json_object	*o, *v;
	const char		*why = NULL;

	if (json == NULL || (o = json_tokener_parse(json)) == NULL)
		return NULL;
	/* The scorer stores it only when it stood in for the model. */
	if (json_object_object_get_ex(o, "fallback", &v) &&
	    json_object_is_type(v, json_type_string) &&
	    json_object_get_string_len(v) > 0)
		why = arena_strdup(a, json_object_get_string(v));
	json_object_put(o);
	return why;
}

const char *
adaptive_fallback_words(struct arena *a, const char *json)
{
	const char	*why = adaptive_eval_fallback(a, json);

	return why == NULL ? NULL : arena_printf(a, "Scored by the built-in"
	    " rubric scorer: the model's evaluation failed (%s).", why);
}

/*
 * The evaluator's name alone said "gpt-4o-mini" over answers the model
 * never judged: its evaluation failed and the rubric scorer decided, which
 * only the API's evaluation.scorer told (2026-12-07).
 */
const char *
adaptive_evaluator_words(struct arena *a, const char *model,
    const struct adaptive_question *q, size_t n, int *fallbacks)
{
	size_t	 i;
	int	 judged = 0, fell = 0;

	for (i = 0; i < n; i++) {
		if (q[i].evaluation == NULL)
			continue;
		judged++;
		fell += adaptive_eval_fallback(a, q[i].evaluation) != NULL;
	}
	if (fallbacks != NULL)
		*fallbacks = fell;
	if (fell == 0)
		return model;
	return arena_printf(a, "%s; %d of %d %s scored by the built-in scorer"
	    " after the model failed", model, fell, judged, judged == 1 ?
	    "answer" : "answers");
}

static const char *const bands[LV__MAX] = {
	"Beginner",	/* LV_WARMUP */
	"Junior",	/* LV_FUNDAMENTAL */
	"Mid-level",	/* LV_INTERMEDIATE */
	"Senior",	/* LV_ADVANCED */
	"Expert",	/* LV_EXPERT */
};

#define GOOD_SCORE	0.6	/* an answer this good shows its level */
#define FAILED_SCORE	0.5	/* below this it failed (the engine goes down) */

/*
 * The card said "score 62% (fair)": fair was the evaluation's quality
 * label, one tenth of the score, while the report called 60% or more
 * answered well (2026-12-07).
 */
const char *
adaptive_verdict(double c)
{
	if (c >= GOOD_SCORE)
		return "answered well";
	return c >= FAILED_SCORE ? "answered partly" : "failed";
}

int
adaptive_eval_builtin(const char *json)
{
	struct json_object	*o, *v;
	int			 yes = 0;

	if (json == NULL || (o = json_tokener_parse(json)) == NULL)
		return 0;
	yes = json_object_object_get_ex(o, "scorer", &v) &&
	    strcmp(json_object_get_string(v), "builtin") == 0;
	json_object_put(o);
	return yes;
}

/*
 * A generic buzzword paragraph, the same for every question, scored 96%
 * "excellent" and made a band with no word of caution (a tester's round).
 */
const char *
adaptive_builtin_caveat(struct arena *a, const struct adaptive_question *q,
    size_t n)
{
	size_t	 i;
	int	 judged = 0, builtin = 0;

	for (i = 0; i < n; i++) {
		if (q[i].evaluation == NULL)
			continue;
		judged++;
		builtin += adaptive_eval_builtin(q[i].evaluation);
	}
	if (builtin == 0)
		return NULL;
	return arena_printf(a, "%s scored by the built-in scorer, which"
	    " matches the rubric's key phrases and looks at the answer's"
	    " structure (length, sentences, examples, reasons). It cannot tell"
	    " whether an answer is right, nor whether an example is real: a"
	    " paragraph of the right terms can score high. Read the answers"
	    " before relying on %s and the band.", builtin == judged ?
	    (judged == 1 ? "The answer was" : arena_printf(a, "All %d answers"
	    " were", judged)) : arena_printf(a, "%d of %d answers %s", builtin,
	    judged, builtin == 1 ? "was" : "were"), builtin == 1 ?
	    "its score" : "their scores");
}

const char *
adaptive_late_words(struct arena *a, const struct adaptive_question *q)
{
	if (!q->late)
		return NULL;
	return arena_printf(a, "answered %lld s after the time ran out",
	    q->late_s);
}

const char *
adaptive_late_note(struct arena *a, const struct adaptive_question *q,
    size_t n)
{
	const char	*list = NULL, *one = NULL;
	size_t		 i;
	int		 k = 0;

	for (i = 0; i < n; i++) {
		if (!q[i].late)
			continue;
		one = adaptive_late_words(a, &q[i]);
		list = list == NULL ? arena_printf(a, "%d", q[i].n) :
		    arena_printf(a, "%s, %d", list, q[i].n);
		k++;
	}
	if (k == 0)
		return NULL;
	if (k == 1)
		return arena_printf(a, "Question %s was %s, within the grace"
		    " the candidate is given: it is scored with the others,"
		    " counts in the band and the average, and is marked late.",
		    list, one);
	return arena_printf(a, "Questions %s were answered after the time ran"
	    " out, within the grace the candidate is given: they are scored"
	    " with the others, count in the band and the average, and are"
	    " marked late.", list);
}

const char *
adaptive_level_words(struct arena *a, int running, const struct adaptive *ad,
    const struct adaptive_question *q, size_t n)
{
	enum level	 last;

	if (!ad->started)
		return NULL;
	if (running)
		return arena_printf(a, "now at %s",
		    engine_level_word(ad->state.level));
	/*
	 * Ended, the engine's level is where its last answer sent it: after
	 * two warm-ups always fundamental, and "ended at fundamental" read as
	 * if a fundamental question had been asked.
	 */
	if (n == 0 || engine_level_parse(q[n - 1].difficulty, &last) != ST_OK)
		return arena_printf(a, "the next question would have been at"
		    " %s", engine_level_word(ad->state.level));
	if (last == ad->state.level)
		return arena_printf(a, "last question at %s",
		    engine_level_word(last));
	return arena_printf(a, "last question at %s; the next would have been"
	    " at %s", engine_level_word(last),
	    engine_level_word(ad->state.level));
}

/* What the answers say about the levels, for the band and its basis. */
struct evidence {
	int	 good[LV__MAX];		/* answered well at each level */
	int	 failed[LV__MAX];	/* failed at each level */
	int	 best_n;		/* the hardest question answered well */
	int	 best;			/* its level, -1: none */
	int	 answered;		/* judged answers, all of them */
	int	 aside;			/* behavioural ones among them */
	int	 aside_good;		/* answered well */
	double	 sum;			/* of every judged answer's score */
	int	 run, run_from, run_to;	/* the failed answers at the end */
};

static int
is_behavioral(const struct adaptive_question *q)
{
	return q->category != NULL && strcmp(q->category, "behavioral") == 0;
}

/*
 * Reads every judged answer.  A behavioural question counts in the
 * average, not in the levels: it is scored for its STAR parts, and the
 * engine keeps it out of the difficulty too.
 */
static void
evidence_read(struct arena *a, const struct adaptive_question *q, size_t n,
    struct evidence *e)
{
	const char	*quality, *reasons;
	enum level	 lv;
	double		 c;
	size_t		 i;

	memset(e, 0, sizeof(*e));
	e->best = -1;
	for (i = 0; i < n; i++) {
		if ((c = adaptive_eval_read(a, q[i].evaluation, &quality,
		    &reasons)) < 0)
			continue;
		e->answered++;
		e->sum += c;
		if (c < FAILED_SCORE) {
			if (e->run++ == 0)
				e->run_from = q[i].n;
			e->run_to = q[i].n;
		} else
			e->run = 0;
		if (is_behavioral(&q[i])) {
			e->aside++;
			e->aside_good += c >= GOOD_SCORE;
			continue;
		}
		if (engine_level_parse(q[i].difficulty, &lv) != ST_OK)
			continue;
		if (c >= GOOD_SCORE) {
			e->good[lv]++;
			if ((int)lv > e->best) {
				e->best = (int)lv;
				e->best_n = q[i].n;
			}
		} else if (c < FAILED_SCORE)
			e->failed[lv]++;
	}
}

/* Answered well at lv or a harder level. */
static int
good_from(const struct evidence *e, int lv)
{
	int	 i, k = 0;

	for (i = lv; i < LV__MAX; i++)
		k += e->good[i];
	return k;
}

/* Failed at lv or an easier level. */
static int
failed_upto(const struct evidence *e, int lv)
{
	int	 i, k = 0;

	for (i = 0; i <= lv; i++)
		k += e->failed[i];
	return k;
}

/*
 * The hardest level the answers support, or -1.  A good answer at a
 * level speaks for it and every easier one; a failed answer speaks
 * against it and every harder one; a level is supported when more speak
 * for it than against it.  (2026-12-07: the band was the hardest level
 * with one good answer, so a candidate who answered one expert question
 * well and then failed the next 4, two of them at expert, read "Expert".)
 * This is how an interviewer weighs it: one strong answer does not make
 * a level that more answers at it or below it failed, nor does one slip
 * undo a level that several good answers above it showed.  As many
 * against as for is not support: the evidence is split.  Fair answers
 * (50-59%) speak for neither.
 */
static int
supported(const struct evidence *e)
{
	int	 lv;

	for (lv = LV__MAX - 1; lv >= 0; lv--)
		if (good_from(e, lv) > failed_upto(e, lv))
			return lv;
	return -1;
}

/* "1 answered well (60% or more) at intermediate or harder, ...". */
static const char *
weighed(struct arena *a, const struct evidence *e, int lv, int first)
{
	const char	*w = engine_level_word((enum level)lv);

	return arena_printf(a, "%d answered well%s at %s or harder, %d failed%s"
	    " at %s or easier", good_from(e, lv), first ? " (60% or more)" : "",
	    w, failed_upto(e, lv), first ? " (under 50%)" : "", w);
}

/* The basis after the band's own reason: the run at the end, the average. */
static const char *
basis_end(struct arena *a, const struct evidence *e, const char *s)
{
	int	 avg = (int)(e->sum * 100 / e->answered + 0.5);

	/* A run of failures after better answers: the end is news too. */
	if (e->run >= 2 && e->run < e->answered)
		s = arena_printf(a, "%s The last %d answers failed (questions %d"
		    " %s %d).", s, e->run, e->run_from, e->run == 2 ? "and" :
		    "to", e->run_to);
	s = arena_printf(a, "%s Average score %d%% over %d answered"
	    " question%s", s, avg, e->answered, e->answered == 1 ? "" : "s");
	return arena_printf(a, "%s%s.", s, e->aside == 0 ? "" : e->aside == 1 ?
	    "; the behavioural question counts in the average, not in the"
	    " levels" : "; the behavioural questions count in the average,"
	    " not in the levels");
}

int
adaptive_avg_score(struct arena *a, const struct adaptive_question *q,
    size_t n)
{
	struct evidence	 e;

	evidence_read(a, q, n, &e);
	if (e.answered == 0)
		return -1;
	return (int)(e.sum * 100 / e.answered + 0.5);
}

/*
 * The band is the hardest level the answers support (supported() above);
 * the basis spells out the answers for and against it and the next level
 * up, the hardest level answered well, a run of failed answers at the end
 * and the average.  "Not enough evidence" when no level is supported.
 */
int
adaptive_band(struct arena *a, const struct adaptive_question *q, size_t n,
    const char **band, const char **basis)
{
	struct evidence	 e;
	const char	*s;
	int		 lv;

	evidence_read(a, q, n, &e);
	if (e.answered == 0)
		return 0;
	if ((lv = supported(&e)) < 0) {
		*band = "Not enough evidence";
		s = e.best < 0 ? (e.aside_good > 0 ? "No answer scored 60% or"
		    " more but to the behavioural question, which has no level." :
		    "No answer scored 60% or more.") : arena_printf(a, "No level"
		    " is supported: %s.", weighed(a, &e, LV_WARMUP, 1));
		*basis = basis_end(a, &e, s);
		return 1;
	}
	*band = bands[lv];
	s = arena_printf(a, "The hardest level the answers support is %s: %s.",
	    engine_level_word((enum level)lv), weighed(a, &e, lv, 1));
	if (lv + 1 < LV__MAX && good_from(&e, lv + 1) > 0)
		s = arena_printf(a, "%s Not %s: %s.", s, engine_level_word(
		    (enum level)(lv + 1)), weighed(a, &e, lv + 1, 0));
	if (e.best > lv)
		s = arena_printf(a, "%s The hardest level answered well was %s"
		    " (question %d).", s, engine_level_word((enum level)e.best),
		    e.best_n);
	*basis = basis_end(a, &e, s);
	return 1;
}

const char *
adaptive_skill_label(struct arena *a, const char *key)
{
	char	*s = arena_strdup(a, key), *p;

	for (p = s; *p != '\0'; p++)
		if (*p == '_')
			*p = ' ';
	return s;
}

const char *
adaptive_boundary_words(struct arena *a, const struct boundary *b)
{
	if (b->above_expert)
		return "strong even at expert: no limit found";
	/* "limit at expert" alone read as praise: it is where they failed. */
	return arena_printf(a, "limit at %s, where the candidate struggled",
	    engine_level_word(b->level));
}

/* The words of a boundary or mark alone, or of no boundary. */
static const char *
finding_words(struct arena *a, const struct engine_state *s, int i,
    const struct boundary *b)
{
	if (b == NULL)
		return s->explored[i] ? "explored, no limit found yet" :
		    "not reached";
	return adaptive_boundary_words(a, b);
}

const struct boundary *
adaptive_finding(struct arena *a, const struct engine_state *s, int i,
    const char **finding)
{
	const struct boundary	*b = NULL;
	int			 j;

	for (j = 0; j < s->nboundaries && b == NULL; j++)
		if (strcmp(s->boundaries[j].skill, s->skills[i]) == 0)
			b = &s->boundaries[j];
	*finding = finding_words(a, s, i, b);
	return b;
}

/* The level named lv_name, -1 when it names none. */
static int
level_of(const char *lv_name)
{
	enum level	 lv;

	return lv_name != NULL && engine_level_parse(lv_name, &lv) == ST_OK ?
	    (int)lv : -1;
}

/* One answer in a skill, as the finding names it. */
struct answer_ref {
	int	 i;	/* index in q, -1: none */
	int	 level;
	double	 score;
};

/*
 * In skill, the hardest question answered well (*best) and, at the
 * engine's level lv (the level it asked at: a bank without that level
 * gave a question of the nearest one), the lowest-scored answer, the
 * later one of equals, as the boundary came from the later (*low).
 */
static void
skill_answers(struct arena *a, const struct adaptive_question *q, size_t n,
    const char *skill, int lv, struct answer_ref *best, struct answer_ref *low)
{
	const char	*quality, *reasons;
	double		 c;
	size_t		 i;
	int		 d, w;

	memset(best, 0, sizeof(*best));
	memset(low, 0, sizeof(*low));
	best->i = low->i = best->level = -1;
	for (i = 0; i < n; i++) {
		if (q[i].skill_area == NULL ||
		    strcmp(q[i].skill_area, skill) != 0 ||
		    (c = adaptive_eval_read(a, q[i].evaluation, &quality,
		    &reasons)) < 0)
			continue;
		d = level_of(q[i].difficulty);
		if (c >= GOOD_SCORE && d > best->level) {
			best->i = (int)i;
			best->level = d;
			best->score = c;
		}
		if ((w = level_of(q[i].wanted_level)) < 0)
			w = d;
		if (lv >= 0 && w == lv && (low->i < 0 || c <= low->score)) {
			low->i = (int)i;
			low->level = w;
			low->score = c;
		}
	}
}

const struct boundary *
adaptive_finding_told(struct arena *a, const struct engine_state *s, int i,
    const struct adaptive_question *q, size_t n, const char **finding,
    int *best_level)
{
	const struct boundary	*b = adaptive_finding(a, s, i, finding);
	struct answer_ref	 best, low;
	int			 limit = b != NULL && !b->above_expert ?
				    (int)b->level : -1;

	*best_level = -1;
	if (!s->explored[i] && b == NULL)
		return NULL;
	skill_answers(a, q, n, s->skills[i], limit, &best, &low);
	if (limit >= 0 && low.i >= 0)
		*finding = arena_printf(a, "%s (question %d, %d%%)", *finding,
		    q[low.i].n, (int)(low.score * 100 + 0.5));
	if (best.i < 0) {
		*finding = arena_printf(a, "%s; no answer in this skill scored"
		    " 60%% or more", *finding);
		return b;
	}
	*best_level = best.level;
	*finding = arena_printf(a, "%s; hardest level answered well: %s"
	    " (question %d, %d%%)%s", *finding, engine_level_word(
	    (enum level)best.level), q[best.i].n, (int)(best.score * 100 + 0.5),
	    limit >= 0 && best.level > limit ? ", above the limit" : "");
	return b;
}

static struct json_object *
str_or_null(const char *s)
{
	return s != NULL ? json_object_new_string(s) : NULL;
}

static struct json_object *
boundaries_json(struct arena *a, const struct adaptive *ad,
    const struct adaptive_question *q, size_t n)
{
	struct json_object	*list = json_object_new_array(), *e;
	const struct boundary	*b;
	const char		*finding;
	int			 i, best;

	for (i = 0; ad->started && i < ad->state.nskills; i++) {
		b = adaptive_finding_told(a, &ad->state, i, q, n, &finding,
		    &best);
		e = json_object_new_object();
		json_object_object_add(e, "skill",
		    json_object_new_string(ad->state.skills[i]));
		json_object_object_add(e, "finding",
		    json_object_new_string(finding));
		json_object_object_add(e, "level", b != NULL && !b->above_expert ?
		    json_object_new_string(engine_level_name(b->level)) : NULL);
		json_object_object_add(e, "above_expert",
		    json_object_new_boolean(b != NULL && b->above_expert));
		json_object_object_add(e, "best_level", best >= 0 ?
		    json_object_new_string(engine_level_name((enum level)best)) :
		    NULL);
		json_object_array_add(list, e);
	}
	return list;
}

static struct json_object *
question_json(struct arena *a, const struct adaptive_question *q)
{
	struct json_object	*e = json_object_new_object();
	const char		*quality, *reasons;
	double			 c;

	c = adaptive_eval_read(a, q->evaluation, &quality, &reasons);
	json_object_object_add(e, "n", json_object_new_int(q->n));
	json_object_object_add(e, "difficulty", str_or_null(q->difficulty));
	json_object_object_add(e, "skill_area", str_or_null(q->skill_area));
	json_object_object_add(e, "category", str_or_null(q->category));
	json_object_object_add(e, "source", str_or_null(q->source));
	json_object_object_add(e, "parent_n", q->parent_n > 0 ?
	    json_object_new_int(q->parent_n) : NULL);
	json_object_object_add(e, "note", str_or_null(q->note));
	json_object_object_add(e, "question", str_or_null(q->body_md));
	json_object_object_add(e, "answer", str_or_null(q->answer));
	json_object_object_add(e, "score", c >= 0 ?
	    json_object_new_int((int)(c * 100 + 0.5)) : NULL);
	json_object_object_add(e, "quality", c >= 0 ?
	    json_object_new_string(quality) : NULL);
	json_object_object_add(e, "reasons", c >= 0 ?
	    json_object_new_string(reasons) : NULL);
	json_object_object_add(e, "evaluation", q->evaluation != NULL ?
	    json_tokener_parse(q->evaluation) : NULL);
	json_object_object_add(e, "scorer_note", str_or_null(
	    adaptive_fallback_words(a, q->evaluation)));
	json_object_object_add(e, "verdict", c >= 0 ?
	    json_object_new_string(adaptive_verdict(c)) : NULL);
	json_object_object_add(e, "late", json_object_new_boolean(q->late));
	json_object_object_add(e, "late_seconds", q->late ?
	    json_object_new_int64(q->late_s) : NULL);
	json_object_object_add(e, "tokens", json_object_new_int(q->tokens));
	json_object_object_add(e, "cost_micros",
	    json_object_new_int64(q->cost_micros));
	return e;
}

struct json_object *
adaptive_report_json(struct arena *a, const struct interview *iv,
    const struct adaptive *ad, const struct adaptive_question *q, size_t n)
{
	struct json_object	*o = json_object_new_object(), *list;
	const char		*band, *basis;
	size_t			 i;
	int			 fell;

	json_object_object_add(o, "interview_id", json_object_new_int64(iv->id));
	json_object_object_add(o, "status", json_object_new_string(iv->status));
	json_object_object_add(o, "role", json_object_new_string(ad->role));
	json_object_object_add(o, "role_name",
	    json_object_new_string(ad->role_name));
	json_object_object_add(o, "question_source",
	    json_object_new_string(ad->question_source));
	json_object_object_add(o, "evaluator", json_object_new_string(iv->model));
	json_object_object_add(o, "evaluator_note", json_object_new_string(
	    adaptive_evaluator_words(a, iv->model, q, n, &fell)));
	json_object_object_add(o, "builtin_fallbacks", json_object_new_int(fell));
	json_object_object_add(o, "builtin_caveat", str_or_null(
	    adaptive_builtin_caveat(a, q, n)));
	json_object_object_add(o, "late_note", str_or_null(
	    adaptive_late_note(a, q, n)));
	json_object_object_add(o, "question_source_label",
	    json_object_new_string(adaptive_source_words(iv,
	    ad->question_source)));
	json_object_object_add(o, "level_words", str_or_null(
	    adaptive_level_words(a, interview_running(iv), ad, q, n)));
	json_object_object_add(o, "practice",
	    json_object_new_boolean(ad->practice));
	json_object_object_add(o, "min_questions",
	    json_object_new_int(ad->min_questions));
	json_object_object_add(o, "max_questions",
	    json_object_new_int(ad->max_questions));
	json_object_object_add(o, "asked", json_object_new_int((int)n));
	json_object_object_add(o, "level", ad->started ? json_object_new_string(
	    engine_level_name(ad->state.level)) : NULL);
	json_object_object_add(o, "complete",
	    json_object_new_boolean(ad->started && ad->state.complete));
	json_object_object_add(o, "end_reason", ad->started &&
	    ad->state.complete ? json_object_new_string(ad->state.end_reason) :
	    NULL);
	if (adaptive_band(a, q, n, &band, &basis)) {
		json_object_object_add(o, "band", json_object_new_string(band));
		json_object_object_add(o, "band_basis",
		    json_object_new_string(basis));
	} else {
		json_object_object_add(o, "band", NULL);
		json_object_object_add(o, "band_basis", NULL);
	}
	json_object_object_add(o, "boundaries", boundaries_json(a, ad, q, n));
	list = json_object_new_array();
	for (i = 0; i < n; i++)
		json_object_array_add(list, question_json(a, &q[i]));
	json_object_object_add(o, "questions", list);
	json_object_object_add(o, "tokens_used",
	    json_object_new_int(iv->tokens_used));
	json_object_object_add(o, "cost_micros",
	    json_object_new_int64(iv->cost_micros));
	json_object_object_add(o, "cost_usd",
	    json_object_new_string(analytics_usd(a, iv->cost_micros)));
	return o;
}
