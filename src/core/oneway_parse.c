/* oneway_parse.c: the create form's written questions, one a line, "[90] " giving one its own preparation time. */
#include <stdlib.h>
#include <string.h>

#include "core/oneway.h"
#include "lib/form.h"

/*
 * "[90] Tell me about ..." gives that question 90 seconds to prepare; -1
 * when the bracket holds a number out of 0..ONEWAY_PREP_MAX, which would
 * otherwise stay in the question as text the candidate reads.
 */
static int
parse_line(char *line, int prep, struct oneway_question_new *q)
{
	char	*end;
	long	 s;

	q->prep_s = prep;
	q->body = line;
	if (line[0] != '[')
		return 0;
	if (line[1] < '0' || line[1] > '9')
		return 0;
	s = strtol(line + 1, &end, 10);
	if (*end != ']')
		return 0;
	if (s > ONEWAY_PREP_MAX)	/* strtol's LONG_MAX on overflow too */
		return -1;
	q->prep_s = (int)s;
	for (end++; *end == ' ' || *end == '\t'; end++)
		;
	q->body = end;
	return 0;
}

int
oneway_parse_questions(struct arena *a, const char *text, int prep,
    struct oneway_question_new *q, size_t max, size_t *n)
{
	char	*copy = arena_strdup(a, text), *line, *save;

	for (line = strtok_r(copy, "\r\n", &save); line != NULL;
	    line = strtok_r(NULL, "\r\n", &save)) {
		while (*line == ' ' || *line == '\t')
			line++;
		if (*line == '\0')
			continue;
		if (*n == max)
			return -1;
		if (parse_line(line, prep, &q[*n]) == -1)
			return -3;
		q[*n].question_id = 0;
		if (utf8_len(q[*n].body, strlen(q[*n].body)) >
		    ONEWAY_QUESTION_MAX)
			return -2;
		if (*q[*n].body != '\0')
			(*n)++;
	}
	return 0;
}
