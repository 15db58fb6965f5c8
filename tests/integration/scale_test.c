/*
 * scale_test.c: DESIGN.md section 7 on one machine.  A second viva.fcgi pool
 * and a second viva-worker join the test stack behind its nginx, configured
 * as docs/OPERATIONS.md "Scaling out" says: both pools in the FastCGI
 * upstream, the workers hashed on the interview.  Nothing lives in a
 * process, so pages and a candidate's sends work whichever pool answers;
 * each interview's voice sessions, reconnections too, reach one worker, and
 * when that worker stops they resume on the other.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fakeai.h"
#include "flow.h"
#include "lib/status.h"
#include "ws.h"

static struct account	 a_int = { "Org S", "int@s.test", "interviewer", NULL };
static struct account *const accounts[] = { &a_int };
static int		 worker2_port;

/*
 * The second pool and worker, and nginx told of them with OPERATIONS.md's
 * lines: a second server in each upstream, the map and the hash.  A script
 * sourced after scripts/stack.sh ($FCGI, $WORKER, $CONF, $VAR, port_busy);
 * stack_sh quotes its command in single quotes, so the sed lines live here.
 */
static const char second_sh[] =
    "setsid \"$FCGI\" --config \"$CONF\" --listen --socket \"$VAR/run/viva-2.sock\" \\\n"
    "	--pidfile \"$VAR/run/viva-fcgi-2.pid\" </dev/null >>\"$VAR/log/viva-fcgi-2.log\" 2>&1 &\n"
    "VIVA_WORKER_PORT=$2 setsid \"$WORKER\" --config \"$CONF\" \\\n"
    "	--pidfile \"$VAR/run/viva-worker-2.pid\" </dev/null >>\"$VAR/log/viva-worker-2.log\" 2>&1 &\n"
    "for i in $(seq 100); do\n"
    "	[ -S \"$VAR/run/viva-2.sock\" ] && port_busy \"$2\" && break\n"
    "	sleep 0.1\n"
    "done\n"
    "sed -i -e 's|^\\(\\s*\\)server unix:\\(.*\\)/viva.sock;|&\\n\\1server unix:\\2/viva-2.sock;|' \\\n"
    "	-e \"s|^\\(\\s*\\)server 127.0.0.1:$1;|\\1hash \\$interview consistent;\\n&\\n\\1server 127.0.0.1:$2;|\" \\\n"
    "	-e 's|^http {|&\\n\\tmap $uri $interview {\\n\\t\\t~^/rt/interviews/(?<viva_iv>[0-9]+) $viva_iv;\\n\\t\\tdefault $uri;\\n\\t}|' \\\n"
    "	\"$VAR/nginx/nginx.conf\"\n"
    "grep -q viva-2.sock \"$VAR/nginx/nginx.conf\" &&\n"
    "	grep -q \"server 127.0.0.1:$2;\" \"$VAR/nginx/nginx.conf\" &&\n"
    "	nginx -p \"$VAR/nginx\" -c \"$VAR/nginx/nginx.conf\" -s reload 2>/dev/null && sleep 0.5\n";

static int
second_instance(void)
{
	char	*path;
	FILE	*f;
	int	 rc;

	if ((worker2_port = stack_free_port()) < 0)
		return -1;
	path = fmt("%s/second.sh", S.var);
	if ((f = fopen(path, "w")) == NULL)
		return -1;
	fputs(second_sh, f);
	fclose(f);
	rc = stack_sh(&S, ". \"%s\" %d %d", path, stack_worker_port(&S),
	    worker2_port);
	free(path);
	return rc;
}

static int
group_setup(void **state)
{
	(void)state;
	if (fakeai_start_as_provider("scale-test-key") != 0)
		return -1;
	if (flow_start(accounts, NITEMS(accounts)) != 0 ||
	    seed_test_bank("qa-test") != 0)
		return -1;
	return second_instance();
}

static int
group_teardown(void **state)
{
	(void)state;
	stack_sh(&S, "for f in viva-fcgi-2 viva-worker-2; do"
	    " [ -f \"$VAR/run/$f.pid\" ] && kill \"$(cat \"$VAR/run/$f.pid\")\";"
	    " done; true");
	flow_stop(accounts, NITEMS(accounts));
	fakeai_stop();
	return 0;
}

/* Lines of a log under $VAR/log that match the pattern re. */
/* A request log line of the candidate page. */
#define PAGE_LINE	"route.:.GET /c.,"

static void
test_both_pools_answer_and_a_candidate_goes_on_across_them(void **state)
{
	struct http	*iv = signin(&a_int), *cand;
	struct created	 c;
	struct resp	 r;
	char		*csrf, *form;
	long		 one, two;
	int		 i;

	(void)state;
	create_custom(iv, "Roams", 20000, &c);
	cand = start(&c, &csrf);
	for (i = 0; i < 4; i++) {
		form = fmt("csrf=%s&message=Question+%d+on+whichever+pool", csrf, i);
		post(cand, "/c/messages", form, &r);
		assert_status(&r, 303);
		resp_free(&r);
		free(form);
		get(cand, "/c", &r);
		assert_status(&r, 200);
		assert_has(&r, "Question ");
		resp_free(&r);
	}
	assert_int_equal(sql_num("SELECT count(*) FROM messages WHERE"
	    " interview_id = %lld", c.id), 8);
	/* Both pools took part: the sign-in, the invite, the sends, the pages. */
	one = stack_log_count(&S, "viva-fcgi.log", PAGE_LINE);
	two = stack_log_count(&S, "viva-fcgi-2.log", PAGE_LINE);
	assert_true(one >= 1);
	assert_true(two >= 1);
	assert_true(one + two >= 4);
	free(csrf);
	free(c.token);
	http_free(cand);
	http_free(iv);
}

/* A worker's viva_worker_sessions_total. */
static long
sessions_total(int port)
{
	return (long)stack_num(&S, "curl -s http://127.0.0.1:%d/metrics |"
	    " grep ^viva_worker_sessions_total | tr -dc 0-9", port);
}

/* Opens a voice session for h's interview through nginx; which worker took it
 * (1 or 2), or 0 when none did. */
static int
connect_via_nginx(struct http *h, const char *csrf)
{
	struct ws	 w;
	char		*url = ticket_url(h, csrf), *ev = NULL;
	long		 one = sessions_total(stack_worker_port(&S));
	long		 two = sessions_total(worker2_port);

	if (ws_open(&w, S.port, url) == 0) {
		ev = ws_wait(&w, "\"connected\"", 5000);
		ws_close(&w);
	}
	free(url);
	if (ev == NULL)
		return 0;
	free(ev);
	if (sessions_total(stack_worker_port(&S)) > one)
		return 1;
	return worker2_port > 0 && sessions_total(worker2_port) > two ? 2 : 0;
}

static void
test_an_interview_keeps_to_one_worker_and_moves_when_it_stops(void **state)
{
	struct http	*iv = signin(&a_int), *cand[16];
	struct created	 c[16];
	char		*csrf[16];
	int		 n, seen[3] = { 0 }, where[16], moved = -1;

	(void)state;
	/* Interviews until each worker has one (the hash decides which). */
	for (n = 0; n < 16 && (!seen[1] || !seen[2]); n++) {
		create_adaptive(iv, "Voice", "&role=qa-test&model=gpt-4o-mini"
		    "&min_questions=3&max_questions=6&minutes=0&voice=1", &c[n]);
		cand[n] = start(&c[n], &csrf[n]);
		where[n] = connect_via_nginx(cand[n], csrf[n]);
		assert_true(where[n] == 1 || where[n] == 2);
		/* A reconnection, with a new ticket, reaches the same worker. */
		assert_int_equal(connect_via_nginx(cand[n], csrf[n]), where[n]);
		seen[where[n]] = 1;
		if (where[n] == 2)
			moved = n;
	}
	assert_true(seen[1] && seen[2]);
	/* Worker 2 stops: its interview resumes on worker 1. */
	assert_int_equal(stack_sh(&S, "kill \"$(cat \"$VAR/run/viva-worker-2.pid\")\";"
	    " for i in $(seq 100); do port_busy %d || exit 0; sleep 0.1; done;"
	    " exit 1", worker2_port), 0);
	worker2_port = -1;
	assert_int_equal(connect_via_nginx(cand[moved], csrf[moved]), 1);
	while (n-- > 0) {
		free(csrf[n]);
		free(c[n].token);
		http_free(cand[n]);
	}
	http_free(iv);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_both_pools_answer_and_a_candidate_goes_on_across_them),
		cmocka_unit_test(test_an_interview_keeps_to_one_worker_and_moves_when_it_stops),
		cmocka_unit_test(test_no_request_failed_on_the_server_side),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
