/* scorer_rubric.c: a rubric read from JSON and checked, point by point, for the scorer. */
#include <stdint.h>
#include <string.h>

#include "core/scorer.h"
#include "core/scorer_impl.h"

#define TEXT_MAX	500	/* bytes in a point's text */
#define PHRASE_MAX	100	/* bytes in a phrase */
#define PHRASES_MAX	12	/* phrases per point */

/* Sets *err to "point N: ..." and returns ST_INVALID. */
static enum status
bad_point(struct arena *a, const char **err, int n, const char *what)
{
	*err = arena_printf(a, "point %d: %s", n, what);
	return ST_INVALID;
}

/* A JSON string of 1..max bytes with no NUL and at least one word byte. */
static const char *
check_text(struct json_object *j, size_t max, const char **why)
{
	const char	*s;
	size_t		 len, i;

	if (j == NULL || !json_object_is_type(j, json_type_string) ||
	    (len = (size_t)json_object_get_string_len(j)) == 0) {
		*why = "must be a non-empty string";
		return NULL;
	}
	s = json_object_get_string(j);
	if (len > max)
		*why = max == TEXT_MAX ? "must be at most 500 bytes" :
		    "must be at most 100 bytes";
	else if (strlen(s) != len)
		*why = "must not contain a NUL byte";
	else {
		for (i = 0; i < len && !scorer_word_byte((unsigned char)s[i]); i++)
			continue;
		if (i < len)
			return s;
		*why = "needs a letter or a digit";
	}
	return NULL;
}

static enum status
phrases_parse(struct arena *a, struct json_object *j, int n,
    struct rubric_point *p, const char **err)
{
	const char	*s, *why;
	size_t		 i, count;

	if (j == NULL || !json_object_is_type(j, json_type_array) ||
	    (count = json_object_array_length(j)) < 1 || count > PHRASES_MAX)
		return bad_point(a, err, n,
		    "phrases must be a list of 1 to 12 strings");
	p->phrases = arena_calloc(a, count, sizeof(*p->phrases));
	for (i = 0; i < count; i++) {
		s = check_text(json_object_array_get_idx(j, i), PHRASE_MAX,
		    &why);
		if (s == NULL)
			return bad_point(a, err, n, arena_printf(a,
			    "phrase %zu %s", i + 1, why));
		p->phrases[i] = arena_strdup(a, s);
	}
	p->nphrases = (int)count;
	return ST_OK;
}

static enum status
point_parse(struct arena *a, struct json_object *j, int n,
    struct rubric_point *p, const char **err)
{
	struct json_object	*v;
	const char		*s, *why;
	int64_t			 w;

	if (j == NULL || !json_object_is_type(j, json_type_object))
		return bad_point(a, err, n, "must be an object");
	v = NULL;
	json_object_object_get_ex(j, "text", &v);
	if ((s = check_text(v, TEXT_MAX, &why)) == NULL)
		return bad_point(a, err, n, arena_printf(a, "text %s", why));
	p->text = arena_strdup(a, s);
	if (!json_object_object_get_ex(j, "weight", &v) ||
	    !json_object_is_type(v, json_type_int) ||
	    (w = json_object_get_int64(v)) < 1 || w > 5)
		return bad_point(a, err, n, "weight must be 1 to 5");
	p->weight = (int)w;
	v = NULL;
	json_object_object_get_ex(j, "phrases", &v);
	return phrases_parse(a, v, n, p, err);
}

enum status
scorer_rubric_parse(struct arena *a, struct json_object *j, struct rubric *r,
    const char **err)
{
	struct json_object	*pts;
	size_t			 i, n;
	enum status		 st;

	memset(r, 0, sizeof(*r));
	*err = NULL;
	if (j == NULL || !json_object_is_type(j, json_type_object)) {
		*err = "the rubric must be a JSON object";
		return ST_INVALID;
	}
	if (!json_object_object_get_ex(j, "points", &pts) ||
	    !json_object_is_type(pts, json_type_array)) {
		*err = "the rubric needs a \"points\" list";
		return ST_INVALID;
	}
	if ((n = json_object_array_length(pts)) > SCORER_MAX_POINTS) {
		*err = arena_printf(a, "at most %d points, not %zu",
		    SCORER_MAX_POINTS, n);
		return ST_INVALID;
	}
	for (i = 0; i < n; i++) {
		st = point_parse(a, json_object_array_get_idx(pts, i),
		    (int)i + 1, &r->points[i], err);
		if (st != ST_OK) {
			memset(r, 0, sizeof(*r));
			return st;
		}
	}
	r->npoints = (int)n;
	return ST_OK;
}
