/* oneway_parse.c: the create form's written questions, one a line, "[90] " giving one its own preparation time. */
#include <stdlib.h>
#include <string.h>

#include "core/oneway.h"
#include "lib/form.h"

static char *
skip_blanks(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

/*
 * "[90] Tell me about ..." (or "[ 90 ]") gives that question 90 seconds to
 * prepare; -3 when the bracket holds a number out of 0..ONEWAY_PREP_MAX
 * (a sign too), -4 when nothing follows it: either would otherwise be
 * read, or dropped, without a word.  "[Bonus] ..." is a question's text.
 */
static int
parse_line(char *line, int prep, struct oneway_question_new *q)
{
	char	*p, *end;
	long	 s;

	q->prep_s = prep;
	q->body = line;
	if (line[0] != '[')
		return 0;
	p = skip_blanks(line + 1);
	if ((*p < '0' || *p > '9') && ((*p != '-' && *p != '+') ||
	    p[1] < '0' || p[1] > '9'))
		return 0;
	s = strtol(p, &end, 10);
	if (*(end = skip_blanks(end)) != ']')
		return 0;
	if (s < 0 || s > ONEWAY_PREP_MAX)	/* LONG_MAX on overflow too */
		return -3;
	q->prep_s = (int)s;
	q->body = skip_blanks(end + 1);
	return *q->body == '\0' ? -4 : 0;
}

/* Notes line's problem, when there is room for it. */
static void
bad_line(struct oneway_line_problem *bad, size_t maxbad, size_t *nbad,
    size_t line, int code)
{
	if (*nbad < maxbad) {
		bad[*nbad].line = line;
		bad[(*nbad)++].code = code;
	}
}

int
oneway_parse_questions(struct arena *a, const char *text, int prep,
    struct oneway_question_new *q, size_t max, size_t *n,
    struct oneway_line_problem *bad, size_t maxbad, size_t *nbad)
{
	struct oneway_question_new	 one;
	char				*copy = arena_strdup(a, text), *line;
	char				*save;
	size_t				 k = 0;
	int				 rc, over = 0;

	/*
	 * Every line is read, a bad one too: the form names each line's
	 * problem at once, not the first alone (2026-12-07).
	 */
	for (line = strtok_r(copy, "\r\n", &save); line != NULL;
	    line = strtok_r(NULL, "\r\n", &save)) {
		while (*line == ' ' || *line == '\t')
			line++;
		if (*line == '\0')
			continue;
		k++;
		if ((rc = parse_line(line, prep, &one)) != 0)
			bad_line(bad, maxbad, nbad, k, rc);
		else if (utf8_len(one.body, strlen(one.body)) >
		    ONEWAY_QUESTION_MAX)
			bad_line(bad, maxbad, nbad, k, -2);
		else if (*n == max)
			over = 1;
		else {
			one.question_id = 0;
			q[(*n)++] = one;
		}
	}
	return over ? -1 : 0;
}
