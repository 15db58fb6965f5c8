/* tmpl.c: the template set, its loader, and the mustache renderer. */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tmpl.h"
#include "tmpl_priv.h"

#define SUFFIX		".mustache"
#define MAX_FILE	(4 * 1024 * 1024)	/* larger is a mistake */

struct tmpl_set {
	struct arena		*a;	/* everything the set holds */
	enum tmpl_raw_policy	 raw;
	struct tmpl		**slot;	/* open addressing; cap a power of 2 */
	size_t			 cap;
	size_t			 n;
};

/* The context stack: innermost first. */
struct frame {
	const struct frame	*up;
	const struct view	*v;
};

/* Indentation of standalone partials and blocks; printed outermost first. */
struct indent {
	const struct indent	*up;
	struct str		 s;
};

/* Block arguments of the parents being rendered, innermost first. */
struct args {
	const struct args	*up;
	const struct node	*blocks;
	size_t			 n;
};

struct scope {
	const struct frame	*f;
	const struct indent	*ind;
	const struct args	*args;
};

#define STAGE		4096

struct render {
	const struct tmpl_set	*set;
	struct buf		*out;
	int			 depth;	/* templates entered */
	int			 bol;	/* at the start of a template line */
	size_t			 nstage;
	/* Small writes (entities, indents, short text) gather here for out. */
	char			 stage[STAGE];
};

static enum status	render_nodes(struct render *, const struct node *,
			    size_t, const struct scope *);

struct tmpl_set *
tmpl_set_new(enum tmpl_raw_policy raw)
{
	struct arena	*a;
	struct tmpl_set	*s;

	a = arena_new();
	s = arena_calloc(a, 1, sizeof(*s));
	s->a = a;
	s->raw = raw;
	return s;
}

void
tmpl_set_free(struct tmpl_set *s)
{
	if (s != NULL)
		arena_free(s->a);
}

static const struct tmpl *
set_find(const struct tmpl_set *s, const char *name, size_t len, uint32_t h)
{
	const struct tmpl	*t;
	size_t			 i, mask;

	if (s->cap == 0)
		return NULL;
	mask = s->cap - 1;
	for (i = h & mask; (t = s->slot[i]) != NULL; i = (i + 1) & mask)
		if (t->hash == h && t->namelen == len &&
		    memcmp(t->name, name, len) == 0)
			return t;
	return NULL;
}

/* Inserts t, or replaces the template of the same name. */
static void
set_put(struct tmpl_set *s, struct tmpl *t)
{
	struct tmpl	**old = s->slot;
	size_t		  i, oldcap = s->cap, mask;

	if ((s->n + 1) * 4 > s->cap * 3) {
		s->cap = oldcap == 0 ? 16 : oldcap * 2;
		s->slot = arena_calloc(s->a, s->cap, sizeof(*s->slot));
		s->n = 0;
		for (i = 0; i < oldcap; i++)
			if (old[i] != NULL)
				set_put(s, old[i]);
	}
	mask = s->cap - 1;
	for (i = t->hash & mask; s->slot[i] != NULL; i = (i + 1) & mask)
		if (s->slot[i]->namelen == t->namelen &&
		    memcmp(s->slot[i]->name, t->name, t->namelen) == 0) {
			s->slot[i] = t;
			return;
		}
	s->slot[i] = t;
	s->n++;
}

enum status
tmpl_set_add(struct tmpl_set *s, const char *name, const char *src,
    size_t len, char *err, size_t errsz)
{
	struct arena	*scratch;
	struct tmpl	*t;
	const char	*copy;
	enum status	 st;

	if (err != NULL && errsz > 0)
		err[0] = '\0';
	t = arena_calloc(s->a, 1, sizeof(*t));
	t->namelen = strlen(name);
	t->name = arena_strndup(s->a, name, t->namelen);
	t->hash = tmpl_hash(name, t->namelen);
	/* Text nodes point into this copy rather than holding their own. */
	copy = arena_strndup(s->a, len > 0 ? src : "", len);
	scratch = arena_new();
	st = tmpl_parse(s->a, scratch, t->name, copy, len, t, err, errsz);
	arena_free(scratch);
	if (st == ST_OK)
		set_put(s, t);
	return st;
}

static enum status
io_error(char *err, size_t errsz, const char *path)
{
	int	 e = errno;

	if (err != NULL && errsz > 0)
		snprintf(err, errsz, "%s: %s", path, strerror(e));
	return e == ENOENT ? ST_NOTFOUND : ST_INTERNAL;
}

/* Reads path whole into the arena. */
static enum status
read_file(struct arena *a, const char *path, char **p, size_t *len,
    char *err, size_t errsz)
{
	struct stat	 sb;
	ssize_t		 n = 0;
	size_t		 got = 0;
	int		 fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return io_error(err, errsz, path);
	if (fstat(fd, &sb) == -1)
		goto fail;
	if (sb.st_size > MAX_FILE) {
		errno = EFBIG;
		goto fail;
	}
	*p = arena_alloc(a, (size_t)sb.st_size + 1);
	while (got < (size_t)sb.st_size) {
		n = read(fd, *p + got, (size_t)sb.st_size - got);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			break;	/* shrank while we read: take what is there */
		got += (size_t)n;
	}
	if (n == -1)
		goto fail;
	close(fd);
	*len = got;
	return ST_OK;
fail:
	io_error(err, errsz, path);
	close(fd);
	return ST_INTERNAL;
}

/* Adds the template at path, named by its path below root less the suffix. */
static enum status
load_file(struct tmpl_set *s, const char *path, size_t root, char *err,
    size_t errsz)
{
	struct arena	*a;
	char		*src = NULL, *name;
	size_t		 len = 0;
	enum status	 st;

	a = arena_new();
	name = arena_strndup(a, path + root + 1,
	    strlen(path + root + 1) - strlen(SUFFIX));
	if ((st = read_file(a, path, &src, &len, err, errsz)) == ST_OK)
		st = tmpl_set_add(s, name, src, len, err, errsz);
	arena_free(a);
	return st;
}

static int
has_suffix(const char *s, size_t len)
{
	size_t	 n = strlen(SUFFIX);

	return len > n && memcmp(s + len - n, SUFFIX, n) == 0;
}

/* Walks the directory in path[0, len), a buffer of PATH_MAX bytes. */
static enum status
load_walk(struct tmpl_set *s, char *path, size_t len, size_t root,
    char *err, size_t errsz)
{
	struct dirent	*de;
	struct stat	 sb;
	DIR		*d;
	size_t		 n;
	enum status	 st = ST_OK;

	if ((d = opendir(path)) == NULL)
		return io_error(err, errsz, path);
	while (st == ST_OK && (de = readdir(d)) != NULL) {
		/* ".", "..", and the hidden files editors leave behind. */
		if (de->d_name[0] == '.')
			continue;
		n = strlen(de->d_name);
		if (len + 1 + n >= PATH_MAX) {
			errno = ENAMETOOLONG;
			st = io_error(err, errsz, path);
			break;
		}
		path[len] = '/';
		memcpy(path + len + 1, de->d_name, n + 1);
		if (stat(path, &sb) == -1)
			st = io_error(err, errsz, path);
		else if (S_ISDIR(sb.st_mode))
			st = load_walk(s, path, len + 1 + n, root, err, errsz);
		else if (S_ISREG(sb.st_mode) && has_suffix(de->d_name, n))
			st = load_file(s, path, root, err, errsz);
		path[len] = '\0';
	}
	closedir(d);
	return st;
}

enum status
tmpl_set_load_dir(struct tmpl_set *s, const char *dir, char *err,
    size_t errsz)
{
	char	 path[PATH_MAX];
	size_t	 len = strlen(dir);

	if (err != NULL && errsz > 0)
		err[0] = '\0';
	while (len > 1 && dir[len - 1] == '/')
		len--;
	if (len >= sizeof(path)) {
		errno = ENAMETOOLONG;
		return io_error(err, errsz, dir);
	}
	memcpy(path, dir, len);
	path[len] = '\0';
	return load_walk(s, path, len, len, err, errsz);
}

static void
out_flush(struct render *r)
{
	if (r->nstage > 0) {
		buf_put(r->out, r->stage, r->nstage);
		r->nstage = 0;
	}
}

static void
out_put(struct render *r, const char *p, size_t n)
{
	if (n > STAGE - r->nstage) {
		out_flush(r);
		if (n > STAGE / 2) {
			buf_put(r->out, p, n);
			return;
		}
	}
	memcpy(r->stage + r->nstage, p, n);
	r->nstage += n;
}

/* Entities for the five characters that matter in text and attributes. */
static const char *const esc[256] = {
	['&'] = "&amp;",
	['<'] = "&lt;",
	['>'] = "&gt;",
	['"'] = "&quot;",
	['\''] = "&#39;",
};
static const unsigned char esclen[256] = {
	['&'] = 5, ['<'] = 4, ['>'] = 4, ['"'] = 6, ['\''] = 5,
};

static void
put_escaped(struct render *r, const char *s, size_t n)
{
	size_t		 i, run = 0;
	unsigned char	 c;

	for (i = 0; i < n; i++) {
		c = (unsigned char)s[i];
		if (esclen[c] == 0)
			continue;
		if (i > run)
			out_put(r, s + run, i - run);
		out_put(r, esc[c], esclen[c]);
		run = i + 1;
	}
	if (n > run)
		out_put(r, s + run, n - run);
}

static size_t
fmt_int(char *out, long long v)
{
	char			 tmp[24];
	unsigned long long	 u;
	size_t			 n = 0, i = 0;

	u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
	do {
		tmp[n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u != 0);
	if (v < 0)
		out[i++] = '-';
	while (n > 0)
		out[i++] = tmp[--n];
	return i;
}

/*
 * The shortest of %.15g, %.16g and %.17g that reads back as the same
 * double: 1.21 prints "1.21", 2.0 prints "2" (the spec's decimal tests).
 * Assumes the C locale for LC_NUMERIC, which the programs never change.
 */
static size_t
fmt_double(char *out, size_t sz, double d)
{
	int	 prec, n = 0;

	for (prec = 15; prec <= 17; prec++) {
		n = snprintf(out, sz, "%.*g", prec, d);
		if (strtod(out, NULL) == d)
			break;
	}
	return n < 0 ? 0 : (size_t)n;
}

static void
put_indent(struct render *r, const struct indent *ind)
{
	if (ind->up != NULL)
		put_indent(r, ind->up);
	out_put(r, ind->s.p, ind->s.len);
}

/*
 * Template text; under a standalone partial or block each of its lines that
 * is not empty starts with the indentation.  Values are indented only where
 * they start a line: newlines inside them are data (spec "Standalone
 * Indentation").
 */
static void
put_text(struct render *r, const struct indent *ind, const char *p, size_t n)
{
	const char	*e = p + n, *nl;
	size_t		 k;

	if (ind == NULL) {
		out_put(r, p, n);
		return;
	}
	while (p < e) {
		if (r->bol && *p != '\n' &&
		    !(*p == '\r' && p + 1 < e && p[1] == '\n'))
			put_indent(r, ind);
		nl = memchr(p, '\n', (size_t)(e - p));
		k = nl != NULL ? (size_t)(nl - p) + 1 : (size_t)(e - p);
		out_put(r, p, k);
		r->bol = nl != NULL;
		p += k;
	}
}

static void
put_value(struct render *r, const struct indent *ind, const struct view *v,
    int escape)
{
	char		 num[32];
	const char	*p;
	size_t		 n;

	switch (view_type(v)) {
	case V_STR:
	case V_HTML:
		p = view_text(v, &n);
		break;
	case V_INT:
		n = fmt_int(num, view_int_value(v));
		p = num;
		escape = 0;
		break;
	case V_DOUBLE:
		n = fmt_double(num, sizeof(num), view_double_value(v));
		p = num;
		escape = 0;
		break;
	case V_BOOL:
		p = view_int_value(v) ? "true" : "false";
		n = strlen(p);
		escape = 0;
		break;
	default:
		return;		/* null, missing, lists, maps: nothing */
	}
	if (n == 0)
		return;
	if (ind != NULL && r->bol)
		put_indent(r, ind);
	r->bol = 0;
	if (escape)
		put_escaped(r, p, n);
	else
		out_put(r, p, n);
}

/*
 * Spec name resolution: the first segment in the innermost context that
 * has it (even as null), the rest only inside what that found.
 */
static const struct view *
lookup(const struct frame *f, const struct node *n)
{
	const struct view	*v = NULL;
	size_t			 i;

	if (n->npath == 0)
		return f != NULL ? f->v : NULL;
	for (; f != NULL; f = f->up)
		if ((v = view_getn(f->v, n->path[0].p, n->path[0].len)) != NULL)
			break;
	for (i = 1; v != NULL && i < n->npath; i++)
		v = view_getn(v, n->path[i].p, n->path[i].len);
	return v;
}

/*
 * Null, false and the empty list are falsey.  The spec leaves "" and 0 to
 * the host language; like its Ruby reference we keep them truthy, so a
 * section tests presence, not content.
 */
static int
truthy(const struct view *v)
{
	switch (view_type(v)) {
	case V_NULL:
		return 0;
	case V_BOOL:
		return view_int_value(v) != 0;
	case V_LIST:
		return view_len(v) > 0;
	default:
		return 1;
	}
}

/* {{{x}}} and {{&x}}: in the product only HTML made safe by its maker. */
static enum status
put_raw(struct render *r, const struct node *n, const struct scope *sc)
{
	const struct view	*v;

	v = lookup(sc->f, n);
	if (view_type(v) == V_STR && r->set->raw == TMPL_RAW_SAFE_ONLY) {
		fprintf(stderr, "tmpl: %s:%zu: raw tag {{{%.*s}}} refuses a "
		    "plain string; set it with view_set_html()\n", n->tmpl,
		    n->line, (int)n->text.len, n->text.p);
		return ST_INTERNAL;
	}
	put_value(r, sc->ind, v, 0);
	return ST_OK;
}

static enum status
render_section(struct render *r, const struct node *n, const struct scope *sc)
{
	const struct view	*v;
	struct frame		 f;
	struct scope		 in = *sc;
	size_t			 i, len;
	enum status		 st;

	v = lookup(sc->f, n);
	if (!truthy(v))
		return ST_OK;
	f.up = sc->f;
	in.f = &f;
	if (view_type(v) != V_LIST) {
		f.v = v;
		return render_nodes(r, n->kids, n->nkids, &in);
	}
	len = view_len(v);
	for (i = 0; i < len; i++) {
		f.v = view_at(v, i);
		if ((st = render_nodes(r, n->kids, n->nkids, &in)) != ST_OK)
			return st;
	}
	return ST_OK;
}

/*
 * Renders nodes reached through partial, parent or block n, which, if it
 * stands alone on its line, indents their lines.  The depth limit turns
 * runaway recursion into an error instead of a stack overflow.
 */
static enum status
render_nested(struct render *r, const struct node *n, struct scope *in,
    const struct node *nodes, size_t len)
{
	struct indent	 ind;
	enum status	 st;

	if (r->depth >= TMPL_MAX_DEPTH) {
		fprintf(stderr, "tmpl: %s:%zu: {{%c%.*s}} nests deeper than %d "
		    "templates\n", n->tmpl, n->line,
		    n->type == N_BLOCK ? '$' : n->type == N_PARENT ? '<' : '>',
		    (int)n->text.len, n->text.p, TMPL_MAX_DEPTH);
		return ST_INTERNAL;
	}
	if (n->standalone) {
		if (n->indent.len > 0) {
			ind.up = in->ind;
			ind.s = n->indent;
			in->ind = &ind;
		}
		r->bol = 1;
	}
	r->depth++;
	st = render_nodes(r, nodes, len, in);
	r->depth--;
	if (n->standalone)
		r->bol = 1;	/* its line is gone: the next one starts */
	return st;
}

/* {{>x}} and {{<x}}; a missing template renders as nothing (spec). */
static enum status
render_partial(struct render *r, const struct node *n, const struct scope *sc)
{
	const struct tmpl	*t;
	struct args		 args;
	struct scope		 in = *sc;

	if ((t = set_find(r->set, n->text.p, n->text.len, n->hash)) == NULL)
		return ST_OK;
	if (n->type == N_PARENT) {
		args.up = sc->args;
		args.blocks = n->kids;
		args.n = n->nkids;
		in.args = &args;
	}
	return render_nested(r, n, &in, t->nodes, t->n);
}

/*
 * {{$x}}: the outermost override wins (a page beats its layout's own
 * parent), else the default content.  Overrides render in the context of
 * the site (spec "Block scope").
 */
static enum status
render_block(struct render *r, const struct node *n, const struct scope *sc)
{
	const struct node	*use = n;
	const struct args	*a;
	struct scope		 in = *sc;
	size_t			 i;

	for (a = sc->args; a != NULL; a = a->up)
		for (i = 0; i < a->n; i++)
			if (a->blocks[i].text.len == n->text.len &&
			    memcmp(a->blocks[i].text.p, n->text.p,
			    n->text.len) == 0) {
				use = &a->blocks[i];
				break;
			}
	return render_nested(r, n, &in, use->kids, use->nkids);
}

static enum status
render_nodes(struct render *r, const struct node *nodes, size_t len,
    const struct scope *sc)
{
	const struct node	*n;
	size_t			 i;
	enum status		 st = ST_OK;

	for (i = 0; i < len && st == ST_OK; i++) {
		n = &nodes[i];
		switch (n->type) {
		case N_TEXT:
			put_text(r, sc->ind, n->text.p, n->text.len);
			break;
		case N_VAR:
			put_value(r, sc->ind, lookup(sc->f, n), 1);
			break;
		case N_RAW:
			st = put_raw(r, n, sc);
			break;
		case N_SECTION:
			st = render_section(r, n, sc);
			break;
		case N_INVERTED:
			if (!truthy(lookup(sc->f, n)))
				st = render_nodes(r, n->kids, n->nkids, sc);
			break;
		case N_PARTIAL:
		case N_PARENT:
			st = render_partial(r, n, sc);
			break;
		case N_BLOCK:
			st = render_block(r, n, sc);
			break;
		default:
			st = ST_INTERNAL;
			break;
		}
	}
	return st;
}

enum status
tmpl_render(const struct tmpl_set *s, const char *name,
    const struct view *ctx, struct buf *out)
{
	const struct tmpl	*t;
	struct render		 r;
	struct frame		 f = { NULL, ctx };
	struct scope		 sc = { ctx != NULL ? &f : NULL, NULL, NULL };
	size_t			 len = strlen(name), mark = out->len;
	enum status		 st;

	if ((t = set_find(s, name, len, tmpl_hash(name, len))) == NULL) {
		fprintf(stderr, "tmpl: no template \"%s\"\n", name);
		return ST_INTERNAL;
	}
	r.set = s;
	r.out = out;
	r.depth = 0;
	r.bol = 1;
	r.nstage = 0;
	st = render_nodes(&r, t->nodes, t->n, &sc);
	out_flush(&r);
	if (st != ST_OK) {
		/* Nothing of a failed page goes out, least of all raw text. */
		out->len = mark;
		out->p[mark] = '\0';
	}
	return st;
}
