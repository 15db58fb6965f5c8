/*
 * analytics_test.c: analytics pages and exports end to end: an interview
 * whose candidate sends three messages to the offline assistant, its
 * figures (equal to the database's sums), charts, the org overview, the
 * Markdown, JSON and CSV downloads, escaping, and scoping to the org.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <curl/curl.h>
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/b64.h"
#include "lib/crypto.h"
#include "flow.h"


static struct account	a_int = { "Org A", "int@a.test", "interviewer", NULL };
static struct account	b_int = { "Org B", "int@b.test", "interviewer", NULL };
/* An org with two years of interviews behind it. */
static struct account	c_int = { "Org C", "int@c.test", "interviewer", NULL };
/* An org with one adaptive interview, whose report the exports carry. */
static struct account	d_int = { "Org D", "int@d.test", "interviewer", NULL };
/* An org whose overview counts adaptive interviews made by hand. */
static struct account	e_int = { "Org E", "int@e.test", "interviewer", NULL };
static struct account *const accounts[] = { &a_int, &b_int, &c_int, &d_int,
    &e_int };
#define NACCOUNTS	(sizeof(accounts) / sizeof(accounts[0]))

/* --- the stack ------------------------------------------------------------ */

static int
group_setup(void **state)
{
	(void)state;
	return flow_start(accounts, NACCOUNTS);
}

/* --- the interview every test looks at ----------------------------------- */

#define NAME	"Eve <script>alert(1)</script>"

static struct created	 C;

/* Sends a message; returns the status (303 when sent). */
static long
send_msg(struct http *h, const char *csrf, const char *text)
{
	struct resp	 r;
	long		 st = message_post(h, csrf, text, &r);

	resp_free(&r);
	return st;
}

static void
test_a_candidate_sends_three_messages(void **state)
{
	struct http	*iv = signin(&a_int), *cand;
	char		*ccsrf;

	(void)state;
	create_custom(iv, NAME, 50000, &C);
	cand = start(&C, &ccsrf);
	assert_int_equal(send_msg(cand, ccsrf, "How do I start?"), 303);
	assert_int_equal(send_msg(cand, ccsrf, "=SUM(A1:A9) and, \"quotes\""), 303);
	assert_int_equal(send_msg(cand, ccsrf, "Thanks,\nthat helps"), 303);
	assert_int_equal(sql_num("SELECT count(*) FROM messages WHERE"
	    " interview_id = %lld AND role = 'user'", C.id), 3);
	assert_int_equal(sql_num("SELECT count(*) FROM messages WHERE"
	    " interview_id = %lld AND role = 'assistant'", C.id), 3);
	free(ccsrf);
	http_free(cand);
	http_free(iv);
}

/* The figure as people read it, grouped by PostgreSQL's to_char: "1,480". */
static void
expect_stat(const struct resp *r, const char *idattr, long long want)
{
	char	*g = sql_str("SELECT to_char(%lld, 'FM999,999,999,990')",
		    want);
	char	*s = fmt("id=\"%s\">%s<", idattr, g);

	assert_has(r, s);
	free(s);
	free(g);
}

/* The page's text between from's first occurrence and to (malloc'd). */
static char *
between(const struct resp *r, const char *from, const char *to)
{
	const char	*p = strstr(r->body, from), *end;

	assert_non_null(p);
	p += strlen(from);
	end = strstr(p, to);
	assert_non_null(end);
	return strndup(p, (size_t)(end - p));
}

/*
 * The charts are images that say what they show, each followed by its
 * figures as a table: a point for the start and one per message, the last
 * at every token charged; the time's parts with their durations.
 */
static void
expect_charts(const struct resp *r)
{
	char	*tokens = sql_str("SELECT to_char(tokens_used,"
		    " 'FM999,999,999,990') FROM interviews WHERE id = %lld",
		    C.id);
	const char *first = "<tbody><tr><th scope=\"row\">0</th>"
		    "<td class=\"num\">0</td></tr>";
	char	*table, *alt, *s;

	assert_has(r, "<img class=\"chart\" src=\"data:image/svg+xml;base64,");
	assert_lacks(r, "<svg");
	alt = between(r, "alt=\"Cumulative tokens over minutes since the"
	    " start: ", "\"");
	assert_int_equal(strncmp(alt, "0 at minute 0, ", 15), 0);
	assert_non_null(strstr(alt, s = fmt("%s at minute ", tokens)));
	free(s);
	table = between(r, "<caption>Cumulative tokens over minutes since the"
	    " start</caption>", "</table>");
	assert_non_null(strstr(table, "<th scope=\"col\">Minute</th>"
	    "<th scope=\"col\" class=\"num\">Tokens</th>"));
	assert_int_equal(strncmp(strstr(table, "<tbody>"), first,
	    strlen(first)), 0);
	assert_int_equal(str_count(table, "<th scope=\"row\">"), 1 +
	    sql_num("SELECT count(*) FROM messages WHERE interview_id = %lld",
	    C.id));
	assert_non_null(strstr(table, s = fmt("<td class=\"num\">%s</td></tr>"
	    "</tbody>", tokens)));
	free(s);
	free(table);
	free(alt);
	/* The time: in words, then its parts in a table. */
	assert_has(r, "alt=\"Time: active, idle and left: Active ");
	table = between(r, "<caption>Time: active, idle and left</caption>",
	    "</table>");
	assert_non_null(strstr(table, "<th scope=\"col\">Part</th>"
	    "<th scope=\"col\">Time</th>"));
	assert_non_null(strstr(table, "<th scope=\"row\">Active</th><td>"));
	assert_non_null(strstr(table, "<th scope=\"row\">Idle</th><td>"));
	assert_non_null(strstr(table, "<th scope=\"row\">Left</th><td>"));
	assert_int_equal(str_count(r->body, "<summary>The figures</summary>"),
	    2);
	free(table);
	free(tokens);
}

static void
test_the_analytics_page_shows_the_database_sums(void **state)
{
	struct http	*iv = signin(&a_int);
	char		*path = fmt("/admin/interviews/%lld/analytics", C.id);
	struct resp	 r;

	(void)state;
	get(iv, path, &r);
	assert_status(&r, 200);
	expect_stat(&r, "an-messages", sql_num("SELECT count(*) FROM messages"
	    " WHERE interview_id = %lld", C.id));
	/* The replies' prompts and replies: in + out is what was charged. */
	expect_stat(&r, "an-tokens-in", sql_num("SELECT sum(tokens_in) FROM"
	    " messages WHERE interview_id = %lld AND role = 'assistant'",
	    C.id));
	expect_stat(&r, "an-tokens-out", sql_num("SELECT sum(tokens_out) FROM"
	    " messages WHERE interview_id = %lld AND role = 'assistant'",
	    C.id));
	assert_int_equal(sql_num("SELECT sum(tokens_in + tokens_out) FROM"
	    " messages WHERE interview_id = %lld AND role = 'assistant'", C.id),
	    sql_num("SELECT tokens_used FROM interviews WHERE id = %lld", C.id));
	assert_true(sql_num("SELECT sum(tokens_out) FROM messages WHERE"
	    " interview_id = %lld AND role = 'assistant'", C.id) > 0);
	expect_charts(&r);
	/* A chat's CSV: its messages. */
	assert_has(&r, "/export.csv\">Messages (CSV)</a>");
	assert_has(&r, "$0.0000");
	/* The name, escaped; no style attribute (CSP). */
	assert_lacks(&r, "<script>");
	assert_has(&r, "&lt;script&gt;alert(1)&lt;/script&gt;");
	assert_lacks(&r, "style=");
	resp_free(&r);
	/* The interview page links to it. */
	free(path);
	get(iv, path = fmt("/admin/interviews/%lld", C.id), &r);
	assert_status(&r, 200);
	free(path);
	assert_has(&r, path = fmt("/admin/interviews/%lld/analytics", C.id));
	resp_free(&r);
	free(path);
	http_free(iv);
}

static void
test_the_org_overview_lists_the_session(void **state)
{
	struct http	*iv = signin(&a_int);
	char		*csrf, *path, *link;
	struct resp	 r;

	(void)state;
	path = fmt("/admin/interviews/%lld", C.id);
	csrf = csrf_of(iv, path);
	free(path);
	post_ok(iv, path = fmt("/admin/interviews/%lld/end", C.id), csrf, "",
	    link = fmt("/admin/interviews/%lld?done=end", C.id));
	free(path);
	free(link);
	get(iv, "/admin/analytics", &r);
	assert_status(&r, 200);
	assert_has(&r, "completed");
	/*
	 * One completed session is not compared with itself: it was both
	 * the most and the least efficient, its row in both tables.
	 */
	link = fmt("/admin/interviews/%lld/analytics", C.id);
	assert_int_equal(count_in(&r, link), 1);
	assert_has(&r, "One completed session so far: too few to compare.");
	assert_lacks(&r, "Most efficient");
	assert_lacks(&r, "Least efficient");
	assert_lacks(&r, "<script>");
	assert_has(&r, "&lt;script&gt;alert(1)&lt;/script&gt;");
	assert_has(&r, "aria-current=\"page\">Analytics");
	resp_free(&r);
	free(link);
	free(csrf);
	http_free(iv);
}

static void
expect_download(const struct resp *r, const char *ctype, const char *ext)
{
	char	*ct = resp_header(r, "Content-Type");
	char	*cd = resp_header(r, "Content-Disposition");
	char	*want = fmt("attachment; filename=\"interview-%lld.%s\"", C.id,
		    ext);

	assert_status(r, 200);
	assert_non_null(ct);
	assert_string_equal(ct, ctype);
	assert_non_null(cd);
	assert_string_equal(cd, want);
	free(want);
	free(cd);
	free(ct);
}

static void
test_the_markdown_export_is_plain_text(void **state)
{
	struct http	*iv = signin(&a_int);
	char		*path = fmt("/admin/interviews/%lld/export.md", C.id);
	struct resp	 r;

	(void)state;
	get(iv, path, &r);
	expect_download(&r, "text/markdown; charset=utf-8", "md");
	assert_has(&r, "# Interview ");
	/* As typed, its Markdown and HTML escaped: text, not HTML entities. */
	assert_has(&r, "Eve \\<script\\>alert\\(1\\)\\</script\\>");
	assert_lacks(&r, "&lt;");
	assert_has(&r, "## Transcript");
	assert_has(&r, "```text\n=SUM(A1:A9) and, \"quotes\"\n```\n");
	assert_has(&r, "Candidate");
	assert_has(&r, "Assistant");
	assert_has(&r, "- Assistant: offline assistant (offers the challenge's"
	    " hints)\n");
	resp_free(&r);
	free(path);
	http_free(iv);
}

/* A challenge that opens with its own title is not titled twice. */
static void
test_the_markdown_export_titles_the_challenge_once(void **state)
{
	struct http	*iv = signin(&a_int);
	struct created	 c;
	struct resp	 r;
	char		*path;

	(void)state;
	create_custom(iv, "Titled Once", 50000, &c);
	sql_do("UPDATE interviews SET challenge_md = E'## Sum\\n\\nAdd two"
	    " numbers.' WHERE id = %lld", c.id);
	get(iv, path = fmt("/admin/interviews/%lld/export.md", c.id), &r);
	assert_status(&r, 200);
	assert_has(&r, "\n## Challenge: Sum\n\nAdd two numbers.\n");
	assert_lacks(&r, "\n## Sum\n");
	resp_free(&r);
	free(path);
	free(c.token);
	http_free(iv);
}

static void
test_the_json_export_has_the_messages_and_their_tokens(void **state)
{
	struct http		*iv = signin(&a_int);
	char			*path = fmt("/admin/interviews/%lld/export.json", C.id);
	struct json_object	*o, *v, *msgs, *m;
	struct resp		 r;
	size_t			 i, n;
	long long		 seq;

	(void)state;
	get(iv, path, &r);
	expect_download(&r, "application/json", "json");
	o = json_tokener_parse(r.body);
	assert_non_null(o);
	assert_true(json_object_object_get_ex(o, "interview", &v));
	assert_true(json_object_object_get_ex(v, "candidate_name", &v));
	assert_string_equal(json_object_get_string(v), NAME);
	assert_true(json_object_object_get_ex(o, "events", &v));
	assert_true(json_object_array_length(v) > 0);
	assert_true(json_object_object_get_ex(o, "analytics", &v));
	assert_true(json_object_object_get_ex(v, "messages", &v));
	assert_int_equal(json_object_get_int(v), 6);
	assert_true(json_object_object_get_ex(o, "messages", &msgs));
	n = json_object_array_length(msgs);
	assert_int_equal(n, sql_num("SELECT count(*) FROM messages WHERE"
	    " interview_id = %lld", C.id));
	for (i = 0; i < n; i++) {
		m = json_object_array_get_idx(msgs, i);
		assert_true(json_object_object_get_ex(m, "seq", &v));
		seq = json_object_get_int64(v);
		assert_true(json_object_object_get_ex(m, "tokens_in", &v));
		assert_int_equal(json_object_get_int64(v), sql_num("SELECT"
		    " tokens_in FROM messages WHERE interview_id = %lld AND"
		    " seq = %lld", C.id, seq));
		assert_true(json_object_object_get_ex(m, "tokens_out", &v));
		assert_int_equal(json_object_get_int64(v), sql_num("SELECT"
		    " tokens_out FROM messages WHERE interview_id = %lld AND"
		    " seq = %lld", C.id, seq));
		assert_true(json_object_object_get_ex(m, "content", &v));
		assert_true(json_object_get_string_len(v) > 0);
	}
	json_object_put(o);
	resp_free(&r);
	free(path);
	http_free(iv);
}

/* The most cells csv_records keeps of a row (an adaptive export has 17), and their size. */
#define CSV_CELLS	28
#define CSV_CELL	1024

/* Splits RFC 4180 CSV into records; returns their count, the cells of row want in *cells. */
static size_t
csv_records(const char *s, size_t len, size_t want, char cells[][CSV_CELL],
    size_t *ncells)
{
	size_t	 rec = 0, cell = 0, k = 0, i;
	int	 quoted = 0;

	*ncells = 0;
	for (i = 0; i < len; i++) {
		char	ch = s[i];

		if (quoted) {
			if (ch == '"' && i + 1 < len && s[i + 1] == '"') {
				i++;
			} else if (ch == '"') {
				quoted = 0;
				continue;
			}
		} else if (ch == '"') {
			quoted = 1;
			continue;
		} else if (ch == ',' || ch == '\r') {
			if (ch == '\r') {
				assert_true(i + 1 < len && s[i + 1] == '\n');
				i++;
			}
			if (rec == want && cell < CSV_CELLS)
				cells[cell][k < CSV_CELL - 1 ? k : CSV_CELL - 1] = '\0';
			if (ch == ',') {
				cell++;
			} else {
				if (rec == want)
					*ncells = cell + 1;
				rec++;
				cell = 0;
			}
			k = 0;
			continue;
		} else if (ch == '\n')
			fail_msg("bare LF outside quotes at %zu", i);
		if (rec == want && cell < CSV_CELLS && k < CSV_CELL - 1)
			cells[cell][k++] = ch;
	}
	return rec;
}

/* After the byte-order mark that makes Excel read UTF-8 as UTF-8. */
#define BOM	"\xef\xbb\xbf"
#define HEADER	BOM "seq,role,created_at,tokens_in,tokens_out,latency_ms,content," \
	"recommendation,recommendation_notes,recommendations\r\n"

static void
test_the_csv_export_quotes_and_guards_cells(void **state)
{
	struct http	*iv = signin(&a_int);
	char		*path = fmt("/admin/interviews/%lld/export.csv", C.id);
	char		 cells[CSV_CELLS][CSV_CELL], *t;
	struct resp	 r;
	size_t		 nrec, ncells, row;
	int		 found = 0;

	(void)state;
	get(iv, path, &r);
	expect_download(&r, "text/csv; charset=utf-8", "csv");
	assert_int_equal(strncmp(r.body, HEADER, strlen(HEADER)), 0);
	nrec = csv_records(r.body + 3, r.len - 3, 0, cells, &ncells);
	assert_int_equal(ncells, 10);
	assert_int_equal(nrec, 1 + sql_num("SELECT count(*) FROM messages"
	    " WHERE interview_id = %lld", C.id));
	assert_has(&r, "\"'=SUM(A1:A9) and, \"\"quotes\"\"\"");
	for (row = 1; row < nrec; row++) {
		csv_records(r.body + 3, r.len - 3, row, cells, &ncells);
		assert_int_equal(ncells, 10);
		/* The date and time with its offset, not the time of day. */
		assert_string_equal(cells[2], t = sql_str("SELECT to_char("
		    "created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS"
		    "\"Z\"') FROM messages WHERE interview_id = %lld AND"
		    " seq = %s", C.id, cells[0]));
		free(t);
		assert_true(cells[6][0] != '=' && cells[6][0] != '+' &&
		    cells[6][0] != '-' && cells[6][0] != '@');
		if (strcmp(cells[6], "'=SUM(A1:A9) and, \"quotes\"") == 0) {
			found = 1;
			assert_string_equal(cells[1], "user");
		}
		if (strcmp(cells[6], "Thanks,\nthat helps") == 0)
			found++;
	}
	assert_int_equal(found, 2);
	resp_free(&r);
	free(path);

	/* The list, with the list's filters. */
	get(iv, "/admin/interviews.csv?status=completed&q=eve", &r);
	assert_status(&r, 200);
	path = resp_header(&r, "Content-Type");
	assert_string_equal(path, "text/csv; charset=utf-8");
	free(path);
	path = resp_header(&r, "Content-Disposition");
	assert_string_equal(path, "attachment; filename=\"interviews.csv\"");
	free(path);
	assert_int_equal(strncmp(r.body, BOM "id,candidate_name,candidate_email",
	    strlen(BOM "id,candidate_name,candidate_email")), 0);
	assert_has(&r, path = fmt("\r\n%lld,Eve <script>", C.id));
	resp_free(&r);
	get(iv, "/admin/interviews.csv?status=active", &r);
	assert_status(&r, 200);
	assert_lacks(&r, path);
	resp_free(&r);
	free(path);
	http_free(iv);
}

static long long
json_num(struct json_object *o, const char *key)
{
	struct json_object	*v;

	if (!json_object_object_get_ex(o, key, &v))
		fail_msg("no \"%s\" in the analytics", key);
	return json_object_get_int64(v);
}

/* A gap over two minutes between candidate activity counts as idle. */
static void
test_long_gaps_count_as_idle_time(void **state)
{
	struct http		*iv = signin(&a_int);
	char			*path = fmt("/admin/interviews/%lld/export.json", C.id);
	struct json_object	*o, *an;
	struct resp		 r;
	long long		 used, idle, active;

	(void)state;
	/* The candidate thought for ten minutes before the first message. */
	sql_do("UPDATE interviews SET started_at = started_at"
	    " - interval '10 minutes' WHERE id = %lld", C.id);
	get(iv, path, &r);
	assert_status(&r, 200);
	o = json_tokener_parse(r.body);
	assert_non_null(o);
	assert_true(json_object_object_get_ex(o, "analytics", &an));
	used = json_num(an, "used_s");
	idle = json_num(an, "idle_s");
	active = json_num(an, "active_s");
	assert_in_range(idle, 600, 660);
	assert_in_range(active, 0, 60);
	assert_int_equal(used, idle + active);
	assert_int_equal(json_num(an, "limit_s"), 30 * 60);
	json_object_put(o);
	resp_free(&r);
	free(path);
	get(iv, path = fmt("/admin/interviews/%lld/analytics", C.id), &r);
	assert_status(&r, 200);
	/* As the interview page writes a duration, "10 min 00 s". */
	assert_has(&r, " / 10 min ");	/* active / idle */
	/* The chart's figures, in words and in its table. */
	assert_has(&r, ", Idle 10 min ");
	assert_has(&r, "<th scope=\"row\">Idle</th><td>10 min ");
	assert_lacks(&r, "10m ");
	resp_free(&r);
	free(path);
	http_free(iv);
}

/* The chart's drawing, decoded from its data: URL (malloc'd). */
static char *
token_chart_svg(const struct resp *r)
{
	char		*b64 = between(r, "<img class=\"chart\""
			    " src=\"data:image/svg+xml;base64,", "\"");
	size_t		 len = strlen(b64), n;
	unsigned char	*svg = malloc(len + 1);

	assert_non_null(svg);
	assert_int_equal(b64_decode(svg, len, b64, len, &n), 0);
	svg[n] = '\0';
	free(b64);
	return (char *)svg;
}

/*
 * An interview of 3 min 47 s whose last message came at minute 2: the
 * token chart's minutes run to its end, 3.8, not to the last message, so
 * that the idle end shows.
 */
static void
test_the_token_chart_runs_to_the_end(void **state)
{
	struct http	*iv = signin(&a_int), *cand;
	struct created	 c;
	struct resp	 r;
	char		*csrf, *ccsrf, *path, *link, *svg;

	(void)state;
	create_custom(iv, "Idle At The End", 50000, &c);
	cand = start(&c, &ccsrf);
	assert_int_equal(send_msg(cand, ccsrf, "How do I start?"), 303);
	path = fmt("/admin/interviews/%lld", c.id);
	csrf = csrf_of(iv, path);
	free(path);
	post_ok(iv, path = fmt("/admin/interviews/%lld/end", c.id), csrf, "",
	    link = fmt("/admin/interviews/%lld?done=end", c.id));
	free(path);
	free(link);
	sql_do("UPDATE interviews SET started_at = ended_at - interval"
	    " '227 s' WHERE id = %lld", c.id);
	sql_do("UPDATE messages m SET created_at = i.started_at + interval"
	    " '2 min' FROM interviews i WHERE i.id = m.interview_id AND"
	    " i.id = %lld", c.id);
	get(iv, path = fmt("/admin/interviews/%lld/analytics", c.id), &r);
	assert_status(&r, 200);
	assert_has(&r, " at minute 2; the chart runs to minute 3.8.\"");
	svg = token_chart_svg(&r);
	assert_non_null(strstr(svg, "text-anchor=\"end\">3.8</text>"));
	assert_null(strstr(svg, "text-anchor=\"end\">2</text>"));
	free(svg);
	resp_free(&r);
	free(path);
	free(csrf);
	free(ccsrf);
	free(c.token);
	http_free(cand);
	http_free(iv);
}

static void
test_another_orgs_interviewer_gets_404(void **state)
{
	static const char *const suffixes[] = { "/analytics", "/export.md",
	    "/export.json", "/export.csv" };
	struct http	*b = signin(&b_int);
	char		*path;
	struct resp	 r;
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++) {
		get(b, path = fmt("/admin/interviews/%lld%s", C.id,
		    suffixes[i]), &r);
		assert_status(&r, 404);
		assert_lacks(&r, "Eve");
		resp_free(&r);
		free(path);
	}
	get(b, "/admin/analytics", &r);
	assert_status(&r, 200);
	assert_lacks(&r, "Eve");
	assert_has(&r, "No completed sessions yet.");
	resp_free(&r);
	get(b, "/admin/interviews.csv", &r);
	assert_status(&r, 200);
	assert_lacks(&r, "Eve");
	resp_free(&r);
	/* Signed out: sent to sign in, nothing shown. */
	http_free(b);
	b = http_new(&S);
	get(b, path = fmt("/admin/interviews/%lld/export.json", C.id), &r);
	assert_status(&r, 303);
	resp_free(&r);
	free(path);
	http_free(b);
}

/*
 * The list's download has every interview, however many: it read the list
 * page by page and stopped at 200 pages of 50 without a word, so an org of
 * 10,050 interviews got the newest 10,000 (and waited seconds for them).
 */
static void
test_the_list_download_has_every_interview(void **state)
{
	struct http	*c = signin(&c_int);
	struct resp	 r;
	long long	 ms;
	size_t		 lines = 0;

	(void)state;
	sql_do("INSERT INTO interviews (org_id, kind, status,"
	    " candidate_name, candidate_email, invite_hash, invite_expires_at,"
	    " time_limit_s, token_budget, created_at) SELECT o.id, 'assisted',"
	    " 'completed', 'Bulk ' || g, 'bulk' || g || '@c.test',"
	    " 'bulk-' || g, now(), 3600, 10000, now() - g * interval '1 hour'"
	    " FROM orgs o, generate_series(1, 10050) g WHERE o.name = 'Org C'");
	ms = ms_now();
	get(c, "/admin/interviews.csv", &r);
	ms = ms_now() - ms;
	assert_status(&r, 200);
	lines = (size_t)count_in(&r, "\r\n");
	printf("the list of 10,050 as CSV: %lld ms, %zu bytes\n", ms, r.len);
	assert_int_equal(lines, 1 + 10050);
	assert_has(&r, ",Bulk 1,bulk1@c.test,");
	assert_has(&r, ",Bulk 10050,bulk10050@c.test,");
	/* Newest first, as the list shows them. */
	assert_true(strstr(r.body, ",Bulk 1,") < strstr(r.body, ",Bulk 2,"));
	resp_free(&r);
	/* Its filters hold over every row too. */
	get(c, "/admin/interviews.csv?q=Bulk+1005", &r);
	assert_status(&r, 200);
	assert_has(&r, ",Bulk 10050,");
	assert_has(&r, ",Bulk 1005,");
	assert_lacks(&r, ",Bulk 1004,");
	resp_free(&r);
	http_free(c);
}

/* --- viva export ----------------------------------------------------------- */

/* `viva export ARGS...` (printf-like): what it printed, then "rc=N". */
static char *
viva_export(const char *f, ...)
{
	va_list	 ap;
	char	*args, *out;

	va_start(ap, f);
	if (vasprintf(&args, f, ap) < 0)
		abort();
	va_end(ap);
	out = stack_out(&S, ". scripts/stack.sh; \"$VIVA\" --config \"$CONF\""
	    " export %s 2>&1; echo rc=$?", args);
	free(args);
	return out;
}

/* A file's text (malloc'd, NUL-ended), or NULL if it is not there. */
static char *
file_text(const char *f, ...)
{
	struct stat	 sb;
	va_list		 ap;
	size_t		 len;
	char		*path, *t = NULL;

	va_start(ap, f);
	if (vasprintf(&path, f, ap) < 0)
		abort();
	va_end(ap);
	if (stat(path, &sb) == 0) {
		assert_int_equal(sb.st_mode & 0777, 0600);	/* candidates' data */
		t = slurp(path, &len);
	}
	free(path);
	return t;
}

/*
 * `viva export` writes each of the org's interviews as the page's download
 * would, plus the list, into a directory; the other org's export has none
 * of it; one interview can be asked for, and only in its own org.
 */
static void
test_viva_export_writes_the_orgs_interviews_as_files(void **state)
{
	long long		 n = sql_num("SELECT count(*) FROM interviews i"
				    " JOIN orgs o ON o.id = i.org_id"
				    " WHERE o.name = 'Org A'");
	char			*out, *dir, *text, *want, *row;
	struct json_object	*o, *v;

	(void)state;
	dir = fmt("%s/export-a", S.var);
	out = viva_export("--org \"Org A\" --out %s", dir);
	want = fmt("exported %lld interview%s of \"Org A\" to %s (json)\nrc=0",
	    n, n == 1 ? "" : "s", dir);
	assert_non_null(strstr(out, want));
	free(out);
	free(want);
	text = file_text("%s/interview-%lld.json", dir, C.id);
	assert_non_null(text);
	o = json_tokener_parse(text);
	assert_non_null(o);
	assert_true(json_object_object_get_ex(o, "interview", &v));
	assert_true(json_object_object_get_ex(v, "candidate_name", &v));
	assert_string_equal(json_object_get_string(v), NAME);
	assert_true(json_object_object_get_ex(o, "messages", &v));
	assert_int_equal(json_object_array_length(v), sql_num("SELECT count(*)"
	    " FROM messages WHERE interview_id = %lld", C.id));
	json_object_put(o);
	free(text);
	text = file_text("%s/interviews.csv", dir);
	assert_non_null(text);
	row = fmt("\r\n%lld,", C.id);
	assert_non_null(strstr(text, row));
	free(row);
	free(text);

	/* The other org's export holds nothing of this one. */
	out = viva_export("--org \"Org B\" --out %s/export-b", S.var);
	assert_non_null(strstr(out, "rc=0"));
	free(out);
	assert_null(file_text("%s/export-b/interview-%lld.json", S.var,
	    C.id));
	text = file_text("%s/export-b/interviews.csv", S.var);
	assert_non_null(text);
	assert_null(strstr(text, "Eve"));
	free(text);

	/* One interview, as Markdown; in another org it is not found. */
	out = viva_export("--org \"Org A\" --interview %lld --format md"
	    " --out %s/one", C.id, S.var);
	assert_non_null(strstr(out, "exported 1 interview of \"Org A\""));
	free(out);
	text = file_text("%s/one/interview-%lld.md", S.var, C.id);
	assert_non_null(text);
	assert_non_null(strstr(text, "# Interview "));
	assert_non_null(strstr(text, "Eve \\<script\\>"));
	free(text);
	assert_null(file_text("%s/one/interviews.csv", S.var));
	out = viva_export("--org \"Org B\" --interview %lld --out %s/none",
	    C.id, S.var);
	assert_non_null(strstr(out, "not in this org"));
	assert_non_null(strstr(out, "rc=1"));
	free(out);
	assert_null(file_text("%s/none/interview-%lld.json", S.var, C.id));

	/* Unknown org, unknown format: said, nothing written. */
	out = viva_export("--org Nobody");
	assert_non_null(strstr(out, "no org is named \"Nobody\""));
	assert_non_null(strstr(out, "rc=1"));
	free(out);
	out = viva_export("--org \"Org A\" --format xml");
	assert_non_null(strstr(out, "usage: viva export"));
	assert_non_null(strstr(out, "rc=2"));
	free(out);
	free(dir);
}

/*
 * With the final answer, the messages counted are more than the candidate's
 * and the replies: the label names it, so the parts add up, and one reply
 * is a reply.
 */
static void
test_the_message_count_names_the_final_answer(void **state)
{
	struct http		*iv = signin(&a_int), *cand;
	struct created		 c;
	struct json_object	*o, *an;
	char			*ccsrf, *path;
	struct resp		 r;

	(void)state;
	create_custom(iv, "Fin", 50000, &c);
	cand = start(&c, &ccsrf);
	assert_int_equal(send_msg(cand, ccsrf, "How do I start?"), 303);
	post_ok(cand, "/c/final", ccsrf, "answer=done", "/c");
	get(iv, path = fmt("/admin/interviews/%lld/analytics", c.id), &r);
	free(path);
	expect_stat(&r, "an-messages", 3);
	assert_has(&r, "Messages (1 from the candidate, 1 reply, the final"
	    " answer)");
	resp_free(&r);
	/* Ended at a fraction of a second: used and left still make the limit. */
	get(iv, path = fmt("/admin/interviews/%lld/export.json", c.id), &r);
	free(path);
	o = json_tokener_parse(r.body);
	assert_non_null(o);
	assert_true(json_object_object_get_ex(o, "analytics", &an));
	assert_int_equal(json_num(an, "used_s") + json_num(an, "left_s"),
	    json_num(an, "limit_s"));
	json_object_put(o);
	resp_free(&r);
	get(iv, path = fmt("/admin/interviews/%lld/export.md", c.id), &r);
	free(path);
	assert_has(&r, " s unused)\n");	/* ended: not "left" */
	assert_has(&r, "- Messages: 3 (1 from the candidate, 1 reply, the"
	    " final answer)\n");
	resp_free(&r);
	/* Without one, the parts are the whole as they were. */
	get(iv, path = fmt("/admin/interviews/%lld/analytics", C.id), &r);
	free(path);
	assert_has(&r, "Messages (3 from the candidate, 3 replies)");
	resp_free(&r);
	free(ccsrf);
	free(c.token);
	http_free(cand);
	http_free(iv);
}

/*
 * An interview whose time ran out while nobody looked ends at its deadline:
 * the time used is its limit, not the limit and the hours until a page
 * noticed.
 */
static void
test_time_run_out_unseen_is_used_up_to_the_limit(void **state)
{
	struct http		*iv = signin(&a_int), *cand;
	struct created		 c;
	struct json_object	*o, *an;
	char			*csrf, *path;
	struct resp		 r;

	(void)state;
	create_custom(iv, "Gone", 50000, &c);
	cand = start(&c, &csrf);
	sql_do("UPDATE interviews SET started_at = now() - interval '2 hours'"
	    " WHERE id = %lld", c.id);
	get(iv, path = fmt("/admin/interviews/%lld/export.json", c.id), &r);
	free(path);
	assert_status(&r, 200);
	o = json_tokener_parse(r.body);
	assert_non_null(o);
	assert_true(json_object_object_get_ex(o, "analytics", &an));
	assert_int_equal(json_num(an, "limit_s"), 30 * 60);
	assert_int_equal(json_num(an, "used_s"), 30 * 60);
	assert_int_equal(json_num(an, "left_s"), 0);
	json_object_put(o);
	resp_free(&r);
	assert_int_equal(sql_num("SELECT count(*) FROM interviews WHERE id ="
	    " %lld AND end_reason = 'time' AND ended_at = started_at +"
	    " interval '30 minutes'", c.id), 1);
	/* The timeline says it ended then too, not when it was noticed. */
	assert_int_equal(sql_num("SELECT count(*) FROM events e JOIN"
	    " interviews i ON i.id = e.interview_id WHERE i.id = %lld AND"
	    " e.type = 'interview_ended' AND e.actor = 'system' AND"
	    " e.created_at = i.started_at + interval '30 minutes'", c.id), 1);
	get(iv, path = fmt("/admin/interviews/%lld/analytics", c.id), &r);
	free(path);
	/* Ended: what the clock had is unused, not "left". */
	assert_has(&r, "Time used of 30 min 00 s (100.0%), 0 min 00 s unused");
	assert_has(&r, "<caption>Time: active, idle and unused</caption>");
	assert_has(&r, "<th scope=\"row\">Unused</th>");
	resp_free(&r);
	/* The interview page writes them so: one way on every page. */
	get(iv, path = fmt("/admin/interviews/%lld", c.id), &r);
	free(path);
	assert_has(&r, ">0 min 00 s</span>");
	assert_has(&r, "Time unused of 30 min 00 s</span>");
	resp_free(&r);
	free(csrf);
	free(c.token);
	http_free(cand);
	http_free(iv);
}

/* The stat's value shown just before its label on the overview (malloc'd). */
static char *
stat_before(const char *body, const char *label)
{
	const char	*end = strstr(body, label), *p, *v = NULL;

	assert_non_null(end);
	for (p = body; (p = strstr(p, "class=\"stat-value\">")) != NULL &&
	    p < end; p++)
		v = p + strlen("class=\"stat-value\">");
	assert_non_null(v);
	return strndup(v, strcspn(v, "<"));
}

/*
 * A started interview of another kind leaves the overview's averages as
 * they were: its token budget is a placeholder, never spent, not a budget
 * the candidate used none of.
 */
static void
test_the_overview_averages_only_assisted_interviews(void **state)
{
	static const char *const labels[] = { "Average tokens used",
	    "Average budget used", "Average candidate messages" };
	struct http	*iv = signin(&a_int);
	struct created	 c;
	char		*before[3], *after;
	struct resp	 r;
	size_t		 i;

	(void)state;
	get(iv, "/admin/analytics", &r);
	for (i = 0; i < 3; i++)
		before[i] = stat_before(r.body, labels[i]);
	resp_free(&r);
	create_custom(iv, "Other kind", 50000, &c);
	sql_do("UPDATE interviews SET kind = 'oneway', status = 'active',"
	    " started_at = now(), token_budget = 1000 WHERE id = %lld", c.id);
	get(iv, "/admin/analytics", &r);
	for (i = 0; i < 3; i++) {
		after = stat_before(r.body, labels[i]);
		assert_string_equal(after, before[i]);
		free(after);
		free(before[i]);
	}
	assert_has(&r, "Averages over the assisted interviews that started.");
	resp_free(&r);
	free(c.token);
	http_free(iv);
}

/*
 * What the app wrote (sends, replies, a final answer) each interview has
 * counted as it wrote it (sql/028): the overview reads the counts.
 */
static void
test_the_chat_counts_agree_with_the_messages(void **state)
{
	(void)state;
	assert_true(sql_num("SELECT count(*) FROM interviews") > 0);
	assert_int_equal(sql_num("SELECT count(*) FROM interviews i,"
	    " LATERAL (SELECT count(*) n, count(*) FILTER (WHERE role ="
	    " 'user') nu, count(*) FILTER (WHERE role = 'assistant') na,"
	    " coalesce(sum(latency_ms) FILTER (WHERE role = 'assistant'), 0)"
	    " ms FROM messages WHERE interview_id = i.id) m"
	    " WHERE (chat_messages, chat_user_messages, chat_replies,"
	    " chat_reply_ms) IS DISTINCT FROM (m.n, m.nu, m.na, m.ms)"), 0);
	assert_true(sql_num("SELECT sum(chat_messages) FROM interviews") >= 6);
}

/*
 * The overview's reply latency is its chat's, as its other averages are
 * the assisted interviews': a voice interview's transcripts of what the AI
 * said are messages too, with no latency, and they pulled it down (an
 * org's 1,000 ms read 286 ms beside a voice interview of 10 replies).
 */
static void
test_the_overview_latency_is_the_chats(void **state)
{
	struct http	*b = signin(&b_int);
	struct resp	 r;
	char		*v;

	(void)state;
	sql_do("INSERT INTO interviews (org_id, kind, status, candidate_name,"
	    " candidate_email, invite_hash, invite_expires_at, time_limit_s,"
	    " token_budget, started_at, chat_messages, chat_user_messages,"
	    " chat_replies, chat_reply_ms) SELECT o.id, k, 'active',"
	    " 'Latency ' || k, 'latency@b.test', 'latency-' || k, now(), 3600,"
	    " 10000, now(), n, u, a, ms FROM orgs o, (VALUES"
	    " ('assisted', 8, 4, 4, 4000), ('adaptive', 10, 0, 10, 0))"
	    " AS v (k, n, u, a, ms) WHERE o.name = 'Org B';"
	    " INSERT INTO messages (interview_id, seq, role, content,"
	    " latency_ms) SELECT i.id, s, CASE WHEN i.kind = 'assisted'"
	    " AND s %% 2 = 1 THEN 'user' ELSE 'assistant' END, 'Said ' || s,"
	    " CASE WHEN i.kind = 'assisted' AND s %% 2 = 0 THEN 1000 ELSE 0"
	    " END FROM interviews i, generate_series(1, 10) s WHERE"
	    " i.invite_hash LIKE 'latency-%%' AND s <= i.chat_messages");
	get(b, "/admin/analytics", &r);
	assert_status(&r, 200);
	v = stat_before(r.body, "Average response latency");
	assert_string_equal(v, "1,000 ms");
	free(v);
	resp_free(&r);
	http_free(b);
}

/*
 * The overview of an org with many long chats reads one row per interview,
 * not every message: it counted each interview's messages three times
 * over (330 ms for 24,000 interviews and 123,000 messages).  The chats'
 * counts are written with the messages, as the app writes them.  Shown by
 * the page answering while another session holds the messages table
 * locked (a statement that read it would wait, then be cut off: a 503),
 * not by its time, which a busy machine stretches.
 */
static void
test_the_overview_reads_no_message(void **state)
{
	struct http	*c = signin(&c_int);
	struct resp	 r;
	char		*v;
	double		 ms;

	(void)state;
	sql_do("INSERT INTO interviews (org_id, kind, status, candidate_name,"
	    " candidate_email, invite_hash, invite_expires_at, time_limit_s,"
	    " token_budget, tokens_used, started_at, chat_messages,"
	    " chat_user_messages, chat_replies, chat_reply_ms) SELECT o.id,"
	    " 'assisted', 'completed', 'Chat ' || g, 'chat' || g || '@c.test',"
	    " 'chat-' || g, now(), 3600, 100000, 1000 + g, now(), 40, 20, 20,"
	    " 20 * 250 FROM orgs o, generate_series(1, 3000) g"
	    " WHERE o.name = 'Org C';"
	    " INSERT INTO messages (interview_id, seq, role, content,"
	    " latency_ms) SELECT i.id, s, CASE WHEN s %% 2 = 1 THEN 'user'"
	    " ELSE 'assistant' END, 'Words ' || s, CASE WHEN s %% 2 = 0"
	    " THEN 250 ELSE 0 END FROM interviews i, generate_series(1, 40) s"
	    " WHERE i.invite_hash LIKE 'chat-%%'; ANALYZE");
	ms = best_server_ms(c, "/admin/analytics", "GET /admin/analytics", &r);
	printf("the overview of 3,000 chats of 40 messages: %.1f ms\n", ms);
	resp_free(&r);
	assert_int_equal(stack_hold_lock(&S, "messages"), 0);
	get(c, "/admin/analytics", &r);
	stack_release_lock(&S, "messages");
	assert_status(&r, 200);
	/* The candidate's messages, as the sessions' table counts them. */
	v = stat_before(r.body, "Average candidate messages");
	assert_string_equal(v, "20.0");
	free(v);
	v = stat_before(r.body, "Average response latency");
	assert_string_equal(v, "250 ms");
	free(v);
	assert_has(&r, "Chat 1<");
	assert_has(&r, "Chat 3000<");
	resp_free(&r);
	http_free(c);
}

/*
 * The overview's provider cost is the org's: its adaptive interviews'
 * evaluations and its one-way transcriptions cost money too.  It was
 * summed with the averages, over started assisted interviews only, so an
 * org's $5.00 read $1.50.
 */
static void
test_the_overview_cost_is_every_kinds(void **state)
{
	struct http	*b = signin(&b_int);
	struct resp	 r;
	char		*cost;

	(void)state;
	sql_do("INSERT INTO interviews (org_id, kind, status, candidate_name,"
	    " candidate_email, invite_hash, invite_expires_at, time_limit_s,"
	    " token_budget, started_at, cost_micros) SELECT o.id, k, 'active',"
	    " 'Cost ' || k, 'cost@b.test', 'cost-' || k, now(), 3600, 10000,"
	    " now(), c FROM orgs o, (VALUES ('assisted', 1500000),"
	    " ('adaptive', 2500000), ('oneway', 1000000)) AS v (k, c)"
	    " WHERE o.name = 'Org B'");
	sql_do("INSERT INTO oneway_settings (interview_id, media, answer_s,"
	    " max_attempts) SELECT id, 'audio', 60, 1 FROM interviews"
	    " WHERE invite_hash = 'cost-oneway'");
	get(b, "/admin/analytics", &r);
	assert_status(&r, 200);
	cost = stat_before(r.body, "Provider cost of all interviews, every kind"
	    " (USD)");
	assert_string_equal(cost, "$5.0000");
	free(cost);
	resp_free(&r);
	http_free(b);
}

/*
 * Two completed sessions (this file's first and "Fin"): one is the most
 * efficient, the other the least, neither in both tables.
 */
static void
test_the_efficiency_tables_share_no_row(void **state)
{
	struct http	*iv = signin(&a_int);
	struct resp	 r;
	char		*ids, *link, *save;
	const char	*id;

	(void)state;
	ids = sql_str("SELECT string_agg(i.id::text, ' ') FROM interviews i"
	    " WHERE i.org_id = (SELECT org_id FROM interviews WHERE id = %lld)"
	    " AND i.kind = 'assisted' AND i.status = 'completed' AND EXISTS"
	    " (SELECT 1 FROM messages m WHERE m.interview_id = i.id AND"
	    " m.role = 'user')", C.id);
	assert_int_equal(sql_num("SELECT count(*) FROM regexp_split_to_table("
	    "'%s', ' ')", ids), 2);
	get(iv, "/admin/analytics", &r);
	assert_status(&r, 200);
	assert_has(&r, "Most efficient");
	assert_has(&r, "Least efficient");
	assert_lacks(&r, "too few to compare");
	for (id = strtok_r(ids, " ", &save); id != NULL;
	    id = strtok_r(NULL, " ", &save)) {
		link = fmt("/admin/interviews/%s/analytics\"", id);
		assert_int_equal(count_in(&r, link), 1);
		free(link);
	}
	resp_free(&r);
	free(ids);
	http_free(iv);
}

/*
 * Figures people read have their thousands grouped, as the other pages
 * have them ("1,626"): tokens in and out, the overview's average, the
 * timeline's extension and the cap's refusal.  The exports stay plain.
 */
static void
test_figures_people_read_have_their_thousands_grouped(void **state)
{
	struct http	*iv = signin(&a_int), *cand;
	struct created	 c;
	struct resp	 r;
	char		*ccsrf, *csrf, *page, *path, *form, *avg;

	(void)state;
	create_custom(iv, "Grouped", 50000, &c);
	cand = start(&c, &ccsrf);
	assert_int_equal(send_msg(cand, ccsrf, "How do I start?"), 303);
	sql_do("UPDATE messages SET tokens_in = 14800, tokens_out = 1460"
	    " WHERE interview_id = %lld AND role = 'assistant';"
	    " UPDATE interviews SET tokens_used = 16260 WHERE id = %lld",
	    c.id, c.id);
	get(iv, path = fmt("/admin/interviews/%lld/analytics", c.id), &r);
	free(path);
	assert_has(&r, "id=\"an-tokens-in\">14,800<");
	assert_has(&r, "id=\"an-tokens-out\">1,460<");
	assert_has(&r, "Budget used (16,260 of 50,000 tokens)");
	/* The token chart's last figure, in its words and in its table. */
	assert_has(&r, "16,260 at minute ");
	assert_has(&r, "<td class=\"num\">16,260</td></tr></tbody>");
	resp_free(&r);
	get(iv, path = fmt("/admin/interviews/%lld/export.md", c.id), &r);
	free(path);
	assert_has(&r, "- Tokens: 14800 in, 1460 out; 16260 of 50000 charged");
	resp_free(&r);
	/* Over at most a few started interviews, one of 16,260: over 1,000. */
	get(iv, "/admin/analytics", &r);
	avg = stat_before(r.body, "Average tokens used");
	assert_non_null(strchr(avg, ','));
	assert_int_equal(strspn(avg, "0123456789,"), strlen(avg));
	free(avg);
	resp_free(&r);
	/* The timeline's extension, and the cap's refusal of another. */
	page = fmt("/admin/interviews/%lld", c.id);
	get(iv, path = fmt("%s?confirm=extend", page), &r);
	free(path);
	assert_has(&r, "Give more tokens (1,000–1,000,000)</label>");
	resp_free(&r);
	csrf = csrf_of(iv, page);
	post_ok(iv, path = fmt("%s/extend-tokens", page), csrf,
	    "tokens=1000000", form = fmt("%s?done=extend-tokens", page));
	free(form);
	get(iv, page, &r);
	assert_has(&r, "Gave 1,000,000 more tokens");
	resp_free(&r);
	post(iv, path, form = fmt("csrf=%s&tokens=1000000", csrf), &r);
	assert_status(&r, 400);
	assert_has(&r, "can be at most 2,000,000 tokens, extensions included");
	resp_free(&r);
	free(form);
	free(path);
	free(page);
	free(csrf);
	free(ccsrf);
	free(c.token);
	http_free(cand);
	http_free(iv);
}

/* --- an adaptive interview's report in the exports ------------------------ */

#define AD_GOOD	"First I would write a failing unit test because the" \
	" regression must stay fixed, then I fix the boundary condition so" \
	" that the empty input is handled."
/* In other words: a repeated answer is not credited again (the scorer). */
#define AD_GOOD2 "My first step is a failing test that reproduces the" \
	" report, since a fix without one tends to come back; next I check" \
	" the boundary condition, for instance an empty input."
#define AD_BAD	"I am not sure."
/* What the report says of it (the evaluations are set below). */
#define AD_BAND	"Beginner"
#define AD_BASIS "The hardest level the answers support is warm-up: 3" \
	" answered well (60% or more) at warm-up or harder, 0 failed (under" \
	" 50%) at warm-up or easier. Not fundamental: 1 answered well at" \
	" fundamental or harder, 1 failed at fundamental or easier. The" \
	" hardest level answered well was fundamental (question 3). Average" \
	" score 63% over 4 answered questions."
/* A model's words may start like a formula: the CSV must guard them. */
#define AD_REASON_1	"Names the failing test first."
#define AD_REASON_3	"=Missed the empty input, \"sure\" is no answer."
/* Each key skill's finding, in the report's words. */
#define AD_TESTING	"explored, no limit found yet; hardest level answered" \
	" well: warm-up (question 1, 75%)"
#define AD_DEBUGGING	"limit at fundamental, where the candidate struggled" \
	" (question 4, 25%); hardest level answered well: fundamental" \
	" (question 3, 75%)"
#define AD_ELSEWHERE	"strong even at expert: no limit found"

static struct created	 AD;

/*
 * Org D's candidate "=Ada, Lovelace" answers four questions, judged by the
 * builtin scorer: two warm-ups well, then two badly, which finds a limit.
 * The evaluations are then replaced by ones a model might have written,
 * scored 75, 75, 75 and 25, so that the band and the reasons are known.
 */
static void
test_an_adaptive_interview_is_answered_and_judged(void **state)
{
	struct http	*iv = signin(&d_int), *cand;
	struct resp	 r;
	char		*csrf, *lv;
	static const char *const eval[] = {
		"{\"quality\":\"good\",\"composite\":0.75,\"reasons\":\""
		    AD_REASON_1 "\"}",
		"{\"quality\":\"good\",\"composite\":0.75,\"reasons\":"
		    "\"Handles the *empty* input.\"}",
		"{\"quality\":\"good\",\"composite\":0.75,\"reasons\":"
		    "\"=Missed the empty input, \\\"sure\\\" is no answer.\"}",
		"{\"quality\":\"poor\",\"composite\":0.25,\"reasons\":"
		    "\"Says nothing of a test.\"}",
	};
	int		 n;

	(void)state;
	assert_int_equal(seed_test_bank("an-test"), 0);
	create_adaptive(iv, "%3DAda%2C%20Lovelace", "&role=an-test"
	    "&model=builtin&min_questions=4&max_questions=4&minutes=0", &AD);
	cand = start(&AD, &csrf);
	answer_ok(cand, csrf, 1, AD_GOOD);
	answer_ok(cand, csrf, 2, AD_GOOD2);
	answer_ok(cand, csrf, 3, AD_BAD);
	answer_ok(cand, csrf, 4, AD_BAD);
	assert_string_equal(lv = sql_str("SELECT status FROM interviews"
	    " WHERE id = %lld", AD.id), "completed");
	free(lv);
	assert_string_equal(lv = sql_str("SELECT difficulty FROM"
	    " interview_questions WHERE interview_id = %lld AND n = 3",
	    AD.id), "fundamental");
	free(lv);
	for (n = 0; n < 4; n++)
		sql_do("UPDATE interview_questions SET evaluation = '%s'"
		    " WHERE interview_id = %lld AND n = %d", eval[n], AD.id,
		    n + 1);
	/*
	 * A mark in a skill outside the role's key skills, as when the
	 * bank's nearest question was of another area: the page lists the
	 * key skills only, the exports keep it too.
	 */
	sql_do("UPDATE interviews SET adaptive_state = jsonb_set(jsonb_set("
	    "adaptive_state, '{boundaries}', (adaptive_state->'boundaries')"
	    " || '[{\"skill\":\"load_testing\",\"level\":\"expert\","
	    "\"above_expert\":true,\"at\":1796633985}]'), '{detections}',"
	    " '2') WHERE id = %lld", AD.id);
	/* The interviewer's page says it; every export must say the same. */
	get(iv, lv = fmt("/admin/interviews/%lld", AD.id), &r);
	assert_status(&r, 200);
	assert_has(&r, "<strong>Overall: " AD_BAND ".</strong> " AD_BASIS);
	assert_has(&r, "Evaluation (quality: good): " AD_REASON_1 "</p>");
	/* The report's verdict beside the score, not the quality label. */
	assert_has(&r, "score 75% (answered well)</span>");
	assert_has(&r, "score 25% (failed)</span>");
	assert_has(&r, "<li><strong>testing</strong>: " AD_TESTING "</li>");
	assert_has(&r, "<li><strong>debugging</strong>: " AD_DEBUGGING
	    "</li>");
	resp_free(&r);
	free(lv);
	free(csrf);
	http_free(cand);
	http_free(iv);
}

/* The Markdown: the band with its basis, each answer's reasons, the skills. */
static void
test_the_adaptive_markdown_export_has_the_report(void **state)
{
	struct http	*iv = signin(&d_int);
	struct resp	 r;
	char		*path;

	(void)state;
	get(iv, path = fmt("/admin/interviews/%lld/export.md", AD.id), &r);
	free(path);
	assert_status(&r, 200);
	/* Its time, as an assisted one's: untimed, so what it took. */
	assert_has(&r, "\n- Time taken: ");
	assert_has(&r, " s idle; no time limit)\n");
	assert_has(&r, "\n- Overall: " AD_BAND ". " AD_BASIS "\n");
	assert_has(&r, "\n- Boundary: testing: " AD_TESTING "\n");
	assert_has(&r, "\n- Boundary: debugging: " AD_DEBUGGING "\n");
	/*
	 * Named as the page names a skill, for people: no key with its
	 * underscores escaped ("load\\_testing"); the JSON and CSV keep it.
	 */
	assert_has(&r, "\n- Boundary: load testing: " AD_ELSEWHERE "\n");
	assert_lacks(&r, "load\\_testing");
	assert_has(&r, "**Score:** 75% (answered well)\n\n**Evaluation**"
	    " (quality: good): " AD_REASON_1 "\n");
	/* Someone else's words: no Markdown of their own. */
	assert_has(&r, "**Evaluation** (quality: good): Handles the"
	    " \\*empty\\* input.\n");
	assert_has(&r, "**Score:** 75% (answered well)\n\n**Evaluation**"
	    " (quality: good): =Missed the empty input, \"sure\" is no"
	    " answer.\n");
	assert_has(&r, "**Score:** 25% (failed)\n\n**Evaluation** (quality:"
	    " poor): Says nothing of a test.\n");
	resp_free(&r);
	http_free(iv);
}

#define AD_HEADER BOM "n,difficulty,skill_area,category,question,answer," \
	"score,quality,source,tokens,cost_usd,reasons,interview_id," \
	"candidate_name,band,band_basis,boundaries,scorer_note,evaluator," \
	"late,verdict,scoring_caveat,recommendation,recommendation_notes," \
	"recommendations\r\n"

/*
 * The CSV: a row per question as before, the reasons beside its score,
 * and on every row the interview's id, candidate, band, basis and skills.
 */
static void
test_the_adaptive_csv_export_has_the_report(void **state)
{
	struct http	*iv = signin(&d_int);
	char		 cells[CSV_CELLS][CSV_CELL], *path, *id;
	struct resp	 r;
	size_t		 nrec, ncells, row;

	(void)state;
	get(iv, path = fmt("/admin/interviews/%lld/export.csv", AD.id), &r);
	free(path);
	assert_status(&r, 200);
	assert_int_equal(strncmp(r.body, AD_HEADER, strlen(AD_HEADER)), 0);
	/* On every question's row, which a sorted or filtered sheet keeps. */
	assert_int_equal(count_in(&r, "," AD_BAND ","), 4);
	nrec = csv_records(r.body + 3, r.len - 3, 0, cells, &ncells);
	id = fmt("%lld", AD.id);
	for (row = 1; row < nrec; row++) {
		csv_records(r.body + 3, r.len - 3, row, cells, &ncells);
		assert_int_equal(ncells, 25);
		assert_string_equal(cells[12], id);
		/* A name that starts like a formula is shown as text. */
		assert_string_equal(cells[13], "'=Ada, Lovelace");
		assert_string_equal(cells[14], AD_BAND);
		assert_string_equal(cells[15], AD_BASIS);
		/* A line a skill: its finding has semicolons of its own. */
		assert_string_equal(cells[16], "testing: " AD_TESTING
		    "\ndebugging: " AD_DEBUGGING "\nload_testing: "
		    AD_ELSEWHERE);
		/* The builtin evaluator never stands in for a model. */
		assert_string_equal(cells[17], "");
		assert_string_equal(cells[18], "builtin");
		/* On time; the evaluations here are a model's, not builtin. */
		assert_string_equal(cells[19], "");
		assert_string_equal(cells[21], "");
	}
	csv_records(r.body + 3, r.len - 3, 4, cells, &ncells);
	assert_string_equal(cells[20], "failed");
	csv_records(r.body + 3, r.len - 3, 1, cells, &ncells);
	assert_string_equal(cells[11], AD_REASON_1);
	csv_records(r.body + 3, r.len - 3, 3, cells, &ncells);
	assert_string_equal(cells[11], "'" AD_REASON_3);
	csv_records(r.body + 3, r.len - 3, 4, cells, &ncells);
	assert_string_equal(cells[11], "Says nothing of a test.");
	free(id);
	resp_free(&r);
	http_free(iv);
}

/* The member k of o, asserted present. */
static struct json_object *
member(struct json_object *o, const char *k)
{
	struct json_object	*v;

	assert_true(json_object_object_get_ex(o, k, &v));
	return v;
}

/* The JSON: band, basis and skills added to what was there; reasons too. */
static void
test_the_adaptive_json_export_has_the_report(void **state)
{
	struct http		*iv = signin(&d_int);
	struct json_object	*o, *ad, *q, *b;
	struct resp		 r;
	char			*path;

	(void)state;
	get(iv, path = fmt("/admin/interviews/%lld/export.json", AD.id), &r);
	free(path);
	assert_status(&r, 200);
	assert_non_null(o = json_tokener_parse(r.body));
	ad = member(o, "adaptive");
	assert_string_equal(json_object_get_string(member(ad, "band")),
	    AD_BAND);
	assert_string_equal(json_object_get_string(member(ad, "band_basis")),
	    AD_BASIS);
	/* Each key skill's finding, as the report's API gives them. */
	b = json_object_array_get_idx(member(ad, "boundaries"), 1);
	assert_string_equal(json_object_get_string(member(b, "skill")),
	    "debugging");
	assert_string_equal(json_object_get_string(member(b, "finding")),
	    AD_DEBUGGING);
	assert_string_equal(json_object_get_string(member(b, "level")),
	    "fundamental");
	b = json_object_array_get_idx(member(ad, "boundaries"), 2);
	assert_string_equal(json_object_get_string(member(b, "skill")),
	    "load_testing");
	assert_true(json_object_get_boolean(member(b, "above_expert")));
	/* Beside the stored evaluation, what the report reads of it. */
	q = json_object_array_get_idx(member(ad, "questions"), 0);
	assert_int_equal(json_object_get_int(member(q, "score")), 75);
	assert_string_equal(json_object_get_string(member(q, "quality")),
	    "good");
	assert_string_equal(json_object_get_string(member(q, "reasons")),
	    AD_REASON_1);
	json_object_put(o);
	resp_free(&r);
	http_free(iv);
}

/*
 * The overview has the adaptive interviews' own figures: the completed
 * ones (practice counted among them), the questions answered in each and
 * the mean score of their answers; a running one counts in none.
 */
static void
test_the_overview_sums_up_adaptive_interviews(void **state)
{
	struct http	*e = signin(&e_int);
	struct resp	 r;
	char		*v;

	(void)state;
	get(e, "/admin/analytics", &r);
	assert_has(&r, "No completed adaptive interviews yet.");
	resp_free(&r);
	sql_do("WITH made AS (INSERT INTO interviews (org_id, kind, status,"
	    " practice, candidate_name, candidate_email, invite_hash,"
	    " invite_expires_at, time_limit_s, token_budget, started_at)"
	    " SELECT o.id, 'adaptive', s, p, 'Adapt ' || n, 'a@e.test',"
	    " 'adapt-' || n, now(), 3600, 10000, now() FROM orgs o, (VALUES"
	    " (1, 'completed', false), (2, 'completed', true),"
	    " (3, 'active', false)) AS v (n, s, p) WHERE o.name = 'Org E'"
	    " RETURNING id, candidate_name)"
	    " INSERT INTO interview_questions (interview_id, n, skill_area,"
	    " category, difficulty, body_md, answer, evaluation)"
	    " SELECT m.id, q.n, 'x', 'technical', 'warmup', 'Q', q.a,"
	    " CASE WHEN q.a IS NULL THEN NULL ELSE jsonb_build_object("
	    " 'composite', q.c) END FROM made m JOIN (VALUES"
	    " ('Adapt 1', 1, 'A', 0.5), ('Adapt 1', 2, 'B', 0.7),"
	    " ('Adapt 2', 1, 'C', 0.9), ('Adapt 2', 2, NULL, NULL),"
	    " ('Adapt 3', 1, 'D', 0.1)) AS q (who, n, a, c)"
	    " ON q.who = m.candidate_name");
	get(e, "/admin/analytics", &r);
	assert_status(&r, 200);
	assert_has(&r, "Over the 2 completed adaptive interviews, 1 of them"
	    " practice;");
	v = stat_before(r.body, "Average questions answered");
	assert_string_equal(v, "1.5");
	free(v);
	v = stat_before(r.body, "Average answer score");
	assert_string_equal(v, "70.0%");	/* (50 + 70 + 90) / 3 */
	free(v);
	resp_free(&r);
	http_free(e);
}

/*
 * The overview's one-way figures: the completed ones, how many have a
 * recommendation, every reviewer's ratings averaged, the recommendations
 * by value; a running one's count in none.
 */
static void
test_the_overview_sums_up_one_way_reviews(void **state)
{
	struct http	*e = signin(&e_int);
	struct resp	 r;
	char		*v;

	(void)state;
	get(e, "/admin/analytics", &r);
	assert_has(&r, "No completed one-way interviews yet.");
	resp_free(&r);
	sql_do("WITH made AS (INSERT INTO interviews (org_id, kind, status,"
	    " candidate_name, candidate_email, invite_hash, invite_expires_at,"
	    " time_limit_s, token_budget, started_at) SELECT o.id, 'oneway', s,"
	    " 'Way ' || n, 'w@e.test', 'way-' || n, now(), 86400, 1000, now()"
	    " FROM orgs o, (VALUES (1, 'completed'), (2, 'completed'),"
	    " (3, 'active')) AS v (n, s) WHERE o.name = 'Org E'"
	    " RETURNING id, candidate_name), s AS (INSERT INTO oneway_settings"
	    " (interview_id, media, answer_s, max_attempts) SELECT id, 'audio',"
	    " 60, 1 FROM made RETURNING interview_id), q AS (INSERT INTO"
	    " oneway_questions (interview_id, n, body, prep_s) SELECT"
	    " interview_id, 1, 'Why?', 0 FROM s RETURNING interview_id)"
	    " SELECT count(*) FROM q");
	sql_do("INSERT INTO oneway_ratings (interview_id, n, user_id, rating)"
	    " SELECT i.id, 1, u.id, g FROM interviews i, users u,"
	    " (VALUES ('Way 1', 4), ('Way 2', 2), ('Way 3', 1)) AS v (who, g)"
	    " WHERE i.candidate_name = v.who AND u.email = 'int@e.test';"
	    " INSERT INTO oneway_recommendations (interview_id, user_id,"
	    " recommendation) SELECT i.id, u.id, 'yes' FROM interviews i, users"
	    " u WHERE i.candidate_name IN ('Way 1', 'Way 3')"
	    " AND u.email = 'int@e.test'");
	get(e, "/admin/analytics", &r);
	assert_status(&r, 200);
	assert_has(&r, "Over the 2 completed one-way interviews: 1 with a"
	    " recommendation;");
	v = stat_before(r.body, "Average answer rating (2 ratings)");
	assert_string_equal(v, "3.0/5");	/* (4 + 2) / 2: not the running one */
	free(v);
	assert_has(&r, "<span class=\"badge\">Yes</span> 1</p>");
	resp_free(&r);
	http_free(e);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_a_candidate_sends_three_messages),
		cmocka_unit_test(test_the_analytics_page_shows_the_database_sums),
		cmocka_unit_test(test_the_org_overview_lists_the_session),
		cmocka_unit_test(test_the_markdown_export_is_plain_text),
		cmocka_unit_test(test_the_markdown_export_titles_the_challenge_once),
		cmocka_unit_test(test_the_json_export_has_the_messages_and_their_tokens),
		cmocka_unit_test(test_the_csv_export_quotes_and_guards_cells),
		cmocka_unit_test(test_long_gaps_count_as_idle_time),
		cmocka_unit_test(test_another_orgs_interviewer_gets_404),
		cmocka_unit_test(test_the_chat_counts_agree_with_the_messages),
		cmocka_unit_test(test_the_list_download_has_every_interview),
		cmocka_unit_test(test_the_overview_cost_is_every_kinds),
		cmocka_unit_test(test_the_overview_sums_up_adaptive_interviews),
		cmocka_unit_test(test_the_overview_sums_up_one_way_reviews),
		cmocka_unit_test(test_the_overview_reads_no_message),
		cmocka_unit_test(test_the_overview_latency_is_the_chats),
		cmocka_unit_test(test_viva_export_writes_the_orgs_interviews_as_files),
		cmocka_unit_test(test_the_message_count_names_the_final_answer),
		cmocka_unit_test(test_time_run_out_unseen_is_used_up_to_the_limit),
		cmocka_unit_test(test_the_overview_averages_only_assisted_interviews),
		cmocka_unit_test(test_the_efficiency_tables_share_no_row),
		cmocka_unit_test(test_figures_people_read_have_their_thousands_grouped),
		cmocka_unit_test(test_an_adaptive_interview_is_answered_and_judged),
		cmocka_unit_test(test_the_adaptive_markdown_export_has_the_report),
		cmocka_unit_test(test_the_adaptive_csv_export_has_the_report),
		cmocka_unit_test(test_the_adaptive_json_export_has_the_report),
		cmocka_unit_test(test_the_token_chart_runs_to_the_end),
		cmocka_unit_test(test_no_request_failed_on_the_server_side),
	};

	return cmocka_run_group_tests(tests, group_setup, flow_teardown);
}
