/* multipart.c: multipart/form-data bodies (RFC 7578), decoded into params. */
#include <string.h>
#include <strings.h>

#include "form.h"
#include "form_priv.h"

#define BOUNDARY_MAX	70	/* RFC 2046 5.1.1 */

/* Reasons in the words of an upload; those about names are form.c's. */
static const char R_TOTAL[] = "The upload is too large.";
static const char R_COUNT[] = "The upload has too many fields.";
static const char R_VALUE_LONG[] = "A field or file in the upload is too "
    "large.";
static const char R_TYPE[] = "The upload is not multipart/form-data.";
static const char R_BOUNDARY[] = "The upload has a missing or malformed "
    "boundary.";
static const char R_NO_DELIM[] = "The upload does not contain its boundary.";
static const char R_SHORT[] = "The upload was cut short.";
static const char R_HEADER[] = "A part of the upload has a malformed header.";
static const char R_NO_NAME[] = "A part of the upload has no name.";

/* A header value, "type; key=value; key=\"quoted\"", read left to right. */
struct hdr {
	const char	*p;
	const char	*end;
};

/* A body being parsed; dl is the delimiter "\r\n--boundary". */
struct mp {
	struct arena			*a;
	const struct form_limits	*lim;
	const char			*s;
	size_t				 len;
	size_t				 pos;
	char				 dl[BOUNDARY_MAX + 4];
	size_t				 dllen;
	struct form_list		 l;
	const char			**why;
};

/* What a part's headers say about it. */
struct part {
	struct str	 name;
	struct str	 filename;
	struct str	 ctype;
	int		 has_cd;
	int		 has_name;
	int		 has_filename;
	int		 has_ctype;
};

static int
str_caseeq(struct str s, const char *lit)
{
	return s.len == strlen(lit) && strncasecmp(s.p, lit, s.len) == 0;
}

static void
hdr_skip_ows(struct hdr *h)
{
	while (h->p < h->end && (*h->p == ' ' || *h->p == '\t'))
		h->p++;
}

static int
tchar(char c)
{
	return c != ' ' && c != '\t' && c != ';' && c != '=' && c != '"';
}

/* A run of token characters, possibly empty. */
static struct str
hdr_token(struct hdr *h)
{
	struct str	 t;

	t.p = h->p;
	while (h->p < h->end && tchar(*h->p))
		h->p++;
	t.len = (size_t)(h->p - t.p);
	return t;
}

/*
 * A quoted-string starting at h->p, unescaped into the arena.  Only \" and
 * \\ are escapes: old Internet Explorer sent whole Windows paths as file
 * names, backslashes unescaped, and those should survive.  0 if unterminated.
 */
static int
hdr_quoted(struct arena *a, struct hdr *h, struct str *out)
{
	const char	*q;
	char		*o;
	size_t		 n = 0;

	q = ++h->p;
	while (q < h->end && *q != '"')
		q += (*q == '\\' && q + 1 < h->end &&
		    (q[1] == '"' || q[1] == '\\')) ? 2 : 1;
	if (q >= h->end)
		return 0;
	o = arena_alloc(a, (size_t)(q - h->p) + 1);
	for (; h->p < q; h->p++) {
		if (*h->p == '\\' && (h->p[1] == '"' || h->p[1] == '\\'))
			h->p++;
		o[n++] = *h->p;
	}
	o[n] = '\0';
	h->p = q + 1;
	out->p = o;
	out->len = n;
	return 1;
}

/* The leading "type" of a header value; 0 if there is none. */
static int
hdr_type(struct hdr *h, struct str *type)
{
	hdr_skip_ows(h);
	*type = hdr_token(h);
	hdr_skip_ows(h);
	return type->len > 0 && (h->p == h->end || *h->p == ';');
}

/*
 * The next "; key=value": 1 with key and val, 0 at the end, -1 if garbled.
 * Empty parameters (";;", a trailing ';') are passed over as harmless.
 */
static int
hdr_param(struct arena *a, struct hdr *h, struct str *key, struct str *val)
{
	do {
		hdr_skip_ows(h);
		if (h->p == h->end)
			return 0;
		if (*h->p++ != ';')
			return -1;
		hdr_skip_ows(h);
	} while (h->p == h->end || *h->p == ';');
	*key = hdr_token(h);
	if (key->len == 0 || h->p == h->end || *h->p++ != '=')
		return -1;
	if (h->p < h->end && *h->p == '"') {
		if (!hdr_quoted(a, h, val))
			return -1;
	} else if ((*val = hdr_token(h)).len == 0)
		return -1;
	hdr_skip_ows(h);
	return h->p == h->end || *h->p == ';' ? 1 : -1;
}

static int
bchar(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') ||
	    (c != '\0' && strchr("'()+_,-./:=? ", c) != NULL);
}

/* 1 if b is a boundary RFC 2046 allows: 1 to 70 bchars, not ending in space. */
static int
boundary_ok(struct str b)
{
	size_t	 i;

	if (b.len == 0 || b.len > BOUNDARY_MAX || b.p[b.len - 1] == ' ')
		return 0;
	for (i = 0; i < b.len; i++)
		if (!bchar(b.p[i]))
			return 0;
	return 1;
}

/* Finds the boundary in the Content-Type and builds the delimiter. */
static enum status
delimiter_init(struct mp *m, const char *ct)
{
	struct hdr	 h;
	struct str	 type, key, val, b = { NULL, 0 };
	int		 r;

	if (ct == NULL)
		return form_fail(m->why, R_TYPE, ST_INVALID);
	h.p = ct;
	h.end = ct + strlen(ct);
	if (!hdr_type(&h, &type) || !str_caseeq(type, "multipart/form-data"))
		return form_fail(m->why, R_TYPE, ST_INVALID);
	while ((r = hdr_param(m->a, &h, &key, &val)) == 1) {
		if (!str_caseeq(key, "boundary"))
			continue;
		if (b.p != NULL)	/* two boundaries: which one? */
			return form_fail(m->why, R_BOUNDARY, ST_INVALID);
		b = val;
	}
	if (r < 0 || b.p == NULL || !boundary_ok(b))
		return form_fail(m->why, R_BOUNDARY, ST_INVALID);
	memcpy(m->dl, "\r\n--", 4);
	memcpy(m->dl + 4, b.p, b.len);
	m->dllen = b.len + 4;
	return ST_OK;
}

/*
 * Offset of the first delimiter in s[from..len), or len if there is none.
 * The delimiter's only CR is its first byte (boundaries are printable), so
 * a partial match ends before the next candidate CR begins: each byte is
 * compared a bounded number of times and the search stays linear however
 * the body is crafted, while memchr keeps the common case fast.
 */
static size_t
delimiter_find(const struct mp *m, size_t from)
{
	const char	*p;
	size_t		 i = from;

	while (m->len - i >= m->dllen) {
		p = memchr(m->s + i, '\r', m->len - i - m->dllen + 1);
		if (p == NULL)
			break;
		i = (size_t)(p - m->s);
		if (memcmp(p, m->dl, m->dllen) == 0)
			return i;
		i++;
	}
	return m->len;
}

/* Records a Content-Disposition: form-data; name="..."; filename="...". */
static enum status
disposition(struct mp *m, struct part *pt, struct hdr *h)
{
	struct str	 type, key, val;
	int		 r;

	if (pt->has_cd || !hdr_type(h, &type) || !str_caseeq(type, "form-data"))
		return form_fail(m->why, R_HEADER, ST_INVALID);
	pt->has_cd = 1;
	while ((r = hdr_param(m->a, h, &key, &val)) == 1) {
		/* A repeated parameter would read differently elsewhere. */
		if (str_caseeq(key, "name")) {
			if (pt->has_name)
				return form_fail(m->why, R_HEADER, ST_INVALID);
			pt->name = val;
			pt->has_name = 1;
		} else if (str_caseeq(key, "filename")) {
			if (pt->has_filename)
				return form_fail(m->why, R_HEADER, ST_INVALID);
			pt->filename = val;
			pt->has_filename = 1;
		}
	}
	return r < 0 ? form_fail(m->why, R_HEADER, ST_INVALID) : ST_OK;
}

/* One header line of a part, without its CRLF; others than ours are ignored. */
static enum status
part_header(struct mp *m, struct part *pt, const char *line, size_t len)
{
	const char	*colon;
	struct str	 name;
	struct hdr	 h;

	/*
	 * Checking the whole line once makes every name, file name and type
	 * taken from it valid UTF-8 free of control characters.
	 */
	if (form_text_check(line, len) != NULL ||
	    memchr(line, '\r', len) != NULL)
		return form_fail(m->why, R_HEADER, ST_INVALID);
	if ((colon = memchr(line, ':', len)) == NULL)
		return form_fail(m->why, R_HEADER, ST_INVALID);
	name.p = line;
	name.len = (size_t)(colon - line);
	h.p = colon + 1;
	h.end = line + len;
	if (str_caseeq(name, "Content-Disposition"))
		return disposition(m, pt, &h);
	if (!str_caseeq(name, "Content-Type"))
		return ST_OK;
	if (pt->has_ctype)
		return form_fail(m->why, R_HEADER, ST_INVALID);
	hdr_skip_ows(&h);
	while (h.end > h.p && (h.end[-1] == ' ' || h.end[-1] == '\t'))
		h.end--;
	pt->ctype.p = h.p;
	pt->ctype.len = (size_t)(h.end - h.p);
	pt->has_ctype = 1;
	return ST_OK;
}

/* Reads header lines up to and including the empty one that ends them. */
static enum status
part_headers(struct mp *m, struct part *pt)
{
	const char	*line, *nl;
	size_t		 n;
	enum status	 st;

	for (;;) {
		line = m->s + m->pos;
		if ((nl = memchr(line, '\n', m->len - m->pos)) == NULL)
			return form_fail(m->why, R_SHORT, ST_INVALID);
		n = (size_t)(nl - line);
		if (n == 0 || line[n - 1] != '\r')	/* bare LF */
			return form_fail(m->why, R_HEADER, ST_INVALID);
		m->pos += n + 1;
		if (n == 1)
			break;
		if ((st = part_header(m, pt, line, n - 1)) != ST_OK)
			return st;
	}
	if (!pt->has_name || pt->name.len == 0)
		return form_fail(m->why, R_NO_NAME, ST_INVALID);
	if ((st = form_name_check(pt->name.p, pt->name.len, m->lim,
	    m->why)) != ST_OK)
		return st;
	if (pt->has_filename && pt->filename.len > m->lim->max_value)
		return form_fail(m->why, R_VALUE_LONG, ST_TOOLARGE);
	return ST_OK;
}

/* One part: headers, then the body up to the next delimiter. */
static enum status
part(struct mp *m)
{
	struct part	 pt;
	struct param	*p;
	const char	*w;
	size_t		 end, n;
	char		*val;
	enum status	 st;

	if ((p = form_list_add(&m->l)) == NULL)
		return form_fail(m->why, R_COUNT, ST_TOOLARGE);
	memset(&pt, 0, sizeof(pt));
	if ((st = part_headers(m, &pt)) != ST_OK)
		return st;
	if ((end = delimiter_find(m, m->pos)) == m->len)
		return form_fail(m->why, R_SHORT, ST_INVALID);
	if ((n = end - m->pos) > m->lim->max_value)
		return form_fail(m->why, R_VALUE_LONG, ST_TOOLARGE);
	val = arena_alloc(m->a, n + 1);
	memcpy(val, m->s + m->pos, n);
	val[n] = '\0';
	/* File parts may hold any bytes; vlen, not strlen, says how many. */
	if (!pt.has_filename && (w = form_text_check(val, n)) != NULL)
		return form_fail(m->why, w, ST_INVALID);
	p->name = arena_strndup(m->a, pt.name.p, pt.name.len);
	p->val = val;
	p->vlen = n;
	if (pt.has_filename)
		p->filename = arena_strndup(m->a, pt.filename.p,
		    pt.filename.len);
	if (pt.has_ctype)
		p->ctype = arena_strndup(m->a, pt.ctype.p, pt.ctype.len);
	m->pos = end + m->dllen;
	return ST_OK;
}

/*
 * After a boundary: "--" closes the body (the epilogue is ignored), else
 * optional padding and CRLF open the next part.  1 at the close, 0 before a
 * part, -1 when neither.
 */
static int
after_boundary(struct mp *m)
{
	if (m->len - m->pos >= 2 && memcmp(m->s + m->pos, "--", 2) == 0)
		return 1;
	while (m->pos < m->len &&
	    (m->s[m->pos] == ' ' || m->s[m->pos] == '\t'))
		m->pos++;
	if (m->len - m->pos < 2)
		return -1;
	if (memcmp(m->s + m->pos, "\r\n", 2) != 0)
		return -1;
	m->pos += 2;
	return 0;
}

/* Moves past the first boundary, which may open the body or end a preamble. */
static enum status
first_boundary(struct mp *m)
{
	size_t	 i;

	if (m->len >= m->dllen - 2 &&
	    memcmp(m->s, m->dl + 2, m->dllen - 2) == 0) {
		m->pos = m->dllen - 2;
		return ST_OK;
	}
	if ((i = delimiter_find(m, 0)) == m->len)
		return form_fail(m->why, R_NO_DELIM, ST_INVALID);
	m->pos = i + m->dllen;
	return ST_OK;
}

static enum status
parts(struct mp *m)
{
	enum status	 st;
	int		 r;

	if ((st = first_boundary(m)) != ST_OK)
		return st;
	for (;;) {
		if ((r = after_boundary(m)) == 1)
			return ST_OK;
		if (r < 0)
			return form_fail(m->why, m->len - m->pos < 2 ? R_SHORT :
			    R_HEADER, ST_INVALID);
		if ((st = part(m)) != ST_OK)
			return st;
	}
}

enum status
form_parse_multipart(struct arena *a, const char *content_type,
    const char *s, size_t len, const struct form_limits *lim,
    struct params *out, const char **why)
{
	struct mp	 m;
	enum status	 st;

	form_start(out, why);
	memset(&m, 0, sizeof(m));
	m.a = a;
	m.lim = lim;
	m.s = s;
	m.len = len;
	m.why = why;
	if ((st = delimiter_init(&m, content_type)) != ST_OK)
		return st;
	if (len == 0)
		return ST_OK;
	if (len > lim->max_total)
		return form_fail(why, R_TOTAL, ST_TOOLARGE);
	form_list_init(&m.l, a, lim->max_fields);
	if ((st = parts(&m)) != ST_OK)
		return st;
	form_list_take(&m.l, out);
	return ST_OK;
}
