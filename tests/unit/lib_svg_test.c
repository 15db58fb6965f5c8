/* lib_svg_test.c: the chart writer: escaping, empty data, scaling. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "lib/arena.h"
#include "lib/svg.h"

static char *
text(struct arena *a, const struct html_safe *h)
{
	assert_non_null(h);
	return arena_strndup(a, h->p, h->len);
}

static void
test_line_chart_escapes_every_text(void **state)
{
	struct arena		*a = arena_new();
	struct svg_point	 p[] = { { 0, 0 }, { 1, 10 } };
	char			*s;

	(void)state;
	s = text(a, svg_line_chart(a, "<script>alert('x')</script>",
	    "a&b", "\"y\"", p, 2, 400, 200));
	assert_null(strstr(s, "<script"));
	assert_non_null(strstr(s, "&lt;script&gt;alert(&#39;x&#39;)"
	    "&lt;/script&gt;"));
	assert_non_null(strstr(s, "a&amp;b"));
	assert_non_null(strstr(s, "&quot;y&quot;"));
	assert_null(strstr(s, "style="));
	assert_int_equal(strncmp(s, "<svg ", 5), 0);
	assert_non_null(strstr(s, "</svg>"));
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
	char			*s;

	(void)state;
	/* 640 x 240: the plot is 96..624 across and 204 (0) up to 16 (4). */
	s = text(a, svg_level_chart(a, "Levels", "question", p, 2, levels, 5,
	    640, 240));
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
	char			*s;

	(void)state;
	s = text(a, svg_stacked_bar(a, "T'itle", seg, 2, texts, 400));
	assert_null(strstr(s, "<b>"));
	assert_null(strstr(s, "<i>"));
	assert_null(strstr(s, "onload"));
	assert_non_null(strstr(s, "&lt;b&gt;Active&lt;/b&gt;: &lt;i&gt;30s"));
	assert_non_null(strstr(s, "Idle &amp; co: 10 (25%)"));
	assert_non_null(strstr(s, "fill=\"#0f0\""));
	assert_non_null(strstr(s, "T&#39;itle"));
	arena_free(a);
}

static void
test_empty_data_says_so(void **state)
{
	struct arena		*a = arena_new();
	struct svg_segment	 zero[] = { { "A", 0, NULL }, { "B", -5, NULL } };
	struct svg_point	 nan[] = { { 0, 0 } };
	char			*s;

	(void)state;
	s = text(a, svg_line_chart(a, "t", "x", "y", NULL, 0, 400, 200));
	assert_non_null(strstr(s, "No data"));
	assert_null(strstr(s, "<polyline"));
	assert_non_null(strstr(s, "</svg>"));
	s = text(a, svg_stacked_bar(a, "t", NULL, 0, NULL, 400));
	assert_non_null(strstr(s, "No data"));
	s = text(a, svg_stacked_bar(a, "t", zero, 2, NULL, 400));
	assert_non_null(strstr(s, "No data"));
	assert_null(strstr(s, "<rect"));
	/* One point at the origin: a chart, no division by zero. */
	s = text(a, svg_line_chart(a, "t", "x", "y", nan, 1, 400, 200));
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
	s = text(a, svg_line_chart(a, "t", "x", "y", p, 4, 400, 200));
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
	s = text(a, svg_line_chart(a, "t", "x", "y", p, 3, 400, 200));
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
	s = text(a, svg_stacked_bar(a, "t", seg, 2, NULL, 400));
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
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
