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

static const char *const bands[LV__MAX] = {
	"Beginner",	/* LV_WARMUP */
	"Junior",	/* LV_FUNDAMENTAL */
	"Mid-level",	/* LV_INTERMEDIATE */
	"Senior",	/* LV_ADVANCED */
	"Expert",	/* LV_EXPERT */
};

/*
 * The band is the highest level at which the candidate gave a good answer
 * (composite at least 0.6); the basis says so with the numbers behind it.
 */
int
adaptive_band(struct arena *a, const struct adaptive_question *q, size_t n,
    const char **band, const char **basis)
{
	const char	*quality, *reasons;
	enum level	 lv, best = LV_WARMUP;
	double		 c, sum = 0;
	int		 answered = 0, good = 0, avg;
	size_t		 i;

	for (i = 0; i < n; i++) {
		if ((c = adaptive_eval_read(a, q[i].evaluation, &quality,
		    &reasons)) < 0)
			continue;
		answered++;
		sum += c;
		if (c >= 0.6 && engine_level_parse(q[i].difficulty, &lv) ==
		    ST_OK && (!good || lv > best)) {
			best = lv;
			good = 1;
		}
	}
	if (answered == 0)
		return 0;
	avg = (int)(sum * 100 / answered + 0.5);
	*band = good ? bands[best] : "Not enough evidence";
	*basis = good ? arena_printf(a, "The highest level with a good answer"
	    " (score 60%% or more) is %s. Average score %d%% over %d answered"
	    " question%s.", engine_level_word(best), avg, answered,
	    answered == 1 ? "" : "s") : arena_printf(a, "No answer scored 60%%"
	    " or more; average score %d%% over %d answered question%s.", avg,
	    answered, answered == 1 ? "" : "s");
	return 1;
}

const struct boundary *
adaptive_finding(struct arena *a, const struct engine_state *s, int i,
    const char **finding)
{
	int	 j;

	*finding = s->explored[i] ? "explored, no limit found yet" :
	    "not reached";
	for (j = 0; j < s->nboundaries; j++) {
		if (strcmp(s->boundaries[j].skill, s->skills[i]) != 0)
			continue;
		*finding = s->boundaries[j].above_expert ? "strong even at"
		    " expert: no limit found" : arena_printf(a, "limit at %s",
		    engine_level_word(s->boundaries[j].level));
		return &s->boundaries[j];
	}
	return NULL;
}

static struct json_object *
str_or_null(const char *s)
{
	return s != NULL ? json_object_new_string(s) : NULL;
}

static struct json_object *
boundaries_json(struct arena *a, const struct adaptive *ad)
{
	struct json_object	*list = json_object_new_array(), *e;
	const struct boundary	*b;
	const char		*finding;
	int			 i;

	for (i = 0; ad->started && i < ad->state.nskills; i++) {
		b = adaptive_finding(a, &ad->state, i, &finding);
		e = json_object_new_object();
		json_object_object_add(e, "skill",
		    json_object_new_string(ad->state.skills[i]));
		json_object_object_add(e, "finding",
		    json_object_new_string(finding));
		json_object_object_add(e, "level", b != NULL && !b->above_expert ?
		    json_object_new_string(engine_level_name(b->level)) : NULL);
		json_object_object_add(e, "above_expert",
		    json_object_new_boolean(b != NULL && b->above_expert));
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

	json_object_object_add(o, "interview_id", json_object_new_int64(iv->id));
	json_object_object_add(o, "status", json_object_new_string(iv->status));
	json_object_object_add(o, "role", json_object_new_string(ad->role));
	json_object_object_add(o, "role_name",
	    json_object_new_string(ad->role_name));
	json_object_object_add(o, "question_source",
	    json_object_new_string(ad->question_source));
	json_object_object_add(o, "evaluator", json_object_new_string(iv->model));
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
	json_object_object_add(o, "boundaries", boundaries_json(a, ad));
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
