/* lib_sse_test.c: the text/event-stream parser, whole and split at every byte. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "lib/arena.h"
#include "lib/sse.h"
#include "lib/status.h"

struct scase {
	const char	*in;
	const char	*out;	/* each event as "type|data|id|done;" */
};

static enum status
collect(void *arg, const struct sse_event *ev)
{
	struct buf	*b = arg;

	buf_printf(b, "%s|", ev->type);
	buf_put(b, ev->data, ev->len);
	buf_printf(b, "|%s|%d;", ev->id, ev->done);
	return ST_OK;
}

/* Events from in, fed in pieces: [0, cut), then [cut, end) by step bytes. */
static const char *
run(struct arena *a, const char *in, size_t cut, size_t step)
{
	struct sse	 p;
	struct buf	 out;
	size_t		 len = strlen(in), i, n;

	buf_init(&out, a);
	sse_init(&p, a, 1024, collect, &out);
	assert_int_equal(sse_feed(&p, in, cut), ST_OK);
	for (i = cut; i < len; i += n) {
		n = len - i < step ? len - i : step;
		assert_int_equal(sse_feed(&p, in + i, n), ST_OK);
	}
	return out.p;
}

static void
check(const struct scase *c, size_t n)
{
	struct arena	*a = arena_new();
	size_t		 i, cut, len;

	for (i = 0; i < n; i++) {
		print_message("input: \"%s\"\n", c[i].in);
		len = strlen(c[i].in);
		assert_string_equal(run(a, c[i].in, len, 1), c[i].out);
		assert_string_equal(run(a, c[i].in, 0, 1), c[i].out);
		for (cut = 0; cut <= len; cut++)
			assert_string_equal(run(a, c[i].in, cut, len + 1),
			    c[i].out);
		arena_reset(a);
	}
	arena_free(a);
}

static void
test_sse_dispatches_on_blank_line(void **state)
{
	static const struct scase	c[] = {
		{ "data: a\n\n", "message|a||0;" },
		{ "data: a\n", "" },			/* never finished */
		{ "data:a\n\ndata: b\n\n", "message|a||0;message|b||0;" },
		{ "data:  two spaces\n\n", "message| two spaces||0;" },
		{ "data\n\n", "message|||0;" },	/* empty, yet an event */
		{ "data\ndata\n\n", "message|\n||0;" },
		{ "\n\n\n", "" },
		{ "", "" },
	};

	(void)state;
	check(c, NITEMS(c));
}

static void
test_sse_accepts_crlf_lf_and_cr(void **state)
{
	static const struct scase	c[] = {
		{ "data: a\r\n\r\n", "message|a||0;" },
		{ "data: a\r\rdata: b\r\r", "message|a||0;message|b||0;" },
		{ "data: a\r\ndata: b\n\r\n", "message|a\nb||0;" },
		{ "data: x\r\n\ndata: y\n\r\n", "message|x||0;message|y||0;" },
	};

	(void)state;
	check(c, NITEMS(c));
}

static void
test_sse_joins_data_lines_and_skips_comments(void **state)
{
	static const struct scase	c[] = {
		{ "data: a\ndata: b\n\n", "message|a\nb||0;" },
		{ ": keep-alive\n\n", "" },
		{ ": c\ndata: a\n: c\ndata: b\n\n", "message|a\nb||0;" },
		{ "foo: bar\ndata: a\nretry: 10\n\n", "message|a||0;" },
		{ "data: {\"a\": 1}\n\n", "message|{\"a\": 1}||0;" },
	};

	(void)state;
	check(c, NITEMS(c));
}

static void
test_sse_keeps_event_type_and_id(void **state)
{
	static const struct scase	c[] = {
		{ "event: e\ndata: a\n\ndata: b\n\n",
		    "e|a||0;message|b||0;" },
		{ "id: 7\ndata: a\n\ndata: b\n\n", "message|a|7|0;message|b|7|0;" },
		{ "event: e\n\ndata: a\n\n", "message|a||0;" },
	};

	(void)state;
	check(c, NITEMS(c));
}

static void
test_sse_marks_done(void **state)
{
	static const struct scase	c[] = {
		{ "data: [DONE]\n\n", "message|[DONE]||1;" },
		{ "data: {}\n\ndata: [DONE]\n\n",
		    "message|{}||0;message|[DONE]||1;" },
		{ "data: [DON\n\n", "message|[DON||0;" },
	};

	(void)state;
	check(c, NITEMS(c));
}

static void
test_sse_strips_one_leading_bom(void **state)
{
	static const struct scase	c[] = {
		{ "\xef\xbb\xbf" "data: a\n\n", "message|a||0;" },
		{ "\xef\xbb\xbf\xef\xbb\xbf" "data: a\n\n", "" },
		{ "\xef\xbb" "data: a\n\n", "" },
	};

	(void)state;
	check(c, NITEMS(c));
}

static void
test_sse_refuses_oversized_lines_and_events(void **state)
{
	struct arena	*a = arena_new();
	struct sse	 p;
	struct buf	 out;
	char		 big[40];

	(void)state;
	memset(big, 'x', sizeof(big));
	buf_init(&out, a);
	sse_init(&p, a, 16, collect, &out);
	assert_int_equal(sse_feed(&p, big, sizeof(big)), ST_TOOLARGE);
	assert_int_equal(sse_feed(&p, "\n\n", 2), ST_TOOLARGE);	/* sticky */
	sse_init(&p, a, 16, collect, &out);
	assert_int_equal(sse_feed(&p, "data: 0123456789\n", 17), ST_OK);
	assert_int_equal(sse_feed(&p, "data: 0123456789\n", 17), ST_TOOLARGE);
	assert_string_equal(out.p, "");
	arena_free(a);
}

static enum status
stop_at_first(void *arg, const struct sse_event *ev)
{
	int	*n = arg;

	(void)ev;
	(*n)++;
	return ST_UNAVAILABLE;
}

static void
test_sse_stops_when_callback_fails(void **state)
{
	struct arena	*a = arena_new();
	struct sse	 p;
	int		 n = 0;

	(void)state;
	sse_init(&p, a, 1024, stop_at_first, &n);
	assert_int_equal(sse_feed(&p, "data: a\n\ndata: b\n\n", 18),
	    ST_UNAVAILABLE);
	assert_int_equal(n, 1);
	assert_int_equal(sse_feed(&p, "data: c\n\n", 9), ST_UNAVAILABLE);
	assert_int_equal(n, 1);
	arena_free(a);
}

static void
test_sse_pending_reports_an_unfinished_event(void **state)
{
	struct arena	*a = arena_new();
	struct sse	 p;
	struct buf	 out;

	(void)state;
	buf_init(&out, a);
	sse_init(&p, a, 1024, collect, &out);
	assert_false(sse_pending(&p));
	assert_int_equal(sse_feed(&p, "data: a", 7), ST_OK);
	assert_true(sse_pending(&p));
	assert_int_equal(sse_feed(&p, "\n", 1), ST_OK);
	assert_true(sse_pending(&p));
	assert_int_equal(sse_feed(&p, "\n", 1), ST_OK);
	assert_false(sse_pending(&p));
	arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_sse_dispatches_on_blank_line),
		cmocka_unit_test(test_sse_accepts_crlf_lf_and_cr),
		cmocka_unit_test(test_sse_joins_data_lines_and_skips_comments),
		cmocka_unit_test(test_sse_keeps_event_type_and_id),
		cmocka_unit_test(test_sse_marks_done),
		cmocka_unit_test(test_sse_strips_one_leading_bom),
		cmocka_unit_test(test_sse_refuses_oversized_lines_and_events),
		cmocka_unit_test(test_sse_stops_when_callback_fails),
		cmocka_unit_test(test_sse_pending_reports_an_unfinished_event),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
