/* lib_markdown_test.c: GFM to HTML, with raw HTML and unsafe links taken out. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "lib/arena.h"
#include "lib/markdown.h"

/* The rendered HTML as a C string in the arena. */
static const char *
render(struct arena *a, const char *md)
{
	const struct html_safe	*h = markdown_render(a, md, strlen(md));

	assert_non_null(h);
	assert_non_null(h->p);
	assert_int_equal(strlen(h->p), h->len);
	return h->p;
}

#define assert_contains(hay, needle) do {				\
	if (strstr((hay), (needle)) == NULL)				\
		fail_msg("\"%s\" not in:\n%s", (needle), (hay));	\
} while (0)
#define assert_lacks(hay, needle) do {					\
	if (strstr((hay), (needle)) != NULL)				\
		fail_msg("\"%s\" in:\n%s", (needle), (hay));		\
} while (0)

static void
test_markdown_renders_paragraphs_and_emphasis(void **state)
{
	struct arena	*a = arena_new();
	const char	*h;

	(void)state;
	h = render(a, "# Title\n\nSome *emphasis* and `code` & more.\n");
	assert_contains(h, "<h1>Title</h1>");
	assert_contains(h, "<em>emphasis</em>");
	assert_contains(h, "<code>code</code>");
	assert_contains(h, "&amp; more");
	arena_free(a);
}

static void
test_markdown_renders_tables(void **state)
{
	struct arena	*a = arena_new();
	const char	*h;

	(void)state;
	h = render(a, "| n | fib(n) |\n|---|---:|\n| 1 | 1 |\n| 10 | 55 |\n");
	assert_contains(h, "<table>");
	assert_contains(h, "<th>n</th>");
	/* Aligned by a class: HTML5 has no align, the CSP no style="". */
	assert_contains(h, "<th class=\"align-right\">fib(n)</th>");
	assert_contains(h, "<td class=\"align-right\">55</td>");
	assert_lacks(h, "align=");
	/* The same words as text stay text. */
	h = render(a, "`<td align=\"right\">` and <th align=\"left\">\n");
	assert_contains(h, "<code>&lt;td align=&quot;right&quot;&gt;</code>");
	assert_lacks(h, "class=");
	arena_free(a);
}

static void
test_markdown_fenced_code_has_language_class(void **state)
{
	struct arena	*a = arena_new();
	const char	*h;

	(void)state;
	h = render(a, "```python\ndef f(x):\n    return x < 3\n```\n");
	assert_contains(h, "<pre><code class=\"language-python\">");
	assert_contains(h, "return x &lt; 3");
	arena_free(a);
}

static void
test_markdown_renders_gfm_extensions(void **state)
{
	struct arena	*a = arena_new();
	const char	*h;

	(void)state;
	h = render(a, "~~gone~~ see https://example.com/x\n\n- [x] done\n- [ ] todo\n");
	assert_contains(h, "<del>gone</del>");
	assert_contains(h, "<a href=\"https://example.com/x\">");
	/* HTML5's spelling, each box named for a screen reader. */
	assert_contains(h, "<li><input type=\"checkbox\" checked disabled"
	    " aria-label=\"Done\"> done</li>");
	assert_contains(h, "<li><input type=\"checkbox\" disabled"
	    " aria-label=\"Not done\"> todo</li>");
	assert_null(strstr(h, "/>"));
	/* Text that looks like the tag stays text. */
	h = render(a, "`<input type=\"checkbox\" disabled=\"\" />` and"
	    " <input type=\"checkbox\">\n");
	assert_null(strstr(h, "<input"));
	arena_free(a);
}

/* Raw HTML, inline and as a block, never reaches the page as markup: as text. */
static void
test_markdown_raw_html_is_shown_as_text(void **state)
{
	static const char *const bad[] = {
		"<script>alert(1)</script>\n",
		"text <script>alert(1)</script> more\n",
		"<div onclick=\"alert(1)\">x</div>\n",
		"<img src=x onerror=alert(1)>\n",
		"a <iframe src=\"https://evil.test\"></iframe>\n",
		"<style>body{display:none}</style>\n",
	};
	struct arena	*a = arena_new();
	const char	*h;
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		h = render(a, bad[i]);
		assert_lacks(h, "<script");
		assert_lacks(h, "<div");
		assert_lacks(h, "<img");
		assert_lacks(h, "<iframe");
		assert_lacks(h, "<style");
		assert_lacks(h, "raw HTML omitted");
		assert_contains(h, "&lt;");
	}
	/* Read as written: inline as text, a block as code. */
	h = render(a, "Wrap it in a <div> and <b>bold</b> it.\n");
	assert_contains(h, "<p>Wrap it in a &lt;div&gt; and &lt;b&gt;bold&lt;/b&gt;"
	    " it.</p>");
	h = render(a, "Before\n\n<section>\n  <p>hi</p>\n</section>\n\nAfter\n");
	assert_contains(h, "<pre><code>&lt;section&gt;\n  &lt;p&gt;hi&lt;/p&gt;\n"
	    "&lt;/section&gt;\n</code></pre>");
	assert_contains(h, "<p>Before</p>");
	assert_contains(h, "<p>After</p>");
	/* In code it is text, escaped. */
	h = render(a, "`<script>`\n\n```\n<script>alert(1)</script>\n```\n");
	assert_contains(h, "<code>&lt;script&gt;</code>");
	assert_contains(h, "&lt;script&gt;alert(1)&lt;/script&gt;");
	assert_lacks(h, "<script");
	arena_free(a);
}

/* As plain text: the words without the marks, raw HTML as written. */
static void
test_markdown_as_text_drops_the_marks(void **state)
{
	struct arena	*a = arena_new();

	(void)state;
	assert_string_equal(markdown_text(a, "# Title\n\n**Bold** `code` and"
	    " <b>tag</b>\n", 40), "Title\n\nBold code and <b>tag</b>\n");
	assert_string_equal(markdown_text(a, "", 0), "");
	arena_free(a);
}

/*
 * As plain text each kind of block gives its words only: a table its cells
 * with a dash between and a row a line, no pipes or rule; lists, code,
 * headings, links, images and struck text without their marks.
 */
#define DASH	"\u2013"	/* an en dash, between two cells */

static void
test_markdown_as_text_gives_each_block_its_words(void **state)
{
	static const char *const cases[][2] = {
		{ "| n | fib(n) |\n|---|---:|\n| 1 | 1 |\n| 10 | 55 |\n",
		  "n " DASH " fib(n)\n1 " DASH " 1\n10 " DASH " 55\n" },
		{ "Fill in:\n\n| a | b | c |\n|:-|:-:|-:|\n| x |  | `z` |\n"
		  "\nThen explain.\n",
		  "Fill in:\n\na " DASH " b " DASH " c\nx " DASH " z\n"
		  "\nThen explain.\n" },
		{ "Name three:\n\n- TCP\n- *UDP*\n- QUIC\n",
		  "Name three:\n\nTCP\nUDP\nQUIC\n" },
		{ "1. first\n2. second\n   - nested\n",
		  "first\nsecond\nnested\n" },
		{ "- [x] done\n- [ ] todo\n", "done\ntodo\n" },
		{ "## Heading\nbody line\nwraps here\n",
		  "Heading\n\nbody line wraps here\n" },
		{ "Read:\n\n```c\nint x;\nx++;\n```\n\n    indented\n",
		  "Read:\n\nint x;\nx++;\n\nindented\n" },
		{ "See [the docs](https://example.com/d) and ![a chart](c.png),"
		  " https://example.com/a ~~old~~\n",
		  "See the docs and a chart, https://example.com/a old\n" },
		{ "> quoted\n\n---\n\nend  \nhard\n", "quoted\n\nend\nhard\n" },
	};
	struct arena	*a = arena_new();
	const char	*t;
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		t = markdown_text(a, cases[i][0], strlen(cases[i][0]));
		assert_string_equal(t, cases[i][1]);
		assert_lacks(t, "|");
		assert_lacks(t, "---");
	}
	arena_free(a);
}

static void
test_markdown_unsafe_links_are_dropped(void **state)
{
	static const char *const bad[] = {
		"[click](javascript:alert(1))\n",
		"[click](JavaScript:alert(1))\n",
		"[click](vbscript:msgbox)\n",
		"[click](data:text/html;base64,PHNjcmlwdD4=)\n",
		"![img](javascript:alert(1))\n",
		"<javascript:alert(1)>\n",
		"[ref]\n\n[ref]: javascript:alert(1)\n",
	};
	struct arena	*a = arena_new();
	const char	*h;
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		h = render(a, bad[i]);
		assert_lacks(h, "href=\"javascript");
		assert_lacks(h, "href=\"JavaScript");
		assert_lacks(h, "src=\"javascript");
		assert_lacks(h, "vbscript:");
		assert_lacks(h, "data:text/html");
	}
	/* Shown as the words they are, not as a link that leads nowhere. */
	assert_string_equal(render(a, "[click](javascript:alert(1))\n"),
	    "<p>click</p>\n");
	assert_string_equal(render(a, "a ![the *alt*](vbscript:x) b\n"),
	    "<p>a the <em>alt</em> b</p>\n");
	assert_string_equal(render(a, "[![i](javascript:x)](file:y)\n"),
	    "<p>i</p>\n");
	h = render(a, "![dot](data:image/png;base64,iVBORw0KGgo=)\n");
	assert_contains(h, "src=\"data:image/png;base64,iVBORw0KGgo=\"");
	h = render(a, "[ok](https://example.com/a?b=1&c=2)\n");
	assert_contains(h, "<a href=\"https://example.com/a?b=1&amp;c=2\">ok</a>");
	arena_free(a);
}

/* Broken Markdown is still text: nothing is lost, nothing fails. */
static void
test_markdown_broken_input_still_renders_text(void **state)
{
	struct arena	*a = arena_new();
	const char	*h;

	(void)state;
	h = render(a, "before\n\n```c\nint main(void) {\n  return 0;\n");
	assert_contains(h, "before");
	assert_contains(h, "return 0;");
	h = render(a, "| a | b\n| stray | pipes | here |\nno header row |\n");
	assert_contains(h, "stray");
	assert_contains(h, "no header row");
	h = render(a, "**unclosed _emphasis [link(\n");
	assert_contains(h, "unclosed");
	assert_contains(h, "[link(");
	h = render(a, "");
	assert_string_equal(h, "");
	arena_free(a);
}

/* A NUL or invalid UTF-8 in the middle does not cut the text short. */
static void
test_markdown_odd_bytes_do_not_stop_rendering(void **state)
{
	static const char	 md[] = "one\0two \xff\xfe three";
	struct arena		*a = arena_new();
	const struct html_safe	*h;

	(void)state;
	h = markdown_render(a, md, sizeof(md) - 1);
	assert_non_null(strstr(h->p, "one"));
	assert_non_null(strstr(h->p, "three"));
	arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_markdown_renders_paragraphs_and_emphasis),
		cmocka_unit_test(test_markdown_renders_tables),
		cmocka_unit_test(test_markdown_fenced_code_has_language_class),
		cmocka_unit_test(test_markdown_renders_gfm_extensions),
		cmocka_unit_test(test_markdown_raw_html_is_shown_as_text),
		cmocka_unit_test(test_markdown_as_text_drops_the_marks),
		cmocka_unit_test(test_markdown_as_text_gives_each_block_its_words),
		cmocka_unit_test(test_markdown_unsafe_links_are_dropped),
		cmocka_unit_test(test_markdown_broken_input_still_renders_text),
		cmocka_unit_test(test_markdown_odd_bytes_do_not_stop_rendering),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
