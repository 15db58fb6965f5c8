/* fuzz_sse.c: the SSE parser gives the same events however the bytes are split. */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "lib/arena.h"
#include "lib/sse.h"
#include "lib/status.h"

#define MAX	512

int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Every event, length-prefixed, so two runs can be compared byte for byte. */
static enum status
record(void *arg, const struct sse_event *ev)
{
	struct buf	*b = arg;

	assert(ev->len <= MAX);
	assert(ev->data[ev->len] == '\0');
	assert(ev->done == (ev->len >= 6 && memcmp(ev->data, "[DONE]",
	    6) == 0));
	buf_printf(b, "%zu:%s|%zu:%s|%zu:", strlen(ev->type), ev->type,
	    strlen(ev->id), ev->id, ev->len);
	buf_put(b, ev->data, ev->len);
	return ST_OK;
}

/*
 * The first byte picks the chunk sizes; the rest is the stream.  Fed whole,
 * then in chunks: the results must match.
 */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena	*a;
	struct sse	 p1, p2;
	struct buf	 o1, o2;
	enum status	 s1, s2 = ST_OK;
	const char	*s;
	size_t		 i, n, step;

	if (size == 0)
		return 0;
	step = (data[0] % 17) + 1;
	s = (const char *)data + 1;
	size--;
	a = arena_new();
	buf_init(&o1, a);
	buf_init(&o2, a);
	sse_init(&p1, a, MAX, record, &o1);
	sse_init(&p2, a, MAX, record, &o2);
	s1 = sse_feed(&p1, s, size);
	assert(s1 == ST_OK || s1 == ST_TOOLARGE);
	for (i = 0; i < size && s2 == ST_OK; i += n) {
		n = size - i < step ? size - i : step;
		s2 = sse_feed(&p2, s + i, n);
		step = step * 5 % 17 + 1;	/* vary the sizes */
	}
	assert(s1 == s2);
	assert(sse_feed(&p2, "", 0) == s2);
	if (s1 == ST_OK) {
		assert(o1.len == o2.len);
		assert(memcmp(o1.p, o2.p, o1.len) == 0);
	}
	arena_free(a);
	return 0;
}
