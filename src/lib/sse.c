/* sse.c: text/event-stream parsing after the WHATWG HTML "server-sent events" rules. */
#include <string.h>

#include "lib/sse.h"

void
sse_init(struct sse *p, struct arena *a, size_t max, sse_cb cb, void *arg)
{
	memset(p, 0, sizeof(*p));
	buf_init(&p->line, a);
	buf_init(&p->data, a);
	buf_init(&p->type, a);
	buf_init(&p->id, a);
	p->max = max;
	p->start = 1;
	p->err = ST_OK;
	p->cb = cb;
	p->arg = arg;
}

static void
clear(struct buf *b)
{
	b->len = 0;
	b->p[0] = '\0';
}

/* A blank line: hand over the event, if it has data, and start afresh. */
static enum status
dispatch(struct sse *p)
{
	struct sse_event	 ev;
	enum status		 st = ST_OK;

	if (p->data.len > 0) {
		/* Each data line added a '\n'; the last one is not data. */
		p->data.p[--p->data.len] = '\0';
		ev.type = p->type.len > 0 ? p->type.p : "message";
		ev.data = p->data.p;
		ev.len = p->data.len;
		ev.id = p->id.p;
		ev.done = ev.len >= 6 && memcmp(ev.data, "[DONE]", 6) == 0;
		st = p->cb(p->arg, &ev);
	}
	clear(&p->data);
	clear(&p->type);
	return st;
}

/* One complete line, without its end. */
static enum status
line(struct sse *p, const char *s, size_t len)
{
	const char	*colon, *v;
	size_t		 nlen, vlen;

	if (len == 0)
		return dispatch(p);
	if (s[0] == ':')
		return ST_OK;	/* comment, often a keep-alive */
	if ((colon = memchr(s, ':', len)) != NULL) {
		nlen = (size_t)(colon - s);
		v = colon + 1;
		vlen = len - nlen - 1;
		if (vlen > 0 && *v == ' ') {
			v++;
			vlen--;
		}
	} else {
		nlen = len;
		v = "";
		vlen = 0;
	}
	if (nlen == 4 && memcmp(s, "data", 4) == 0) {
		if (p->data.len + vlen + 1 > p->max)
			return ST_TOOLARGE;
		buf_put(&p->data, v, vlen);
		buf_putc(&p->data, '\n');
	} else if (nlen == 5 && memcmp(s, "event", 5) == 0) {
		clear(&p->type);
		buf_put(&p->type, v, vlen);
	} else if (nlen == 2 && memcmp(s, "id", 2) == 0) {
		if (memchr(v, '\0', vlen) == NULL) {
			clear(&p->id);
			buf_put(&p->id, v, vlen);
		}
	}
	/* retry: and unknown fields are ignored, as the standard says. */
	return ST_OK;
}

static enum status
feed(struct sse *p, const char *s, size_t len)
{
	size_t		 i, j;
	enum status	 st;

	for (i = 0; i < len; i = j + 1) {
		if (p->cr && s[i] == '\n') {
			p->cr = 0;
			j = i;
			continue;	/* the LF of a CRLF split across calls */
		}
		p->cr = 0;
		for (j = i; j < len && s[j] != '\n' && s[j] != '\r'; j++)
			;
		if (p->line.len + (j - i) > p->max)
			return ST_TOOLARGE;
		buf_put(&p->line, s + i, j - i);
		if (j == len)
			break;	/* the line goes on in the next call */
		if (s[j] == '\r') {
			if (j + 1 < len && s[j + 1] == '\n')
				j++;
			else if (j + 1 == len)
				p->cr = 1;
		}
		st = line(p, p->line.p, p->line.len);
		clear(&p->line);
		if (st != ST_OK)
			return st;
	}
	return ST_OK;
}

enum status
sse_feed(struct sse *p, const char *s, size_t len)
{
	static const char	 bom[] = "\xef\xbb\xbf";

	if (p->err != ST_OK)
		return p->err;
	/* A BOM may open the stream; it may itself come in pieces. */
	while (p->start && len > 0) {
		if (p->line.len < 3 && (unsigned char)*s ==
		    (unsigned char)bom[p->line.len]) {
			buf_putc(&p->line, *s++);
			len--;
			if (p->line.len == 3) {
				clear(&p->line);
				p->start = 0;
			}
			continue;
		}
		p->start = 0;	/* not a BOM: what was held is a line start */
	}
	if (len > 0 || !p->start)
		p->err = feed(p, s, len);
	return p->err;
}

int
sse_pending(const struct sse *p)
{
	return p->line.len > 0 || p->data.len > 0;
}
