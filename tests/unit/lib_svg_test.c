/*
 * lib_svg_test.c: the chart writer: an image with its name and figures in
 * words, the figures' table, escaping, empty data, scaling.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "lib/arena.h"
#include "lib/b64.h"
#include "lib/svg.h"

#define IMG	"<div class=\"chart-box\"><img class=\"chart\"" \
		" src=\"data:image/svg+xml;base64,"

/* The chart's HTML: the image, then the table of figures. */
static char *
html(struct arena *a, const struct html_safe *h)
{
	assert_non_null(h);
	return arena_strndup(a, h->p, h->len);
}

/* The SVG document in the image's data: URL, decoded. */
static char *
svg_of(struct arena *a, const char *h)
{
	const char	*p, *end;
	unsigned char	*out;
	size_t		 len;

	assert_int_equal(strncmp(h, IMG, strlen(IMG)), 0);
	p = h + strlen(IMG);
	end = strchr(p, '"');
	assert_non_null(end);
	out = arena_alloc(a, (size_t)(end - p) + 1);
	assert_int_equal(b64_decode(out, (size_t)(end - p), p,
	    (size_t)(end - p), &len), 0);
	out[len] = '\0';
	return (char *)out;
}

/* The drawing: decoded, a whole SVG document. */
static char *
text(struct arena *a, const struct html_safe *h)
{
	char	*s = svg_of(a, html(a, h));

	assert_int_equal(strncmp(s, "<svg ", 5), 0);
	assert_non_null(strstr(s, "</svg>"));
	return s;
}

/* The image's alt text, as written (escaped). */
static char *
alt_of(struct arena *a, const char *h)
{
	const char	*p = strstr(h, " alt=\""), *end;

	assert_non_null(p);
	p += 6;
	end = strchr(p, '"');
	assert_non_null(end);
	return arena_strndup(a, p, (size_t)(end - p));
}

static void
test_line_chart_escapes_every_text(void **state)
{
	struct arena		*a = arena_new();
	struct svg_point	 p[] = { { 0, 0 }, { 1, 10 } };
	const char		*t = "&lt;script&gt;alert(&#39;x&#39;)"
				    "&lt;/script&gt;";
	char			*s, *h;

	(void)state;
	h = html(a, svg_line_chart(a, "<script>alert('x')</script>",
	    "a&b", "\"y\"", p, 2, 0, 400, 200));
	s = svg_of(a, h);
	/* The drawing: its title, axis names and description. */
	assert_null(strstr(s, "<script"));
	assert_non_null(strstr(s, arena_printf(a, "<title id=\"title\">%s"
	    "</title>", t)));
	assert_non_null(strstr(s, ">a&amp;b</text>"));
	assert_non_null(strstr(s, ">&quot;y&quot;</text>"));
	assert_non_null(strstr(s, "<desc id=\"desc\">0 at a&amp;b 0, 10 at"
	    " a&amp;b 1.</desc>"));
	assert_null(strstr(s, "style="));
	/* The page: the alt text, the caption and the column headings. */
	assert_null(strstr(h, "<script"));
	assert_null(strstr(h, "style="));
	assert_string_equal(alt_of(a, h), arena_printf(a, "%s: 0 at a&amp;b 0,"
	    " 10 at a&amp;b 1.", t));
	assert_non_null(strstr(h, arena_printf(a, "<caption>%s</caption>", t)));
	assert_non_null(strstr(h, "<th scope=\"col\">A&amp;b</th>"
	    "<th scope=\"col\" class=\"num\">&quot;y&quot;</th>"));
	arena_free(a);
}

/* Levels keep one scale: reaching only level 1 of 0-4 plots a quarter up. */
static void
test_level_chart_keeps_every_level_on_the_scale(void **state)
{
	struct arena		*a = arena_new();
	struct svg_point	 p[] = { { 1, 0 }, { 2, 1 } };
	const char		*levels[] = { "Warm-up", "Fundamentals",
				    "Intermediate", "Advanced", "Expert" };
	char			*s, *h;

	(void)state;
	/* 640 x 240: the plot is 96..624 across and 204 (0) up to 16 (4). */
	h = html(a, svg_level_chart(a, "Levels", "question", p, 2, levels, 5,
	    640, 240));
	s = text(a, svg_level_chart(a, "Levels", "question", p, 2, levels, 5,
	    640, 240));
	/* In words and in the table, each level by its name. */
	assert_string_equal(alt_of(a, h), "Levels: Warm-up at question 1,"
	    " Fundamentals at question 2.");
	assert_non_null(strstr(s, "<desc id=\"desc\">Warm-up at question 1,"
	    " Fundamentals at question 2.</desc>"));
	assert_non_null(strstr(h, "<thead><tr><th scope=\"col\">Question</th>"
	    "<th scope=\"col\">Level</th></tr></thead><tbody>"
	    "<tr><th scope=\"row\">1</th><td>Warm-up</td></tr>"
	    "<tr><th scope=\"row\">2</th><td>Fundamentals</td></tr>"
	    "</tbody></table></details>"));
	assert_non_null(strstr(s, "points=\"360.0,204.0 624.0,157.0\""));
	assert_non_null(strstr(s, ">Warm-up</text>"));
	assert_non_null(strstr(s, ">Expert</text>"));
	assert_non_null(strstr(s, "y=\"20.0\" font-size=\"12\" fill=\"#555\""
	    " text-anchor=\"end\">Expert"));
	/* Six questions end at the right edge, not at 6 of a rounded 10. */
	{
		struct svg_point	 six[] = { { 1, 0 }, { 6, 2 } };

		s = text(a, svg_level_chart(a, "Levels", "question", six, 2,
		    levels, 5, 640, 240));
		assert_non_null(strstr(s, " 624.0,110.0\""));
	}
	s = text(a, svg_level_chart(a, "Levels", "question", p, 0, levels, 5,
	    640, 240));
	assert_non_null(strstr(s, "No data"));
	arena_free(a);
}

static void
test_stacked_bar_escapes_labels_values_and_colours(void **state)
{
	struct arena		*a = arena_new();
	struct svg_segment	 seg[] = {
		{ "<b>Active</b>", 30, "#0f0" },
		{ "Idle & co", 10, "red\" onload=\"x" },
	};
	const char		*texts[] = { "<i>30s</i>", NULL };
	char			*s, *h;

	(void)state;
	h = html(a, svg_stacked_bar(a, "T'itle", "p<art", "\"time\"", seg, 2,
	    texts, 400));
	s = svg_of(a, h);
	assert_null(strstr(s, "<b>"));
	assert_null(strstr(s, "<i>"));
	assert_null(strstr(s, "onload"));
	assert_non_null(strstr(s, "&lt;b&gt;Active&lt;/b&gt;: &lt;i&gt;30s"));
	assert_non_null(strstr(s, "Idle &amp; co: 10 (25%)"));
	assert_non_null(strstr(s, "fill=\"#0f0\""));
	assert_non_null(strstr(s, "<title id=\"title\">T&#39;itle</title>"));
	assert_non_null(strstr(s, "<desc id=\"desc\">&lt;b&gt;Active&lt;/b&gt;"
	    " &lt;i&gt;30s&lt;/i&gt; (75%), Idle &amp; co 10 (25%).</desc>"));
	/* Escaped on the page as well: alt text, caption, headings, cells. */
	assert_null(strstr(h, "<b>"));
	assert_null(strstr(h, "<i>"));
	assert_null(strstr(h, "onload"));
	assert_string_equal(alt_of(a, h), "T&#39;itle: &lt;b&gt;Active"
	    "&lt;/b&gt; &lt;i&gt;30s&lt;/i&gt; (75%), Idle &amp; co 10 (25%).");
	assert_non_null(strstr(h, "<caption>T&#39;itle</caption><thead><tr>"
	    "<th scope=\"col\">P&lt;art</th><th scope=\"col\">&quot;time&quot;"
	    "</th><th scope=\"col\" class=\"num\">Share</th></tr></thead>"
	    "<tbody>"
	    "<tr><th scope=\"row\">&lt;b&gt;Active&lt;/b&gt;</th>"
	    "<td>&lt;i&gt;30s&lt;/i&gt;</td><td class=\"num\">75%</td></tr>"
	    "<tr><th scope=\"row\">Idle &amp; co</th><td>10</td>"
	    "<td class=\"num\">25%</td></tr></tbody>"));
	arena_free(a);
}

static void
test_empty_data_says_so(void **state)
{
	struct arena		*a = arena_new();
	struct svg_segment	 zero[] = { { "A", 0, NULL }, { "B", -5, NULL } };
	struct svg_point	 nan[] = { { 0, 0 } };
	char			*s, *h;

	(void)state;
	h = html(a, svg_line_chart(a, "t", "x", "y", NULL, 0, 0, 400, 200));
	s = svg_of(a, h);
	assert_non_null(strstr(s, "No data"));
	assert_null(strstr(s, "<polyline"));
	assert_non_null(strstr(s, "</svg>"));
	/* Said in words; no empty table. */
	assert_string_equal(alt_of(a, h), "t: No data.");
	assert_non_null(strstr(s, "<desc id=\"desc\">No data.</desc>"));
	assert_null(strstr(h, "<details"));
	h = html(a, svg_stacked_bar(a, "t", "a", "b", NULL, 0, NULL, 400));
	assert_non_null(strstr(svg_of(a, h), "No data"));
	assert_string_equal(alt_of(a, h), "t: No data.");
	assert_null(strstr(h, "<table"));
	s = text(a, svg_stacked_bar(a, "t", "a", "b", zero, 2, NULL, 400));
	assert_non_null(strstr(s, "No data"));
	assert_null(strstr(s, "<rect"));
	/* One point at the origin: a chart, no division by zero. */
	s = text(a, svg_line_chart(a, "t", "x", "y", nan, 1, 0, 400, 200));
	assert_non_null(strstr(s, "<polyline"));
	assert_null(strstr(s, "nan"));
	assert_null(strstr(s, "inf"));
	arena_free(a);
}

/* The polyline's points, parsed. */
static size_t
points(const char *s, double *xs, double *ys, size_t max)
{
	const char	*p = strstr(s, "points=\"");
	size_t		 n = 0;
	char		*end;

	assert_non_null(p);
	p += 8;
	while (*p != '"' && n < max) {
		xs[n] = strtod(p, &end);
		assert_true(*end == ',');
		ys[n] = strtod(end + 1, &end);
		n++;
		p = end;
		while (*p == ' ')
			p++;
	}
	return n;
}

static void
test_line_chart_scales_into_the_plot_area(void **state)
{
	struct arena		*a = arena_new();
	/* Largest y 100 and x 10: the scale is exactly that (1, 2, 5 x 10^n). */
	struct svg_point	 p[] = { { 0, 0 }, { 5, 50 }, { 10, 100 },
				    { 3, -7 } };
	double			 xs[8], ys[8];
	double			 left = SVG_PAD_LEFT, right = 400 - SVG_PAD_RIGHT;
	double			 top = SVG_PAD_TOP, bottom = 200 - SVG_PAD_BOTTOM;
	char			*s;
	size_t			 n;

	(void)state;
	s = text(a, svg_line_chart(a, "t", "x", "y", p, 4, 0, 400, 200));
	assert_non_null(strstr(s, "viewBox=\"0 0 400 200\""));
	n = points(s, xs, ys, 8);
	assert_int_equal(n, 4);
	assert_float_equal(xs[0], left, 0.1);
	assert_float_equal(ys[0], bottom, 0.1);
	assert_float_equal(xs[1], (left + right) / 2, 0.1);
	assert_float_equal(ys[1], (top + bottom) / 2, 0.1);
	assert_float_equal(xs[2], right, 0.1);
	assert_float_equal(ys[2], top, 0.1);
	assert_float_equal(ys[3], bottom, 0.1);	/* negative: 0 */
	/* Axis maxima are labelled. */
	assert_non_null(strstr(s, ">100</text>"));
	assert_non_null(strstr(s, ">10</text>"));
	/* 130 rounds up to 200: the point sits at 65% of the height. */
	p[2].y = 130;
	s = text(a, svg_line_chart(a, "t", "x", "y", p, 3, 0, 400, 200));
	n = points(s, xs, ys, 8);
	assert_float_equal(ys[2], bottom - 0.65 * (bottom - top), 0.1);
	assert_non_null(strstr(s, ">200</text>"));
	arena_free(a);
}

static void
test_stacked_bar_splits_the_width_by_value(void **state)
{
	struct arena		*a = arena_new();
	struct svg_segment	 seg[] = { { "A", 1, NULL }, { "B", 3, NULL } };
	char			*s, *r1, *r2;
	double			 w1, w2;

	(void)state;
	s = text(a, svg_stacked_bar(a, "t", "a", "b", seg, 2, NULL, 400));
	r1 = strstr(s, "<rect");
	assert_non_null(r1);
	r2 = strstr(r1 + 1, "<rect");
	assert_non_null(r2);
	w1 = strtod(strstr(r1, "width=\"") + 7, NULL);
	w2 = strtod(strstr(r2, "width=\"") + 7, NULL);
	assert_float_equal(w2, 3 * w1, 0.2);
	assert_non_null(strstr(s, "A: 1 (25%)"));
	assert_non_null(strstr(s, "B: 3 (75%)"));
	arena_free(a);
}

/*
 * A chart names itself and says its key figures: in the image's alt text
 * (what a screen reader reads and a text browser shows), in the drawing's
 * <title> and <desc>, and every figure in a table.
 */
static void
test_line_chart_says_its_figures_in_words_and_a_table(void **state)
{
	struct arena		*a = arena_new();
	struct svg_point	 p[] = { { 0, 0 }, { 5, 1200 }, { 42, 12345 } };
	struct svg_point	 many[12];
	char			*s, *h;
	size_t			 i;

	(void)state;
	h = html(a, svg_line_chart(a, "Cumulative tokens", "minute", "tokens",
	    p, 3, 0, 640, 240));
	s = svg_of(a, h);
	assert_non_null(strstr(s, " role=\"img\" aria-labelledby=\"title"
	    " desc\""));
	assert_non_null(strstr(s, "<title id=\"title\">Cumulative tokens"
	    "</title><desc id=\"desc\">0 at minute 0, 1,200 at minute 5,"
	    " 12,345 at minute 42.</desc>"));
	/* The image, sized as drawn; its alt text is its name and figures. */
	assert_non_null(strstr(h, "\" width=\"640\" height=\"240\" alt=\""));
	assert_string_equal(alt_of(a, h), "Cumulative tokens: 0 at minute 0,"
	    " 1,200 at minute 5, 12,345 at minute 42.");
	/* Then the table, folded, right after the image's box. */
	assert_non_null(strstr(h, "\"></div><details class=\"figures\">"
	    "<summary>The figures</summary><table class=\"table\">"
	    "<caption>Cumulative tokens</caption>"
	    "<thead><tr><th scope=\"col\">Minute</th>"
	    "<th scope=\"col\" class=\"num\">Tokens</th></tr></thead><tbody>"
	    "<tr><th scope=\"row\">0</th><td class=\"num\">0</td></tr>"
	    "<tr><th scope=\"row\">5</th><td class=\"num\">1,200</td></tr>"
	    "<tr><th scope=\"row\">42</th><td class=\"num\">12,345</td></tr>"
	    "</tbody></table></details>"));
	assert_int_equal(h[strlen(h) - 1], '>');
	/* The axis's top, grouped as well. */
	assert_non_null(strstr(s, ">20,000</text>"));
	/* Many points: the first, highest and last; all in the table. */
	for (i = 0; i < 12; i++) {
		many[i].x = (double)i / 2;
		many[i].y = i == 4 ? 50 : (double)i;
	}
	h = html(a, svg_line_chart(a, "T", "minute", "tokens", many, 12, 0,
	    640, 240));
	assert_string_equal(alt_of(a, h), "T: 0 at minute 0, …, 50 at minute 2,"
	    " …, 11 at minute 5.5.");
	assert_non_null(strstr(h, "<tr><th scope=\"row\">1.5</th>"
	    "<td class=\"num\">3</td></tr>"));
	/* A quick chat: its minutes to two decimals, not all "0". */
	p[1] = (struct svg_point){ 0.02, 454 };
	p[2] = (struct svg_point){ 0.05, 971 };
	h = html(a, svg_line_chart(a, "T", "minute", "tokens", p, 3, 0, 640,
	    240));
	assert_string_equal(alt_of(a, h), "T: 0 at minute 0, 454 at minute"
	    " 0.02, 971 at minute 0.05.");
	assert_non_null(strstr(svg_of(a, h), ">0.05</text>"));
	arena_free(a);
}

/*
 * An interview of 3 min 47 s whose last message came at minute 2: the axis
 * runs to its end, 3.8, not to 2, so that its quiet end shows; the line
 * stops at the last point, and the words say how far the chart runs.
 */
static void
test_line_chart_runs_to_its_span(void **state)
{
	struct arena		*a = arena_new();
	struct svg_point	 p[] = { { 0, 0 }, { 1, 300 }, { 2, 900 } };
	double			 xs[4], ys[4];
	double			 left = SVG_PAD_LEFT, right = 640 - SVG_PAD_RIGHT;
	double			 span = 227 / 60.0;
	char			*s, *h;

	(void)state;
	h = html(a, svg_line_chart(a, "T", "minute", "tokens", p, 3, span,
	    640, 240));
	s = svg_of(a, h);
	assert_non_null(strstr(s, ">3.8</text>"));
	assert_null(strstr(s, ">2</text>"));
	assert_int_equal(points(s, xs, ys, 4), 3);
	assert_float_equal(xs[2], left + 2 / span * (right - left), 0.1);
	assert_string_equal(alt_of(a, h), "T: 0 at minute 0, 300 at minute 1,"
	    " 900 at minute 2; the chart runs to minute 3.8.");
	/* The table has the points alone. */
	assert_null(strstr(h, "<th scope=\"row\">3.8</th>"));
	/* A span the points pass (or reach) changes nothing. */
	h = html(a, svg_line_chart(a, "T", "minute", "tokens", p, 3, 1.5,
	    640, 240));
	s = svg_of(a, h);
	assert_non_null(strstr(s, ">2</text>"));
	assert_string_equal(alt_of(a, h), "T: 0 at minute 0, 300 at minute 1,"
	    " 900 at minute 2.");
	h = html(a, svg_line_chart(a, "T", "minute", "tokens", p, 3, 2.01,
	    640, 240));
	assert_string_equal(alt_of(a, h), "T: 0 at minute 0, 300 at minute 1,"
	    " 900 at minute 2.");
	arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_line_chart_escapes_every_text),
		cmocka_unit_test(test_level_chart_keeps_every_level_on_the_scale),
		cmocka_unit_test(test_stacked_bar_escapes_labels_values_and_colours),
		cmocka_unit_test(test_empty_data_says_so),
		cmocka_unit_test(test_line_chart_scales_into_the_plot_area),
		cmocka_unit_test(test_stacked_bar_splits_the_width_by_value),
		cmocka_unit_test(
		    test_line_chart_says_its_figures_in_words_and_a_table),
		cmocka_unit_test(test_line_chart_runs_to_its_span),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
