/* fuzz_fields.c: fields_check on parsed or raw params keeps its promises. */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "lib/arena.h"
#include "lib/form.h"

int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const struct field tab[] = {
	{ "t", F_TEXT, 2, 20, 0, NULL },
	{ "l", F_LINE, 0, 10, FIELD_REQUIRED, NULL },
	{ "e", F_EMAIL, 3, 40, 0, NULL },
	{ "i", F_INT, -5, 240, 0, NULL },
	{ "j", F_INT, -9223372036854775807LL - 1, 9223372036854775807LL, 0,
	    NULL },
	{ "b", F_BOOL, 0, 0, 0, NULL },
	{ "p", F_PASSWORD, 3, 8, 0, NULL },
	{ "r", F_ENUM, 0, 0, FIELD_REQUIRED, "admin|interviewer||x" },
	{ NULL, 0, 0, 0, 0, NULL },
};

static int
space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Code points, with CRLF counted once as the checker does. */
static size_t
chars(const char *s)
{
	size_t	 n, i, len = strlen(s);

	n = utf8_len(s, len);
	for (i = 0; i + 1 < len; i++)
		if (s[i] == '\r' && s[i + 1] == '\n')
			n--;
	return n;
}

/* A cut before any character keeps to the text and ends between two. */
static void
char_ends_ok(const char *s, size_t len)
{
	const char	*e;
	size_t		 i;

	for (i = 0; i < len; i++) {
		if ((s[i] & 0xc0) == 0x80)
			continue;
		e = utf8_char_end(s + i);
		assert(e >= s + i && e <= s + len);
		assert(e == s + len || (*e & 0xc0) != 0x80);
	}
}

static int
choice(const char *s)
{
	return strcmp(s, "admin") == 0 || strcmp(s, "interviewer") == 0 ||
	    strcmp(s, "x") == 0;
}

/* What a valid, present value of row f must look like. */
static void
check_valid(const struct field *f, const struct field_val *v)
{
	size_t	 len = strlen(v->text);

	assert(len > 0);
	assert(utf8_valid(v->text, len));
	char_ends_ok(v->text, len);
	if (f->type != F_PASSWORD)
		assert(!space(v->text[0]) && !space(v->text[len - 1]));
	switch (f->type) {
	case F_TEXT:
		assert(chars(v->text) >= 2 && chars(v->text) <= 20);
		break;
	case F_LINE:
	case F_PASSWORD:
		assert(strpbrk(v->text, "\r\n") == NULL);
		assert(utf8_len(v->text, len) <= (size_t)f->max);
		assert(utf8_len(v->text, len) >= (size_t)f->min);
		break;
	case F_EMAIL:
		assert(strchr(v->text, '@') != NULL && len <= 40);
		assert(strpbrk(v->text, " \t\r\n<>,;\"") == NULL);
		break;
	case F_INT:
		assert(v->num >= f->min && v->num <= f->max);
		break;
	case F_BOOL:
		assert(v->num == 0 || v->num == 1);
		break;
	case F_ENUM:
		assert(choice(v->text));
		break;
	default:
		assert(0);
	}
}

static void
check(struct arena *a, const struct params *ps)
{
	struct field_val	*v;
	enum status		 st;
	size_t			 i;
	int			 bad = 0;

	st = fields_check(a, tab, ps, &v);
	for (i = 0; tab[i].name != NULL; i++) {
		assert(strcmp(v[i].name, tab[i].name) == 0);
		assert(v[i].text != NULL);
		assert(fields_get(v, tab, tab[i].name) == &v[i]);
		if (v[i].err != NULL) {
			bad = 1;
			assert(*v[i].err != '\0');
			continue;
		}
		if (!v[i].present) {
			assert(!(tab[i].flags & FIELD_REQUIRED));
			continue;
		}
		check_valid(&tab[i], &v[i]);
	}
	assert(fields_get(v, tab, "zz") == NULL);
	assert((st == ST_INVALID) == bad && (st == ST_OK) == !bad);
}

/*
 * Params split from the raw input on '&' and '=', undecoded and unchecked:
 * what a caller building params by hand could pass, NULs and all.
 */
static void
raw_params(struct arena *a, const char *s, size_t len, struct params *ps)
{
	struct param	*p;
	const char	*amp, *eq;
	size_t		 i, n;

	ps->v = arena_calloc(a, len / 2 + 1, sizeof(*ps->v));
	ps->n = 0;
	for (i = 0; i < len; i += n + 1) {
		amp = memchr(s + i, '&', len - i);
		n = amp != NULL ? (size_t)(amp - (s + i)) : len - i;
		if ((eq = memchr(s + i, '=', n)) == NULL || eq == s + i)
			continue;
		p = &ps->v[ps->n++];
		p->name = arena_strndup(a, s + i, (size_t)(eq - (s + i)));
		p->vlen = n - (size_t)(eq - (s + i)) - 1;
		p->val = arena_strndup(a, eq + 1, p->vlen);
		if (p->vlen > 0 && p->val[0] == '@')
			p->filename = "f.bin";
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena	*a;
	struct params	 ps;
	const char	*s = (const char *)data, *why;

	if (size == 0)
		return 0;
	a = arena_new();
	/* The first byte picks parsed params or hand-built ones. */
	if (data[0] & 1)
		raw_params(a, s + 1, size - 1, &ps);
	else if (form_parse_urlencoded(a, s + 1, size - 1,
	    &form_limits_default, &ps, &why) != ST_OK) {
		arena_free(a);
		return 0;
	}
	check(a, &ps);
	arena_free(a);
	return 0;
}
