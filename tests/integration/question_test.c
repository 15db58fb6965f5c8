/*
 * question_test.c: the question bank as interviewers use it: roles, the
 * forms, the list, the preview, shipped questions, CSV out and in, and the
 * JSON API, against one real stack (nginx, viva.fcgi, PostgreSQL).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <curl/curl.h>
#include <errno.h>
#include <fastcgi.h>
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>
#include <unistd.h>

#include "lib/crypto.h"
#include "fcgi_client.h"
#include "flow.h"

static struct account	a_admin = { "Org A", "admin@qa.test", "admin", NULL };
static struct account	a_int = { "Org A", "int@qa.test", "interviewer", NULL };
static struct account	b_admin = { "Org B", "admin@qb.test", "admin", NULL };

static struct account *const accounts[] = { &a_admin, &a_int, &b_admin };
#define NACCOUNTS	(sizeof(accounts) / sizeof(accounts[0]))

#define BOUNDARY	"----vivaQuestionTestBoundary7MA4YWxk"
#define CSV_HEADER	"role,skill_area,category,difficulty,body_md,rubric," \
			"follow_ups,sample_answer"
#define RUBRIC_JSON	"{\"points\": [{\"text\": \"Names the trade-off\"," \
			" \"weight\": 3, \"phrases\": [\"trade-off\", \"cost\"]}]}"
/* A small rubric as JSON in a CSV cell, its quotes doubled. */
#define RUBRIC_CELL	"\"{\"\"points\"\": [{\"\"text\"\": \"\"t\"\"," \
			" \"\"weight\"\": 2, \"\"phrases\"\": [\"\"p\"\"]}]}\""

/* The shipped question the group setup inserts, as viva would ship it. */
static long long	shipped_id;

/* --- helpers ------------------------------------------------------------------ */

static char *
location(const struct resp *r)
{
	char	*loc = resp_header(r, "Location");

	assert_status(r, 303);
	assert_non_null(loc);
	return loc;
}

/* The id in a redirect to /admin/questions/ID[/...][?...]. */
static long long
redirect_id(const struct resp *r)
{
	char		*loc = location(r);
	long long	 id = 0;

	if (sscanf(loc, "/admin/questions/%lld", &id) != 1 || id <= 0)
		fail_msg("Location is %s", loc);
	free(loc);
	return id;
}

static void
post_csrf(struct http *h, const char *path, const char *csrf, const char *form,
    struct resp *r)
{
	char	*body = fmt("csrf=%s%s%s", csrf, *form ? "&" : "", form);

	post(h, path, body, r);
	free(body);
}

/*
 * A urlencoded question form; NULL takes a good default.  The rubric is the
 * form's lines.
 */
static char *
question_form(const char *role, const char *difficulty, const char *body,
    const char *rubric)
{
	char	*b = http_escape(body != NULL ? body : "Explain **indexes**.");
	char	*ru = http_escape(rubric != NULL ? rubric :
		    "3 | Says what an index is | lookup, b-tree\r\n"
		    "1 | Mentions the write cost | slower writes, write cost\r\n");
	char	*fu = http_escape("When would you not add one?\r\n\r\nAnd a composite one?");
	char	*f;

	f = fmt("role=%s&skill_area=databases&category=technical"
	    "&difficulty=%s&body_md=%s&rubric=%s&follow_ups=%s"
	    "&sample_answer=An+index+is...", role != NULL ? role : "qt-data",
	    difficulty != NULL ? difficulty : "intermediate", b, ru, fu);
	free(b);
	free(ru);
	free(fu);
	return f;
}

/* Creates a question as h through the form; returns its id. */
static long long
create_q(struct http *h, const char *csrf, const char *role,
    const char *difficulty, const char *body)
{
	struct resp	 r;
	char		*form = question_form(role, difficulty, body, NULL);
	long long	 id;

	post_csrf(h, "/admin/questions", csrf, form, &r);
	id = redirect_id(&r);
	resp_free(&r);
	free(form);
	return id;
}

/* The import's form as multipart/form-data: csrf unless NULL, the file. */
static char *
import_form(const char *csrf, const char *data, size_t len, size_t *n)
{
	char	*head, *body;
	const char tail[] = "\r\n--" BOUNDARY "--\r\n";

	head = csrf != NULL ? fmt("--" BOUNDARY "\r\nContent-Disposition:"
	    " form-data; name=\"csrf\"\r\n\r\n%s\r\n", csrf) : strdup("");
	*n = strlen(head) + 200 + len + sizeof(tail);
	body = malloc(*n);
	assert_non_null(body);
	*n = (size_t)snprintf(body, *n, "%s--" BOUNDARY "\r\n"
	    "Content-Disposition: form-data; name=\"file\";"
	    " filename=\"bank.csv\"\r\nContent-Type: text/csv\r\n\r\n", head);
	memcpy(body + *n, data, len);
	*n += len;
	memcpy(body + *n, tail, sizeof(tail) - 1);
	*n += sizeof(tail) - 1;
	free(head);
	return body;
}

/* POSTs a file as multipart/form-data to the import, with csrf unless NULL. */
static void
upload(struct http *h, const char *csrf, const char *data, size_t len,
    struct resp *r)
{
	char	*body;
	size_t	 n;
	long long t0;

	body = import_form(csrf, data, len, &n);
	t0 = ms_now();
	if (http_req(h, "POST", "/admin/questions/import",
	    "multipart/form-data; boundary=" BOUNDARY, body, n, NULL, r) != 0) {
		/* What the app and PostgreSQL are doing, to say where it went. */
		stack_sh(&S, "grep questions/import \"$VAR/log/viva-fcgi.log\""
		    " | tail -n 3 >&2; tail -n 5 \"$VAR/log/nginx-error.log\" >&2;"
		    " ps -o pid,stat,wchan:24,etime,args -C viva.fcgi >&2;"
		    " as_pg \"$PGBIN/psql\" -h \"$(pg_dir)/socket\" -U viva -d viva"
		    " -Atc \"SELECT pid, state, wait_event_type, wait_event,"
		    " now() - query_start, left(query, 160) FROM pg_stat_activity"
		    " WHERE datname = current_database()\" >&2");
		fail_msg("POST /admin/questions/import of %zu bytes: no response"
		    " after %lld ms", n, ms_now() - t0);
	}
	free(body);
}

/*
 * The import's FastCGI request as nginx frames it, into out (64 KiB): the
 * params, the body in one record, the empty FCGI_STDIN record that ends it.
 * Returns its length.
 */
static size_t
fcgi_import(char *out, const char *cookie, const char *body, size_t len)
{
	FCGI_BeginRequestBody	 begin;
	char			 params[4096], clen[32];
	size_t			 pn = 0, n = 0;

	memset(&begin, 0, sizeof(begin));
	begin.roleB0 = FCGI_RESPONDER;
	snprintf(clen, sizeof(clen), "%zu", len);
	fcgi_pair(params, &pn, "REQUEST_METHOD", "POST");
	fcgi_pair(params, &pn, "DOCUMENT_URI", "/admin/questions/import");
	fcgi_pair(params, &pn, "CONTENT_TYPE",
	    "multipart/form-data; boundary=" BOUNDARY);
	fcgi_pair(params, &pn, "CONTENT_LENGTH", clen);
	fcgi_pair(params, &pn, "REMOTE_ADDR", "127.0.0.1");
	fcgi_pair(params, &pn, "HTTP_COOKIE", cookie);
	fcgi_record(out, &n, FCGI_BEGIN_REQUEST, &begin, sizeof(begin));
	fcgi_record(out, &n, FCGI_PARAMS, params, pn);
	fcgi_record(out, &n, FCGI_PARAMS, NULL, 0);
	fcgi_record(out, &n, FCGI_STDIN, body, len);
	fcgi_record(out, &n, FCGI_STDIN, NULL, 0);
	return n;
}

static long long
count_q(const char *f, ...)
{
	va_list		 ap;
	char		*where;
	long long	 n;

	va_start(ap, f);
	if (vasprintf(&where, f, ap) < 0)
		abort();
	va_end(ap);
	n = sql_num("SELECT count(*) FROM questions WHERE %s", where);
	free(where);
	return n;
}

/* An API call with a token and a JSON body (either may be NULL); the parsed body. */
static struct json_object *
api(const char *method, const char *path, const char *token, const char *json,
    long code)
{
	struct http		*h = http_new(&S);
	char			*auth = token ? fmt("Authorization: Bearer %s", token) : NULL;
	const char		*hdrs[] = { auth, NULL };
	struct json_object	*o;
	struct resp		 r;

	if (http_req(h, method, path, json ? "application/json" : NULL, json,
	    json ? strlen(json) : 0, token ? hdrs : NULL, &r) != 0)
		fail_msg("%s %s: no response", method, path);
	assert_status(&r, code);
	if ((o = json_tokener_parse(r.body)) == NULL)
		fail_msg("not JSON: %.500s", r.body);
	resp_free(&r);
	free(auth);
	http_free(h);
	return o;
}

/* The value at a dotted path ("error.fields.role"), or NULL. */
static struct json_object *
jget(struct json_object *o, const char *path)
{
	char	 buf[128], *seg, *save = NULL;

	snprintf(buf, sizeof(buf), "%s", path);
	for (seg = strtok_r(buf, ".", &save); seg != NULL;
	    seg = strtok_r(NULL, ".", &save))
		if (o == NULL || !json_object_object_get_ex(o, seg, &o))
			return NULL;
	return o;
}

static const char *
jstr(struct json_object *o, const char *path)
{
	struct json_object	*v = jget(o, path);

	if (v == NULL || !json_object_is_type(v, json_type_string))
		fail_msg("no string at %s in %s", path,
		    json_object_to_json_string(o));
	return json_object_get_string(v);
}

/* s with its one occurrence of from replaced by to (malloc'd). */
static char *
replaced(const char *s, const char *from, const char *to)
{
	const char	*at = strstr(s, from);

	if (at == NULL || strstr(at + 1, from) != NULL)
		fail_msg("\"%s\" is not once in:\n%s", from, s);
	return fmt("%.*s%s%s", (int)(at - s), s, to, at + strlen(from));
}

/*
 * A downloaded file without its first column, the ids (malloc'd): each
 * record starts after a CRLF, as line breaks within cells are LF alone.
 */
static char *
without_ids(const char *csv)
{
	char		*out = malloc(strlen(csv) + 1), *o = out;
	const char	*p = csv;

	assert_non_null(out);
	if (strncmp(p, "\xef\xbb\xbfid,", 6) != 0)
		fail_msg("no id column first:\n%.200s", csv);
	memcpy(o, p, 3);
	o += 3;
	p += 6;
	while (*p != '\0') {
		if (p[0] == '\r' && p[1] == '\n') {
			*o++ = *p++;
			*o++ = *p++;
			p += strspn(p, "0123456789");
			if (*p == ',')
				p++;
		} else
			*o++ = *p++;
	}
	*o = '\0';
	return out;
}

/* --- the stack, once for the group ---------------------------------------------- */

static int
group_setup(void **state)
{
	(void)state;
	if (flow_start(accounts, NACCOUNTS) != 0)
		return -1;
	/* What a seed file would ship: a role and a question every org sees. */
	free(stack_sql(&S, "INSERT INTO roles (org_id, slug, name, skill_areas)"
	    " VALUES (NULL, 'qt-shipped', 'Shipped role', ARRAY['caching'])"));
	free(stack_sql(&S, "INSERT INTO questions (org_id, role, skill_area,"
	    " category, difficulty, body_md, rubric, follow_ups, sample_answer)"
	    " VALUES (NULL, 'qt-shipped', 'caching', 'technical', 'advanced',"
	    " 'When does a **cache** hurt?', '" RUBRIC_JSON "',"
	    " ARRAY['And invalidation?'], 'When it is stale.')"));
	return 0;
}

/* --- roles ------------------------------------------------------------------------ */

static void
test_roles_are_listed_and_an_org_adds_its_own(void **state)
{
	struct http	*h = signin(&a_int), *b = signin(&b_admin);
	char		*csrf = csrf_of(h, "/admin/roles"), *path;
	struct resp	 r;

	(void)state;
	shipped_id = sql_num("SELECT id FROM questions WHERE role = 'qt-shipped'");
	get(h, "/admin/roles", &r);
	assert_status(&r, 200);
	assert_has(&r, "<a href=\"/admin/questions\" aria-current=\"page\">Questions</a>");
	assert_has(&r, "Shipped role");
	resp_free(&r);

	/* A bad slug and no skill areas: marked, the name kept. */
	post_csrf(h, "/admin/roles", csrf, "slug=Data+Eng&name=Data+%3Cengineer%3E"
	    "&skill_areas=+,+", &r);
	assert_status(&r, 400);
	assert_marked(&r, "slug");
	assert_marked(&r, "skill_areas");
	assert_unmarked(&r, "name");
	assert_has(&r, "value=\"Data &lt;engineer&gt;\"");
	assert_has(&r, "Name at least one skill area");
	resp_free(&r);

	/* A shipped role's slug is taken for every org. */
	post_csrf(h, "/admin/roles", csrf, "slug=qt-shipped&name=Mine"
	    "&skill_areas=a", &r);
	assert_status(&r, 400);
	assert_marked(&r, "slug");
	assert_has(&r, "A role with this slug already exists");
	resp_free(&r);

	post_ok(h, "/admin/roles", csrf, "slug=qt-data&name=Data+engineer"
	    "&skill_areas=databases,+pipelines+,+sql", "/admin/roles?done=created");
	post_ok(h, "/admin/roles", csrf, "slug=qt-old&name=Old+role"
	    "&skill_areas=legacy", "/admin/roles?done=created");
	assert_int_equal(sql_num("SELECT count(*) FROM roles r JOIN orgs o ON"
	    " o.id = r.org_id WHERE o.name = 'Org A' AND slug = 'qt-data'"
	    " AND skill_areas = ARRAY['databases', 'pipelines', 'sql']"), 1);
	get(h, "/admin/roles", &r);
	assert_has(&r, "databases, pipelines, sql");
	resp_free(&r);

	/* Org B has the shipped role, not Org A's, and may use the slug itself. */
	get(b, "/admin/roles", &r);
	assert_has(&r, "Shipped role");
	assert_lacks(&r, "<code>qt-data</code>");
	resp_free(&r);

	/* An archived role takes no new questions. */
	path = fmt("/admin/roles/%lld/archive", sql_num("SELECT id FROM"
	    " roles WHERE slug = 'qt-old'"));
	post_ok(h, path, csrf, "", "/admin/roles?done=archived");
	free(path);
	{
		char	*form = question_form("qt-old", NULL, NULL, NULL);

		post_csrf(h, "/admin/questions", csrf, form, &r);
		assert_status(&r, 400);
		assert_marked(&r, "role");
		assert_has(&r, "role &quot;qt-old&quot; is not one of your roles");
		resp_free(&r);
		free(form);
	}
	/* A shipped role cannot be archived by an org. */
	path = fmt("/admin/roles/%lld/archive", sql_num("SELECT id FROM"
	    " roles WHERE slug = 'qt-shipped'"));
	post_csrf(h, path, csrf, "", &r);
	free(path);
	assert_status(&r, 404);
	resp_free(&r);
	free(csrf);
	http_free(h);
	http_free(b);
}

/*
 * The add role form sent twice (a double click, a resent page) adds one
 * role, and the second answer says so on the list, where the first landed,
 * rather than that the slug is taken.  Sent back to correct first, the
 * form keeps its id: still one.
 */
static void
test_the_role_form_sent_twice_adds_one_role(void **state)
{
	struct http	*h = signin(&a_int);
	char		*csrf, *fid, *again, *body;
	struct resp	 r;

	(void)state;
	get(h, "/admin/roles", &r);
	csrf = resp_csrf(&r);
	fid = form_id_of(&r);
	resp_free(&r);
	body = fmt("form_id=%s&slug=qt-twice&name=Sent+twice&skill_areas=+",
	    fid);
	post_csrf(h, "/admin/roles", csrf, body, &r);
	assert_status(&r, 400);
	assert_string_equal(again = form_id_of(&r), fid);
	free(again);
	resp_free(&r);
	free(body);
	body = fmt("form_id=%s&slug=qt-twice&name=Sent+twice"
	    "&skill_areas=retries", fid);
	post_csrf(h, "/admin/roles", csrf, body, &r);
	assert_redirect(&r, "/admin/roles?done=created");
	resp_free(&r);
	post_csrf(h, "/admin/roles", csrf, body, &r);
	assert_redirect(&r, "/admin/roles?done=created-twice");
	resp_free(&r);
	get(h, "/admin/roles?done=created-twice", &r);
	assert_has(&r, "The form was sent twice; the role was added once.");
	assert_int_equal(count_in(&r, "<code>qt-twice</code>"), 1);
	assert_lacks(&r, "already exists");
	/* A new form for another role. */
	assert_string_not_equal(again = form_id_of(&r), fid);
	free(again);
	resp_free(&r);
	free(body);
	free(fid);
	free(csrf);
	http_free(h);
}

/* --- the form ------------------------------------------------------------------------ */

static void
test_bad_field_comes_back_marked_with_the_others_kept(void **state)
{
	struct http	*h = signin(&a_int);
	char		*csrf = csrf_of(h, "/admin/questions/new"), *form;
	long long	 before = count_q("true"), id;
	struct resp	 r;

	(void)state;
	form = question_form(NULL, "easy", "Kept <body> & more", NULL);
	post_csrf(h, "/admin/questions", csrf, form, &r);
	free(form);
	assert_status(&r, 400);
	assert_has(&r, "Check the marked fields.");
	assert_marked(&r, "difficulty");
	assert_unmarked(&r, "role");
	assert_unmarked(&r, "skill_area");
	assert_unmarked(&r, "body_md");
	assert_unmarked(&r, "rubric");
	assert_unmarked(&r, "follow_ups");
	assert_has(&r, ">Kept &lt;body&gt; &amp; more</textarea>");
	/* As sent (CRLF and all), only trimmed. */
	assert_has(&r, "3 | Says what an index is | lookup, b-tree\r\n"
	    "1 | Mentions the write cost | slower writes, write cost</textarea>");
	assert_has(&r, "When would you not add one?\r\n\r\nAnd a composite one?</textarea>");
	assert_has(&r, "value=\"databases\"");
	assert_has(&r, "<option value=\"qt-data\" selected>");
	assert_has(&r, "<option value=\"technical\" selected>");
	assert_has(&r, "<title>New question · viva</title>");
	resp_free(&r);
	assert_int_equal(count_q("true"), before);
	/* Beside its field in words, not under the CSV column's name. */
	post_csrf(h, "/admin/questions", csrf, "role=qt-data&skill_area=databases"
	    "&category=technical&difficulty=intermediate&body_md=Why%3F"
	    "&follow_ups=a%0Ab%0Ac%0Ad%0Ae%0Af", &r);
	assert_status(&r, 400);
	assert_marked(&r, "follow_ups");
	assert_has(&r, "At most 5, one per line.");
	assert_lacks(&r, "follow_ups:");
	resp_free(&r);
	assert_int_equal(count_q("true"), before);

	/* Corrected, it is added to the org, follow-ups tidied. */
	id = create_q(h, csrf, NULL, "warmup", "Kept <body> & more");
	assert_int_equal(count_q("id = %lld AND org_id = (SELECT id FROM"
	    " orgs WHERE name = 'Org A') AND difficulty = 'warmup' AND"
	    " follow_ups = ARRAY['When would you not add one?',"
	    " 'And a composite one?'] AND rubric = '{\"points\": [{\"text\":"
	    " \"Says what an index is\", \"weight\": 3, \"phrases\": [\"lookup\","
	    " \"b-tree\"]}, {\"text\": \"Mentions the write cost\", \"weight\": 1,"
	    " \"phrases\": [\"slower writes\", \"write cost\"]}]}'::jsonb", id), 1);
	assert_int_equal(sql_num("SELECT count(*) FROM events WHERE type ="
	    " 'question_created' AND detail->>'question_id' = '%lld'", id), 1);
	free(csrf);
	http_free(h);
}

static void
test_rubric_line_errors_are_shown_beside_the_field(void **state)
{
	static const char rubric[] =
	    "3 | Says what an index is | lookup\r\n"
	    "9 | Too heavy | weight\r\n"
	    "\r\n"
	    "2 | No phrases at all\r\n"
	    "1 | Fine again | ok\r\n";
	struct http	*h = signin(&a_int);
	char		*csrf = csrf_of(h, "/admin/questions/new"), *form;
	long long	 before = count_q("true");
	struct resp	 r;

	(void)state;
	form = question_form("qt-nope", NULL, NULL, rubric);
	post_csrf(h, "/admin/questions", csrf, form, &r);
	free(form);
	assert_status(&r, 400);
	assert_marked(&r, "rubric");
	assert_has(&r, "Line 2: the weight must be a whole number from 1 to 5."
	    " Line 4: write it as weight | point text | phrase, phrase.");
	assert_lacks(&r, "Line 5");
	/* The role that does not exist is marked too, in the same round. */
	assert_marked(&r, "role");
	assert_unmarked(&r, "body_md");
	assert_has(&r, "9 | Too heavy | weight\r\n\r\n2 | No phrases at all\r\n"
	    "1 | Fine again | ok</textarea>");
	assert_has(&r, ">Explain **indexes**.</textarea>");
	resp_free(&r);

	/* No rubric at all is refused by the table: it is required. */
	form = question_form(NULL, NULL, NULL, "  ");
	post_csrf(h, "/admin/questions", csrf, form, &r);
	free(form);
	assert_status(&r, 400);
	assert_marked(&r, "rubric");
	assert_has(&r, "This field is required.");
	resp_free(&r);
	assert_int_equal(count_q("true"), before);
	free(csrf);
	http_free(h);
}

/*
 * The new question form sent twice (a double click, a resent page) adds
 * one question, and the second answer leads to it.  Sent back to correct
 * first, the form keeps its id: still one.
 */
static void
test_the_new_form_sent_twice_adds_one_question(void **state)
{
	struct http	*h = signin(&a_int);
	char		*bad = question_form(NULL, NULL, "Asked **twice**?", "  ");
	char		*good = question_form(NULL, NULL, "Asked **twice**?", NULL);
	char		*where;
	struct resp	 first, r;

	(void)state;
	free(form_sent_twice(h, "/admin/questions/new", "/admin/questions",
	    bad, 400, good, &first, &r));
	assert_redirect(&r, where = fmt("/admin/questions/%lld"
	    "?done=created-twice", redirect_id(&first)));
	resp_free(&first);
	resp_free(&r);
	get(h, where, &r);
	assert_has(&r, "The form was sent twice; the question was added"
	    " once.");
	resp_free(&r);
	assert_int_equal(count_q("body_md = 'Asked **twice**?'"), 1);
	free(where);
	free(good);
	free(bad);
	http_free(h);
}

/* --- the list ---------------------------------------------------------------------- */

static void
test_list_filters_search_and_pages(void **state)
{
	struct http	*h = signin(&a_int);
	char		*csrf = csrf_of(h, "/admin/questions/new");
	struct resp	 r;

	(void)state;
	(void)create_q(h, csrf, NULL, "warmup", "Zebra-filter question one");
	(void)create_q(h, csrf, NULL, "expert", "Zebra-filter question two about VACUUM");
	(void)create_q(h, csrf, "qt-shipped", "expert", "Zebra-filter question three");

	get(h, "/admin/questions?role=qt-data&q=zebra-filter", &r);
	assert_status(&r, 200);
	assert_has(&r, "Zebra-filter question one");
	assert_has(&r, "Zebra-filter question two");
	assert_lacks(&r, "Zebra-filter question three");
	assert_has(&r, "<option value=\"qt-data\" selected>");
	/* Easiest first. */
	assert_true(strstr(r.body, "question one") < strstr(r.body, "question two"));
	resp_free(&r);

	get(h, "/admin/questions?difficulty=expert&q=ZEBRA", &r);
	assert_lacks(&r, "Zebra-filter question one");
	assert_has(&r, "Zebra-filter question two");
	assert_has(&r, "Zebra-filter question three");
	resp_free(&r);

	get(h, "/admin/questions?q=vacuum", &r);
	assert_has(&r, "Zebra-filter question two");
	assert_lacks(&r, "Zebra-filter question one");
	resp_free(&r);

	/* The list reads the Markdown as text: no stars or backticks. */
	get(h, "/admin/questions?skill_area=caching&role=qt-shipped", &r);
	assert_has(&r, ">When does a cache hurt?</a>");
	assert_lacks(&r, "**cache**");
	assert_lacks(&r, "Zebra-filter");
	resp_free(&r);
	(void)create_q(h, csrf, NULL, "warmup", "Zebra-md: explain `map`\n\n"
	    "and **filter**\n");
	get(h, "/admin/questions?q=zebra-md", &r);
	assert_has(&r, ">Zebra-md: explain map and filter</a>");
	resp_free(&r);
	/* A table reads as its cells, a dash between, not as pipes. */
	(void)create_q(h, csrf, NULL, "warmup", "Zebra-table: fill in\n\n"
	    "| n | fib(n) |\n|---|---:|\n| 1 | 1 |\n| 10 | |\n");
	get(h, "/admin/questions?q=zebra-table", &r);
	assert_has(&r, ">Zebra-table: fill in n \u2013 fib(n)"
	    " 1 \u2013 1 10</a>");
	assert_lacks(&r, "| n |");
	assert_lacks(&r, "|---|");
	resp_free(&r);

	get(h, "/admin/questions?category=behavioral&q=zebra", &r);
	assert_has(&r, "No questions match.");
	resp_free(&r);

	/* A bad filter value is ignored, not an error. */
	get(h, "/admin/questions?difficulty=nope&q=zebra-filter", &r);
	assert_status(&r, 200);
	assert_has(&r, "Zebra-filter question one");
	resp_free(&r);

	/* 55 in one role: a page of 50, then 5, the filter kept in the links. */
	sql_do("INSERT INTO questions (org_id, role, skill_area, category,"
	    " difficulty, body_md, rubric) SELECT o.id, 'qt-data', 'paging',"
	    " 'technical', 'fundamental', 'Paged question ' || lpad(g::text, 2,"
	    " '0'), '" RUBRIC_JSON "' FROM orgs o, generate_series(1, 55) g"
	    " WHERE o.name = 'Org A'");
	get(h, "/admin/questions?skill_area=paging", &r);
	assert_has(&r, "Paged question 50");
	assert_lacks(&r, "Paged question 51");
	assert_has(&r, "rel=\"next\"");
	assert_has(&r, "skill_area=paging");
	resp_free(&r);
	get(h, "/admin/questions?skill_area=paging&page=2", &r);
	assert_has(&r, "Paged question 55");
	assert_lacks(&r, "Paged question 50<");
	assert_has(&r, "rel=\"prev\"");
	resp_free(&r);
	free(csrf);
	http_free(h);
}

/* --- the preview ------------------------------------------------------------------- */

static void
test_preview_renders_markdown_and_escapes_scripts(void **state)
{
	struct http	*h = signin(&a_int);
	char		*csrf = csrf_of(h, "/admin/questions/new"), *form, *path;
	char		*b, *ru;
	struct resp	 r;
	long long	 id;

	(void)state;
	b = http_escape("# Caches\n\n<script>alert('body')</script>\n\n"
	    "Why is **this** slow?\n\n[x](javascript:alert(1))");
	ru = http_escape("2 | <script>alert('rubric')</script> | <b>bold</b>, plain");
	form = fmt("role=qt-data&skill_area=%%3Cscript%%3E&category=situational"
	    "&difficulty=advanced&body_md=%s&rubric=%s&follow_ups=%%3Ci%%3Ewhy%%3C%%2Fi%%3E"
	    "&sample_answer=Because+of+*misses*.", b, ru);
	post_csrf(h, "/admin/questions", csrf, form, &r);
	id = redirect_id(&r);
	resp_free(&r);

	path = fmt("/admin/questions/%lld?done=created", id);
	get(h, path, &r);
	assert_status(&r, 200);
	assert_has(&r, "The question was added to the bank.");
	assert_has(&r, "<h1>Caches</h1>");
	assert_has(&r, "<strong>this</strong>");
	assert_has(&r, "<em>misses</em>");
	assert_lacks(&r, "<script>");
	assert_lacks(&r, "javascript:");
	assert_has(&r, "<td>&lt;script&gt;alert(&#39;rubric&#39;)&lt;/script&gt;</td>");
	assert_has(&r, "<td>&lt;b&gt;bold&lt;/b&gt;, plain</td>");
	assert_has(&r, "<li>&lt;i&gt;why&lt;/i&gt;</li>");
	assert_has(&r, "&lt;script&gt; · Situational · Advanced");
	assert_has(&r, "/edit\">Edit</a>");
	resp_free(&r);

	/* The list shows the start of the Markdown as text. */
	get(h, "/admin/questions?role=qt-data&q=caches", &r);
	assert_has(&r, ">Caches &lt;script&gt;alert(&#39;body&#39;)&lt;/script&gt;");
	resp_free(&r);

	/* The edit form has the rubric back as lines. */
	free(path);
	path = fmt("/admin/questions/%lld/edit", id);
	get(h, path, &r);
	assert_status(&r, 200);
	assert_has(&r, "2 | &lt;script&gt;alert(&#39;rubric&#39;)&lt;/script&gt; |"
	    " &lt;b&gt;bold&lt;/b&gt;, plain\n</textarea>");
	assert_has(&r, "<option value=\"advanced\" selected>");
	resp_free(&r);
	free(path);
	free(form);
	free(b);
	free(ru);
	free(csrf);
	http_free(h);
}

/* --- shipped and other orgs' questions -------------------------------------------- */

static void
test_shipped_question_is_seen_by_all_and_duplicated_not_edited(void **state)
{
	struct http	*a = signin(&a_int), *b = signin(&b_admin);
	char		*ca = csrf_of(a, "/admin/questions/new"), *path, *form, *want;
	const char	*suffix[] = { "", "/archive", "/unarchive" };
	long long	 copy;
	struct resp	 r;
	size_t		 i;

	(void)state;
	get(a, "/admin/questions?role=qt-shipped", &r);
	assert_has(&r, "When does a cache hurt?");
	assert_has(&r, "viva library");
	resp_free(&r);
	get(b, "/admin/questions?role=qt-shipped", &r);
	assert_has(&r, "When does a cache hurt?");
	resp_free(&r);

	path = fmt("/admin/questions/%lld", shipped_id);
	get(b, path, &r);
	assert_status(&r, 200);
	assert_has(&r, "<strong>cache</strong>");
	assert_has(&r, "Duplicate to edit");
	assert_lacks(&r, "/edit\">Edit</a>");
	assert_lacks(&r, "/archive\"");
	resp_free(&r);
	free(path);

	path = fmt("/admin/questions/%lld/edit", shipped_id);
	get(a, path, &r);
	assert_status(&r, 403);
	assert_has(&r, "Duplicate to edit");
	resp_free(&r);
	free(path);
	form = question_form("qt-shipped", NULL, "Hijacked", NULL);
	for (i = 0; i < sizeof(suffix) / sizeof(suffix[0]); i++) {
		path = fmt("/admin/questions/%lld%s", shipped_id, suffix[i]);
		post_csrf(a, path, ca, *suffix[i] ? "" : form, &r);
		assert_status(&r, 403);
		resp_free(&r);
		free(path);
	}
	free(form);
	assert_int_equal(count_q("id = %lld AND org_id IS NULL AND"
	    " body_md = 'When does a **cache** hurt?' AND archived_at IS NULL",
	    shipped_id), 1);

	path = fmt("/admin/questions/%lld/duplicate", shipped_id);
	post_csrf(a, path, ca, "", &r);
	copy = redirect_id(&r);
	want = fmt("/admin/questions/%lld/edit?done=duplicated", copy);
	{
		char *loc = location(&r);

		assert_string_equal(loc, want);
		free(loc);
	}
	resp_free(&r);
	free(path);
	assert_int_equal(count_q("id = %lld AND org_id = (SELECT id FROM orgs"
	    " WHERE name = 'Org A') AND (role, skill_area, body_md, rubric,"
	    " follow_ups, sample_answer) = (SELECT role, skill_area, body_md,"
	    " rubric, follow_ups, sample_answer FROM questions WHERE id = %lld)",
	    copy, shipped_id), 1);
	get(a, want, &r);
	assert_status(&r, 200);
	assert_has(&r, "your org&#39;s own copy");
	assert_has(&r, "3 | Names the trade-off | trade-off, cost\n</textarea>");
	resp_free(&r);
	free(want);

	/* B sees the shipped one but not A's copy. */
	get(b, "/admin/questions?role=qt-shipped&state=all", &r);
	path = fmt("/admin/questions/%lld\"", shipped_id);
	assert_has(&r, path);
	free(path);
	path = fmt("/admin/questions/%lld\"", copy);
	assert_lacks(&r, path);
	free(path);
	resp_free(&r);
	free(ca);
	http_free(a);
	http_free(b);
}

static void
test_other_orgs_cannot_see_or_change_a_question(void **state)
{
	struct http	*a = signin(&a_admin), *b = signin(&b_admin);
	char		*ca = csrf_of(a, "/admin/questions/new");
	char		*cb = csrf_of(b, "/admin/questions/new"), *path, *form;
	const char	*suffix[] = { "", "/archive", "/unarchive", "/duplicate",
	    "/hide", "/unhide" };
	long long	 id, before;
	struct resp	 r;
	size_t		 i;

	(void)state;
	id = create_q(a, ca, NULL, NULL, "Org A secret question");
	before = count_q("true");
	path = fmt("/admin/questions/%lld", id);
	get(b, path, &r);
	assert_status(&r, 404);
	resp_free(&r);
	free(path);
	path = fmt("/admin/questions/%lld/edit", id);
	get(b, path, &r);
	assert_status(&r, 404);
	resp_free(&r);
	free(path);
	form = question_form("qt-shipped", NULL, "Stolen", NULL);
	for (i = 0; i < sizeof(suffix) / sizeof(suffix[0]); i++) {
		path = fmt("/admin/questions/%lld%s", id, suffix[i]);
		post_csrf(b, path, cb, *suffix[i] ? "" : form, &r);
		assert_status(&r, 404);
		resp_free(&r);
		free(path);
	}
	free(form);
	get(b, "/admin/questions?state=all&q=secret", &r);
	assert_lacks(&r, "Org A secret question");
	resp_free(&r);
	get(b, "/admin/questions.csv?state=all", &r);
	assert_lacks(&r, "Org A secret question");
	resp_free(&r);
	assert_int_equal(count_q("true"), before);
	assert_int_equal(count_q("id = %lld AND body_md = 'Org A secret"
	    " question' AND archived_at IS NULL", id), 1);
	free(ca);
	free(cb);
	http_free(a);
	http_free(b);
}

static void
test_archive_hides_a_question_from_the_default_list(void **state)
{
	struct http	*h = signin(&a_int);
	char		*csrf = csrf_of(h, "/admin/questions/new"), *path;
	struct resp	 r;
	long long	 id;

	(void)state;
	id = create_q(h, csrf, NULL, NULL, "Archivable question");
	path = fmt("/admin/questions/%lld/archive", id);
	post_csrf(h, path, csrf, "", &r);
	assert_int_equal(redirect_id(&r), id);
	resp_free(&r);
	free(path);
	assert_int_equal(sql_num("SELECT count(*) FROM events WHERE type ="
	    " 'question_archived' AND detail->>'question_id' = '%lld'", id), 1);
	get(h, "/admin/questions?q=archivable", &r);
	assert_lacks(&r, "Archivable question");
	resp_free(&r);
	get(h, "/admin/questions?q=archivable&state=archived", &r);
	assert_has(&r, "Archivable question");
	assert_has(&r, "badge-muted\">archived");
	resp_free(&r);
	get(h, "/admin/questions?q=question&state=archived", &r);
	assert_lacks(&r, "Zebra-filter");
	resp_free(&r);
	path = fmt("/admin/questions/%lld/unarchive", id);
	post_csrf(h, path, csrf, "", &r);
	assert_int_equal(redirect_id(&r), id);
	resp_free(&r);
	free(path);
	get(h, "/admin/questions?q=archivable", &r);
	assert_has(&r, "Archivable question");
	resp_free(&r);
	free(csrf);
	http_free(h);
}

/* --- CSV ------------------------------------------------------------------------------ */

static void
test_csv_export_is_an_attachment_with_quoted_cells(void **state)
{
	struct http	*h = signin(&a_int);
	char		*csrf = csrf_of(h, "/admin/questions/new"), *v;
	struct resp	 r;
	long long	 id;

	(void)state;
	id = create_q(h, csrf, NULL, "expert", "Say \"hi\", then\nbye (csv)");
	get(h, "/admin/questions.csv?q=(csv)", &r);
	assert_status(&r, 200);
	v = resp_header(&r, "Content-Type");
	assert_string_equal(v, "text/csv; charset=utf-8");
	free(v);
	v = resp_header(&r, "Content-Disposition");
	assert_string_equal(v, "attachment; filename=\"questions.csv\"");
	free(v);
	/* The byte-order mark first: Excel then reads the file as UTF-8. */
	assert_int_equal(strncmp(r.body, "\xef\xbb\xbfid," CSV_HEADER "\r\n",
	    strlen(CSV_HEADER) + 8), 0);
	/* Each row starts with its question's id, which the import updates. */
	v = fmt("\r\n%lld,qt-data,databases,technical,expert,", id);
	assert_has(&r, v);
	free(v);
	assert_has(&r, ",qt-data,databases,technical,expert,"
	    "\"Say \"\"hi\"\", then\nbye (csv)\",\"{\"\"points\"\": [{\"\"text\"\":"
	    " \"\"Says what an index is\"\", \"\"weight\"\": 3, \"\"phrases\"\":"
	    " [\"\"lookup\"\", \"\"b-tree\"\"]}, {");
	assert_has(&r, "]}]}\",\"When would you not add one?\nAnd a composite"
	    " one?\",An index is...\r\n");
	assert_lacks(&r, "Zebra-filter");
	resp_free(&r);
	free(csrf);
	http_free(h);
}

static void
test_csv_import_takes_good_rows_and_reports_bad_lines(void **state)
{
	static const char file[] =
	    CSV_HEADER "\r\n"
	    "qt-data,imports,technical,warmup,Imported good one,\"" "{\"\"points\"\":"
	    " [{\"\"text\"\": \"\"t\"\", \"\"weight\"\": 2, \"\"phrases\"\": [\"\"p\"\"]}]}"
	    "\",,\r\n"
	    "qt-data,imports,technical,easy,Imported bad difficulty,\"{\"\"points\"\":"
	    " [{\"\"text\"\": \"\"t\"\", \"\"weight\"\": 2, \"\"phrases\"\": [\"\"p\"\"]}]}"
	    "\",,\r\n"
	    "\r\n"
	    "qt-data,imports,behavioral,advanced,\"Imported good two,\r\nover two lines\","
	    "\"{\"\"points\"\": [{\"\"text\"\": \"\"t\"\", \"\"weight\"\": 5,"
	    " \"\"phrases\"\": [\"\"p\"\", \"\"q\"\"]}]}\",\"Why?\nHow?\",Like so.\r\n"
	    "qt-nope,imports,technical,warmup,Imported bad role,{},,\r\n"
	    "qt-data,imports,technical,warmup,Imported good one,\"" "{\"\"points\"\":"
	    " [{\"\"text\"\": \"\"t\"\", \"\"weight\"\": 2, \"\"phrases\"\": [\"\"p\"\"]}]}"
	    "\",,\r\n";
	struct http	*h = signin(&a_int);
	char		*csrf = csrf_of(h, "/admin/questions/import");
	long long	 before = count_q("true");
	struct resp	 r;

	(void)state;
	upload(h, csrf, file, sizeof(file) - 1, &r);
	assert_status(&r, 200);
	assert_has(&r, "At most 5000 rows and 2.0 MB a file");
	/* The first row again, at the end, is not added twice. */
	assert_has(&r, "2 questions added, 0 updated, 1 unchanged. 2 rows were"
	    " not imported:");
	assert_has(&r, "<li>row 7 (line 9 of the file): skipped: it has no id,"
	    " and the bank has a qt-data question with this text already.</li>");
	assert_has(&r, "<li>row 3: difficulty must be one of warmup, fundamental,"
	    " intermediate, advanced, expert.</li>");
	assert_has(&r, "<li>row 6 (line 8 of the file): role &quot;qt-nope&quot; is not one of your"
	    " roles or viva&#39;s in use: add it on the Roles page first, or"
	    " bring it back there if it is archived. rubric must be a JSON"
	    " object {&quot;points&quot;: [...]}.</li>");
	resp_free(&r);
	assert_int_equal(count_q("true"), before + 2);
	assert_int_equal(count_q("skill_area = 'imports' AND org_id = (SELECT id"
	    " FROM orgs WHERE name = 'Org A') AND created_by IS NOT NULL"), 2);
	assert_int_equal(count_q("body_md = E'Imported good two,\\nover two lines'"
	    " AND follow_ups = ARRAY['Why?', 'How?'] AND category = 'behavioral'"
	    " AND sample_answer = 'Like so.'"), 1);
	assert_int_equal(sql_num("SELECT count(*) FROM events WHERE type ="
	    " 'questions_imported' AND detail->>'count' = '2'"
	    " AND detail->>'present' = '1'"), 1);
	free(csrf);
	http_free(h);
}

/* Saved by a spreadsheet whose language writes decimal commas. */
static void
test_csv_import_reads_semicolons_and_tabs(void **state)
{
	static const char semi[] =
	    "\xef\xbb\xbfrole;skill_area;category;difficulty;body_md;rubric\r\n"
	    "qt-data;separators;technical;warmup;Semicolons, commas inside;\""
	    "{\"\"points\"\": [{\"\"text\"\": \"\"t\"\", \"\"weight\"\": 2,"
	    " \"\"phrases\"\": [\"\"p\"\"]}]}\"\r\n";
	static const char tabs[] =
	    "role\tskill_area\tcategory\tdifficulty\tbody_md\trubric\n"
	    "qt-data\tseparators\ttechnical\twarmup\tTabs; and semicolons\t\""
	    "{\"\"points\"\": [{\"\"text\"\": \"\"t\"\", \"\"weight\"\": 2,"
	    " \"\"phrases\"\": [\"\"p\"\"]}]}\"\n";
	struct http	*h = signin(&a_int);
	char		*csrf = csrf_of(h, "/admin/questions/import");
	struct resp	 r;

	(void)state;
	upload(h, csrf, semi, sizeof(semi) - 1, &r);
	assert_status(&r, 200);
	assert_has(&r, "1 question added, 0 updated, 0 unchanged.");
	resp_free(&r);
	upload(h, csrf, tabs, sizeof(tabs) - 1, &r);
	assert_status(&r, 200);
	assert_has(&r, "1 question added, 0 updated, 0 unchanged.");
	resp_free(&r);
	assert_int_equal(count_q("skill_area = 'separators' AND body_md IN"
	    " ('Semicolons, commas inside', 'Tabs; and semicolons')"), 2);
	free(csrf);
	http_free(h);
}

/* Over max_body (2 MiB) and under nginx's 3 MB: refused by the app. */
#define BIG_FILE	(2500 * 1024)
/* Over nginx's client_max_body_size (3 MB). */
#define HUGE_FILE	(3500 * 1024)

static void
test_csv_import_of_a_file_that_is_not_csv_imports_nothing(void **state)
{
	static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01";
	static const char noheader[] = "qt-data,x,technical,warmup,Body,{},,\r\n";
	static const char quotes[] = CSV_HEADER "\r\nqt-data,x,technical,warmup,"
	    "\"Bo\"dy,{},,\r\n";
	static const char header_only[] = CSV_HEADER "\r\n,,,,,,,\r\n";
	static const char latin1[] = CSV_HEADER "\r\nqt-data,x,technical,"
	    "warmup,Caf\xe9,{},,\r\n";
	struct http	*h = signin(&a_int);
	char		*csrf = csrf_of(h, "/admin/questions/import"), *big;
	long long	 before = count_q("true");
	struct resp	 r;

	(void)state;
	upload(h, csrf, png, sizeof(png) - 1, &r);
	assert_status(&r, 400);
	assert_has(&r, "The file is not CSV text.");
	assert_has(&r, "Nothing was imported.");
	resp_free(&r);
	/* "Café" as Windows-1252 writes it: text, in the wrong encoding. */
	upload(h, csrf, latin1, sizeof(latin1) - 1, &r);
	assert_status(&r, 400);
	assert_has(&r, "The file is text, but not in UTF-8");
	resp_free(&r);
	upload(h, csrf, noheader, sizeof(noheader) - 1, &r);
	assert_status(&r, 400);
	assert_has(&r, "The first line must be the header row");
	resp_free(&r);
	upload(h, csrf, quotes, sizeof(quotes) - 1, &r);
	assert_status(&r, 400);
	assert_has(&r, "The file is not valid CSV: line 2");
	resp_free(&r);
	upload(h, csrf, "", 0, &r);
	assert_status(&r, 400);
	assert_has(&r, "The file is empty.");
	resp_free(&r);
	upload(h, csrf, header_only, sizeof(header_only) - 1, &r);
	assert_status(&r, 400);
	assert_has(&r, "The file has the header row and no question under it."
	    " Nothing was imported.");
	resp_free(&r);
	/* Over the limit the page states: said so, with what to do. */
	big = malloc(BIG_FILE);
	memset(big, 'x', BIG_FILE);
	upload(h, csrf, big, BIG_FILE, &r);
	free(big);
	assert_status(&r, 413);
	assert_has(&r, "The file is larger than the 2.0 MB an import takes, so"
	    " nothing was imported. Split the bank into several files");
	resp_free(&r);
	/* Over nginx's own limit too: the same words, not nginx's bare page. */
	big = malloc(HUGE_FILE);
	memset(big, 'x', HUGE_FILE);
	upload(h, csrf, big, HUGE_FILE, &r);
	free(big);
	assert_status(&r, 413);
	assert_has(&r, "The file is larger than the 2.0 MB an import takes, so"
	    " nothing was imported.");
	assert_lacks(&r, "<center>nginx");
	resp_free(&r);
	assert_int_equal(count_q("true"), before);
	free(csrf);
	http_free(h);
}

/*
 * A file under the 2.0 MB the page states is imported whole: one over the
 * form's 512 KiB for a field (a few hundred questions) was refused as "A
 * field or file in the upload is too large."
 */
static void
test_csv_import_takes_a_file_of_a_megabyte(void **state)
{
	struct http	*h = signin(&a_int);
	char		*csrf = csrf_of(h, "/admin/questions/import");
	char		*file, text[16001];
	size_t		 len, cap = 64 * (sizeof(text) + 200);
	struct resp	 r;
	int		 i;

	(void)state;
	memset(text, 'w', sizeof(text) - 1);
	text[sizeof(text) - 1] = '\0';
	file = malloc(cap);
	assert_non_null(file);
	len = (size_t)snprintf(file, cap, CSV_HEADER "\r\n");
	for (i = 0; i < 64; i++)
		len += (size_t)snprintf(file + len, cap - len, "qt-data,megabyte,"
		    "technical,warmup,Megabyte %d %s,\"{\"\"points\"\": [{\"\"text"
		    "\"\": \"\"t\"\", \"\"weight\"\": 2, \"\"phrases\"\": [\"\"p\"\"]}]}"
		    "\",,\r\n", i, text);
	assert_true(len > 1000 * 1000 && len < 2000 * 1000);
	upload(h, csrf, file, len, &r);
	free(file);
	assert_status(&r, 200);
	assert_has(&r, "64 questions added, 0 updated, 0 unchanged.");
	resp_free(&r);
	assert_int_equal(count_q("skill_area = 'megabyte'"), 64);
	free(csrf);
	http_free(h);
}

/*
 * An import into a large bank takes as long as into a small one: each row
 * looked for its text among every question of its role (read one by one),
 * so 1,000 rows into a role of 5,841 questions took 7.4 s.
 */
static void
test_csv_import_into_a_large_bank_stays_quick(void **state)
{
	struct http	*h = signin(&a_int);
	char		*csrf = csrf_of(h, "/admin/questions/import");
	char		*file, *line, *p;
	size_t		 len, cap = 1000 * 300;
	struct resp	 r;
	double		 ms;
	int		 i;

	(void)state;
	sql_do("INSERT INTO questions (org_id, role, skill_area, category,"
	    " difficulty, body_md) SELECT o.id, 'qt-data', 'large', 'technical',"
	    " 'warmup', 'Large bank question ' || g || repeat(' words', 250)"
	    " FROM orgs o, generate_series(1, 6000) g WHERE o.name = 'Org A';"
	    " ANALYZE questions");
	file = malloc(cap);
	assert_non_null(file);
	len = (size_t)snprintf(file, cap, CSV_HEADER "\r\n");
	for (i = 0; i < 1000; i++)
		len += (size_t)snprintf(file + len, cap - len, "qt-data,large,"
		    "technical,warmup,Imported into a large bank %d,\"{\"\"points"
		    "\"\": [{\"\"text\"\": \"\"t\"\", \"\"weight\"\": 2,"
		    " \"\"phrases\"\": [\"\"p\"\"]}]}\",,\r\n", i);
	upload(h, csrf, file, len, &r);
	assert_status(&r, 200);
	assert_has(&r, "1000 questions added, 0 updated, 0 unchanged.");
	resp_free(&r);
	/* The same file again: every row found, none added twice. */
	upload(h, csrf, file, len, &r);
	free(file);
	assert_status(&r, 200);
	assert_has(&r, "0 questions added, 0 updated, 1000 unchanged.");
	resp_free(&r);
	/* No single quotes: stack_out's command sits inside bash -c '...'. */
	line = stack_out(&S, "grep \"route.:.POST /admin/questions/import\""
	    " \"$VAR/log/viva-fcgi.log\" | tail -n 1");
	assert_non_null(p = strstr(line, "\"db_ms\":"));
	ms = strtod(p + 8, NULL);
	free(line);
	printf("1,000 rows found among 7,000 of their role: %.1f ms\n", ms);
	/*
	 * Without the index it took 7.4 s; with it 35 to 70 ms, and 273 ms
	 * once while other stacks built and ran beside it, over the 150 ms
	 * this said first.
	 */
	assert_true(ms < 1000);
	sql_do("DELETE FROM questions WHERE skill_area = 'large'");
	free(csrf);
	http_free(h);
}

/*
 * An import gets its whole page whatever its length.  viva.fcgi read a body
 * by its CONTENT_LENGTH and closed the connection at once, so when the
 * FastCGI request (params, body, padding) came to 8 KiB times n plus 8
 * bytes, libfcgi's 8 KiB reads ended with the body and left nginx's last
 * record unread; the close reset the socket and nginx sent the page's head
 * without its body, so the browser waited with nothing shown (the 1,000-row
 * import above, 139,272 bytes in a checkout whose path's length made it
 * so).  The file grows 8 bytes at a time over 8 KiB, so one request of the
 * sweep ends so, whatever the path and headers add.  nginx drops the body
 * only when it reads the reset after the reply and viva.fcgi read after
 * nginx wrote it all, so without the fix this failed in 3 of 7 runs; the
 * next test, on the FastCGI socket itself, in every run.
 */
static void
test_csv_import_gets_its_page_whatever_the_request_length(void **state)
{
	struct http	*h = signin(&a_int);
	char		*csrf = csrf_of(h, "/admin/questions/import");
	char		*file;
	size_t		 len, cap = 12 * 1024;
	struct resp	 r;
	int		 i;

	(void)state;
	file = malloc(cap);
	assert_non_null(file);
	for (i = 0; i < 1024; i++) {
		/* The sample answer pads the row, 8 bytes a step. */
		len = (size_t)snprintf(file, cap, CSV_HEADER "\r\nqt-data,"
		    "lengths,technical,warmup,Sent in many lengths,\"{\"\"points"
		    "\"\": [{\"\"text\"\": \"\"t\"\", \"\"weight\"\": 2,"
		    " \"\"phrases\"\": [\"\"p\"\"]}]}\",,%0*d\r\n",
		    1000 + 8 * i, 0);
		upload(h, csrf, file, len, &r);
		if (r.status != 200 || strstr(r.body, i == 0 ?
		    "1 question added, 0 updated, 0 unchanged." :
		    "0 questions added, 0 updated, 1 unchanged.") ==
		    NULL)
			fail_msg("a file of %zu bytes: %ld, %s", len, r.status,
			    r.body);
		resp_free(&r);
	}
	free(file);
	assert_int_equal(count_q("skill_area = 'lengths'"), 1);
	sql_do("DELETE FROM questions WHERE skill_area = 'lengths'");
	free(csrf);
	http_free(h);
}

/*
 * viva.fcgi reads an import's FastCGI request to its end before it closes
 * the connection, whatever its length: here 8 KiB and 8 bytes, sent in one
 * write so that libfcgi's first 8 KiB read ends with the body.  It left the
 * last record, nginx's empty FCGI_STDIN, unread, and closing over it reset
 * the connection; nginx 1.22 answered that reset with the page's head and
 * no body (the test above, which meets that only in some runs).
 */
static void
test_csv_import_request_of_8_kib_and_8_bytes_ends_without_a_reset(void **state)
{
	struct http	*h = signin(&a_int);
	char		*csrf = csrf_of(h, "/admin/questions/import");
	char		*session = http_cookie(h, "viva_session");
	char		*cookie = fmt("viva_session=%s", session);
	char		*req = malloc(65536), *file, *body, *page;
	size_t		 len, blen, n = 0;
	struct sockaddr_un sa;
	struct timeval	 tv = { 10, 0 };
	int		 fd, end = -1, pad;

	(void)state;
	assert_non_null(req);
	file = malloc(16384);
	assert_non_null(file);
	/* The sample answer grows until the request is 8 KiB and 8 bytes. */
	for (pad = 0, body = NULL; pad < 8192 && n % 8192 != 8; pad++) {
		free(body);
		len = (size_t)snprintf(file, 16384, CSV_HEADER "\r\nqt-data,"
		    "reset,technical,warmup,Read to its end,\"{\"\"points\"\":"
		    " [{\"\"text\"\": \"\"t\"\", \"\"weight\"\": 2,"
		    " \"\"phrases\"\": [\"\"p\"\"]}]}\",,%0*d\r\n", pad + 1, 0);
		body = import_form(csrf, file, len, &blen);
		n = fcgi_import(req, cookie, body, blen);
	}
	assert_int_equal(n % 8192, 8);
	memset(&sa, 0, sizeof(sa));
	sa.sun_family = AF_UNIX;
	assert_true(snprintf(sa.sun_path, sizeof(sa.sun_path),
	    "%s/run/viva.sock", S.var) < (int)sizeof(sa.sun_path));
	fd = socket(AF_UNIX, SOCK_STREAM, 0);
	assert_true(fd >= 0);
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	assert_int_equal(connect(fd, (struct sockaddr *)&sa, sizeof(sa)), 0);
	assert_int_equal(write(fd, req, n), (ssize_t)n);
	page = fcgi_reply(fd, &end);
	close(fd);
	if (strstr(page, "Status: 200") == NULL ||
	    strstr(page, "1 question added, 0 updated, 0 unchanged.") == NULL)
		fail_msg("the reply:\n%s", page);
	if (end != 0)
		fail_msg("after its reply the connection ended with %s, not"
		    " its end", strerror(end));
	assert_int_equal(count_q("skill_area = 'reset'"), 1);
	sql_do("DELETE FROM questions WHERE skill_area = 'reset'");
	free(page);
	free(body);
	free(file);
	free(req);
	free(cookie);
	free(session);
	free(csrf);
	http_free(h);
}

/*
 * The download has every question the filters match, past the 5,000 one
 * import takes: it stopped there without a word, so a copy of a bank of
 * 5,010 lost 10 of them.
 */
static void
test_csv_export_has_every_question_of_a_large_bank(void **state)
{
	struct http	*h = signin(&a_int);
	struct resp	 r;
	long long	 ms;
	size_t		 lines = 0;

	(void)state;
	sql_do("INSERT INTO questions (org_id, role, skill_area, category,"
	    " difficulty, body_md) SELECT o.id, 'qt-data', 'bulk', 'technical',"
	    " 'warmup', 'Bulk question ' || g FROM orgs o,"
	    " generate_series(1, 5010) g WHERE o.name = 'Org A'");
	ms = ms_now();
	get(h, "/admin/questions.csv?skill_area=bulk", &r);
	ms = ms_now() - ms;
	assert_status(&r, 200);
	lines = (size_t)count_in(&r, "\r\n");
	printf("5,010 questions as CSV: %lld ms, %zu bytes\n", ms, r.len);
	assert_int_equal(lines, 1 + 5010);
	assert_has(&r, ",Bulk question 1,");
	assert_has(&r, ",Bulk question 5010,");
	resp_free(&r);
	sql_do("DELETE FROM questions WHERE skill_area = 'bulk'");
	http_free(h);
}

static void
test_csv_export_then_import_gives_the_same_questions(void **state)
{
	static const char *const bodies[] = {
	    "- starts like a list, \"quoted\", commas,\nand lines",
	    "=SUM(A1:A2) looks like a formula",
	    "'apostrophe first, then ünïcödé ✓",
	    "@mention and\ttab",
	};
	struct http	*h = signin(&a_admin);
	char		*csrf = csrf_of(h, "/admin/questions/new"), *form, *b;
	char		*noid, *again;
	long long	 last;
	struct resp	 r, x;
	size_t		 i, n = sizeof(bodies) / sizeof(bodies[0]);

	(void)state;
	post_ok(h, "/admin/roles", csrf, "slug=qt-rt&name=Round+trip"
	    "&skill_areas=all", "/admin/roles?done=created");
	for (i = 0; i < n; i++) {
		b = http_escape(bodies[i]);
		form = fmt("role=qt-rt&skill_area=s%zu&category=cultural"
		    "&difficulty=expert&body_md=%s&rubric=%s&follow_ups=-+one%%0Athe+other"
		    "&sample_answer=%s", i, b, "4+%7C+%3Dpoint%2C+with+comma+%7C+a%2C+b",
		    i % 2 ? "" : "+sample+with+%22quotes%22");
		post_csrf(h, "/admin/questions", csrf, form, &r);
		assert_status(&r, 303);
		resp_free(&r);
		free(form);
		free(b);
	}
	last = sql_num("SELECT max(id) FROM questions");
	get(h, "/admin/questions.csv?role=qt-rt", &x);
	assert_status(&x, 200);
	/* Imported back as it is, the file adds nothing: all are there. */
	upload(h, csrf, x.body, x.len, &r);
	assert_status(&r, 200);
	assert_has(&r, "0 questions added, 0 updated, 4 unchanged.");
	resp_free(&r);
	assert_int_equal(count_q("role = 'qt-rt'"), (long long)n);
	/*
	 * With the originals archived, the file without its ids (as another
	 * bank's would come) brings them back as they were.
	 */
	sql_do("UPDATE questions SET archived_at = now() WHERE role = 'qt-rt'");
	noid = without_ids(x.body);
	upload(h, csrf, noid, strlen(noid), &r);
	assert_status(&r, 200);
	assert_has(&r, "4 questions added, 0 updated, 0 unchanged.");
	assert_lacks(&r, "not imported");
	assert_lacks(&r, "skipped:");
	resp_free(&r);
	/* Each original has an identical twin among the imported ones. */
	assert_int_equal(sql_num("SELECT count(*) FROM questions o WHERE"
	    " o.role = 'qt-rt' AND o.id <= %lld AND EXISTS (SELECT 1 FROM"
	    " questions n WHERE n.id > %lld AND (n.org_id, n.role, n.skill_area,"
	    " n.category, n.difficulty, n.body_md, n.rubric, n.follow_ups,"
	    " n.sample_answer) = (o.org_id, o.role, o.skill_area, o.category,"
	    " o.difficulty, o.body_md, o.rubric, o.follow_ups, o.sample_answer))",
	    last, last), (long long)n);
	assert_int_equal(count_q("role = 'qt-rt' AND id > %lld", last),
	    (long long)n);
	/* And the file exported now is the same but for the ids, byte for byte. */
	get(h, "/admin/questions.csv?role=qt-rt", &r);
	again = without_ids(r.body);
	assert_string_equal(again, noid);
	free(again);
	free(noid);
	resp_free(&r);
	resp_free(&x);
	free(csrf);
	http_free(h);
}

/*
 * A downloaded file edited in a spreadsheet and imported back changes the
 * questions its rows name by id: an edited skill area and an edited text
 * land on the same question, and no copy is made.  (The file had no ids:
 * the skill area's edit was skipped as "in the bank already", the text's
 * made a second question.)
 */
static void
test_csv_import_applies_edits_to_the_same_questions(void **state)
{
	struct http	*h = signin(&a_admin);
	char		*csrf = csrf_of(h, "/admin/questions/new"), *f1, *f2, *want;
	long long	 one, two, before;
	struct resp	 r, x;

	(void)state;
	one = create_q(h, csrf, NULL, "warmup", "Edited in a spreadsheet: one");
	two = create_q(h, csrf, NULL, "warmup", "Edited in a spreadsheet: two");
	get(h, "/admin/questions.csv?q=Edited+in+a+spreadsheet", &x);
	assert_status(&x, 200);
	f1 = replaced(x.body, "qt-data,databases,technical,warmup,Edited in a"
	    " spreadsheet: one,", "qt-data,indexing,technical,warmup,Edited in"
	    " a spreadsheet: one,");
	f2 = replaced(f1, ",Edited in a spreadsheet: two,", ",Edited in a"
	    " spreadsheet: two (reworded),");
	before = count_q("true");
	upload(h, csrf, f2, strlen(f2), &r);
	assert_status(&r, 200);
	assert_has(&r, "0 questions added, 2 updated, 0 unchanged.");
	/*
	 * Each record is two lines of the file (the follow-ups' cell holds a
	 * line break) and one row of a spreadsheet.
	 */
	want = fmt("<li>row 2: <a href=\"/admin/questions/%lld\">question"
	    " %lld</a> updated.</li>", one, one);
	assert_has(&r, want);
	free(want);
	want = fmt("<li>row 3 (line 4 of the file): <a href=\"/admin/questions/%lld\">question"
	    " %lld</a> updated.</li>", two, two);
	assert_has(&r, want);
	free(want);
	assert_lacks(&r, "not imported");
	resp_free(&r);
	assert_int_equal(count_q("true"), before);
	assert_int_equal(count_q("id = %lld AND skill_area = 'indexing' AND"
	    " body_md = 'Edited in a spreadsheet: one'", one), 1);
	assert_int_equal(count_q("id = %lld AND skill_area = 'databases' AND"
	    " body_md = 'Edited in a spreadsheet: two (reworded)'", two), 1);
	assert_int_equal(count_q("body_md LIKE 'Edited in a spreadsheet%%'"), 2);
	assert_int_equal(sql_num("SELECT count(*) FROM events WHERE type ="
	    " 'questions_imported' AND detail->>'updated' = '2'"), 1);
	free(f1);
	free(f2);
	resp_free(&x);
	free(csrf);
	http_free(h);
}

/* The result says how many rows were added, updated and left as they were, and why. */
static void
test_csv_import_counts_added_updated_and_unchanged(void **state)
{
	struct http	*h = signin(&a_admin);
	char		*csrf = csrf_of(h, "/admin/questions/new"), *f1, *f2, *want;
	long long	 kept, changed;
	struct resp	 r, x;

	(void)state;
	kept = create_q(h, csrf, NULL, "warmup", "Counted: kept as it is");
	changed = create_q(h, csrf, NULL, "warmup", "Counted: to be changed");
	get(h, "/admin/questions.csv?q=Counted:", &x);
	assert_status(&x, 200);
	f1 = replaced(x.body, "qt-data,databases,technical,warmup,Counted: to"
	    " be changed,", "qt-data,databases,technical,expert,Counted: to be"
	    " changed,");
	/* A new row, and one whose role and text the bank has: no id. */
	f2 = fmt("%s,qt-data,databases,technical,warmup,Counted: new without"
	    " id," RUBRIC_CELL ",,\r\n,qt-data,databases,technical,warmup,"
	    "Counted: kept as it is," RUBRIC_CELL ",,\r\n", f1);
	upload(h, csrf, f2, strlen(f2), &r);
	assert_status(&r, 200);
	assert_has(&r, "1 question added, 1 updated, 2 unchanged.");
	want = fmt("<li>row 3 (line 4 of the file): <a href=\"/admin/"
	    "questions/%lld\">question %lld</a> updated.</li>", changed,
	    changed);
	assert_has(&r, want);
	free(want);
	assert_has(&r, "<li>row 5 (line 7 of the file): skipped: it has no"
	    " id, and the bank has a qt-data question with this text"
	    " already.</li>");
	want = fmt("question %lld</a>", kept);
	assert_lacks(&r, want);
	free(want);
	resp_free(&r);
	assert_int_equal(count_q("id = %lld AND difficulty = 'expert'", changed),
	    1);
	assert_int_equal(count_q("body_md = 'Counted: kept as it is'"), 1);
	assert_int_equal(count_q("body_md = 'Counted: new without id' AND"
	    " rubric = '{\"points\": [{\"text\": \"t\", \"weight\": 2,"
	    " \"phrases\": [\"p\"]}]}'::jsonb"), 1);
	free(f1);
	free(f2);
	resp_free(&x);
	free(csrf);
	http_free(h);
}

/*
 * A row whose id is no question of the org's (none at all, another org's)
 * or one viva ships is refused with its line, and that question is left
 * alone; the file's good rows are imported beside it.
 */
static void
test_csv_import_refuses_ids_that_are_not_the_orgs_with_their_lines(void **state)
{
	struct http	*a = signin(&a_admin), *b = signin(&b_admin);
	char		*ca = csrf_of(a, "/admin/questions/import");
	char		*cb = csrf_of(b, "/admin/questions/new"), *file, *want;
	long long	 theirs, ours;
	struct resp	 r;

	(void)state;
	theirs = create_q(b, cb, "qt-shipped", NULL, "Org B's own, not A's");
	ours = create_q(a, ca, NULL, NULL, "Given twice in one file");
	file = fmt("id,role,skill_area,category,difficulty,body_md,rubric\r\n"
	    "999999999,qt-data,x,technical,warmup,Unknown id," RUBRIC_CELL "\r\n"
	    "%lld,qt-shipped,x,technical,warmup,Taken from B," RUBRIC_CELL "\r\n"
	    "%lld,qt-shipped,caching,technical,advanced,When does a **cache**"
	    " hurt?," RUBRIC_CELL "\r\n"
	    "12a,qt-data,x,technical,warmup,Not an id," RUBRIC_CELL "\r\n"
	    ",qt-data,x,technical,warmup,Added beside refused rows,"
	    RUBRIC_CELL "\r\n"
	    "%lld,qt-data,once,technical,warmup,Given twice in one file,"
	    RUBRIC_CELL "\r\n"
	    "%lld,qt-data,twice,technical,warmup,Given twice in one file,"
	    RUBRIC_CELL "\r\n", theirs, shipped_id, ours, ours);
	upload(a, ca, file, strlen(file), &r);
	assert_status(&r, 200);
	assert_has(&r, "1 question added, 1 updated, 0 unchanged. 5 rows were"
	    " not imported:");
	assert_has(&r, "<li>row 2: there is no question 999999999 in your"
	    " bank: leave id empty to add the row as a new question.</li>");
	want = fmt("<li>row 3: there is no question %lld in your bank: leave"
	    " id empty to add the row as a new question.</li>", theirs);
	assert_has(&r, want);
	free(want);
	want = fmt("<li>row 4: question %lld comes with viva and cannot be"
	    " changed: make your own copy with Duplicate to edit on its page"
	    " and put the copy&#39;s id in this row.</li>", shipped_id);
	assert_has(&r, want);
	free(want);
	assert_has(&r, "<li>row 5: id must be the number of one of your"
	    " questions, as the download writes it, or empty for a new"
	    " question.</li>");
	want = fmt("<li>row 8: question %lld is on row 7 as well: give each"
	    " question one row.</li>", ours);
	assert_has(&r, want);
	free(want);
	resp_free(&r);
	assert_int_equal(count_q("id = %lld AND skill_area = 'once'", ours), 1);
	assert_int_equal(count_q("id = %lld AND body_md = 'Org B''s own, not"
	    " A''s' AND skill_area = 'databases'", theirs), 1);
	assert_int_equal(count_q("id = %lld AND org_id IS NULL AND rubric ="
	    " '" RUBRIC_JSON "'::jsonb", shipped_id), 1);
	assert_int_equal(count_q("body_md IN ('Unknown id', 'Taken from B',"
	    " 'Not an id')"), 0);
	assert_int_equal(count_q("body_md = 'Added beside refused rows'"), 1);
	free(file);
	free(ca);
	free(cb);
	http_free(a);
	http_free(b);
}

/* The rubric cell takes the form's lines, weight | point | phrases, as well as JSON. */
static void
test_csv_import_reads_a_rubric_written_as_the_forms_lines(void **state)
{
	static const char file[] = CSV_HEADER "\r\n"
	    "qt-data,rubrics,technical,warmup,Rubric as the form writes it,"
	    "\"3 | Names the trade-off | trade-off, cost\n"
	    "1 | Mentions the price | price\",,\r\n"
	    "qt-data,rubrics,technical,warmup,Rubric with a bad weight,"
	    "\"9 | Weight too big | x\",,\r\n";
	struct http	*h = signin(&a_int);
	char		*csrf = csrf_of(h, "/admin/questions/import");
	struct resp	 r;

	(void)state;
	upload(h, csrf, file, sizeof(file) - 1, &r);
	assert_status(&r, 200);
	assert_has(&r, "1 question added, 0 updated, 0 unchanged. 1 row was"
	    " not imported:");
	assert_has(&r, "<li>row 3 (line 4 of the file): rubric, as lines"
	    " weight | point |"
	    " phrases: Line 1: the weight must be a whole number from 1 to"
	    " 5.</li>");
	resp_free(&r);
	assert_int_equal(count_q("body_md = 'Rubric as the form writes it' AND"
	    " rubric = '{\"points\": [{\"text\": \"Names the trade-off\","
	    " \"weight\": 3, \"phrases\": [\"trade-off\", \"cost\"]},"
	    " {\"text\": \"Mentions the price\", \"weight\": 1, \"phrases\":"
	    " [\"price\"]}]}'::jsonb"), 1);
	assert_int_equal(count_q("skill_area = 'rubrics'"), 1);
	free(csrf);
	http_free(h);
}

/*
 * The download imported back as it is changes nothing and says so: the
 * org's own questions (awkward cells included) and the shipped ones.
 */
static void
test_csv_export_imported_unchanged_changes_nothing(void **state)
{
	struct http	*h = signin(&a_admin);
	char		*csrf = csrf_of(h, "/admin/questions/new"), *form, *b;
	char		*stamps, *want;
	long long	 before, events, shipped;
	struct resp	 r, x;

	(void)state;
	(void)create_q(h, csrf, NULL, NULL, "Unchanged round trip, plain");
	b = http_escape("=Unchanged round trip, \"awkward\"\nwith lines");
	form = fmt("role=qt-data&skill_area=-dash&category=cultural"
	    "&difficulty=expert&body_md=%s&rubric=%s&follow_ups=@one%%0A+two"
	    "&sample_answer=+%%27quoted", b,
	    "4+%7C+%3Dpoint%2C+%7C+with+bar+%7C+a%2C+b");
	post_csrf(h, "/admin/questions", csrf, form, &r);
	assert_status(&r, 303);
	resp_free(&r);
	free(form);
	free(b);
	get(h, "/admin/questions.csv?q=Unchanged+round+trip", &x);
	assert_status(&x, 200);
	before = count_q("true");
	events = sql_num("SELECT count(*) FROM events");
	stamps = sql_str("SELECT string_agg(updated_at::text, ',' ORDER BY id)"
	    " FROM questions WHERE body_md LIKE '%%Unchanged round trip%%'");
	upload(h, csrf, x.body, x.len, &r);
	assert_status(&r, 200);
	assert_has(&r, "0 questions added, 0 updated, 2 unchanged.");
	assert_lacks(&r, "not imported");
	assert_lacks(&r, "skipped:");
	resp_free(&r);
	resp_free(&x);
	want = sql_str("SELECT string_agg(updated_at::text, ',' ORDER BY id)"
	    " FROM questions WHERE body_md LIKE '%%Unchanged round trip%%'");
	assert_string_equal(want, stamps);
	free(want);
	free(stamps);
	assert_int_equal(count_q("true"), before);
	assert_int_equal(sql_num("SELECT count(*) FROM events"), events);

	/* Viva's own questions, read-only, come back unchanged too. */
	shipped = count_q("role = 'qt-shipped' AND (org_id IS NULL OR org_id ="
	    " (SELECT id FROM orgs WHERE name = 'Org A'))");
	get(h, "/admin/questions.csv?role=qt-shipped&state=all", &x);
	assert_status(&x, 200);
	upload(h, csrf, x.body, x.len, &r);
	assert_status(&r, 200);
	want = fmt("0 questions added, 0 updated, %lld unchanged.", shipped);
	assert_has(&r, want);
	free(want);
	assert_lacks(&r, "not imported");
	resp_free(&r);
	resp_free(&x);
	assert_int_equal(count_q("true"), before);
	free(csrf);
	http_free(h);
}

/* --- CSRF --------------------------------------------------------------------------- */

static void
test_posts_without_the_csrf_token_are_refused(void **state)
{
	static const char file[] = CSV_HEADER "\r\nqt-data,x,technical,warmup,"
	    "Forged import," RUBRIC_JSON ",,\r\n";
	struct http	*h = signin(&a_admin);
	char		*csrf = csrf_of(h, "/admin/questions/new"), *form, *path;
	long long	 id, before, roles;
	struct resp	 r;

	(void)state;
	id = create_q(h, csrf, NULL, NULL, "CSRF target question");
	before = count_q("true");
	roles = sql_num("SELECT count(*) FROM roles");
	form = question_form(NULL, NULL, "Forged", NULL);
	post(h, "/admin/questions", form, &r);
	assert_status(&r, 403);
	assert_has(&r, "expired or did not come from this site");
	resp_free(&r);
	path = fmt("/admin/questions/%lld", id);
	post(h, path, form, &r);
	assert_status(&r, 403);
	resp_free(&r);
	free(path);
	path = fmt("/admin/questions/%lld/archive", id);
	post(h, path, "csrf=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", &r);
	assert_status(&r, 403);
	resp_free(&r);
	free(path);
	path = fmt("/admin/questions/%lld/duplicate", id);
	post(h, path, "", &r);
	assert_status(&r, 403);
	resp_free(&r);
	free(path);
	post(h, "/admin/roles", "slug=forged&name=Forged&skill_areas=a", &r);
	assert_status(&r, 403);
	resp_free(&r);
	upload(h, NULL, file, sizeof(file) - 1, &r);
	assert_status(&r, 403);
	resp_free(&r);
	free(form);
	assert_int_equal(count_q("true"), before);
	assert_int_equal(sql_num("SELECT count(*) FROM roles"), roles);
	assert_int_equal(count_q("id = %lld AND body_md = 'CSRF target"
	    " question' AND archived_at IS NULL", id), 1);
	free(csrf);
	http_free(h);
}

/* --- hiding shipped questions from one org's interviews --------------------- */

/*
 * A shipped role of two warm-up questions of one skill, as viva would ship
 * it: "First of slug" (the lower id, so the one an interview asks first)
 * and "Second of slug".  Their ids in *first and *second.
 */
static void
seed_two(const char *slug, long long *first, long long *second)
{
	sql_do("INSERT INTO roles (org_id, slug, name, skill_areas) VALUES"
	    " (NULL, '%s', 'Role %s', ARRAY['caching']);"
	    " INSERT INTO questions (org_id, role, skill_area, category,"
	    " difficulty, body_md, rubric) VALUES (NULL, '%s', 'caching',"
	    " 'technical', 'warmup', 'First of %s', '" RUBRIC_JSON "'),"
	    " (NULL, '%s', 'caching', 'technical', 'warmup', 'Second of %s',"
	    " '" RUBRIC_JSON "')", slug, slug, slug, slug, slug, slug);
	*first = sql_num("SELECT id FROM questions WHERE body_md = 'First of"
	    " %s'", slug);
	*second = sql_num("SELECT id FROM questions WHERE body_md = 'Second of"
	    " %s'", slug);
}

/* A 303 to the formatted place. */
static void
assert_redirect_to(const struct resp *r, const char *f, long long id)
{
	char	*want = fmt(f, id);

	assert_redirect(r, want);
	free(want);
}

/* Whether the body has the formatted text, as want says. */
static void
assert_has_id(const struct resp *r, const char *f, long long id, int want)
{
	char	*s = fmt(f, id);

	if (want)
		assert_has(r, s);
	else
		assert_lacks(r, s);
	free(s);
}

/* Whether h's org may ask bank question id in a one-way interview. */
static void
assert_oneway_takes(struct http *h, long long id, int takes)
{
	char		*csrf = csrf_of(h, "/admin/oneway/new"), *body, *msg;
	long long	 before = sql_num("SELECT count(*) FROM interviews");
	struct resp	 r;

	body = fmt("csrf=%s&candidate_name=Kim&candidate_email=k%%40x.test"
	    "&media=audio&answer_seconds=60&prep_seconds=20&max_attempts=3"
	    "&expiry_days=7&bank_q=%lld&action=create", csrf, id);
	post(h, "/admin/oneway", body, &r);
	msg = fmt("Question %lld is hidden from your organisation&#39;s"
	    " interviews; show it again in the bank to ask it.", id);
	if (takes) {
		assert_true(r.status == 200 || r.status == 303);
		assert_lacks(&r, msg);
	} else {
		assert_status(&r, 400);
		assert_has(&r, msg);
	}
	assert_int_equal(sql_num("SELECT count(*) FROM interviews"),
	    before + takes);
	resp_free(&r);
	free(msg);
	free(body);
	free(csrf);
}

/* The count in the role's row on /admin/roles, as h sees it. */
static int
roles_page_count(struct http *h, const char *slug)
{
	struct resp	 r;
	char		*code = fmt("<code>%s</code>", slug);
	const char	*p;
	int		 n;

	get(h, "/admin/roles", &r);
	assert_status(&r, 200);
	if ((p = strstr(r.body, code)) == NULL ||
	    (p = strstr(p, "data-label=\"Questions\">")) == NULL)
		fail_msg("no row of %s on /admin/roles", slug);
	n = atoi(p + strlen("data-label=\"Questions\">"));
	resp_free(&r);
	free(code);
	return n;
}

/* The adaptive form's role choice, "Role slug (n)", as h sees it. */
static void
assert_adaptive_form_count(struct http *h, const char *slug, int n)
{
	struct resp	 r;
	char		*want = fmt(">Role %s (%d question%s)</option>", slug, n,
			    n == 1 ? "" : "s");

	get(h, "/admin/adaptive/new", &r);
	assert_status(&r, 200);
	assert_has(&r, want);
	resp_free(&r);
	free(want);
}

/* The first question of a new adaptive interview for slug, as h's org. */
static void
assert_first_question(struct http *h, const char *slug, const char *body,
    const char *not_body)
{
	struct created	 c;
	struct http	*cand;
	struct resp	 r;
	char		*csrf, *extra = fmt("&role=%s&model=builtin"
			    "&min_questions=1&max_questions=2&minutes=0", slug);

	create_adaptive(h, "Hidden", extra, &c);
	cand = start(&c, &csrf);
	get(cand, "/c", &r);
	assert_status(&r, 200);
	assert_has(&r, body);
	assert_lacks(&r, not_body);
	resp_free(&r);
	free(csrf);
	free(c.token);
	free(extra);
	http_free(cand);
}

/*
 * The tester's report: a shipped question could not be taken out of an
 * org's interviews.  Hidden by Org A, it is neither asked nor counted
 * there, on the adaptive form or the roles page; Org B still counts and
 * asks it.  Shown again, Org A asks it again.
 */
static void
test_a_hidden_shipped_question_is_not_asked_nor_counted_by_that_org(
    void **state)
{
	struct http	*a = signin(&a_int), *b = signin(&b_admin);
	char		*ca = csrf_of(a, "/admin/questions/new"), *path;
	long long	 first, second;
	struct resp	 r;

	(void)state;
	seed_two("qt-hide", &first, &second);
	assert_int_equal(roles_page_count(a, "qt-hide"), 2);
	assert_adaptive_form_count(a, "qt-hide", 2);
	assert_first_question(a, "qt-hide", "First of qt-hide",
	    "Second of qt-hide");

	post_csrf(a, path = fmt("/admin/questions/%lld/hide", first), ca, "",
	    &r);
	assert_redirect_to(&r, "/admin/questions/%lld?done=hidden", first);
	resp_free(&r);
	free(path);

	assert_int_equal(roles_page_count(a, "qt-hide"), 1);
	assert_adaptive_form_count(a, "qt-hide", 1);
	assert_first_question(a, "qt-hide", "Second of qt-hide",
	    "First of qt-hide");
	/* Never asked: the bank runs out rather than asking it. */
	assert_int_equal(sql_num("SELECT count(*) FROM interview_questions iq"
	    " JOIN interviews i ON i.id = iq.interview_id JOIN orgs o ON"
	    " o.id = i.org_id WHERE o.name = 'Org A' AND iq.question_id ="
	    " %lld AND i.id = (SELECT max(id) FROM interviews)", first), 0);

	/* Org B: nothing changed. */
	assert_int_equal(roles_page_count(b, "qt-hide"), 2);
	assert_adaptive_form_count(b, "qt-hide", 2);
	assert_first_question(b, "qt-hide", "First of qt-hide",
	    "Second of qt-hide");

	post_csrf(a, path = fmt("/admin/questions/%lld/unhide", first), ca, "",
	    &r);
	assert_redirect_to(&r, "/admin/questions/%lld?done=shown", first);
	resp_free(&r);
	free(path);
	assert_int_equal(roles_page_count(a, "qt-hide"), 2);
	assert_adaptive_form_count(a, "qt-hide", 2);
	assert_first_question(a, "qt-hide", "First of qt-hide",
	    "Second of qt-hide");
	free(ca);
	http_free(a);
	http_free(b);
}

/* A role with every question hidden cannot have a bank interview. */
static void
test_a_role_with_all_its_questions_hidden_is_empty_for_that_org(void **state)
{
	struct http	*a = signin(&a_int);
	char		*ca = csrf_of(a, "/admin/questions/new"), *path, *body;
	long long	 first, second, before;
	struct resp	 r;

	(void)state;
	seed_two("qt-hide-all", &first, &second);
	post_csrf(a, path = fmt("/admin/questions/%lld/hide", first), ca, "",
	    &r);
	assert_status(&r, 303);
	resp_free(&r);
	free(path);
	post_csrf(a, path = fmt("/admin/questions/%lld/hide", second), ca, "",
	    &r);
	assert_status(&r, 303);
	resp_free(&r);
	free(path);
	assert_int_equal(roles_page_count(a, "qt-hide-all"), 0);
	assert_adaptive_form_count(a, "qt-hide-all", 0);
	before = sql_num("SELECT count(*) FROM interviews");
	free(ca);
	ca = csrf_of(a, "/admin/adaptive/new");
	post(a, "/admin/adaptive", body = fmt("csrf=%s&candidate_name=Empty"
	    "&candidate_email=e%%40x.test&role=qt-hide-all&min_questions=1"
	    "&max_questions=2&minutes=0&question_source=bank&model=builtin"
	    "&expiry_days=7", ca), &r);
	assert_true(r.status == 400 || r.status == 409);
	resp_free(&r);
	free(body);
	assert_int_equal(sql_num("SELECT count(*) FROM interviews"), before);
	free(ca);
	http_free(a);
}

/*
 * The shipped question's page says whether the org's interviews ask it,
 * hides it and shows it again (each change on the timeline once); the
 * list marks it and shows it under its own filter; the CSV carries it
 * under that filter alone; the API says "hidden" for the token's org.
 */
static void
test_hiding_shows_on_the_page_the_list_the_csv_and_the_api(void **state)
{
	struct http		*a = signin(&a_admin), *b = signin(&b_admin);
	char			*ca = csrf_of(a, "/admin/questions/new");
	char			*ta = api_token_of(&a_admin, "bank");
	char			*tb = api_token_of(&b_admin, "bank");
	char			*path, *mark, *cb;
	long long		 first, second, own;
	struct json_object	*o;
	struct resp		 r;

	(void)state;
	seed_two("qt-hide-list", &first, &second);
	path = fmt("/admin/questions/%lld", first);
	get(a, path, &r);
	assert_has(&r, "Your organisation's interviews ask it");
	assert_has(&r, ">Hide from our interviews</button>");
	assert_lacks(&r, "Show in our interviews again");
	resp_free(&r);

	/* Without the token nothing is hidden. */
	post(a, mark = fmt("%s/hide", path), "", &r);
	assert_status(&r, 403);
	resp_free(&r);
	post(a, mark, "csrf=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", &r);
	assert_status(&r, 403);
	resp_free(&r);
	assert_int_equal(sql_num("SELECT count(*) FROM org_hidden_questions"
	    " WHERE question_id = %lld", first), 0);
	/* Sent twice: hidden once, logged once. */
	post_csrf(a, mark, ca, "", &r);
	assert_status(&r, 303);
	resp_free(&r);
	post_csrf(a, mark, ca, "", &r);
	assert_status(&r, 303);
	resp_free(&r);
	free(mark);
	assert_int_equal(sql_num("SELECT count(*) FROM events e JOIN orgs o"
	    " ON o.id = e.org_id WHERE o.name = 'Org A' AND e.type ="
	    " 'question_hidden' AND e.detail->>'question_id' = '%lld'", first),
	    1);

	mark = fmt("%s?done=hidden", path);
	get(a, mark, &r);
	free(mark);
	assert_has(&r, "Hidden from your organisation's interviews since 20");
	assert_has(&r, "badge-muted\">hidden from our interviews");
	assert_has(&r, ">Show in our interviews again</button>");
	assert_lacks(&r, ">Hide from our interviews</button>");
	/* Hidden already: the copy needs no box to hide it. */
	assert_lacks(&r, "name=\"hide_original\"");
	resp_free(&r);
	get(b, path, &r);
	assert_lacks(&r, "Hidden from your organisation");
	assert_has(&r, ">Hide from our interviews</button>");
	resp_free(&r);

	/* The list: out of "in use", under "hidden" and "all", marked. */
	get(a, "/admin/questions?role=qt-hide-list", &r);
	assert_lacks(&r, "First of qt-hide-list");
	assert_has(&r, "Second of qt-hide-list");
	resp_free(&r);
	get(a, "/admin/questions?role=qt-hide-list&state=hidden", &r);
	assert_has(&r, "First of qt-hide-list</a> <span class=\"badge"
	    " badge-muted\">hidden from our interviews</span>");
	assert_lacks(&r, "Second of qt-hide-list");
	assert_has(&r, "<option value=\"hidden\" selected>Hidden from our"
	    " interviews</option>");
	resp_free(&r);
	get(a, "/admin/questions?role=qt-hide-list&state=all", &r);
	assert_has(&r, "First of qt-hide-list</a> <span class=\"badge"
	    " badge-muted\">hidden from our interviews</span>");
	assert_has(&r, "Second of qt-hide-list</a></td>");
	assert_has(&r, "The CSV download leaves out the questions hidden");
	resp_free(&r);
	get(b, "/admin/questions?role=qt-hide-list", &r);
	assert_has(&r, "First of qt-hide-list</a></td>");
	resp_free(&r);
	get(b, "/admin/questions?role=qt-hide-list&state=hidden", &r);
	assert_lacks(&r, "of qt-hide-list");
	resp_free(&r);

	/* The CSV: only under its own filter. */
	get(a, "/admin/questions.csv?role=qt-hide-list", &r);
	assert_lacks(&r, "First of qt-hide-list");
	assert_has(&r, "Second of qt-hide-list");
	resp_free(&r);
	get(a, "/admin/questions.csv?role=qt-hide-list&state=all", &r);
	assert_lacks(&r, "First of qt-hide-list");
	assert_has(&r, "Second of qt-hide-list");
	resp_free(&r);
	get(a, "/admin/questions.csv?role=qt-hide-list&state=hidden", &r);
	assert_has(&r, "First of qt-hide-list");
	assert_lacks(&r, "Second of qt-hide-list");
	resp_free(&r);
	get(b, "/admin/questions.csv?role=qt-hide-list", &r);
	assert_has(&r, "First of qt-hide-list");
	resp_free(&r);

	/* The API: "hidden" for the token's org; the filter takes "hidden". */
	o = api("GET", mark = fmt("/api/v1/questions/%lld", first), ta, NULL,
	    200);
	assert_true(json_object_get_boolean(jget(o, "question.hidden")));
	json_object_put(o);
	o = api("GET", mark, tb, NULL, 200);
	assert_false(json_object_get_boolean(jget(o, "question.hidden")));
	json_object_put(o);
	free(mark);
	o = api("GET", "/api/v1/questions?role=qt-hide-list&state=hidden", ta,
	    NULL, 200);
	assert_int_equal(json_object_array_length(jget(o, "questions")), 1);
	assert_int_equal(json_object_get_int64(jget(json_object_array_get_idx(
	    jget(o, "questions"), 0), "id")), first);
	json_object_put(o);
	o = api("GET", "/api/v1/questions?role=qt-hide-list&state=hidden", tb,
	    NULL, 200);
	assert_int_equal(json_object_array_length(jget(o, "questions")), 0);
	json_object_put(o);
	o = api("GET", "/api/v1/questions?role=qt-hide-list", ta, NULL, 200);
	assert_int_equal(json_object_array_length(jget(o, "questions")), 1);
	json_object_put(o);

	/* A one-way interview does not take it by id either; Org B's does. */
	assert_oneway_takes(a, first, 0);
	assert_oneway_takes(b, first, 1);

	/* Org B's "show again" is its own: Org A's stays hidden. */
	cb = csrf_of(b, "/admin/questions/new");
	post_csrf(b, mark = fmt("%s/unhide", path), cb, "", &r);
	assert_status(&r, 303);
	resp_free(&r);
	free(cb);
	assert_int_equal(sql_num("SELECT count(*) FROM org_hidden_questions"
	    " WHERE question_id = %lld", first), 1);
	/* Org A's own question is archived, not hidden. */
	own = create_q(a, ca, NULL, NULL, "Own question, not to hide");
	free(mark);
	post_csrf(a, mark = fmt("/admin/questions/%lld/hide", own), ca, "", &r);
	assert_status(&r, 403);
	assert_has(&r, "archive your organisation&#39;s own questions");
	resp_free(&r);
	free(mark);
	assert_int_equal(sql_num("SELECT count(*) FROM org_hidden_questions"
	    " WHERE question_id = %lld", own), 0);

	post_csrf(a, mark = fmt("%s/unhide", path), ca, "", &r);
	free(mark);
	assert_redirect(&r, mark = fmt("%s?done=shown", path));
	resp_free(&r);
	free(mark);
	get(a, mark = fmt("%s?done=shown", path), &r);
	assert_has(&r, "The question is back in your organisation&#39;s"
	    " interviews.");
	assert_has(&r, ">Hide from our interviews</button>");
	resp_free(&r);
	free(mark);
	assert_int_equal(sql_num("SELECT count(*) FROM events e JOIN orgs o"
	    " ON o.id = e.org_id WHERE o.name = 'Org A' AND e.type ="
	    " 'question_shown' AND e.detail->>'question_id' = '%lld'", first),
	    1);
	get(a, "/admin/questions?role=qt-hide-list", &r);
	assert_has(&r, "First of qt-hide-list");
	resp_free(&r);
	free(path);
	free(ta);
	free(tb);
	free(ca);
	http_free(a);
	http_free(b);
}

/*
 * "Duplicate to edit" on a shipped question offers to hide the original,
 * ticked: the copy takes its place and the role keeps its count (it went
 * from 42 to 43, and both were asked).  Unticked, both stay.
 */
static void
test_duplicate_to_edit_hides_the_original_unless_unticked(void **state)
{
	struct http	*a = signin(&a_int), *b = signin(&b_admin);
	char		*ca = csrf_of(a, "/admin/questions/new"), *path, *loc;
	long long	 first, second, copy;
	struct resp	 r;

	(void)state;
	seed_two("qt-hide-dup", &first, &second);
	get(a, path = fmt("/admin/questions/%lld", first), &r);
	assert_has(&r, "<input type=\"checkbox\" id=\"hide_original\""
	    " name=\"hide_original\" value=\"1\" checked>");
	assert_has(&r, "<label for=\"hide_original\">Hide the original from"
	    " our interviews</label>");
	resp_free(&r);
	free(path);

	post_csrf(a, path = fmt("/admin/questions/%lld/duplicate", first), ca,
	    "hide_original=1", &r);
	copy = redirect_id(&r);
	resp_free(&r);
	free(path);
	assert_int_equal(roles_page_count(a, "qt-hide-dup"), 2);
	assert_adaptive_form_count(a, "qt-hide-dup", 2);
	assert_int_equal(roles_page_count(b, "qt-hide-dup"), 2);
	assert_int_equal(count_q("id = %lld AND body_md = 'First of"
	    " qt-hide-dup' AND org_id IS NOT NULL", copy), 1);
	assert_int_equal(sql_num("SELECT count(*) FROM events WHERE type ="
	    " 'question_hidden' AND detail->>'question_id' = '%lld' AND"
	    " detail->>'replaced_by' = '%lld'", first, copy), 1);
	get(a, loc = fmt("/admin/questions/%lld/edit?done=duplicated-hidden",
	    copy), &r);
	assert_status(&r, 200);
	assert_has(&r, "The original is hidden from your organisation&#39;s"
	    " interviews, so this copy takes its place.");
	resp_free(&r);
	free(loc);
	/* The copy is asked in the original's place. */
	get(a, "/admin/questions?role=qt-hide-dup", &r);
	assert_has_id(&r, "/admin/questions/%lld\"", copy, 1);
	assert_has_id(&r, "/admin/questions/%lld\"", first, 0);
	resp_free(&r);

	/* Unticked (the box is not sent): the original stays in use. */
	post_csrf(a, path = fmt("/admin/questions/%lld/duplicate", second), ca,
	    "", &r);
	copy = redirect_id(&r);
	resp_free(&r);
	free(path);
	assert_int_equal(roles_page_count(a, "qt-hide-dup"), 3);
	assert_int_equal(sql_num("SELECT count(*) FROM org_hidden_questions"
	    " WHERE question_id = %lld", second), 0);
	free(ca);
	http_free(a);
	http_free(b);
}

/* --- the JSON API ------------------------------------------------------------------ */

static void
test_api_lists_reads_creates_and_updates_questions(void **state)
{
	char			*ta = api_token_of(&a_admin, "bank"), *tb = api_token_of(&b_admin, "bank");
	struct json_object	*o, *q;
	long long		 id;
	char			*path;

	(void)state;
	o = api("POST", "/api/v1/questions", ta, "{\"role\":\"qt-data\","
	    "\"skill_area\":\"api\",\"category\":\"technical\","
	    "\"difficulty\":\"advanced\",\"body_md\":\"Via the **API** (qt-api)\","
	    "\"rubric\":" RUBRIC_JSON ",\"follow_ups\":[\"One?\",\"Two?\"],"
	    "\"sample_answer\":\"Yes.\"}", 201);
	q = jget(o, "question");
	id = json_object_get_int64(jget(q, "id"));
	assert_true(id > 0);
	assert_string_equal(jstr(q, "body_md"), "Via the **API** (qt-api)");
	assert_string_equal(json_object_to_json_string_ext(jget(q, "rubric"),
	    JSON_C_TO_STRING_PLAIN), "{\"points\":[{\"text\":\"Names the"
	    " trade-off\",\"weight\":3,\"phrases\":[\"trade-off\",\"cost\"]}]}");
	assert_int_equal(json_object_array_length(jget(q, "follow_ups")), 2);
	assert_false(json_object_get_boolean(jget(q, "shipped")));
	json_object_put(o);
	assert_int_equal(count_q("id = %lld AND org_id = (SELECT id FROM"
	    " orgs WHERE name = 'Org A')", id), 1);

	path = fmt("/api/v1/questions/%lld", id);
	o = api("GET", path, ta, NULL, 200);
	assert_string_equal(jstr(o, "question.difficulty"), "advanced");
	json_object_put(o);
	o = api("GET", path, tb, NULL, 404);
	assert_string_equal(jstr(o, "error.code"), "not_found");
	json_object_put(o);

	/* An update changes only the members sent. */
	o = api("POST", path, ta, "{\"difficulty\":\"expert\","
	    "\"follow_ups\":[]}", 200);
	assert_string_equal(jstr(o, "question.difficulty"), "expert");
	assert_string_equal(jstr(o, "question.body_md"),
	    "Via the **API** (qt-api)");
	assert_int_equal(json_object_array_length(jget(o,
	    "question.follow_ups")), 0);
	json_object_put(o);
	o = api("POST", path, tb, "{\"difficulty\":\"warmup\"}", 404);
	json_object_put(o);
	/* The same values again, or none: 200, nothing saved or logged. */
	{
		long long	 events = sql_num("SELECT count(*) FROM events"
				    " WHERE type = 'question_updated' AND"
				    " detail->>'question_id' = '%lld'", id);
		char		*sql = fmt("SELECT updated_at FROM questions"
				    " WHERE id = %lld", id);
		char		*at = stack_sql(&S, sql);

		o = api("POST", path, ta, "{}", 200);
		json_object_put(o);
		o = api("POST", path, ta, "{\"difficulty\":\"expert\","
		    "\"body_md\":\"Via the **API** (qt-api)\"}", 200);
		assert_string_equal(jstr(o, "question.difficulty"), "expert");
		json_object_put(o);
		assert_int_equal(sql_num("SELECT count(*) FROM events WHERE"
		    " type = 'question_updated' AND detail->>'question_id' ="
		    " '%lld'", id), events);
		assert_int_equal(sql_num("SELECT count(*) FROM questions WHERE"
		    " id = %lld AND updated_at::text = '%s'", id, at), 1);
		free(at);
		free(sql);
	}
	/*
	 * The question sent back as read: its members that no body sets are
	 * named read only, not "Unknown field." as if misspelt; nothing saved.
	 */
	{
		char	*read;

		o = api("GET", path, ta, NULL, 200);
		read = strdup(json_object_to_json_string_ext(jget(o,
		    "question"), JSON_C_TO_STRING_PLAIN));
		json_object_put(o);
		o = api("POST", path, ta, read, 400);
		assert_string_equal(jstr(o, "error.fields.id"),
		    "Read only: leave it out.");
		assert_string_equal(jstr(o, "error.fields.updated_at"),
		    "Read only: leave it out.");
		assert_string_equal(jstr(o, "error.fields.archived"),
		    "Read only: archive it on the question's page.");
		assert_null(jget(o, "error.fields.body_md"));
		json_object_put(o);
		free(read);
	}
	free(path);

	/* Field errors, by member name. */
	o = api("POST", "/api/v1/questions", ta, "{\"role\":\"qt-data\","
	    "\"skill_area\":\"api\",\"category\":\"technical\","
	    "\"difficulty\":\"easy\",\"body_md\":\"x\",\"rubric\":\"text\","
	    "\"colour\":\"red\"}", 400);
	assert_string_equal(jstr(o, "error.code"), "invalid");
	assert_string_equal(jstr(o, "error.fields.rubric"),
	    "Must be an object {\"points\": [...]}.");
	assert_string_equal(jstr(o, "error.fields.colour"), "Unknown field.");
	json_object_put(o);
	o = api("POST", "/api/v1/questions", ta, "{\"role\":\"qt-data\","
	    "\"skill_area\":\"api\",\"category\":\"technical\","
	    "\"difficulty\":\"easy\",\"body_md\":\"x\",\"rubric\":{\"points\":"
	    "[{\"text\":\"t\",\"weight\":9,\"phrases\":[\"p\"]}]}}", 400);
	/* Under the field's name, as the form beside it: not named again. */
	assert_string_equal(jstr(o, "error.fields.difficulty"),
	    "One of: warmup, fundamental, intermediate, advanced, expert.");
	assert_string_equal(jstr(o, "error.fields.rubric"), "Point 1:"
	    " \"weight\" must be a whole number from 1 to 5.");
	json_object_put(o);
	/* A list member holding a number is named as the list it should be. */
	o = api("POST", "/api/v1/questions", ta, "{\"follow_ups\":[5]}", 400);
	assert_string_equal(jstr(o, "error.fields.follow_ups"),
	    "Must be a list of strings, each one line.");
	json_object_put(o);
	/* A \u0000 in the rubric is refused, not cut off there and kept. */
	o = api("POST", "/api/v1/questions", ta, "{\"role\":\"qt-data\","
	    "\"skill_area\":\"api\",\"category\":\"technical\","
	    "\"difficulty\":\"advanced\",\"body_md\":\"qt-nul\",\"rubric\":"
	    "{\"points\":[{\"text\":\"Kept\\u0000 cut\",\"weight\":3,"
	    "\"phrases\":[\"p\\u0000q\"]}]}}", 400);
	assert_string_equal(jstr(o, "error.fields.rubric"), "Point 1:"
	    " the point's text holds a control character.");
	json_object_put(o);
	assert_int_equal(count_q("body_md = 'qt-nul'"), 0);

	/* The shipped one: read by all, changed by none. */
	path = fmt("/api/v1/questions/%lld", shipped_id);
	o = api("GET", path, tb, NULL, 200);
	assert_true(json_object_get_boolean(jget(o, "question.shipped")));
	json_object_put(o);
	o = api("POST", path, ta, "{\"difficulty\":\"warmup\"}", 403);
	json_object_put(o);
	free(path);

	o = api("GET", "/api/v1/questions?role=qt-data&q=qt-api&state=all",
	    ta, NULL, 200);
	assert_int_equal(json_object_array_length(jget(o, "questions")), 1);
	assert_false(json_object_get_boolean(jget(o, "more")));
	json_object_put(o);
	o = api("GET", "/api/v1/questions?q=qt-api", tb, NULL, 200);
	assert_int_equal(json_object_array_length(jget(o, "questions")), 0);
	json_object_put(o);
	o = api("GET", "/api/v1/questions?difficulty=hard", ta, NULL, 400);
	assert_string_equal(jstr(o, "error.fields.difficulty"),
	    "One of: warmup, fundamental, intermediate, advanced, expert.");
	json_object_put(o);

	o = api("GET", "/api/v1/roles", tb, NULL, 200);
	assert_non_null(strstr(json_object_to_json_string_ext(o,
	    JSON_C_TO_STRING_PLAIN), "\"slug\":\"qt-shipped\""));
	assert_null(strstr(json_object_to_json_string(o), "qt-data"));
	json_object_put(o);
	o = api("GET", "/api/v1/roles", ta, NULL, 200);
	assert_non_null(strstr(json_object_to_json_string_ext(o,
	    JSON_C_TO_STRING_PLAIN), "\"slug\":\"qt-data\",\"name\":"
	    "\"Data engineer\",\"skill_areas\":[\"databases\",\"pipelines\","
	    "\"sql\"],\"questions\":"));
	json_object_put(o);
	o = api("GET", "/api/v1/questions", NULL, NULL, 401);
	json_object_put(o);
	free(ta);
	free(tb);
}

/*
 * A question under a role archived since: its form shows that role, marked
 * archived, rather than none (the browser then picked the first role and
 * a save moved the question there); saved as it is, it is refused.
 */
static void
test_a_question_under_an_archived_role_keeps_it_on_the_form(void **state)
{
	struct http	*h = signin(&a_int);
	char		*csrf = csrf_of(h, "/admin/questions/new"), *path, *form;
	struct resp	 r;
	long long	 id;

	(void)state;
	sql_do("INSERT INTO roles (org_id, slug, name, skill_areas) SELECT id,"
	    " 'qt-gone', 'Gone role', ARRAY['x'] FROM orgs WHERE name = 'Org A'");
	id = create_q(h, csrf, "qt-gone", NULL, "Asked under a role since gone.");
	sql_do("UPDATE roles SET archived_at = now() WHERE slug = 'qt-gone'");
	get(h, path = fmt("/admin/questions/%lld/edit", id), &r);
	free(path);
	assert_status(&r, 200);
	assert_has(&r, "<option value=\"qt-gone\" selected>Gone role (qt-gone,"
	    " archived)</option>");
	resp_free(&r);
	form = question_form("qt-gone", NULL, "Asked under a role since gone.",
	    NULL);
	post_csrf(h, path = fmt("/admin/questions/%lld", id), csrf, form, &r);
	free(path);
	free(form);
	assert_status(&r, 400);
	assert_marked(&r, "role");
	assert_has(&r, "bring it back there if it is archived.");
	resp_free(&r);
	assert_int_equal(sql_num("SELECT count(*) FROM questions WHERE id = %lld"
	    " AND role = 'qt-gone'", id), 1);
	/* The bank's filter, linked from the Roles page, shows it chosen. */
	get(h, "/admin/questions?role=qt-gone&state=all", &r);
	assert_has(&r, "<option value=\"qt-gone\" selected>");
	assert_has(&r, "Asked under a role since gone.");
	resp_free(&r);
	get(h, "/admin/questions/new", &r);
	assert_lacks(&r, "qt-gone");
	resp_free(&r);
	free(csrf);
	http_free(h);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_roles_are_listed_and_an_org_adds_its_own),
		cmocka_unit_test(test_the_role_form_sent_twice_adds_one_role),
		cmocka_unit_test(test_bad_field_comes_back_marked_with_the_others_kept),
		cmocka_unit_test(test_rubric_line_errors_are_shown_beside_the_field),
		cmocka_unit_test(test_list_filters_search_and_pages),
		cmocka_unit_test(test_preview_renders_markdown_and_escapes_scripts),
		cmocka_unit_test(test_shipped_question_is_seen_by_all_and_duplicated_not_edited),
		cmocka_unit_test(test_other_orgs_cannot_see_or_change_a_question),
		cmocka_unit_test(test_archive_hides_a_question_from_the_default_list),
		cmocka_unit_test(test_csv_export_is_an_attachment_with_quoted_cells),
		cmocka_unit_test(test_csv_import_takes_good_rows_and_reports_bad_lines),
		cmocka_unit_test(test_csv_import_reads_semicolons_and_tabs),
		cmocka_unit_test(test_csv_import_of_a_file_that_is_not_csv_imports_nothing),
		cmocka_unit_test(test_csv_import_takes_a_file_of_a_megabyte),
		cmocka_unit_test(test_csv_export_has_every_question_of_a_large_bank),
		cmocka_unit_test(test_csv_import_into_a_large_bank_stays_quick),
		cmocka_unit_test(test_csv_import_gets_its_page_whatever_the_request_length),
		cmocka_unit_test(test_csv_import_request_of_8_kib_and_8_bytes_ends_without_a_reset),
		cmocka_unit_test(test_csv_export_then_import_gives_the_same_questions),
		cmocka_unit_test(test_csv_import_applies_edits_to_the_same_questions),
		cmocka_unit_test(test_csv_import_counts_added_updated_and_unchanged),
		cmocka_unit_test(test_csv_import_refuses_ids_that_are_not_the_orgs_with_their_lines),
		cmocka_unit_test(test_csv_import_reads_a_rubric_written_as_the_forms_lines),
		cmocka_unit_test(test_csv_export_imported_unchanged_changes_nothing),
		cmocka_unit_test(test_posts_without_the_csrf_token_are_refused),
		cmocka_unit_test(test_api_lists_reads_creates_and_updates_questions),
		cmocka_unit_test(test_a_question_under_an_archived_role_keeps_it_on_the_form),
		cmocka_unit_test(test_the_new_form_sent_twice_adds_one_question),
		cmocka_unit_test(test_a_hidden_shipped_question_is_not_asked_nor_counted_by_that_org),
		cmocka_unit_test(test_a_role_with_all_its_questions_hidden_is_empty_for_that_org),
		cmocka_unit_test(test_hiding_shows_on_the_page_the_list_the_csv_and_the_api),
		cmocka_unit_test(test_duplicate_to_edit_hides_the_original_unless_unticked),
		cmocka_unit_test(test_no_request_failed_on_the_server_side),
	};

	return cmocka_run_group_tests(tests, group_setup, flow_teardown);
}
