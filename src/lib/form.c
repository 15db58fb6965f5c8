/* form.c: query strings, urlencoded bodies and cookies, decoded into params. */
#include <string.h>

#include "form.h"
#include "form_priv.h"

const struct form_limits form_limits_default = {
	.max_fields = 64,
	.max_name = 64,
	.max_value = 64 * 1024,
	.max_total = 1024 * 1024,
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

static int
name_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
}

int
form_name_ok(const char *s, size_t len)
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

static enum status
fail(const char **why, const char *reason, enum status st)
{
	*why = reason;
	return st;
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

	if ((p = form_list_add(l)) == NULL)
		return fail(why, R_COUNT, ST_TOOLARGE);
	eq = memchr(s, '=', len);
	nraw = eq != NULL ? (size_t)(eq - s) : len;
	/* Decoding never grows, so len + 2 holds name, value and both NULs. */
	buf = arena_alloc(l->a, len + 2);
	if (pct_decode(s, nraw, buf, &nlen) == -1)
		return fail(why, R_ESCAPE, ST_INVALID);
	if (nlen == 0)
		return fail(why, R_NO_NAME, ST_INVALID);
	if (nlen > lim->max_name)
		return fail(why, R_NAME_LONG, ST_TOOLARGE);
	if (!form_name_ok(buf, nlen))
		return fail(why, R_BAD_NAME, ST_INVALID);
	p->name = buf;
	p->val = buf + nlen + 1;
	vlen = 0;
	buf[nlen + 1] = '\0';
	if (eq != NULL &&
	    pct_decode(eq + 1, len - nraw - 1, buf + nlen + 1, &vlen) == -1)
		return fail(why, R_ESCAPE, ST_INVALID);
	if (vlen > lim->max_value)
		return fail(why, R_VALUE_LONG, ST_TOOLARGE);
	if ((w = form_text_check(p->val, vlen)) != NULL)
		return fail(why, w, ST_INVALID);
	p->vlen = vlen;
	return ST_OK;
}

static enum status
urlencoded(struct arena *a, const char *s, size_t len,
    const struct form_limits *lim, struct params *out, const char **why)
{
	struct form_list	 l;
	const char		*amp;
	size_t			 i, n;
	enum status		 st;
	const char		*dummy;

	if (why == NULL)
		why = &dummy;
	*why = NULL;
	out->v = NULL;
	out->n = 0;
	if (len > lim->max_total)
		return fail(why, R_TOTAL, ST_TOOLARGE);
	form_list_init(&l, a, lim->max_fields);
	for (i = 0; i < len; i += n + 1) {
		amp = memchr(s + i, '&', len - i);
		n = amp != NULL ? (size_t)(amp - (s + i)) : len - i;
		/* "a=1&&b=2" and a trailing '&' are harmless: skip them. */
		if (n == 0)
			continue;
		if ((st = urlencoded_pair(&l, lim, s + i, n, why)) != ST_OK)
			return st;
	}
	out->v = l.v;
	out->n = l.n;
	return ST_OK;
}

enum status
form_parse_query(struct arena *a, const char *s, size_t len,
    const struct form_limits *lim, struct params *out, const char **why)
{
	/* A query string is encoded like a form body (WHATWG URL, 5.1). */
	return urlencoded(a, s, len, lim, out, why);
}

enum status
form_parse_urlencoded(struct arena *a, const char *s, size_t len,
    const struct form_limits *lim, struct params *out, const char **why)
{
	return urlencoded(a, s, len, lim, out, why);
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
	if (nlen > lim->max_name || !form_name_ok(name, nlen))
		return ST_OK;
	if (vlen > lim->max_value || form_text_check(val, vlen) != NULL)
		return ST_OK;
	if ((p = form_list_add(l)) == NULL)
		return fail(why, R_COUNT, ST_TOOLARGE);
	p->name = arena_strndup(l->a, name, nlen);
	p->val = arena_strndup(l->a, val, vlen);
	p->vlen = vlen;
	return ST_OK;
}

enum status
form_parse_cookies(struct arena *a, const char *s, size_t len,
    const struct form_limits *lim, struct params *out, const char **why)
{
	struct form_list	 l;
	const char		*semi;
	size_t			 i, n;
	enum status		 st;
	const char		*dummy;

	if (why == NULL)
		why = &dummy;
	*why = NULL;
	out->v = NULL;
	out->n = 0;
	if (len > lim->max_total)
		return fail(why, R_TOTAL, ST_TOOLARGE);
	form_list_init(&l, a, lim->max_fields);
	for (i = 0; i < len; i += n + 1) {
		semi = memchr(s + i, ';', len - i);
		n = semi != NULL ? (size_t)(semi - (s + i)) : len - i;
		if ((st = cookie_pair(&l, lim, s + i, n, why)) != ST_OK)
			return st;
	}
	out->v = l.v;
	out->n = l.n;
	return ST_OK;
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
