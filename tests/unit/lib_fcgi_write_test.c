/* lib_fcgi_write_test.c: a whole reply as FastCGI stdout records, read back as nginx would. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include <fastcgi.h>

#include "lib/fcgi_write.h"

/*
 * Writes head and body through a socket pair from a child (the writer may
 * block on a full socket) and reads the records back as nginx would: stdout
 * records for request 7 that together are head then body, an empty one that
 * ends the stream, FCGI_END_REQUEST, and nothing after.  *records counts the
 * stdout records that carry bytes.
 */
static void
round_trip(size_t head_len, size_t body_len, size_t *records)
{
	char		*head = malloc(head_len + 1), *body = malloc(body_len + 1);
	char		*got = malloc(head_len + body_len + 1);
	size_t		 have = 0, len, i;
	FCGI_Header	 h;
	FCGI_EndRequestBody end;
	FCGX_Request	 f;
	FCGX_Stream	 out;
	int		 ended = 0;
	int		 sv[2], status;
	pid_t		 pid;

	for (i = 0; i < head_len; i++)
		head[i] = (char)('a' + i % 26);
	for (i = 0; i < body_len; i++)
		body[i] = (char)('0' + i % 10);
	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	if ((pid = fork()) == 0) {
		memset(&f, 0, sizeof(f));
		memset(&out, 0, sizeof(out));
		f.requestId = 7;
		f.ipcFd = sv[0];
		f.out = &out;
		if (fcgi_write_whole(&f, head, head_len, body, body_len) != 0)
			_exit(1);
		_exit(out.wasFCloseCalled && out.isClosed ? 0 : 2);
	}
	close(sv[0]);
	*records = 0;
	while (read(sv[1], &h, sizeof(h)) == (ssize_t)sizeof(h)) {
		assert_int_not_equal(ended, 1);	/* nothing after the request's end */
		assert_int_equal(h.version, FCGI_VERSION_1);
		assert_int_equal(h.requestIdB1 << 8 | h.requestIdB0, 7);
		assert_int_equal(h.paddingLength, 0);
		len = (size_t)(h.contentLengthB1 << 8 | h.contentLengthB0);
		if (h.type == FCGI_END_REQUEST) {
			assert_int_equal(ended, -1);	/* after the stream's end */
			assert_int_equal(len, sizeof(end));
			assert_int_equal(read(sv[1], &end, sizeof(end)), sizeof(end));
			assert_int_equal(end.protocolStatus, FCGI_REQUEST_COMPLETE);
			assert_int_equal(end.appStatusB0, 0);
			ended = 1;
			continue;
		}
		assert_int_equal(h.type, FCGI_STDOUT);
		if (len == 0) {	/* the end of the stream: all of it came */
			assert_int_equal(have, head_len + body_len);
			ended = -1;
			continue;
		}
		assert_int_equal(ended, 0);
		assert_true(have + len <= head_len + body_len);
		for (i = 0; i < len;) {
			ssize_t	n = read(sv[1], got + have + i, len - i);
			assert_true(n > 0);
			i += (size_t)n;
		}
		have += len;
		(*records)++;
	}
	close(sv[1]);
	assert_int_equal(ended, 1);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	assert_int_equal(have, head_len + body_len);
	assert_memory_equal(got, head, head_len);
	if (body_len > 0)
		assert_memory_equal(got + head_len, body, body_len);
	free(head);
	free(body);
	free(got);
}

static void
test_a_page_is_one_record(void **state)
{
	size_t	records;

	(void)state;
	round_trip(600, 31000, &records);
	assert_int_equal(records, 1);
}

static void
test_a_head_alone_and_nothing_at_all(void **state)
{
	size_t	records;

	(void)state;
	round_trip(300, 0, &records);	/* HEAD: headers, no body */
	assert_int_equal(records, 1);
	round_trip(0, 0, &records);
	assert_int_equal(records, 0);
}

static void
test_records_split_at_their_limit_inside_the_head_or_the_body(void **state)
{
	size_t	records;

	(void)state;
	round_trip(65528, 1, &records);
	assert_int_equal(records, 2);
	round_trip(70000, 10, &records);	/* a record of head alone */
	assert_int_equal(records, 2);
	round_trip(100, 65428, &records);	/* exactly full */
	assert_int_equal(records, 1);
}

static void
test_an_export_of_megabytes_goes_in_batches(void **state)
{
	size_t	records;

	(void)state;
	round_trip(700, 5 * 1024 * 1024, &records);
	assert_int_equal(records, (700 + 5 * 1024 * 1024 + 65527) / 65528);
}

static void
test_a_closed_peer_is_an_error_not_a_crash(void **state)
{
	FCGX_Request	 f;
	FCGX_Stream	 out;
	int		 sv[2];
	char		 body[100] = "x";

	(void)state;
	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	close(sv[1]);
	memset(&f, 0, sizeof(f));
	memset(&out, 0, sizeof(out));
	f.ipcFd = sv[0];
	f.out = &out;
	signal(SIGPIPE, SIG_IGN);
	assert_int_equal(fcgi_write_whole(&f, "Status: 200\r\n\r\n", 15, body,
	    sizeof(body)), -1);
	assert_true(out.isClosed && out.FCGI_errno != 0);	/* Finish_r sees it */
	close(sv[0]);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_a_page_is_one_record),
		cmocka_unit_test(test_a_head_alone_and_nothing_at_all),
		cmocka_unit_test(test_records_split_at_their_limit_inside_the_head_or_the_body),
		cmocka_unit_test(test_an_export_of_megabytes_goes_in_batches),
		cmocka_unit_test(test_a_closed_peer_is_an_error_not_a_crash),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
