/* form.c: query strings, urlencoded bodies and cookies, decoded into params. */
#include <string.h>

#include "form.h"
#include "form_priv.h"

const struct form_limits form_limits_default = {
	.max_fields = 64,
	.max_name = 64,
	/* A long challenge text (100,000 characters) must fit in one field. */
	.max_value = 512 * 1024,
	.max_total = 2 * 1024 * 1024,
};

/* Reasons handed back through *why; shown to users, so short and plain. */
static const char R_TOTAL[] = "The form is too large.";
static const char R_COUNT[] = "The form has too many fields.";
static const char R_NAME_LONG[] = "A field name is too long.";
static const char R_VALUE_LONG[] = "A field value is too long.";
static const char R_NO_NAME[] = "A field has no name.";
static const char R_BAD_NAME[] = "A field name may hold only letters, digits, "
    "'_', '.' and '-'.";
static const char R_ESCAPE[] = "A field holds a malformed %-escape.";
static const char R_UTF8[] = "A field value is not valid UTF-8 text.";
static const char R_CTRL[] = "A field value holds a control character.";

void
form_list_init(struct form_list *l, struct arena *a, size_t max)
{
	l->a = a;
	l->v = NULL;
	l->n = 0;
	l->cap = 0;
	l->max = max;
}

struct param *
form_list_add(struct form_list *l)
{
	struct param	*v;
	size_t		 cap;

	if (l->n >= l->max)
		return NULL;
	if (l->n == l->cap) {
		/* Doubling keeps the copies linear in the number of params. */
		cap = l->cap == 0 ? 8 : l->cap * 2;
		if (cap > l->max)
			cap = l->max;
		v = arena_calloc(l->a, cap, sizeof(*v));
		if (l->n > 0)
			memcpy(v, l->v, l->n * sizeof(*v));
		l->v = v;
		l->cap = cap;
	}
	v = &l->v[l->n++];
	memset(v, 0, sizeof(*v));
	return v;
}

void
form_list_take(const struct form_list *l, struct params *out)
{
	out->v = l->v;
	out->n = l->n;
}

static int
name_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
}

/* 1 if s[0..len) is a field name: one or more of [A-Za-z0-9_.-]. */
static int
name_ok(const char *s, size_t len)
{
	size_t	 i;

	if (len == 0)
		return 0;
	for (i = 0; i < len; i++)
		if (!name_char((unsigned char)s[i]))
			return 0;
	return 1;
}

const char *
form_text_check(const char *s, size_t len)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 i;

	if (!utf8_valid(s, len))
		return R_UTF8;
	for (i = 0; i < len; i++) {
		if (p[i] < 0x20 && p[i] != '\t' && p[i] != '\r' && p[i] != '\n')
			return R_CTRL;	/* NUL too: val stays a C string */
		if (p[i] == 0x7f)
			return R_CTRL;
		/* C1 controls, U+0080..U+009F; valid UTF-8 has p[i + 1]. */
		if (p[i] == 0xc2 && p[i + 1] <= 0x9f)
			return R_CTRL;
	}
	return NULL;
}

static int
hexval(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c |= 0x20;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/*
 * Decodes s[0..len) ('+' is a space, %XX a byte) into out, which has room
 * for len + 1 bytes, and NUL-terminates it; *outlen is the decoded length.
 * Returns -1 on a malformed escape: we refuse rather than guess what was meant.
 */
static int
pct_decode(const char *s, size_t len, char *out, size_t *outlen)
{
	size_t	 i, o = 0;
	int	 hi, lo;

	for (i = 0; i < len; i++) {
		if (s[i] == '+')
			out[o++] = ' ';
		else if (s[i] != '%')
			out[o++] = s[i];
		else {
			if (len - i < 3 ||
			    (hi = hexval((unsigned char)s[i + 1])) < 0 ||
			    (lo = hexval((unsigned char)s[i + 2])) < 0)
				return -1;
			out[o++] = (char)(hi << 4 | lo);
			i += 2;
		}
	}
	out[o] = '\0';
	*outlen = o;
	return 0;
}

void
form_start(struct params *out, const char **why)
{
	if (why != NULL)
		*why = NULL;
	out->v = NULL;
	out->n = 0;
}

enum status
form_fail(const char **why, const char *reason, enum status st)
{
	if (why != NULL)	/* a caller may not want the reason */
		*why = reason;
	return st;
}

enum status
form_name_check(const char *s, size_t len, const struct form_limits *lim,
    const char **why)
{
	if (len > lim->max_name)
		return form_fail(why, R_NAME_LONG, ST_TOOLARGE);
	if (!name_ok(s, len))
		return form_fail(why, R_BAD_NAME, ST_INVALID);
	return ST_OK;
}

/* A value's reason ("A field value is ...") with its field's name in it. */
static const char *
named(struct arena *a, const char *name, const char *reason)
{
	const char	*rest = reason;

	if (strncmp(rest, "A field value ", 14) == 0)
		rest += 14;
	else if (strncmp(rest, "A field ", 8) == 0)
		rest += 8;
	return arena_printf(a, "The field %s %s", name, rest);
}

/* One "name=value" (or bare "name") of a query string or urlencoded body. */
static enum status
urlencoded_pair(struct form_list *l, const struct form_limits *lim,
    const char *s, size_t len, const char **why)
{
	const char	*eq, *w;
	struct param	*p;
	size_t		 nraw, nlen, vlen;
	char		*buf;
	enum status	 st;

	if ((p = form_list_add(l)) == NULL)
		return form_fail(why, R_COUNT, ST_TOOLARGE);
	eq = memchr(s, '=', len);
	nraw = eq != NULL ? (size_t)(eq - s) : len;
	/* Decoding never grows, so len + 2 holds name, value and both NULs. */
	buf = arena_alloc(l->a, len + 2);
	if (pct_decode(s, nraw, buf, &nlen) == -1)
		return form_fail(why, R_ESCAPE, ST_INVALID);
	if (nlen == 0)
		return form_fail(why, R_NO_NAME, ST_INVALID);
	if ((st = form_name_check(buf, nlen, lim, why)) != ST_OK)
		return st;
	p->name = buf;
	p->val = buf + nlen + 1;
	vlen = 0;
	buf[nlen + 1] = '\0';
	/* The name is good by now: the reason names it, as one value is wrong. */
	if (eq != NULL &&
	    pct_decode(eq + 1, len - nraw - 1, buf + nlen + 1, &vlen) == -1)
		return form_fail(why, named(l->a, buf, R_ESCAPE), ST_INVALID);
	if (vlen > lim->max_value)
		return form_fail(why, named(l->a, buf, R_VALUE_LONG),
		    ST_TOOLARGE);
	if ((w = form_text_check(p->val, vlen)) != NULL)
		return form_fail(why, named(l->a, buf, w), ST_INVALID);
	p->vlen = vlen;
	return ST_OK;
}

/* Reads one piece of input into l; the same signature for every format. */
typedef enum status (*pair_fn)(struct form_list *, const struct form_limits *,
    const char *, size_t, const char **);

/*
 * Splits s on sep and reads each piece with pair.  Empty pieces ("a=1&&b=2",
 * a trailing '&' or ';') are harmless: they are skipped.
 */
static enum status
split(struct arena *a, const char *s, size_t len, char sep, pair_fn pair,
    const struct form_limits *lim, struct params *out, const char **why)
{
	struct form_list	 l;
	const char		*end;
	size_t			 i, n;
	enum status		 st;

	form_start(out, why);
	if (len > lim->max_total)
		return form_fail(why, R_TOTAL, ST_TOOLARGE);
	form_list_init(&l, a, lim->max_fields);
	for (i = 0; i < len; i += n + 1) {
		end = memchr(s + i, sep, len - i);
		n = end != NULL ? (size_t)(end - (s + i)) : len - i;
		if (n == 0)
			continue;
		if ((st = pair(&l, lim, s + i, n, why)) != ST_OK)
			return st;
	}
	form_list_take(&l, out);
	return ST_OK;
}

enum status
form_parse_query(struct arena *a, const char *s, size_t len,
    const struct form_limits *lim, struct params *out, const char **why)
{
	/* A query string is encoded like a form body (WHATWG URL, 5.1). */
	return split(a, s, len, '&', urlencoded_pair, lim, out, why);
}

enum status
form_parse_urlencoded(struct arena *a, const char *s, size_t len,
    const struct form_limits *lim, struct params *out, const char **why)
{
	return split(a, s, len, '&', urlencoded_pair, lim, out, why);
}

static int
ows(char c)
{
	return c == ' ' || c == '\t';
}

static void
trim(const char **s, size_t *len)
{
	while (*len > 0 && ows((*s)[0])) {
		(*s)++;
		(*len)--;
	}
	while (*len > 0 && ows((*s)[*len - 1]))
		(*len)--;
}

/*
 * One "name=value" of a Cookie header.  The header also carries cookies set
 * by other applications on the same domain, which we neither control nor
 * need, so a pair we cannot use is skipped rather than failing the request;
 * only running out of room for pairs is fatal.
 */
static enum status
cookie_pair(struct form_list *l, const struct form_limits *lim,
    const char *s, size_t len, const char **why)
{
	const char	*eq, *name, *val;
	struct param	*p;
	size_t		 nlen, vlen;

	if ((eq = memchr(s, '=', len)) == NULL)
		return ST_OK;
	name = s;
	nlen = (size_t)(eq - s);
	val = eq + 1;
	vlen = len - nlen - 1;
	trim(&name, &nlen);
	trim(&val, &vlen);
	/* RFC 6265 4.1.1 lets a value sit in double quotes. */
	if (vlen >= 2 && val[0] == '"' && val[vlen - 1] == '"') {
		val++;
		vlen -= 2;
	}
	if (form_name_check(name, nlen, lim, NULL) != ST_OK)
		return ST_OK;
	if (vlen > lim->max_value || form_text_check(val, vlen) != NULL)
		return ST_OK;
	if ((p = form_list_add(l)) == NULL)
		return form_fail(why, R_COUNT, ST_TOOLARGE);
	p->name = arena_strndup(l->a, name, nlen);
	p->val = arena_strndup(l->a, val, vlen);
	p->vlen = vlen;
	return ST_OK;
}

enum status
form_parse_cookies(struct arena *a, const char *s, size_t len,
    const struct form_limits *lim, struct params *out, const char **why)
{
	/* An empty piece has no '=': cookie_pair would skip it all the same. */
	return split(a, s, len, ';', cookie_pair, lim, out, why);
}

/*
 * The first wins: for cookies that is the one with the longest path, which
 * browsers send first (RFC 6265 5.4); for forms, what the page put first.
 */
const struct param *
params_get(const struct params *ps, const char *name)
{
	size_t	 i;

	if (ps == NULL)
		return NULL;
	for (i = 0; i < ps->n; i++)
		if (strcmp(ps->v[i].name, name) == 0)
			return &ps->v[i];
	return NULL;
}

const char *
params_val(const struct params *ps, const char *name)
{
	const struct param	*p;

	return (p = params_get(ps, name)) != NULL ? p->val : NULL;
}
