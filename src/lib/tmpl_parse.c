/* tmpl_parse.c: mustache source to a node tree, standalone lines settled. */
#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "tmpl_priv.h"

#define MAX_DELIM	16

enum tok_kind {
	TOK_EOF,
	TOK_TEXT,
	TOK_TAG,
	TOK__MAX
};

/*
 * Tag pairs that make a standalone line in the ~inheritance spec, where a
 * line normally needs a single tag to be standalone.
 */
enum pair {
	PAIR_NONE,
	PAIR_PARENT_EMPTY,	/* {{<p}}{{/p}} */
	PAIR_PARENT_BLOCK,	/* {{<p}}{{$b}} */
	PAIR_BLOCK_END,		/* {{/b}}{{/p}}, b an argument of p */
	PAIR_BLOCK_EMPTY,	/* {{$b}}{{/b}}: its newline stays */
	PAIR__MAX
};

struct tag {
	int		 type;		/* 0 ({{x}}) or { & # ^ / > < $ ! = */
	size_t		 start;		/* offset of the opening delimiter */
	size_t		 end;		/* just past the closing delimiter */
	struct str	 name;		/* content, blanks trimmed */
	struct str	 delim[2];	/* new delimiters of a {{=a b=}} tag */
	size_t		 text_end;	/* where the text before it stops */
	int		 standalone;
	enum pair	 pair;		/* set on the first tag of a pair */
	struct str	 indent;	/* blanks before it, less the dedent */
};

/* Where the scan is; copied whole to parse a block a second time. */
struct lexer {
	size_t		 pos;
	struct str	 otag;
	struct str	 ctag;
	struct tag	 q[2];		/* tags found with the text before */
	int		 nq;
	int		 qi;
};

struct tok {
	enum tok_kind	 kind;
	size_t		 a, b;		/* TOK_TEXT bytes */
	struct tag	 tag;		/* TOK_TAG */
};

struct open {
	int		 type;
	struct str	 name;
	size_t		 line;
};

struct nodevec {
	struct node	*v;
	size_t		 n;
	size_t		 cap;
};

struct parser {
	struct arena	*a;		/* for nodes: real, or scratch if dry */
	struct arena	*real;
	struct arena	*scratch;
	const char	*tname;
	const char	*src;
	size_t		 len;
	struct lexer	 lx;
	size_t		 dedent;	/* blanks stripped from line starts */
	int		 dry;		/* look-ahead: only positions matter */
	struct open	 open[TMPL_MAX_NEST];
	int		 depth;
	size_t		 lpos;		/* line_at cache: lpos is on lline */
	size_t		 lline;
	char		*err;
	size_t		 errsz;
};

static enum status	parse_list(struct parser *, struct nodevec *,
			    struct tag *);

uint32_t
tmpl_hash(const char *s, size_t len)
{
	uint32_t	 h = 2166136261u;	/* FNV-1a */
	size_t		 i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 16777619u;
	}
	return h;
}

static int
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static int
is_space(char c)
{
	return is_blank(c) || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

static int
str_eq(struct str a, struct str b)
{
	return a.len == b.len && memcmp(a.p, b.p, a.len) == 0;
}

static struct str
trim(const char *p, size_t len)
{
	struct str	 s = { p, len };

	while (s.len > 0 && is_space(s.p[0])) {
		s.p++;
		s.len--;
	}
	while (s.len > 0 && is_space(s.p[s.len - 1]))
		s.len--;
	return s;
}

/* Line of offset pos; parsing moves forward, so counting resumes. */
static size_t
line_at(struct parser *p, size_t pos)
{
	const char	*nl;

	if (pos < p->lpos) {
		p->lpos = 0;
		p->lline = 1;
	}
	while (p->lpos < pos) {
		nl = memchr(p->src + p->lpos, '\n', pos - p->lpos);
		if (nl == NULL) {
			p->lpos = pos;
			break;
		}
		p->lline++;
		p->lpos = (size_t)(nl - p->src) + 1;
	}
	return p->lline;
}

static enum status perr(struct parser *, size_t, const char *, ...)
    __attribute__((format(printf, 3, 4)));

/* Writes "name:line: message" into the caller's buffer. */
static enum status
perr(struct parser *p, size_t line, const char *fmt, ...)
{
	char	 msg[256];
	va_list	 ap;

	if (p->err == NULL || p->errsz == 0)
		return ST_INVALID;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	snprintf(p->err, p->errsz, "%s:%zu: %s", p->tname, line, msg);
	return ST_INVALID;
}

/* {{=<% %>=}}: two words, no '=' (it would end the tag), not too long. */
static enum status
lex_delims(struct parser *p, struct tag *tg)
{
	struct str	 s = tg->name;
	size_t		 i, j;

	for (i = 0; i < s.len && !is_space(s.p[i]); i++)
		continue;
	for (j = i; j < s.len && is_space(s.p[j]); j++)
		continue;
	tg->delim[0] = (struct str){ s.p, i };
	tg->delim[1] = (struct str){ s.p + j, s.len - j };
	for (i = 0; i < 2; i++) {
		s = tg->delim[i];
		if (s.len == 0 || s.len > MAX_DELIM ||
		    memchr(s.p, '=', s.len) != NULL)
			goto bad;
		for (j = 0; j < s.len; j++)
			if (is_space(s.p[j]))
				goto bad;
	}
	return ST_OK;
bad:
	return perr(p, line_at(p, tg->start), "bad delimiters {{=%.*s=}}",
	    (int)tg->name.len, tg->name.p);
}

/* Names are one word; a comment's text is not a name. */
static enum status
lex_name(struct parser *p, struct tag *tg)
{
	struct str	 n = tg->name;
	size_t		 i;

	if (tg->type == '!')
		return ST_OK;
	if (tg->type == '=')
		return lex_delims(p, tg);
	if (n.len == 0)
		return perr(p, line_at(p, tg->start), "empty tag");
	for (i = 0; i < n.len; i++)
		if (is_space(n.p[i]))
			return perr(p, line_at(p, tg->start),
			    "bad name \"%.*s\"", (int)n.len, n.p);
	return ST_OK;
}

/* Reads the tag whose opening delimiter is at s. */
static enum status
lex_tag(struct parser *p, size_t s, struct tag *tg)
{
	char		 pat[MAX_DELIM + 1];
	size_t		 c, patlen = 0;
	const char	*hit;

	memset(tg, 0, sizeof(*tg));
	tg->start = s;
	c = s + p->lx.otag.len;
	if (c < p->len && p->src[c] != '\0' &&
	    strchr("{&#^/><$!=", p->src[c]) != NULL)
		tg->type = p->src[c++];
	if (tg->type == '{')
		pat[patlen++] = '}';
	else if (tg->type == '=')
		pat[patlen++] = '=';
	memcpy(pat + patlen, p->lx.ctag.p, p->lx.ctag.len);
	patlen += p->lx.ctag.len;
	hit = c < p->len ? memmem(p->src + c, p->len - c, pat, patlen) : NULL;
	if (hit == NULL)
		return perr(p, line_at(p, s), "unclosed tag");
	tg->end = (size_t)(hit - p->src) + patlen;
	tg->name = trim(p->src + c, (size_t)(hit - p->src) - c);
	return lex_name(p, tg);
}

/* Only tags that print nothing themselves can stand alone on a line. */
static int
can_stand_alone(int type)
{
	return type != 0 && type != '{' && type != '&';
}

/* Whether only blanks precede offset t on its line; *ls gets the line start. */
static int
blank_before(const struct parser *p, size_t t, size_t *ls)
{
	size_t	 k = t;

	while (k > p->lx.pos && is_blank(p->src[k - 1]))
		k--;
	if (k != 0 && p->src[k - 1] != '\n')
		return 0;
	*ls = k;
	return 1;
}

/*
 * Whether only blanks follow offset e on its line; *eol gets the newline's
 * offset, *next the offset past it.
 */
static int
blank_after(const struct parser *p, size_t e, size_t *eol, size_t *next)
{
	size_t	 m = e;

	while (m < p->len && is_blank(p->src[m]))
		m++;
	*eol = m;
	if (m == p->len)
		*next = m;
	else if (p->src[m] == '\n')
		*next = m + 1;
	else if (p->src[m] == '\r' && m + 1 < p->len && p->src[m + 1] == '\n')
		*next = m + 2;
	else
		return 0;
	return 1;
}

static enum pair
pair_kind(const struct parser *p, const struct tag *t1, const struct tag *t2)
{
	const struct open	*top, *below;

	if (t1->type == '<' && t2->type == '/' && str_eq(t1->name, t2->name))
		return PAIR_PARENT_EMPTY;
	if (t1->type == '<' && t2->type == '$')
		return PAIR_PARENT_BLOCK;
	if (t1->type == '$' && t2->type == '/' && str_eq(t1->name, t2->name))
		return PAIR_BLOCK_EMPTY;
	if (t1->type != '/' || t2->type != '/' || p->depth < 2)
		return PAIR_NONE;
	top = &p->open[p->depth - 1];
	below = &p->open[p->depth - 2];
	if (top->type == '$' && str_eq(top->name, t1->name) &&
	    below->type == '<' && str_eq(below->name, t2->name))
		return PAIR_BLOCK_END;
	return PAIR_NONE;
}

static void
set_indent(struct parser *p, struct tag *tg, size_t ls)
{
	size_t	 k, w = tg->start - ls;

	/* Inside a dedented block the indentation is relative to the block. */
	k = w < p->dedent ? w : p->dedent;
	tg->indent = (struct str){ p->src + ls + k, w - k };
	tg->standalone = 1;
	tg->text_end = ls;
}

/*
 * Tries the tag right after t1 as the second of a standalone pair; on
 * success fills t2 for the caller to queue and moves the scan past the line.
 */
static enum status
lex_pair(struct parser *p, struct tag *t1, struct tag *t2, size_t ls,
    int *found)
{
	size_t		 e = t1->end, eol, next;
	enum status	 st;

	*found = 0;
	if (e + p->lx.otag.len > p->len ||
	    memcmp(p->src + e, p->lx.otag.p, p->lx.otag.len) != 0)
		return ST_OK;
	if ((st = lex_tag(p, e, t2)) != ST_OK)
		return st;
	if ((t1->pair = pair_kind(p, t1, t2)) == PAIR_NONE ||
	    !blank_after(p, t2->end, &eol, &next)) {
		t1->pair = PAIR_NONE;
		return ST_OK;
	}
	set_indent(p, t1, ls);
	t2->standalone = 1;
	t2->text_end = t2->start;
	p->lx.pos = t1->pair == PAIR_BLOCK_EMPTY ? eol : next;
	*found = 1;
	return ST_OK;
}

/*
 * Reads the tag at s, decides whether it stands alone, and queues it;
 * *text_end is where the text before it stops.
 */
static enum status
lex_scan(struct parser *p, size_t s, size_t *text_end)
{
	struct lexer	*lx = &p->lx;
	struct tag	 tg, tg2;
	size_t		 ls, eol, next;
	int		 paired = 0;
	enum status	 st;

	if ((st = lex_tag(p, s, &tg)) != ST_OK)
		return st;
	tg.text_end = s;
	if (can_stand_alone(tg.type) && blank_before(p, s, &ls)) {
		if (blank_after(p, tg.end, &eol, &next)) {
			set_indent(p, &tg, ls);
			lx->pos = next;
		} else if ((st = lex_pair(p, &tg, &tg2, ls, &paired)) != ST_OK)
			return st;
	}
	if (!tg.standalone && !paired)
		lx->pos = tg.end;
	if (tg.type == '=') {
		lx->otag = tg.delim[0];
		lx->ctag = tg.delim[1];
	}
	if (tg.type != '!' && tg.type != '=')
		lx->q[lx->nq++] = tg;
	if (paired)
		lx->q[lx->nq++] = tg2;
	*text_end = tg.text_end;
	return ST_OK;
}

/* Next token; comments and delimiter changes are consumed here. */
static enum status
lex_next(struct parser *p, struct tok *t)
{
	struct lexer	*lx = &p->lx;
	const char	*hit;
	size_t		 from, end;
	enum status	 st;

	for (;;) {
		if (lx->qi < lx->nq) {
			t->kind = TOK_TAG;
			t->tag = lx->q[lx->qi++];
			return ST_OK;
		}
		lx->qi = lx->nq = 0;
		from = lx->pos;
		hit = NULL;
		if (from < p->len)
			hit = memmem(p->src + from, p->len - from, lx->otag.p,
			    lx->otag.len);
		if (hit == NULL) {
			lx->pos = p->len;
			t->kind = from < p->len ? TOK_TEXT : TOK_EOF;
			t->a = from;
			t->b = p->len;
			return ST_OK;
		}
		if ((st = lex_scan(p, (size_t)(hit - p->src), &end)) != ST_OK)
			return st;
		if (end > from) {
			t->kind = TOK_TEXT;
			t->a = from;
			t->b = end;
			return ST_OK;
		}
	}
}

static struct node *
nv_push(struct parser *p, struct nodevec *nv)
{
	struct node	*v;
	size_t		 cap;

	if (nv->n == nv->cap) {
		cap = nv->cap == 0 ? 8 : nv->cap * 2;
		v = arena_calloc(p->a, cap, sizeof(*v));
		if (nv->n > 0)
			memcpy(v, nv->v, nv->n * sizeof(*v));
		nv->v = v;
		nv->cap = cap;
	}
	v = &nv->v[nv->n++];
	memset(v, 0, sizeof(*v));
	v->tmpl = p->tname;
	return v;
}

/* Copies src[a, b) without up to p->dedent blanks at the start of each line. */
static struct str
dedent_text(struct parser *p, size_t a, size_t b)
{
	char	*out;
	size_t	 i = a, k, n = 0;

	out = arena_alloc(p->a, b - a + 1);
	while (i < b) {
		if (i > 0 && p->src[i - 1] == '\n')
			for (k = 0; k < p->dedent && i < b &&
			    is_blank(p->src[i]); k++)
				i++;
		if (i < b)
			out[n++] = p->src[i++];
	}
	out[n] = '\0';
	return (struct str){ out, n };
}

static void
add_text(struct parser *p, struct nodevec *nv, size_t a, size_t b)
{
	struct node	*n;
	struct str	 s;

	if (p->dry)
		return;
	if (p->dedent > 0)
		s = dedent_text(p, a, b);
	else
		s = (struct str){ p->src + a, b - a };
	if (s.len == 0)
		return;
	n = nv_push(p, nv);
	n->type = N_TEXT;
	n->text = s;
}

/* "a.b.c" to its segments; "." (the current context) has none. */
static enum status
parse_path(struct parser *p, const struct tag *tg, struct node *n)
{
	struct str	*seg;
	const char	*s = tg->name.p, *dot;
	size_t		 len = tg->name.len, i, k;

	if (len == 1 && s[0] == '.')
		return ST_OK;
	for (i = 0, k = 1; i < len; i++)
		k += s[i] == '.';
	seg = arena_calloc(p->a, k, sizeof(*seg));
	for (i = 0; i < k; i++) {
		dot = memchr(s, '.', len);
		seg[i].p = s;
		seg[i].len = dot == NULL ? len : (size_t)(dot - s);
		if (seg[i].len == 0)
			return perr(p, n->line, "bad name \"%.*s\"",
			    (int)tg->name.len, tg->name.p);
		if (dot != NULL) {
			len -= seg[i].len + 1;
			s = dot + 1;
		}
	}
	n->path = seg;
	n->npath = k;
	return ST_OK;
}

static void
node_from_tag(struct parser *p, struct node *n, enum node_type type,
    const struct tag *tg)
{
	n->type = type;
	n->text = tg->name;
	n->line = line_at(p, tg->start);
	n->standalone = tg->standalone;
	n->indent = tg->indent;
	n->hash = tmpl_hash(tg->name.p, tg->name.len);
}

static enum status
add_var(struct parser *p, struct nodevec *nv, const struct tag *tg)
{
	struct node	*n;

	n = nv_push(p, nv);
	node_from_tag(p, n, tg->type == 0 ? N_VAR : N_RAW, tg);
	n->standalone = 0;
	return parse_path(p, tg, n);
}

static void
add_partial(struct parser *p, struct nodevec *nv, const struct tag *tg)
{
	node_from_tag(p, nv_push(p, nv), N_PARTIAL, tg);
}

static enum status
push_open(struct parser *p, const struct tag *tg)
{
	struct open	*o;

	if (p->depth == TMPL_MAX_NEST)
		return perr(p, line_at(p, tg->start),
		    "sections nested deeper than %d", TMPL_MAX_NEST);
	o = &p->open[p->depth++];
	o->type = tg->type;
	o->name = tg->name;
	o->line = line_at(p, tg->start);
	return ST_OK;
}

/* Parses what lies between an opening tag and its close into kids. */
static enum status
parse_inside(struct parser *p, const struct tag *tg, struct nodevec *kids,
    struct tag *close)
{
	enum status	 st;

	if ((st = push_open(p, tg)) != ST_OK)
		return st;
	st = parse_list(p, kids, close);
	p->depth--;
	return st;
}

static enum status
parse_section(struct parser *p, struct nodevec *nv, const struct tag *tg)
{
	struct nodevec	 kids = { NULL, 0, 0 };
	struct tag	 close;
	struct node	*n;
	enum status	 st;

	if ((st = parse_inside(p, tg, &kids, &close)) != ST_OK)
		return st;
	n = nv_push(p, nv);
	node_from_tag(p, n, tg->type == '#' ? N_SECTION : N_INVERTED, tg);
	n->standalone = 0;
	n->kids = kids.v;
	n->nkids = kids.n;
	return parse_path(p, tg, n);
}

/* A parent keeps only its blocks: other text inside it is ignored (spec). */
static enum status
parse_parent(struct parser *p, struct nodevec *nv, const struct tag *tg)
{
	struct nodevec	 kids = { NULL, 0, 0 };
	struct tag	 close;
	struct node	*n, *args;
	size_t		 i, k = 0;
	enum status	 st;

	if ((st = parse_inside(p, tg, &kids, &close)) != ST_OK)
		return st;
	args = arena_calloc(p->a, kids.n > 0 ? kids.n : 1, sizeof(*args));
	for (i = 0; i < kids.n; i++)
		if (kids.v[i].type == N_BLOCK)
			args[k++] = kids.v[i];
	n = nv_push(p, nv);
	node_from_tag(p, n, N_PARENT, tg);
	n->kids = args;
	n->nkids = k;
	return ST_OK;
}

/*
 * Lines in src[from, to) that are not blank all start with the same blanks;
 * returns whether there is such a line, with the first one's offset and the
 * length of the common blanks.
 */
static int
common_blanks(const char *s, size_t from, size_t to, size_t *first,
    size_t *len)
{
	const char	*nl;
	size_t		 i = from, b, k;
	int		 any = 0;

	while (i < to) {
		for (b = i; b < to && is_blank(s[b]); b++)
			continue;
		if (b < to && s[b] != '\n' && s[b] != '\r') {
			if (!any) {
				*first = i;
				*len = b - i;
				any = 1;
			}
			for (k = 0; k < *len && k < b - i &&
			    s[i + k] == s[*first + k]; k++)
				continue;
			*len = k;
		}
		if ((nl = memchr(s + b, '\n', to - b)) == NULL)
			break;
		i = (size_t)(nl - s) + 1;
	}
	return any;
}

/*
 * A standalone block's content is kept without the blanks its lines share
 * and gets the site's indentation when rendered (~inheritance "Block
 * reindentation").  The content's end is known only once it is parsed, so a
 * dry pass finds it; the caller then parses for real with p->dedent set.
 * The site indents by the shared blanks, or by the tag's own if there are
 * none ("Intrinsic indentation").
 */
static enum status
measure_block(struct parser *p, struct str *indent)
{
	struct lexer	 saved = p->lx;
	struct nodevec	 tmp = { NULL, 0, 0 };
	struct tag	 close;
	size_t		 first, common;
	enum status	 st;

	p->dry = 1;
	p->a = p->scratch;
	st = parse_list(p, &tmp, &close);
	p->dry = 0;
	p->a = p->real;
	arena_reset(p->scratch);
	if (st != ST_OK)
		return st;
	if (common_blanks(p->src, saved.pos, close.text_end, &first, &common) &&
	    common > p->dedent) {
		*indent = (struct str){ p->src + first + p->dedent,
		    common - p->dedent };
		p->dedent = common;
	}
	p->lx = saved;
	return ST_OK;
}

static enum status
parse_block(struct parser *p, struct nodevec *nv, const struct tag *tg)
{
	struct nodevec	 kids = { NULL, 0, 0 };
	struct tag	 close;
	struct str	 indent = tg->indent;
	struct node	*n;
	size_t		 outer = p->dedent;
	enum status	 st;

	if ((st = push_open(p, tg)) != ST_OK)
		return st;
	if (tg->standalone && tg->pair != PAIR_BLOCK_EMPTY && !p->dry)
		st = measure_block(p, &indent);
	if (st == ST_OK)
		st = parse_list(p, &kids, &close);
	p->dedent = outer;
	p->depth--;
	if (st != ST_OK)
		return st;
	n = nv_push(p, nv);
	node_from_tag(p, n, N_BLOCK, tg);
	n->indent = indent;
	n->kids = kids.v;
	n->nkids = kids.n;
	return ST_OK;
}

static enum status
parse_tag(struct parser *p, struct nodevec *nv, const struct tag *tg)
{
	switch (tg->type) {
	case 0:
	case '{':
	case '&':
		return add_var(p, nv, tg);
	case '#':
	case '^':
		return parse_section(p, nv, tg);
	case '>':
		add_partial(p, nv, tg);
		return ST_OK;
	case '<':
		return parse_parent(p, nv, tg);
	case '$':
		return parse_block(p, nv, tg);
	default:
		/* The lexer keeps comments and delimiters; parse_list, '/'. */
		assert(0 && "unexpected tag type");
		return ST_INTERNAL;
	}
}

static enum status
check_close(struct parser *p, const struct tag *tg, int inside)
{
	const struct open	*o;

	if (!inside)
		return perr(p, line_at(p, tg->start), "unexpected {{/%.*s}}",
		    (int)tg->name.len, tg->name.p);
	o = &p->open[p->depth - 1];
	if (!str_eq(o->name, tg->name))
		return perr(p, line_at(p, tg->start),
		    "{{/%.*s}} does not close {{%c%.*s}} of line %zu",
		    (int)tg->name.len, tg->name.p, o->type,
		    (int)o->name.len, o->name.p, o->line);
	return ST_OK;
}

/*
 * Parses nodes into nv up to the end of the source, or, when close is not
 * NULL, up to the tag closing p->open[p->depth - 1], which is stored there.
 */
static enum status
parse_list(struct parser *p, struct nodevec *nv, struct tag *close)
{
	const struct open	*o;
	struct tok		 t;
	enum status		 st;

	for (;;) {
		if ((st = lex_next(p, &t)) != ST_OK)
			return st;
		if (t.kind == TOK_EOF) {
			if (close == NULL)
				return ST_OK;
			o = &p->open[p->depth - 1];
			return perr(p, o->line, "unclosed {{%c%.*s}}",
			    o->type, (int)o->name.len, o->name.p);
		}
		if (t.kind == TOK_TEXT) {
			add_text(p, nv, t.a, t.b);
			continue;
		}
		if (t.tag.type == '/') {
			st = check_close(p, &t.tag, close != NULL);
			if (st != ST_OK)
				return st;
			*close = t.tag;
			return ST_OK;
		}
		if ((st = parse_tag(p, nv, &t.tag)) != ST_OK)
			return st;
	}
}

enum status
tmpl_parse(struct arena *a, struct arena *scratch, const char *name,
    const char *src, size_t len, struct tmpl *t, char *err, size_t errsz)
{
	struct parser	 p;
	struct nodevec	 top = { NULL, 0, 0 };
	enum status	 st;

	memset(&p, 0, sizeof(p));
	p.a = p.real = a;
	p.scratch = scratch;
	p.tname = name;
	p.src = src;
	p.len = len;
	p.lx.otag = (struct str){ "{{", 2 };
	p.lx.ctag = (struct str){ "}}", 2 };
	p.lline = 1;
	p.err = err;
	p.errsz = errsz;
	if ((st = parse_list(&p, &top, NULL)) != ST_OK)
		return st;
	t->nodes = top.v;
	t->n = top.n;
	return ST_OK;
}
