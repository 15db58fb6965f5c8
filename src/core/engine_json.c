/* engine_json.c: the engine's state as interviews.adaptive_state JSON. */
#include <stdint.h>
#include <string.h>

#include "engine.h"
#include "engine_impl.h"

/*
 * What end_reason may hold; "" while the interview goes on.  The engine
 * ends with the first three; adaptive.c with "bank_empty" when the bank
 * has no question left to ask (and the state must still read back).
 */
static const char *const end_reasons[] = { "", "covered", "maximum", "time",
	"bank_empty" };

static void
put(struct json_object *o, const char *key, struct json_object *v)
{
	json_object_object_add(o, key, v);
}

static struct json_object *
boundary_json(const struct boundary *b)
{
	struct json_object	*o = json_object_new_object();

	put(o, "skill", json_object_new_string(b->skill));
	put(o, "level", json_object_new_string(engine_level_name(b->level)));
	put(o, "above_expert", json_object_new_boolean(b->above_expert));
	put(o, "at", json_object_new_int64(b->at));
	return o;
}

static struct json_object *
turn_json(const struct turn *t)
{
	struct json_object	*o = json_object_new_object();

	put(o, "skill", json_object_new_string(t->skill));
	put(o, "level", json_object_new_string(engine_level_name(t->level)));
	put(o, "composite", json_object_new_double(t->composite));
	put(o, "quality", json_object_new_string(
	    engine_quality_name(t->quality)));
	return o;
}

static struct json_object *
lists_json(struct json_object *o, const struct engine_state *s)
{
	struct json_object	*sk, *ex, *bo, *tu;
	int			 i;

	sk = json_object_new_array();
	ex = json_object_new_array();
	for (i = 0; i < s->nskills; i++) {
		json_object_array_add(sk, json_object_new_string(s->skills[i]));
		json_object_array_add(ex, json_object_new_boolean(
		    s->explored[i]));
	}
	bo = json_object_new_array();
	for (i = 0; i < s->nboundaries; i++)
		json_object_array_add(bo, boundary_json(&s->boundaries[i]));
	tu = json_object_new_array();
	for (i = 0; i < s->nturns; i++)
		json_object_array_add(tu, turn_json(&s->turns[i]));
	put(o, "skills", sk);
	put(o, "explored", ex);
	put(o, "boundaries", bo);
	put(o, "turns", tu);
	return o;
}

struct json_object *
engine_to_json(const struct engine_state *s)
{
	struct json_object	*o = json_object_new_object();

	put(o, "level", json_object_new_string(engine_level_name(s->level)));
	put(o, "hard_end", json_object_new_boolean(s->hard_end));
	put(o, "asked", json_object_new_int(s->asked));
	put(o, "min_questions", json_object_new_int(s->min_questions));
	put(o, "max_questions", json_object_new_int(s->max_questions));
	put(o, "current_skill", json_object_new_string(s->current_skill));
	put(o, "detections", json_object_new_int(s->detections));
	put(o, "complete", json_object_new_boolean(s->complete));
	put(o, "end_reason", json_object_new_string(s->end_reason));
	return lists_json(o, s);
}

/* The member key of o if it has type t, else NULL. */
static struct json_object *
member(struct json_object *o, const char *key, enum json_type t)
{
	struct json_object	*v;

	if (!json_object_object_get_ex(o, key, &v) ||
	    !json_object_is_type(v, t))
		return NULL;
	return v;
}

static bool
get_int(struct json_object *o, const char *key, long long lo, long long hi,
    long long *out)
{
	struct json_object	*v;
	int64_t			 n;

	if ((v = member(o, key, json_type_int)) == NULL)
		return false;
	n = json_object_get_int64(v);
	if (n < lo || n > hi)
		return false;
	*out = n;
	return true;
}

/* An int member into an int field, within lo..hi. */
static bool
get_count(struct json_object *o, const char *key, int lo, int hi, int *out)
{
	long long	 n;

	if (!get_int(o, key, lo, hi, &n))
		return false;
	*out = (int)n;
	return true;
}

static bool
get_bool(struct json_object *o, const char *key, bool *out)
{
	struct json_object	*v;

	if ((v = member(o, key, json_type_boolean)) == NULL)
		return false;
	*out = json_object_get_boolean(v);
	return true;
}

/* A string that fits dst whole, with no NUL inside. */
static bool
str_value(struct json_object *v, char *dst, size_t size)
{
	const char	*p;
	size_t		 len;

	if (v == NULL || !json_object_is_type(v, json_type_string))
		return false;
	p = json_object_get_string(v);
	len = (size_t)json_object_get_string_len(v);
	if (len >= size || strlen(p) != len)
		return false;
	engine_copy_str(dst, size, p);
	return true;
}

static bool
get_str(struct json_object *o, const char *key, char *dst, size_t size)
{
	return str_value(member(o, key, json_type_string), dst, size);
}

static bool
get_level(struct json_object *o, const char *key, enum level *lv)
{
	struct json_object	*v;

	return (v = member(o, key, json_type_string)) != NULL &&
	    engine_level_parse(json_object_get_string(v), lv) == ST_OK;
}

/* An array member of at most max elements; its length in *n. */
static struct json_object *
get_array(struct json_object *o, const char *key, int max, int *n)
{
	struct json_object	*v;

	if ((v = member(o, key, json_type_array)) == NULL ||
	    json_object_array_length(v) > (size_t)max)
		return NULL;
	*n = (int)json_object_array_length(v);
	return v;
}

static bool
boundary_from(struct json_object *o, struct boundary *b)
{
	if (!json_object_is_type(o, json_type_object) ||
	    !get_str(o, "skill", b->skill, sizeof(b->skill)) ||
	    !get_level(o, "level", &b->level) ||
	    !get_bool(o, "above_expert", &b->above_expert) ||
	    !get_int(o, "at", 0, INT64_MAX, &b->at))
		return false;
	/* The engine records neither a warmup boundary nor a low mark. */
	return b->level != LV_WARMUP &&
	    (!b->above_expert || b->level == LV_EXPERT);
}

static bool
turn_from(struct json_object *o, struct turn *t)
{
	struct json_object	*v;

	if (!json_object_is_type(o, json_type_object) ||
	    !get_str(o, "skill", t->skill, sizeof(t->skill)) ||
	    !get_level(o, "level", &t->level) ||
	    (v = member(o, "quality", json_type_string)) == NULL ||
	    engine_quality_parse(json_object_get_string(v), &t->quality) !=
	    ST_OK)
		return false;
	/* A whole composite may have been written as 0 or 1. */
	if ((v = member(o, "composite", json_type_double)) == NULL &&
	    (v = member(o, "composite", json_type_int)) == NULL)
		return false;
	t->composite = json_object_get_double(v);
	return t->composite >= 0 && t->composite <= 1;
}

static bool
skills_from(struct json_object *o, struct engine_state *s)
{
	struct json_object	*sk, *ex, *v;
	int			 i, n;

	if ((sk = get_array(o, "skills", ENGINE_MAX_SKILLS, &s->nskills)) ==
	    NULL || (ex = get_array(o, "explored", ENGINE_MAX_SKILLS, &n)) ==
	    NULL || n != s->nskills)
		return false;
	for (i = 0; i < n; i++) {
		if (!str_value(json_object_array_get_idx(sk, i), s->skills[i],
		    ENGINE_SKILL_LEN) || s->skills[i][0] == '\0')
			return false;
		v = json_object_array_get_idx(ex, i);
		if (!json_object_is_type(v, json_type_boolean))
			return false;
		s->explored[i] = json_object_get_boolean(v);
		if (engine_skill_index(s, s->skills[i]) != i)
			return false;	/* a repeat */
	}
	return true;
}

static bool
lists_from(struct json_object *o, struct engine_state *s)
{
	struct json_object	*bo, *tu;
	int			 i;

	if (!skills_from(o, s) ||
	    (bo = get_array(o, "boundaries", ENGINE_MAX_SKILLS,
	    &s->nboundaries)) == NULL ||
	    (tu = get_array(o, "turns", ENGINE_MAX_TURNS, &s->nturns)) == NULL)
		return false;
	for (i = 0; i < s->nboundaries; i++) {
		if (!boundary_from(json_object_array_get_idx(bo, i),
		    &s->boundaries[i]))
			return false;
		if (engine_boundary_find(s, s->boundaries[i].skill) !=
		    &s->boundaries[i])
			return false;	/* one per skill */
	}
	for (i = 0; i < s->nturns; i++)
		if (!turn_from(json_object_array_get_idx(tu, i), &s->turns[i]))
			return false;
	return true;
}

/* What engine_answer could have produced, and nothing else. */
static bool
consistent(const struct engine_state *s)
{
	int	 i;

	for (i = 0; i < (int)NITEMS(end_reasons); i++)
		if (strcmp(s->end_reason, end_reasons[i]) == 0)
			break;
	if (i == (int)NITEMS(end_reasons) || s->complete != (i > 0))
		return false;
	/* The engine completes an interview when it reaches the maximum (found by fuzzing). */
	if (s->asked >= s->max_questions && !s->complete)
		return false;
	return s->min_questions <= s->max_questions &&
	    s->asked <= s->max_questions && s->nturns <= s->asked &&
	    s->nboundaries <= s->detections && s->detections <= s->asked;
}

enum status
engine_from_json(struct json_object *o, struct engine_state *out)
{
	struct engine_state	 s;

	if (o == NULL || !json_object_is_type(o, json_type_object))
		return ST_INVALID;
	if (json_object_object_length(o) == 0)
		return ST_NOTFOUND;
	memset(&s, 0, sizeof(s));
	if (!get_level(o, "level", &s.level) ||
	    !get_bool(o, "hard_end", &s.hard_end) ||
	    !get_count(o, "asked", 0, ENGINE_MAX_QUESTIONS, &s.asked) ||
	    !get_count(o, "min_questions", 1, ENGINE_MAX_QUESTIONS,
	    &s.min_questions) ||
	    !get_count(o, "max_questions", 1, ENGINE_MAX_QUESTIONS,
	    &s.max_questions) ||
	    !get_str(o, "current_skill", s.current_skill,
	    sizeof(s.current_skill)) ||
	    !get_count(o, "detections", 0, ENGINE_MAX_QUESTIONS,
	    &s.detections) ||
	    !get_bool(o, "complete", &s.complete) ||
	    !get_str(o, "end_reason", s.end_reason, sizeof(s.end_reason)) ||
	    !lists_from(o, &s) || !consistent(&s))
		return ST_INVALID;
	*out = s;
	return ST_OK;
}
