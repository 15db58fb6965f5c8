/* sse.h: incremental text/event-stream parser; bytes in any chunks, events out. */
#ifndef VIVA_SSE_H
#define VIVA_SSE_H

#include <stddef.h>

#include "lib/arena.h"
#include "lib/status.h"

/*
 * One dispatched event.  The pointers live in the parser's buffers and stay
 * valid only until the callback returns.  data is NUL-terminated but may
 * hold NUL bytes itself; len is what counts.
 */
struct sse_event {
	const char	*type;	/* "message" unless an event: field said so */
	const char	*data;	/* the data: lines, joined with '\n' */
	size_t		 len;
	const char	*id;	/* last id: seen on the stream, "" if none */
	int		 done;	/* data starts with "[DONE]" (OpenAI's end) */
};

/* Called once per event; anything but ST_OK stops sse_feed, which returns it. */
typedef enum status (*sse_cb)(void *arg, const struct sse_event *);

/* Parser state; fill it with sse_init, never by hand. */
struct sse {
	struct buf	 line;	/* the line being read */
	struct buf	 data;
	struct buf	 type;
	struct buf	 id;
	size_t		 max;	/* bytes allowed in one line and in one event */
	int		 cr;	/* last byte was CR: an LF next belongs to it */
	int		 start;	/* nothing read yet: a BOM may come */
	enum status	 err;	/* sticky: once failed, always failed */
	sse_cb		 cb;
	void		*arg;
};

/*
 * Readies p; buffers come from a.  A line or an event's data longer than
 * max bytes fails the stream with ST_TOOLARGE.
 */
void		sse_init(struct sse *p, struct arena *a, size_t max, sse_cb,
		    void *arg);
/*
 * Parses len more bytes (any split, CRLF, LF or CR line ends) and calls
 * the callback for each complete event.  Returns ST_OK, ST_TOOLARGE, or
 * the callback's status; after a failure every later call returns it.
 */
enum status	sse_feed(struct sse *p, const char *s, size_t len);
/* Nonzero when bytes of an unfinished event are pending (a cut stream). */
int		sse_pending(const struct sse *p);

#endif
