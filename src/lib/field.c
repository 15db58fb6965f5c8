/* field.c: checks submitted params against a handler's table of fields. */
#include <assert.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "form.h"
#include "form_priv.h"
#include "view.h"

static const char M_REQUIRED[] = "This field is required.";
static const char M_TICK[] = "Tick this box to continue.";
static const char M_NOT_TEXT[] = "This field takes text, not a file or "
    "control characters.";
static const char M_ONE_LINE[] = "Enter a single line.";
static const char M_EMAIL[] = "Enter an email address like name@example.com.";
static const char M_BOOL[] = "Choose yes or no.";
const char field_msg_choice[] = "Choose one of the options.";

static int
space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* The value without surrounding whitespace, as a C string. */
static struct str
trimmed(struct arena *a, const struct param *p)
{
	struct str	 s = { p->val, p->vlen };

	while (s.len > 0 && space(s.p[0])) {
		s.p++;
		s.len--;
	}
	while (s.len > 0 && space(s.p[s.len - 1]))
		s.len--;
	if (s.len != p->vlen)
		s.p = arena_strndup(a, s.p, s.len);
	return s;
}

/*
 * Browsers count a textarea's line break as one character when enforcing
 * maxlength but send it as CRLF; count it once too, so a form the browser
 * accepted is not refused here.
 */
static size_t
chars(struct str s)
{
	size_t	 n, i;

	n = utf8_len(s.p, s.len);
	for (i = 0; i + 1 < s.len; i++)
		if (s.p[i] == '\r' && s.p[i + 1] == '\n')
			n--;
	return n;
}

/*
 * NULL if n (code points, or bytes for an email) is within [min, max].  A
 * min of 0 or 1 is left to FIELD_REQUIRED and a max <= 0 means no limit.
 */
static const char *
length_err(struct arena *a, const struct field *f, size_t n)
{
	unsigned long long	 len = n;
	int			 low, high;

	low = f->min > 1 && len < (unsigned long long)f->min;
	high = f->max > 0 && len > (unsigned long long)f->max;
	if (!low && !high)
		return NULL;
	if (f->min > 1 && f->max > 0)
		return arena_printf(a,
		    "Enter between %lld and %lld characters.", f->min, f->max);
	if (low)
		return arena_printf(a, "Enter at least %lld characters.",
		    f->min);
	return arena_printf(a, "Enter at most %lld character%s.", f->max,
	    f->max == 1 ? "" : "s");
}

/* A sanity check, not RFC 5322: local@domain.tld, nothing that splits it. */
static int
email_ok(struct str s)
{
	const char	*at, *dom;
	size_t		 i, dlen;

	for (i = 0; i < s.len; i++)
		if ((unsigned char)s.p[i] <= ' ' || s.p[i] == 0x7f ||
		    strchr("\"(),:;<>[\\]", s.p[i]) != NULL)
			return 0;
	if ((at = memchr(s.p, '@', s.len)) == NULL || at == s.p)
		return 0;
	dom = at + 1;
	dlen = s.len - (size_t)(dom - s.p);
	if (memchr(dom, '@', dlen) != NULL || dlen < 3)
		return 0;
	if (dom[0] == '.' || dom[dlen - 1] == '.' ||
	    memchr(dom, '.', dlen) == NULL)
		return 0;
	for (i = 0; i + 1 < dlen; i++)
		if (dom[i] == '.' && dom[i + 1] == '.')
			return 0;
	return 1;
}

static const char *
int_err(struct arena *a, const struct field *f)
{
	if (f->min == LLONG_MIN && f->max == LLONG_MAX)
		return "Enter a whole number.";
	/* Read by people: the bounds grouped, as every figure they see. */
	if (f->max == LLONG_MAX)
		return arena_printf(a, "Enter a whole number of %s or more.",
		    view_num_text(a, f->min));
	if (f->min == LLONG_MIN)
		return arena_printf(a, "Enter a whole number of %s or less.",
		    view_num_text(a, f->max));
	return arena_printf(a, "Enter a whole number between %s and %s.",
	    view_num_text(a, f->min), view_num_text(a, f->max));
}

/* Optional '-' and decimal digits only: strtoll alone would take " +7". */
static const char *
check_int(struct arena *a, const struct field *f, struct str s,
    long long *num)
{
	const char	*d = s.p;
	char		*end;
	long long	 v;

	if (*d == '-')
		d++;
	if (*d < '0' || *d > '9')
		return int_err(a, f);
	errno = 0;
	v = strtoll(s.p, &end, 10);
	if (errno == ERANGE || end != s.p + s.len || v < f->min || v > f->max)
		return int_err(a, f);
	*num = v;
	return NULL;
}

static const char *
check_bool(struct str s, long long *num)
{
	if (strcasecmp(s.p, "on") == 0 || strcmp(s.p, "1") == 0 ||
	    strcasecmp(s.p, "true") == 0)
		*num = 1;
	else if (strcasecmp(s.p, "off") == 0 || strcmp(s.p, "0") == 0 ||
	    strcasecmp(s.p, "false") == 0)
		*num = 0;
	else
		return M_BOOL;
	return NULL;
}

/* s must equal one whole word of "a|b|c", not just part of one. */
static const char *
check_enum(const struct field *f, struct str s)
{
	const char	*c, *bar;
	size_t		 n;

	assert(f->choices != NULL);	/* no choices is the table's bug */
	for (c = f->choices; ; c = bar + 1) {
		bar = strchr(c, '|');
		n = bar != NULL ? (size_t)(bar - c) : strlen(c);
		if (n == s.len && memcmp(c, s.p, n) == 0)
			return NULL;
		if (bar == NULL)
			return field_msg_choice;
	}
}

/* The type's own rule for a value that was sent. */
static const char *
check_value(struct arena *a, const struct field *f, struct str s,
    long long *num)
{
	switch (f->type) {
	case F_TEXT:
		return length_err(a, f, chars(s));
	case F_LINE:
	case F_PASSWORD:
		if (memchr(s.p, '\n', s.len) != NULL ||
		    memchr(s.p, '\r', s.len) != NULL)
			return M_ONE_LINE;
		return length_err(a, f, utf8_len(s.p, s.len));
	case F_EMAIL:
		if (!email_ok(s))
			return M_EMAIL;
		return length_err(a, f, s.len);
	case F_INT:
		return check_int(a, f, s, num);
	case F_BOOL:
		return check_bool(s, num);
	case F_ENUM:
		return check_enum(f, s);
	default:
		assert(!"unknown field type");
		return M_NOT_TEXT;
	}
}

static void
field_one(struct arena *a, const struct field *f, const struct param *p,
    struct field_val *v)
{
	struct str	 s = { "", 0 };

	v->name = f->name;
	v->text = "";
	if (p != NULL) {
		/* Parsers check text; a file part or a built param may not. */
		if (p->filename != NULL ||
		    form_text_check(p->val, p->vlen) != NULL) {
			v->err = M_NOT_TEXT;
			return;
		}
		/*
		 * A password is the user's exact bytes: trimming it would let
		 * this form and other clients (the CLI, the API) disagree.
		 */
		if (f->type == F_PASSWORD) {
			s.p = p->val;
			s.len = p->vlen;
		} else
			s = trimmed(a, p);
	}
	v->text = s.p;
	v->present = s.len > 0;
	if (!v->present) {
		if (f->flags & FIELD_REQUIRED)
			v->err = f->type == F_BOOL ? M_TICK : M_REQUIRED;
		return;
	}
	v->err = check_value(a, f, s, &v->num);
	if (v->err == NULL && f->type == F_BOOL && v->num == 0 &&
	    (f->flags & FIELD_REQUIRED))
		v->err = M_TICK;
}

/*
 * Looks each row up with params_get: tables are short and fixed at compile
 * time and params are capped by form_limits, so the cost stays linear in
 * what the client sent.
 */
enum status
fields_check(struct arena *a, const struct field *tab,
    const struct params *in, struct field_val **out)
{
	struct field_val	*v;
	size_t			 n, i;
	enum status		 st = ST_OK;

	for (n = 0; tab[n].name != NULL; n++)
		continue;
	v = arena_calloc(a, n + 1, sizeof(*v));
	for (i = 0; i < n; i++) {
		field_one(a, &tab[i], params_get(in, tab[i].name), &v[i]);
		if (v[i].err != NULL)
			st = ST_INVALID;
	}
	*out = v;
	return st;
}

const struct field_val *
fields_get(const struct field_val *v, const struct field *tab, const char *name)
{
	size_t	 i;

	for (i = 0; tab[i].name != NULL; i++)
		if (strcmp(tab[i].name, name) == 0)
			return &v[i];
	return NULL;
}
