/*
 * fuzz_scorer.c: the builtin scorer reads a rubric that admins write (and CSV
 * imports) and an answer any candidate writes, up to 100,000 characters of
 * anything.  Input: rubric JSON, a NUL, the answer.  Whatever the bytes, the
 * scores stay in 0..1, the missing points are the rubric's own, and scoring is
 * deterministic.
 */
#include <assert.h>
#include <stdint.h>
#include <string.h>

#include <json-c/json.h>

#include "core/scorer.h"
#include "lib/arena.h"

int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const char *const categories[] = {
	"technical", "behavioral", "situational", "cultural",
};

static void
check(const struct rubric *r, const struct score *sc)
{
	int	i;

	assert(sc->eval.accuracy >= 0.0 && sc->eval.accuracy <= 1.0);
	assert(sc->eval.clarity >= 0.0 && sc->eval.clarity <= 1.0);
	assert(sc->eval.quality >= Q_POOR && sc->eval.quality <= Q_EXCELLENT);
	assert(sc->coverage >= 0.0 && sc->coverage <= 1.0);
	assert(sc->nmissing >= 0 && sc->nmissing <= r->npoints);
	for (i = 0; i < sc->nmissing; i++)
		assert(sc->missing[i] != NULL);
	assert(sc->reasons != NULL);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t	*nul = memchr(data, '\0', size);
	struct arena	*a;
	struct json_object *j, *out;
	struct rubric	 r;
	struct score	 s1, s2;
	const char	*err, *answer, *cat;

	if (nul == NULL)
		return 0;
	a = arena_new();
	/* The answer: what follows the NUL, as a C string (the app's answers are). */
	answer = arena_strndup(a, (const char *)nul + 1, size - (size_t)(nul - data) - 1);
	cat = categories[size % 4];
	j = json_tokener_parse((const char *)data);
	memset(&r, 0, sizeof(r));
	if (j != NULL && scorer_rubric_parse(a, j, &r, &err) == ST_OK) {
		assert(r.npoints >= 0 && r.npoints <= SCORER_MAX_POINTS);
		scorer_score(a, &r, cat, answer, &s1);
		check(&r, &s1);
		scorer_score(a, &r, cat, answer, &s2);
		assert(s1.eval.accuracy == s2.eval.accuracy && s1.coverage == s2.coverage);
		out = scorer_to_json(&s1);
		assert(out != NULL);
		json_object_put(out);
	} else if (j != NULL) {
		assert(err != NULL);
	}
	json_object_put(j);
	arena_free(a);
	return 0;
}
