/*
 * json_strict.c: JSON text that json-c took, read again for what json-c 0.16
 * lets by even when strict and RFC 8259 does not.  Written by hand since no
 * Debian JSON library reports a member given twice; fuzzed by
 * tests/fuzz/fuzz_json_strict.c.
 */
#include <json-c/json.h>
#include <string.h>

#include "lib/arena.h"
#include "lib/json_strict.h"
#include "lib/status.h"

/* The \uXXXX escape at s (six characters, checked by the parser) as a number. */
static unsigned
escape_of(const char *s)
{
	unsigned	v = 0;
	int		i;

	for (i = 2; i < 6; i++)
		v = v << 4 | (unsigned)(s[i] <= '9' ? s[i] - '0' :
		    (s[i] | 0x20) - 'a' + 10);
	return v;
}

/*
 * The reader's place.  What json-c lets by: 'single-quoted' strings, NaN,
 * Infinity, 1. (each took a member's value as if sent right), half a
 * surrogate pair escaped ("\ud800" alone is no character, which json-c
 * made U+FFFD), a control character (a tab, a line break) written raw
 * inside a string, and a member given twice, of which it kept the last
 * without a word.  The text's nesting is sound (json-c took it), and no
 * deeper than json-c's 32.
 */
struct scan {
	const char	*s;
	size_t		 len;
	size_t		 i;
	const char	*why;		/* NULL while the text is JSON */
};

#define SCAN_DEPTH	64

static const char	not_strict[] = "The body is not strict JSON: strings go"
			    " in double quotes, and NaN, Infinity or 1. are"
			    " no numbers.";
static const char	raw_control[] = "The body has a control character (a"
			    " tab or a line break, say) written raw inside a"
			    " string: JSON writes it escaped, as \\t, \\n or"
			    " \\u0001.";
static const char	lone_half[] = "The body escapes half a surrogate pair"
			    " (\\ud800 alone), which is no character.";

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static void
scan_escape(struct scan *sc)
{
	const char	*e = sc->s + sc->i;
	unsigned	 v;

	if (e[1] != 'u') {
		sc->i += 2;	/* \" \\ \/ \b \f \n \r \t */
		return;
	}
	v = escape_of(e);
	if (v >= 0xdc00 && v <= 0xdfff)
		sc->why = lone_half;
	else if (v >= 0xd800 && v <= 0xdbff) {
		if (sc->i + 12 > sc->len || e[6] != '\\' || e[7] != 'u' ||
		    escape_of(e + 6) < 0xdc00 || escape_of(e + 6) > 0xdfff)
			sc->why = lone_half;
		sc->i += 6;		/* the pair's first half */
	}
	sc->i += 6;
}

/* A string from its opening quote; 1 if a colon follows: a member's name. */
static int
scan_string(struct scan *sc)
{
	for (sc->i++; sc->i < sc->len && sc->why == NULL; )
		if (sc->s[sc->i] == '\\')
			scan_escape(sc);
		else if ((unsigned char)sc->s[sc->i] < 0x20)
			sc->why = raw_control;
		else if (sc->s[sc->i++] == '"')
			break;
	while (sc->i < sc->len && strchr(" \t\r\n", sc->s[sc->i]) != NULL &&
	    sc->s[sc->i] != '\0')
		sc->i++;
	return sc->i < sc->len && sc->s[sc->i] == ':';
}

static size_t
scan_digits(struct scan *sc)
{
	size_t	from = sc->i;

	while (sc->i < sc->len && is_digit(sc->s[sc->i]))
		sc->i++;
	return sc->i - from;
}

/* -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? and nothing else. */
static void
scan_number(struct scan *sc)
{
	const char	*s = sc->s;

	if (s[sc->i] == '-')
		sc->i++;
	if (sc->i < sc->len && s[sc->i] == '0')
		sc->i++;
	else if (scan_digits(sc) == 0)
		sc->why = not_strict;	/* -Infinity */
	if (sc->why == NULL && sc->i < sc->len && s[sc->i] == '.') {
		sc->i++;
		if (scan_digits(sc) == 0)
			sc->why = not_strict;	/* 1. */
	}
	if (sc->why == NULL && sc->i < sc->len && (s[sc->i] | 0x20) == 'e') {
		sc->i++;
		if (sc->i < sc->len && (s[sc->i] == '+' || s[sc->i] == '-'))
			sc->i++;
		if (scan_digits(sc) == 0)
			sc->why = not_strict;
	}
}

static void
scan_word(struct scan *sc)
{
	static const char *const words[] = { "true", "false", "null" };
	size_t			 i, n;

	for (i = 0; i < NITEMS(words); i++) {
		n = strlen(words[i]);
		if (sc->len - sc->i >= n && memcmp(sc->s + sc->i, words[i],
		    n) == 0) {
			sc->i += n;
			return;
		}
	}
	sc->why = not_strict;
}

/*
 * Reads the text; counts[k] (if not NULL) becomes the number of members
 * written in its k-th object, in document order.  How many objects.
 */
static size_t
scan(struct scan *sc, size_t *counts)
{
	size_t	stack[SCAN_DEPTH], top = 0, nobj = 0;
	char	c;

	for (sc->i = 0; sc->i < sc->len && sc->why == NULL; ) {
		c = sc->s[sc->i];
		if (c == '"') {
			if (scan_string(sc) && counts != NULL && top > 0)
				counts[stack[top - 1]]++;
		} else if (c == '-' || is_digit(c))
			scan_number(sc);
		else if (c >= 'a' && c <= 'z')
			scan_word(sc);
		else if (c == '{' || c == '}') {
			if (c == '}' && top > 0)
				top--;
			else if (c == '{' && top < SCAN_DEPTH)
				stack[top++] = nobj++;
			sc->i++;
		} else if (c != '\0' && strchr("[],: \t\r\n", c) != NULL)
			sc->i++;
		else
			sc->why = not_strict;	/* 'a', NaN, Infinity */
	}
	return nobj;
}

/* Whether o's objects, in document order, have the members counted. */
static int
same_counts(struct json_object *o, const size_t *counts, size_t n,
    size_t *k)
{
	size_t	i;

	if (json_object_is_type(o, json_type_array)) {
		for (i = 0; i < json_object_array_length(o); i++)
			if (!same_counts(json_object_array_get_idx(o, i),
			    counts, n, k))
				return 0;
		return 1;
	}
	if (!json_object_is_type(o, json_type_object))
		return 1;
	/* json-c keeps a name given twice once, in its first place. */
	if (*k >= n || (size_t)json_object_object_length(o) != counts[(*k)++])
		return 0;
	json_object_object_foreach(o, key, v) {
		(void)key;
		if (!same_counts(v, counts, n, k))
			return 0;
	}
	return 1;
}

const char *
json_strict_problem(struct arena *a, const char *text, size_t len,
    struct json_object *o)
{
	struct scan	 sc = { text, len, 0, NULL };
	size_t		*counts, n, k = 0;

	n = scan(&sc, NULL);
	if (sc.why != NULL)
		return sc.why;
	counts = arena_calloc(a, n + 1, sizeof(*counts));
	(void)scan(&sc, counts);
	if (!same_counts(o, counts, n, &k))
		return "The body gives one object a member twice; give each"
		    " once.";
	return NULL;
}
