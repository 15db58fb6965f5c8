/* api_json.c: what every /api/v1 handler with a body shares: reading it, and the field errors' reply. */
#include <json-c/json.h>
#include <string.h>
#include <strings.h>

#include "core/export.h"
#include "handlers.h"

static enum status
not_json(struct req *r, const char *why)
{
	r->error_detail = why;
	return ST_INVALID;
}

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
 * JSON text the parser took, read again for what json-c 0.16 lets by even
 * when strict and RFC 8259 does not: 'single-quoted' strings, NaN,
 * Infinity, 1. (each took a member's value as if sent right), half a
 * surrogate pair escaped ("\ud800" alone is no character, which json-c
 * made U+FFFD), and a member given twice, of which it kept the last
 * without a word.  Its nesting is sound, and no deeper than json-c's 32.
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

/* Why the text o was parsed from is not strict JSON, or NULL. */
static const char *
not_rfc8259(struct req *r, struct json_object *o)
{
	struct scan	 sc = { r->raw, r->raw_len, 0, NULL };
	size_t		*counts, n, k = 0;

	n = scan(&sc, NULL);
	if (sc.why != NULL)
		return sc.why;
	counts = arena_calloc(r->a, n + 1, sizeof(*counts));
	(void)scan(&sc, counts);
	if (!same_counts(o, counts, n, &k))
		return "The body gives one object a member twice; give each"
		    " once.";
	return NULL;
}

/*
 * Why the parser's outcome is not one JSON object, or NULL: where it
 * stopped and why, for a client to find its mistake (all it said was "not
 * a JSON object (or not valid UTF-8)", UTF-8 being checked before).
 */
static const char *
parse_problem(struct req *r, struct json_tokener *tok, struct json_object *o)
{
	enum json_tokener_error	 e = json_tokener_get_error(tok);
	size_t			 at = json_tokener_get_parse_end(tok);

	if (e == json_tokener_continue)
		return "The body is not a JSON object: it ends before the JSON"
		    " does.";
	if (e == json_tokener_error_depth)
		return "The body is not a JSON object this server reads: it"
		    " nests deeper than 32 levels.";
	if (e != json_tokener_success || o == NULL)
		return arena_printf(r->a, "The body is not a JSON object: %s"
		    " at byte %zu.", json_tokener_error_desc(e), at);
	if (at != r->raw_len)
		return arena_printf(r->a, "The body is not a JSON object: more"
		    " follows the JSON, at byte %zu.", at);
	if (!json_object_is_type(o, json_type_object))
		return "The body is not a JSON object: send one {...}, not"
		    " an array or a lone value.";
	return NULL;
}

enum status
api_read_object(struct req *r, struct json_object **out)
{
	const char		*ctype = req_env(r, "CONTENT_TYPE");
	struct json_tokener	*tok;
	struct json_object	*o;
	const char		*why;

	*out = NULL;
	if (ctype == NULL || strncasecmp(ctype, "application/json", 16) != 0 ||
	    (ctype[16] != '\0' && ctype[16] != ';' && ctype[16] != ' '))
		return not_json(r, "Send the body as JSON, with the header"
		    " Content-Type: application/json.");
	if (r->raw == NULL || r->raw_len == 0)
		return not_json(r, "The body is empty; send a JSON object.");
	/*
	 * json-c's own check lets overlong forms (C0 AF) and surrogates (ED A0
	 * 80) through, and an unknown member's name came back in the error
	 * as it was: an answer that was not UTF-8 itself.
	 */
	if (!utf8_valid(r->raw, r->raw_len))
		return not_json(r, "The body is not valid UTF-8.");
	if ((tok = json_tokener_new()) == NULL)
		return ST_INTERNAL;
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT |
	    JSON_TOKENER_VALIDATE_UTF8);
	o = json_tokener_parse_ex(tok, r->raw, (int)r->raw_len);
	why = parse_problem(r, tok, o);
	json_tokener_free(tok);
	if (why != NULL || (why = not_rfc8259(r, o)) != NULL) {
		json_object_put(o);
		return not_json(r, why);
	}
	*out = o;
	return ST_OK;
}

struct json_object *
api_time(const char *v)
{
	char	buf[64];

	if (v == NULL || *v == '\0')
		return NULL;
	return json_object_new_string(export_isotime(buf, sizeof(buf), v));
}

static int
named(const char *const *names, const char *name)
{
	for (; *names != NULL; names++)
		if (strcmp(*names, name) == 0)
			return 1;
	return 0;
}

size_t
api_query_refused(const struct req *r, const char *const *known,
    const char **name, const char **msg, size_t max)
{
	const struct param	*p;
	size_t			 i, n = 0;

	for (i = 0; i < r->query.n && n < max; i++) {
		p = &r->query.v[i];
		if (!named(known, p->name)) {
			name[n] = p->name;
			msg[n++] = "Unknown parameter.";
		} else if (params_get(&r->query, p->name) != p) {
			/* The list would answer for the first alone. */
			name[n] = p->name;
			msg[n++] = "Given more than once; give it once.";
		}
	}
	return n;
}

enum status
api_reply_fields(struct req *r, const char *const *names,
    const char *const *msgs, size_t n)
{
	struct json_object	*o = json_object_new_object();
	struct json_object	*e = json_object_new_object();
	struct json_object	*f = json_object_new_object();
	size_t			 i;

	for (i = 0; i < n; i++)
		if (!json_object_object_get_ex(f, names[i], NULL))
			json_object_object_add(f, names[i],
			    json_object_new_string(msgs[i]));
	json_object_object_add(e, "code", json_object_new_string(
	    status_str(ST_INVALID)));
	json_object_object_add(e, "message", json_object_new_string(
	    "Some fields are not valid; see fields."));
	json_object_object_add(e, "request_id", json_object_new_string(r->id));
	json_object_object_add(e, "fields", f);
	json_object_object_add(o, "error", e);
	return resp_json(r, 400, o);
}
