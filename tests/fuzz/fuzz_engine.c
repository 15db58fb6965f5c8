/*
 * fuzz_engine.c: the adaptive engine's stored state (interviews.adaptive_state)
 * comes back from the database as JSON that anything may have written; the
 * input is that JSON, then bytes that drive answers.  A state the parser takes
 * must survive a round trip unchanged and any sequence of answers within the
 * engine's own bounds.
 */
#include <assert.h>
#include <stdint.h>
#include <string.h>

#include <json-c/json.h>

#include "core/engine.h"

int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
check_bounds(const struct engine_state *s)
{
	int	i;

	assert(s->level >= LV_WARMUP && s->level <= LV_EXPERT);
	assert(s->nskills >= 0 && s->nskills <= ENGINE_MAX_SKILLS);
	assert(s->nboundaries >= 0 && s->nboundaries <= ENGINE_MAX_SKILLS);
	assert(s->nturns >= 0 && s->nturns <= ENGINE_MAX_TURNS);
	assert(s->min_questions >= 1 && s->min_questions <= s->max_questions);
	assert(s->max_questions <= ENGINE_MAX_QUESTIONS);
	assert(memchr(s->current_skill, '\0', sizeof(s->current_skill)) != NULL);
	for (i = 0; i < s->nskills; i++)
		assert(memchr(s->skills[i], '\0', sizeof(s->skills[i])) != NULL);
}

/* Stored and read back, a state must read the same: compared as stored. */
static void
round_trip(const struct engine_state *s)
{
	struct json_object	*j = engine_to_json(s), *j2;
	struct engine_state	 back;

	memset(&back, 0, sizeof(back));
	assert(engine_from_json(j, &back) == ST_OK);
	check_bounds(&back);
	j2 = engine_to_json(&back);
	assert(strcmp(json_object_to_json_string(j), json_object_to_json_string(j2)) == 0);
	json_object_put(j);
	json_object_put(j2);
}

/* Each remaining byte is an answer: its bits choose quality and scores. */
static void
drive(struct engine_state *s, const uint8_t *p, size_t n)
{
	struct evaluation	e;
	struct decision		d;
	size_t			i;

	for (i = 0; i < n && i < 64; i++) {
		e.quality = (enum quality)(p[i] & 3);
		e.accuracy = ((p[i] >> 2) & 7) / 7.0;
		e.clarity = ((p[i] >> 5) & 7) / 7.0;
		engine_answer(s, (p[i] & 0x80) ? "" : NULL, &e, i == 63, 1000 + (long long)i, &d);
		assert(d.composite >= 0.0 && d.composite <= 1.0);
		assert(d.next_level >= LV_WARMUP && d.next_level <= LV_EXPERT);
		check_bounds(s);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t		*nul = memchr(data, '\0', size);
	size_t			 jlen = nul != NULL ? (size_t)(nul - data) : size;
	struct json_tokener	*tok = json_tokener_new();
	struct json_object	*j = json_tokener_parse_ex(tok, (const char *)data, (int)jlen);
	struct engine_state	 s;

	json_tokener_free(tok);
	memset(&s, 0, sizeof(s));
	if (j != NULL && engine_from_json(j, &s) == ST_OK) {
		check_bounds(&s);
		round_trip(&s);
		if (nul != NULL)
			drive(&s, nul + 1, size - jlen - 1);
		round_trip(&s);
	}
	json_object_put(j);
	return 0;
}
