/* view.c: the values a template renders, built in a request's arena. */
#include <assert.h>
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "view.h"

#define FIRST_CAP	8

struct kv {
	const char	*key;
	size_t		 klen;
	struct view	*val;
};

struct view {
	enum view_type	 type;
	union {
		int		 b;
		long long	 i;
		double		 d;
		struct str	 s;	/* V_STR, V_HTML */
		struct {
			struct arena	*a;	/* children and growth */
			void		*items;	/* view *[] or kv [] */
			size_t		 len;
			size_t		 cap;
		} c;			/* V_LIST, V_MAP */
	} u;
};

static struct view *
view_new(struct arena *a, enum view_type type)
{
	struct view	*v;

	v = arena_alloc(a, sizeof(*v));
	memset(v, 0, sizeof(*v));
	v->type = type;
	return v;
}

static struct view *
container_new(struct arena *a, enum view_type type)
{
	struct view	*v;

	v = view_new(a, type);
	v->u.c.a = a;
	return v;
}

struct view *
view_map(struct arena *a)
{
	return container_new(a, V_MAP);
}

struct view *
view_list(struct arena *a)
{
	return container_new(a, V_LIST);
}

/* A NULL string is a missing value (an SQL NULL, say), not an empty one. */
struct view *
view_str(struct arena *a, const char *s)
{
	if (s == NULL)
		return view_null(a);
	return view_strn(a, s, strlen(s));
}

struct view *
view_strn(struct arena *a, const char *s, size_t len)
{
	struct view	*v;

	assert(s != NULL || len == 0);
	v = view_new(a, V_STR);
	v->u.s.p = arena_strndup(a, len > 0 ? s : "", len);
	v->u.s.len = len;
	return v;
}

struct view *
view_int(struct arena *a, long long i)
{
	struct view	*v;

	v = view_new(a, V_INT);
	v->u.i = i;
	return v;
}

struct view *
view_double(struct arena *a, double d)
{
	struct view	*v;

	v = view_new(a, V_DOUBLE);
	v->u.d = d;
	return v;
}

struct view *
view_bool(struct arena *a, int b)
{
	struct view	*v;

	v = view_new(a, V_BOOL);
	v->u.b = b != 0;
	return v;
}

struct view *
view_null(struct arena *a)
{
	return view_new(a, V_NULL);
}

/* Room for one more item; old arrays stay in the arena until it resets. */
static void
container_grow(struct view *v, size_t itemsz)
{
	void	*items;
	size_t	 cap;

	if (v->u.c.len < v->u.c.cap)
		return;
	cap = v->u.c.cap == 0 ? FIRST_CAP : v->u.c.cap * 2;
	items = arena_calloc(v->u.c.a, cap, itemsz);
	if (v->u.c.len > 0)
		memcpy(items, v->u.c.items, v->u.c.len * itemsz);
	v->u.c.items = items;
	v->u.c.cap = cap;
}

static struct kv *
map_find(const struct view *m, const char *key, size_t klen)
{
	struct kv	*kv;
	size_t		 i;

	kv = m->u.c.items;
	for (i = 0; i < m->u.c.len; i++)
		if (kv[i].klen == klen && memcmp(kv[i].key, key, klen) == 0)
			return &kv[i];
	return NULL;
}

/* A replaced key keeps its place: keys stay in the order first set. */
void
view_set(struct view *m, const char *key, struct view *val)
{
	struct kv	*kv;
	size_t		 klen;

	assert(m != NULL && m->type == V_MAP && key != NULL);
	if (val == NULL)
		val = view_null(m->u.c.a);
	klen = strlen(key);
	if ((kv = map_find(m, key, klen)) != NULL) {
		kv->val = val;
		return;
	}
	container_grow(m, sizeof(struct kv));
	kv = (struct kv *)m->u.c.items + m->u.c.len++;
	kv->key = arena_strndup(m->u.c.a, key, klen);
	kv->klen = klen;
	kv->val = val;
}

void
view_set_str(struct view *m, const char *key, const char *s)
{
	assert(m != NULL && m->type == V_MAP);
	view_set(m, key, view_str(m->u.c.a, s));
}

void
view_set_text(struct view *m, const char *key, const char *s)
{
	if (s != NULL && *s != '\0')
		view_set_str(m, key, s);
}

void
view_set_strn(struct view *m, const char *key, const char *s, size_t len)
{
	assert(m != NULL && m->type == V_MAP);
	view_set(m, key, view_strn(m->u.c.a, s, len));
}

void
view_set_int(struct view *m, const char *key, long long i)
{
	assert(m != NULL && m->type == V_MAP);
	view_set(m, key, view_int(m->u.c.a, i));
}

/* n with a comma between its groups of three digits, into buf (32 bytes). */
static const char *
grouped(char buf[32], long long n)
{
	char			 digits[24];
	unsigned long long	 u = n < 0 ? 0ULL - (unsigned long long)n :
				    (unsigned long long)n;
	size_t			 len, i, o = 0;

	len = (size_t)snprintf(digits, sizeof(digits), "%llu", u);
	if (n < 0)
		buf[o++] = '-';
	for (i = 0; i < len; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			buf[o++] = ',';
		buf[o++] = digits[i];
	}
	buf[o] = '\0';
	return buf;
}

const char *
view_num_text(struct arena *a, long long n)
{
	char	buf[32];

	return arena_strdup(a, grouped(buf, n));
}

void
view_set_num(struct view *m, const char *key, long long n)
{
	char	buf[32];

	assert(m != NULL && m->type == V_MAP);
	view_set_str(m, key, grouped(buf, n));
}

void
view_set_count(struct view *m, const char *key, long long n, const char *one,
    const char *many)
{
	char	num[32], buf[160];

	assert(m != NULL && m->type == V_MAP);
	(void)snprintf(buf, sizeof(buf), "%s %s", grouped(num, n),
	    n == 1 ? one : many);
	view_set_str(m, key, buf);
}

void
view_set_bool(struct view *m, const char *key, int b)
{
	assert(m != NULL && m->type == V_MAP);
	view_set(m, key, view_bool(m->u.c.a, b));
}

/*
 * Not copied: an html_safe already lives in an arena (markdown's or
 * html_safe_trusted's) that outlives the page it is rendered into.
 */
void
view_set_html(struct view *m, const char *key, const struct html_safe *h)
{
	struct view	*v;

	assert(m != NULL && m->type == V_MAP);
	if (h == NULL) {
		view_set(m, key, NULL);
		return;
	}
	v = view_new(m->u.c.a, V_HTML);
	v->u.s.p = h->p;
	v->u.s.len = h->len;
	view_set(m, key, v);
}

void
view_push(struct view *l, struct view *item)
{
	assert(l != NULL && l->type == V_LIST);
	if (item == NULL)
		item = view_null(l->u.c.a);
	container_grow(l, sizeof(struct view *));
	((struct view **)l->u.c.items)[l->u.c.len++] = item;
}

enum view_type
view_type(const struct view *v)
{
	return v == NULL ? V_NULL : v->type;
}

struct view *
view_get(const struct view *m, const char *key)
{
	if (key == NULL)
		return NULL;
	return view_getn(m, key, strlen(key));
}

struct view *
view_getn(const struct view *m, const char *key, size_t klen)
{
	struct kv	*kv;

	if (m == NULL || m->type != V_MAP)
		return NULL;
	kv = map_find(m, key, klen);
	return kv == NULL ? NULL : kv->val;
}

size_t
view_len(const struct view *v)
{
	if (v == NULL || (v->type != V_LIST && v->type != V_MAP))
		return 0;
	return v->u.c.len;
}

struct view *
view_at(const struct view *l, size_t i)
{
	if (l == NULL || l->type != V_LIST || i >= l->u.c.len)
		return NULL;
	return ((struct view **)l->u.c.items)[i];
}

const char *
view_text(const struct view *v, size_t *len)
{
	if (v == NULL || (v->type != V_STR && v->type != V_HTML)) {
		if (len != NULL)
			*len = 0;
		return NULL;
	}
	if (len != NULL)
		*len = v->u.s.len;
	return v->u.s.p;
}

long long
view_int_value(const struct view *v)
{
	if (v == NULL)
		return 0;
	if (v->type == V_INT)
		return v->u.i;
	if (v->type == V_BOOL)
		return v->u.b;
	return 0;
}

double
view_double_value(const struct view *v)
{
	if (v == NULL)
		return 0;
	if (v->type == V_DOUBLE)
		return v->u.d;
	if (v->type == V_INT)
		return (double)v->u.i;
	return 0;
}

const struct html_safe *
html_safe_trusted(struct arena *a, const char *p, size_t len)
{
	struct html_safe	*h;

	assert(p != NULL || len == 0);
	h = arena_alloc(a, sizeof(*h));
	h->p = arena_strndup(a, len > 0 ? p : "", len);
	h->len = len;
	return h;
}
