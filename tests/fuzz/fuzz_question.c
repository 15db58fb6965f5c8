/*
 * fuzz_question.c: a question as a CSV import row brings it, any bytes in
 * its cells (question_check.c, and the form's rubric lines).  Input: the
 * fields in question_field_names' order, separated by NULs; a rubric cell
 * that does not start with { or [ is read as the form's lines, as the
 * import reads it.  Whatever the bytes: a refused question names a field;
 * a kept one is kept the same when checked again, which the import's
 * "unchanged" rests on; its rubric parses, and the lines it came from give
 * the same JSON again through the form's text.
 */
#include <assert.h>
#include <stdint.h>
#include <string.h>

#include "core/question.h"
#include "lib/arena.h"

int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const char *const roles[] = { "python", "react" };

/* The fields of data, NUL-separated, as C strings; those missing are "". */
static void
split(struct arena *a, const uint8_t *data, size_t size,
    struct question_input *in)
{
	const uint8_t	*p = data, *end = data + size, *nul;
	size_t		 f;

	for (f = 0; f < QF__MAX; f++) {
		if (p >= end) {
			in->v[f] = "";
			continue;
		}
		nul = memchr(p, '\0', (size_t)(end - p));
		if (nul == NULL || f == QF__MAX - 1)
			nul = end;
		in->v[f] = arena_strndup(a, (const char *)p, (size_t)(nul - p));
		p = nul + 1;
	}
}

/* Checked again, a kept question is the same, field by field. */
static void
check_stable(struct arena *a, const struct question_input *in)
{
	struct question_input	 again = *in;
	struct question_errors	 e;
	size_t			 f;

	assert(question_check(a, roles, 2, &again, &e) == ST_OK);
	for (f = 0; f < QF__MAX; f++)
		assert(strcmp(again.v[f], in->v[f]) == 0);
}

/* The rubric's JSON as the form's text, and back: the same JSON. */
static void
check_lines(struct arena *a, const char *json)
{
	struct question_point	*pt;
	const char		*lines, *back, *err;
	size_t			 n;

	assert(question_rubric_parse(a, json, &pt, &n, &err) == ST_OK);
	assert(n >= 1 && n <= QUESTION_MAX_POINTS);
	lines = question_rubric_to_lines(a, json);
	assert(question_rubric_from_lines(a, lines, &back, &err) == ST_OK);
	assert(strcmp(back, json) == 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena		*a = arena_new();
	struct question_input	 in;
	struct question_errors	 e;
	const char		*cell, *json, *err = NULL;
	size_t			 f;
	int			 as_lines;

	split(a, data, size, &in);
	cell = in.v[QF_RUBRIC] + strspn(in.v[QF_RUBRIC], " \t\r\n");
	as_lines = *cell != '\0' && *cell != '{' && *cell != '[';
	if (as_lines && question_rubric_from_lines(a, in.v[QF_RUBRIC], &json,
	    &err) == ST_OK)
		in.v[QF_RUBRIC] = json;
	else if (as_lines)
		assert(err != NULL && *err != '\0');
	if (question_check(a, roles, 2, &in, &e) == ST_OK && err == NULL) {
		check_stable(a, &in);
		if (as_lines)
			check_lines(a, in.v[QF_RUBRIC]);
	} else if (err == NULL) {
		for (f = 0; f < QF__MAX && e.msg[f] == NULL; f++)
			continue;
		assert(f < QF__MAX);
	}
	arena_free(a);
	return 0;
}
