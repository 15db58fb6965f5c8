/* lib_tmpl_test.c: the mustache spec files, then what the product adds. */
#include <sys/stat.h>

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <json.h>

#include "lib/arena.h"
#include "lib/status.h"
#include "lib/tmpl.h"
#include "lib/view.h"

#define SPEC_DIR	"tests/mustache-spec/"
#define SPEC_MAIN	"(spec)"	/* no spec partial has this name */
#define ADD(s, name, src) tmpl_set_add((s), (name), (src), strlen(src), NULL, 0)

/* JSON to a view: integral numbers become V_INT, as a handler sets them. */
static struct view *
from_json(struct arena *a, struct json_object *o)
{
	struct json_object_iter	 it;
	struct view		*v;
	double			 d;
	size_t			 i;

	switch (json_object_get_type(o)) {
	case json_type_boolean:
		return view_bool(a, json_object_get_boolean(o));
	case json_type_int:
		return view_int(a, json_object_get_int64(o));
	case json_type_double:
		d = json_object_get_double(o);
		if (d >= -9e18 && d <= 9e18 && (double)(long long)d == d)
			return view_int(a, (long long)d);
		return view_double(a, d);
	case json_type_string:
		return view_strn(a, json_object_get_string(o),
		    (size_t)json_object_get_string_len(o));
	case json_type_array:
		v = view_list(a);
		for (i = 0; i < json_object_array_length(o); i++)
			view_push(v, from_json(a,
			    json_object_array_get_idx(o, i)));
		return v;
	case json_type_object:
		v = view_map(a);
		json_object_object_foreachC(o, it)
			view_set(v, it.key, from_json(a, it.val));
		return v;
	default:
		return view_null(a);
	}
}

static const char *
jstr(struct json_object *o, const char *key)
{
	struct json_object	*v;

	if (!json_object_object_get_ex(o, key, &v))
		return "";
	return json_object_get_string(v);
}

static int
add_partials(struct tmpl_set *s, struct json_object *t, char *err,
    size_t errsz)
{
	struct json_object_iter	 it;
	struct json_object	*parts;

	if (!json_object_object_get_ex(t, "partials", &parts))
		return 1;
	json_object_object_foreachC(parts, it) {
		const char	*src = json_object_get_string(it.val);

		if (tmpl_set_add(s, it.key, src, strlen(src), err, errsz) !=
		    ST_OK)
			return 0;
	}
	return 1;
}

/* Runs one spec test; on failure prints its name, the expected and the got. */
static int
spec_case(const char *file, struct json_object *t)
{
	struct json_object	*data = NULL;
	struct tmpl_set		*s;
	struct arena		*a;
	struct buf		 out;
	const char		*src = jstr(t, "template"), *want;
	char			 err[256] = "";
	enum status		 st = ST_INVALID;
	int			 ok;

	want = jstr(t, "expected");
	a = arena_new();
	s = tmpl_set_new(TMPL_RAW_ANY);
	buf_init(&out, a);
	json_object_object_get_ex(t, "data", &data);
	if (add_partials(s, t, err, sizeof(err)) &&
	    tmpl_set_add(s, SPEC_MAIN, src, strlen(src), err, sizeof(err)) ==
	    ST_OK)
		st = tmpl_render(s, SPEC_MAIN, from_json(a, data), &out);
	ok = st == ST_OK && out.len == strlen(want) &&
	    memcmp(out.p, want, out.len) == 0;
	if (!ok)
		printf("FAIL %s: %s\n  expected: %s\n  got (%s): %s %s\n", file,
		    jstr(t, "name"), json_object_to_json_string(
		    json_object_object_get(t, "expected")), status_str(st),
		    out.p, err);
	tmpl_set_free(s);
	arena_free(a);
	return ok;
}

static void
test_spec_file(void **state)
{
	const char		*file = *state;
	struct json_object	*root, *tests;
	char			 path[256];
	size_t			 i, n = 0, pass = 0;

	snprintf(path, sizeof(path), "%s%s", SPEC_DIR, file);
	if ((root = json_object_from_file(path)) == NULL)
		fail_msg("spec file %s is missing or unreadable", path);
	if (!json_object_object_get_ex(root, "tests", &tests) ||
	    (n = json_object_array_length(tests)) == 0) {
		json_object_put(root);
		fail_msg("spec file %s has no tests", path);
	}
	for (i = 0; i < n; i++)
		pass += spec_case(file, json_object_array_get_idx(tests, i));
	printf("spec %s: %zu/%zu\n", file, pass, n);
	json_object_put(root);
	assert_int_equal(pass, n);
}

/* Renders src as template "t" under policy raw; the output goes to *out. */
static enum status
render1(struct arena *a, enum tmpl_raw_policy raw, const char *src,
    const struct view *v, const char **out)
{
	struct tmpl_set	*s;
	struct buf	 b;
	char		 err[256];
	enum status	 st;

	s = tmpl_set_new(raw);
	buf_init(&b, a);
	st = tmpl_set_add(s, "t", src, strlen(src), err, sizeof(err));
	assert_int_equal(st, ST_OK);
	st = tmpl_render(s, "t", v, &b);
	tmpl_set_free(s);
	*out = b.p;
	return st;
}

static void
test_raw_refuses_plain_string(void **state)
{
	static const char *const srcs[] = {
		"{{{x}}}", "{{&x}}", "{{& x }}", "a{{#s}}b{{{x}}}{{/s}}",
		"{{{s.x}}}", "{{=<% %>=}}<%&x%>", "{{{e}}}",
	};
	struct tmpl_set	*s;
	struct arena	*a;
	struct view	*v, *sub;
	struct buf	 b;
	size_t		 i;

	(void)state;
	a = arena_new();
	v = view_map(a);
	sub = view_map(a);
	view_set_str(v, "x", "<b>bold</b>");
	view_set_str(v, "e", "");
	view_set_str(sub, "x", "<i>it</i>");
	view_set(v, "s", sub);
	for (i = 0; i < NITEMS(srcs); i++) {
		s = tmpl_set_new(TMPL_RAW_SAFE_ONLY);
		assert_int_equal(tmpl_set_add(s, "t", srcs[i], strlen(srcs[i]),
		    NULL, 0), ST_OK);
		buf_init(&b, a);
		buf_puts(&b, "before|");
		assert_int_equal(tmpl_render(s, "t", v, &b), ST_INTERNAL);
		/* The page so far stays; nothing of this render does. */
		assert_string_equal(b.p, "before|");
		tmpl_set_free(s);
	}
	arena_free(a);
}

static void
test_raw_accepts_html_and_numbers(void **state)
{
	struct arena	*a;
	struct view	*v;
	const char	*out;

	(void)state;
	a = arena_new();
	v = view_map(a);
	view_set_html(v, "h", html_safe_trusted(a, "<b>bold</b>", 11));
	view_set_int(v, "n", -42);
	view_set(v, "d", view_double(a, 2.5));
	view_set_bool(v, "t", 1);
	view_set(v, "z", view_null(a));
	assert_int_equal(render1(a, TMPL_RAW_SAFE_ONLY,
	    "{{{h}}}|{{&h}}|{{{n}}}|{{&d}}|{{{t}}}|{{{z}}}|{{{missing}}}", v,
	    &out), ST_OK);
	assert_string_equal(out, "<b>bold</b>|<b>bold</b>|-42|2.5|true||");
	/* An escaped slot escapes even safe HTML: {{x}} never emits markup. */
	assert_int_equal(render1(a, TMPL_RAW_SAFE_ONLY, "{{h}}", v, &out),
	    ST_OK);
	assert_string_equal(out, "&lt;b&gt;bold&lt;/b&gt;");
	arena_free(a);
}

static void
test_escape_all_five(void **state)
{
	struct arena	*a;
	struct view	*v;
	const char	*out;

	(void)state;
	a = arena_new();
	v = view_map(a);
	view_set_str(v, "x", "a&b<c>d\"e'f");
	assert_int_equal(render1(a, TMPL_RAW_SAFE_ONLY,
	    "{{x}}|{{#x}}{{.}}{{/x}}", v, &out), ST_OK);
	assert_string_equal(out, "a&amp;b&lt;c&gt;d&quot;e&#39;f|"
	    "a&amp;b&lt;c&gt;d&quot;e&#39;f");
	view_set_str(v, "x", "&&''");
	assert_int_equal(render1(a, TMPL_RAW_ANY, "{{x}}", v, &out), ST_OK);
	assert_string_equal(out, "&amp;&amp;&#39;&#39;");
	arena_free(a);
}

static void
test_escape_script_payload(void **state)
{
	struct arena	*a;
	struct view	*v;
	const char	*out;

	(void)state;
	a = arena_new();
	v = view_map(a);
	view_set_str(v, "x", "<script>alert(1)</script>");
	view_set_str(v, "y", "\" onmouseover='alert(1)'");
	assert_int_equal(render1(a, TMPL_RAW_SAFE_ONLY,
	    "<p>{{x}}</p><a title=\"{{y}}\" data-x='{{y}}'>", v, &out), ST_OK);
	assert_string_equal(out, "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"
	    "<a title=\"&quot; onmouseover=&#39;alert(1)&#39;\" "
	    "data-x='&quot; onmouseover=&#39;alert(1)&#39;'>");
	arena_free(a);
}

/* Presence, not content: "", 0, {} are truthy; null, false, [] are not. */
static void
test_truthiness(void **state)
{
	struct arena	*a;
	struct view	*v;
	const char	*out;

	(void)state;
	a = arena_new();
	v = view_map(a);
	view_set_str(v, "s", "");
	view_set_int(v, "i", 0);
	view_set(v, "m", view_map(a));
	view_set(v, "l", view_list(a));
	view_set(v, "n", view_null(a));
	view_set_bool(v, "f", 0);
	assert_int_equal(render1(a, TMPL_RAW_ANY,
	    "{{#s}}s{{/s}}{{#i}}i{{/i}}{{#m}}m{{/m}}{{#l}}l{{/l}}{{#n}}n{{/n}}"
	    "{{#f}}f{{/f}}{{#x}}x{{/x}}|{{^l}}L{{/l}}{{^n}}N{{/n}}{{^f}}F{{/f}}"
	    "{{^x}}X{{/x}}{{^s}}S{{/s}}", v, &out), ST_OK);
	assert_string_equal(out, "sim|LNFX");
	arena_free(a);
}

static void
test_numbers(void **state)
{
	struct arena	*a;
	struct view	*v;
	const char	*out;

	(void)state;
	a = arena_new();
	v = view_map(a);
	view_set_int(v, "min", -9223372036854775807LL - 1);
	view_set_int(v, "zero", 0);
	view_set(v, "tenth", view_double(a, 0.1));
	view_set(v, "two", view_double(a, 2.0));
	view_set(v, "big", view_double(a, 1e21));
	view_set(v, "neg", view_double(a, -1.21));
	assert_int_equal(render1(a, TMPL_RAW_ANY,
	    "{{min}} {{zero}} {{tenth}} {{two}} {{big}} {{neg}}", v, &out),
	    ST_OK);
	assert_string_equal(out, "-9223372036854775808 0 0.1 2 1e+21 -1.21");
	arena_free(a);
}

struct bad_src {
	const char	*src;
	const char	*msg;	/* the start of err */
};

static void
test_parse_errors_name_the_line(void **state)
{
	static const struct bad_src bad[] = {
		{ "a\n{{#x}}\nb", "t:2: unclosed {{#x}}" },
		{ "{{#a}}\n\n{{/b}}",
		    "t:3: {{/b}} does not close {{#a}} of line 1" },
		{ "x\ny\n{{z", "t:3: unclosed tag" },
		{ "x\n{{{z}}", "t:2: unclosed tag" },
		{ "\n\n{{/a}}", "t:3: unexpected {{/a}}" },
		{ "\n{{}}", "t:2: empty tag" },
		{ "{{a b}}", "t:1: bad name \"a b\"" },
		{ "{{#a..b}}{{/a..b}}", "t:1: bad name \"a..b\"" },
		{ "{{.a}}", "t:1: bad name \".a\"" },
		{ "\n{{=<%=}}", "t:2: bad delimiters" },
		{ "{{=<% %>=}}\n<%#a%>\n{{/a}}", "t:2: unclosed {{#a}}" },
		{ "{{<p}}\n{{$b}}\n{{/p}}",
		    "t:3: {{/p}} does not close {{$b}} of line 2" },
		{ "{{!\n\n}}{{$b}}", "t:3: unclosed {{$b}}" },
	};
	struct tmpl_set	*s;
	struct arena	*a;
	struct buf	 b;
	char		 err[256];
	size_t		 i;

	(void)state;
	a = arena_new();
	s = tmpl_set_new(TMPL_RAW_SAFE_ONLY);
	for (i = 0; i < NITEMS(bad); i++) {
		err[0] = '\0';
		assert_int_equal(tmpl_set_add(s, "t", bad[i].src,
		    strlen(bad[i].src), err, sizeof(err)), ST_INVALID);
		if (strncmp(err, bad[i].msg, strlen(bad[i].msg)) != 0)
			fail_msg("%s: got \"%s\", want \"%s\"", bad[i].src, err,
			    bad[i].msg);
		/* A short buffer truncates; none at all is allowed. */
		assert_int_equal(tmpl_set_add(s, "t", bad[i].src,
		    strlen(bad[i].src), err, 4), ST_INVALID);
		assert_int_equal(strlen(err), 3);
		assert_int_equal(tmpl_set_add(s, "t", bad[i].src,
		    strlen(bad[i].src), NULL, 0), ST_INVALID);
	}
	/* A template that failed to parse was not added. */
	buf_init(&b, a);
	assert_int_equal(tmpl_render(s, "t", NULL, &b), ST_INTERNAL);
	tmpl_set_free(s);
	arena_free(a);
}

static void
test_partial_recursion_is_limited(void **state)
{
	struct tmpl_set	*s;
	struct arena	*a;
	struct view	*v, *node, *kids;
	struct buf	 b;
	int		 i;

	(void)state;
	a = arena_new();
	s = tmpl_set_new(TMPL_RAW_SAFE_ONLY);
	assert_int_equal(ADD(s, "loop", "x{{>loop}}"),
	    ST_OK);
	assert_int_equal(ADD(s, "p", "{{$a}}{{/a}}"),
	    ST_OK);
	/* An override holding its own block loops with no partial at all. */
	assert_int_equal(ADD(s, "self",
	    "{{<p}}{{$a}}y{{$a}}{{/a}}{{/a}}{{/p}}"), ST_OK);
	assert_int_equal(ADD(s, "tree",
	    "({{n}}{{#kids}}{{>tree}}{{/kids}})"), ST_OK);
	buf_init(&b, a);
	assert_int_equal(tmpl_render(s, "loop", NULL, &b), ST_INTERNAL);
	assert_int_equal(b.len, 0);
	assert_int_equal(tmpl_render(s, "self", NULL, &b), ST_INTERNAL);
	assert_int_equal(b.len, 0);

	/* Recursion that ends is fine, 30 levels deep. */
	v = NULL;
	for (i = 30; i > 0; i--) {
		node = view_map(a);
		view_set_int(node, "n", i);
		kids = view_list(a);
		if (v != NULL)
			view_push(kids, v);
		view_set(node, "kids", kids);
		v = node;
	}
	assert_int_equal(tmpl_render(s, "tree", v, &b), ST_OK);
	assert_int_equal(strncmp(b.p, "(1(2(3", 6), 0);
	assert_non_null(strstr(b.p, "(28(29(30)))"));
	/* Digits, then parentheses. */
	assert_int_equal(b.len, 9 + 21 * 2 + 30 * 2);
	tmpl_set_free(s);
	arena_free(a);
}

static void
test_add_replaces_and_missing_fails(void **state)
{
	struct tmpl_set	*s;
	struct arena	*a;
	struct buf	 b;
	char		 name[16];
	int		 i;

	(void)state;
	a = arena_new();
	s = tmpl_set_new(TMPL_RAW_SAFE_ONLY);
	/* Enough templates to grow the table a few times. */
	for (i = 0; i < 100; i++) {
		snprintf(name, sizeof(name), "n%d", i);
		assert_int_equal(tmpl_set_add(s, name, name, strlen(name),
		    NULL, 0), ST_OK);
	}
	assert_int_equal(ADD(s, "n7", "seven"), ST_OK);
	buf_init(&b, a);
	assert_int_equal(tmpl_render(s, "n7", NULL, &b), ST_OK);
	assert_int_equal(tmpl_render(s, "n99", NULL, &b), ST_OK);
	assert_string_equal(b.p, "sevenn99");
	assert_int_equal(tmpl_render(s, "nope", NULL, &b), ST_INTERNAL);
	assert_string_equal(b.p, "sevenn99");
	tmpl_set_free(s);
	arena_free(a);
}

static void
write_file(const char *dir, const char *rel, const char *text)
{
	char	 path[512];
	FILE	*f;

	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	assert_non_null(f = fopen(path, "w"));
	fputs(text, f);
	fclose(f);
}

static void
remove_file(const char *dir, const char *rel)
{
	char	 path[512];

	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	assert_int_equal(remove(path), 0);
}

static const char *const tree_files[] = {
	"layout.mustache", "admin/users.mustache", "admin/deep/x.mustache",
	"notes.txt", ".hidden.mustache", "admin/deep", "admin",
};

static void
test_load_dir_names(void **state)
{
	struct tmpl_set	*s;
	struct arena	*a;
	struct view	*v;
	struct buf	 b;
	char		 dir[] = "/tmp/viva-tmpl-XXXXXX", slash[64], err[256];
	size_t		 i;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(slash, sizeof(slash), "%s/admin", dir);
	assert_int_equal(mkdir(slash, 0700), 0);
	snprintf(slash, sizeof(slash), "%s/admin/deep", dir);
	assert_int_equal(mkdir(slash, 0700), 0);
	write_file(dir, tree_files[0],
	    "<title>{{$title}}viva{{/title}}</title>\n"
	    "<main>\n  {{$body}}\n  {{/body}}\n</main>\n");
	write_file(dir, tree_files[1],
	    "{{<layout}}\n{{$title}}Users{{/title}}\n{{$body}}\n"
	    "<ul>\n{{#users}}\n  <li>{{.}}</li>\n{{/users}}\n</ul>\n"
	    "{{/body}}\n{{/layout}}\n");
	write_file(dir, tree_files[2], "deep {{>admin/users}}");
	write_file(dir, tree_files[3], "not a template");
	write_file(dir, tree_files[4], "{{#broken");

	a = arena_new();
	v = view_map(a);
	view_set(v, "users", view_list(a));
	view_push(view_get(v, "users"), view_str(a, "ann"));
	view_push(view_get(v, "users"), view_str(a, "<bob>"));
	s = tmpl_set_new(TMPL_RAW_SAFE_ONLY);
	snprintf(slash, sizeof(slash), "%s//", dir);
	assert_int_equal(tmpl_set_load_dir(s, slash, err, sizeof(err)), ST_OK);
	buf_init(&b, a);
	assert_int_equal(tmpl_render(s, "admin/users", v, &b), ST_OK);
	assert_string_equal(b.p, "<title>Users</title>\n<main>\n  <ul>\n"
	    "    <li>ann</li>\n    <li>&lt;bob&gt;</li>\n  </ul>\n</main>\n");
	buf_init(&b, a);
	assert_int_equal(tmpl_render(s, "admin/deep/x", v, &b), ST_OK);
	assert_int_equal(strncmp(b.p, "deep <title>Users", 17), 0);
	assert_int_equal(tmpl_render(s, "notes", v, &b), ST_INTERNAL);
	assert_int_equal(tmpl_render(s, ".hidden", v, &b), ST_INTERNAL);
	assert_int_equal(tmpl_render(s, "users", v, &b), ST_INTERNAL);

	/* A broken file fails the load, naming file and line. */
	write_file(dir, "admin/bad.mustache", "ok\n{{#open}}\n");
	assert_int_equal(tmpl_set_load_dir(s, dir, err, sizeof(err)),
	    ST_INVALID);
	assert_string_equal(err, "admin/bad:2: unclosed {{#open}}");
	remove_file(dir, "admin/bad.mustache");
	tmpl_set_free(s);

	for (i = 0; i < NITEMS(tree_files); i++)
		remove_file(dir, tree_files[i]);
	assert_int_equal(rmdir(dir), 0);
	s = tmpl_set_new(TMPL_RAW_SAFE_ONLY);
	assert_int_equal(tmpl_set_load_dir(s, dir, err, sizeof(err)),
	    ST_NOTFOUND);
	assert_non_null(strstr(err, dir));
	tmpl_set_free(s);
	arena_free(a);
}

/* The page layout the product uses: blocks inside an indented layout. */
static void
test_layout_inheritance(void **state)
{
	struct tmpl_set	*s;
	struct arena	*a;
	struct view	*v;
	struct buf	 b;
	const char	*layout =
	    "<!doctype html>\n"
	    "<html>\n"
	    "  <head>\n"
	    "    <title>{{$title}}viva{{/title}}</title>\n"
	    "  </head>\n"
	    "  <body>\n"
	    "    {{>nav}}\n"
	    "    {{$body}}\n"
	    "    <p>empty</p>\n"
	    "    {{/body}}\n"
	    "  </body>\n"
	    "</html>\n";
	const char	*page =
	    "{{<layout}}\n"
	    "{{$title}}{{name}} - viva{{/title}}\n"
	    "{{$body}}\n"
	    "<h1>{{name}}</h1>\n"
	    "{{#items}}\n"
	    "<p>{{.}}</p>\n"
	    "{{/items}}\n"
	    "{{/body}}\n"
	    "{{/layout}}\n";

	(void)state;
	a = arena_new();
	s = tmpl_set_new(TMPL_RAW_SAFE_ONLY);
	assert_int_equal(ADD(s, "layout", layout), ST_OK);
	assert_int_equal(ADD(s, "nav", "<nav>\n  <a>home</a>\n</nav>\n"),
	    ST_OK);
	assert_int_equal(ADD(s, "page", page),
	    ST_OK);
	v = view_map(a);
	view_set_str(v, "name", "Q&A");
	view_set(v, "items", view_list(a));
	view_push(view_get(v, "items"), view_str(a, "one"));
	view_push(view_get(v, "items"), view_str(a, "two"));
	buf_init(&b, a);
	assert_int_equal(tmpl_render(s, "page", v, &b), ST_OK);
	assert_string_equal(b.p,
	    "<!doctype html>\n"
	    "<html>\n"
	    "  <head>\n"
	    "    <title>Q&amp;A - viva</title>\n"
	    "  </head>\n"
	    "  <body>\n"
	    "    <nav>\n"
	    "      <a>home</a>\n"
	    "    </nav>\n"
	    "    <h1>Q&amp;A</h1>\n"
	    "    <p>one</p>\n"
	    "    <p>two</p>\n"
	    "  </body>\n"
	    "</html>\n");
	buf_init(&b, a);
	assert_int_equal(tmpl_render(s, "layout", v, &b), ST_OK);
	assert_non_null(strstr(b.p, "  <body>\n    <nav>\n      <a>home</a>\n"
	    "    </nav>\n    <p>empty</p>\n  </body>\n"));
	tmpl_set_free(s);
	arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_prestate(test_spec_file, "comments.json"),
		cmocka_unit_test_prestate(test_spec_file, "delimiters.json"),
		cmocka_unit_test_prestate(test_spec_file, "interpolation.json"),
		cmocka_unit_test_prestate(test_spec_file, "inverted.json"),
		cmocka_unit_test_prestate(test_spec_file, "partials.json"),
		cmocka_unit_test_prestate(test_spec_file, "sections.json"),
		cmocka_unit_test_prestate(test_spec_file, "~inheritance.json"),
		cmocka_unit_test(test_raw_refuses_plain_string),
		cmocka_unit_test(test_raw_accepts_html_and_numbers),
		cmocka_unit_test(test_escape_all_five),
		cmocka_unit_test(test_escape_script_payload),
		cmocka_unit_test(test_truthiness),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_parse_errors_name_the_line),
		cmocka_unit_test(test_partial_recursion_is_limited),
		cmocka_unit_test(test_add_replaces_and_missing_fails),
		cmocka_unit_test(test_load_dir_names),
		cmocka_unit_test(test_layout_inheritance),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
