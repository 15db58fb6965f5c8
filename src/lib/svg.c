/*
 * svg.c: line, level and stacked bar charts drawn as SVG, each shown as an
 * image with its figures in words and in a table (chart_finish says why);
 * every text is escaped.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "b64.h"
#include "svg.h"

#define BAR_HEIGHT	28
#define LEGEND_LINE	20
#define DEFAULT_COLOR	"#4a6fa5"
/* An image has no page style to inherit: the page's own fonts, named. */
#define FONT		"system-ui, -apple-system, 'Segoe UI', Roboto, Arial," \
			" sans-serif"
/* A description names every point up to this many, then only the key ones. */
#define DESC_ALL	8

static const char *const palette[] = {
	"#2e7d32", "#f9a825", "#90a4ae", "#4a6fa5", "#c62828", "#6a1b9a",
};

/* Escapes & < > " ' (all five: the same text may sit in an attribute). */
static void
esc(struct buf *b, const char *s)
{
	for (; s != NULL && *s != '\0'; s++)
		switch (*s) {
		case '&': buf_puts(b, "&amp;"); break;
		case '<': buf_puts(b, "&lt;"); break;
		case '>': buf_puts(b, "&gt;"); break;
		case '"': buf_puts(b, "&quot;"); break;
		case '\'': buf_puts(b, "&#39;"); break;
		default: buf_putc(b, *s); break;
		}
}

static double
clean(double v)
{
	return isfinite(v) && v > 0 ? v : 0;
}

/* A colour the caller gave, if it is "#" and 3 or 6 hex digits. */
static const char *
color(const char *c, size_t i)
{
	size_t	n;

	if (c != NULL && c[0] == '#') {
		n = strspn(c + 1, "0123456789abcdefABCDEF");
		if ((n == 3 || n == 6) && c[1 + n] == '\0')
			return c;
	}
	return palette[i % (sizeof(palette) / sizeof(palette[0]))];
}

/* The smallest 1, 2 or 5 times a power of ten that is >= v (1 for 0). */
static double
nice_max(double v)
{
	double	p, m;

	if (v <= 0)
		return 1;
	p = pow(10, floor(log10(v)));
	for (m = 1; m <= 10; m = m == 1 ? 2 : m == 2 ? 5 : 10)
		if (m * p >= v)
			return m * p;
	return 10 * p;
}

/*
 * A figure for people: whole numbers grouped ("12,345"), others to one
 * decimal, or two below 1, where a tenth is too coarse (a quick chat's
 * messages come at minute 0.02 and 0.05, not all at 0), trailing zeros
 * dropped.
 */
static void
num(struct buf *b, double v)
{
	char	s[64];
	int	n;

	if (!isfinite(v) || fabs(v) >= 1e15) {
		buf_printf(b, "%.0f", isfinite(v) ? v : 0);
		return;
	}
	n = snprintf(s, sizeof(s), "%.*f", fabs(v) < 1 ? 2 : 1, v);
	while (n > 1 && s[n - 1] == '0')
		s[--n] = '\0';
	if (s[n - 1] == '.')
		buf_puts(b, view_num_text(b->a, llround(v)));
	else
		buf_puts(b, s);
}

/* A column's heading: the axis's name with a capital, "minute" as "Minute". */
static void
heading(struct buf *b, const char *s)
{
	if (s != NULL && *s >= 'a' && *s <= 'z')
		buf_putc(b, (char)(*s++ - 'a' + 'A'));
	esc(b, s);
}

/*
 * A chart being written: its drawing, what it shows in words (for the
 * drawing's <desc> and the image's alt text) and its figures as table rows.
 */
struct chart {
	struct arena	*a;
	const char	*title;
	struct buf	 svg;	/* the SVG document */
	struct buf	 desc;	/* plain text: escaped where it is written */
	struct buf	 table;	/* <thead>, <tbody>, escaped; empty: none */
	int		 w, h;
};

static void
chart_init(struct chart *c, struct arena *a, const char *title)
{
	c->a = a;
	c->title = title != NULL ? title : "";
	buf_init(&c->svg, a);
	buf_init(&c->desc, a);
	buf_init(&c->table, a);
	c->w = c->h = 0;
}

/*
 * The document's start, once desc is written: role="img" named by its
 * <title> and described by its <desc>, should it be opened on its own.
 * The ids are the document's, not the page's: an image is a document.
 */
static void
open_svg(struct chart *c, int w, int h)
{
	c->w = w;
	c->h = h;
	buf_printf(&c->svg, "<svg xmlns=\"http://www.w3.org/2000/svg\""
	    " viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\""
	    " aria-labelledby=\"title desc\" font-family=\"" FONT "\">"
	    "<title id=\"title\">", w, h, w, h);
	esc(&c->svg, c->title);
	buf_puts(&c->svg, "</title><desc id=\"desc\">");
	esc(&c->svg, c->desc.p);
	buf_puts(&c->svg, "</desc>");
}

static void
text(struct buf *b, double x, double y, const char *anchor, const char *s)
{
	buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"12\""
	    " fill=\"#555\" text-anchor=\"%s\">", x, y, anchor);
	esc(b, s);
	buf_puts(b, "</text>");
}

/*
 * The chart as HTML: the drawing as an <img> of a data: URL, its alt text
 * the title and the key figures, then every figure in a table under a
 * <details>.  An image, not inline <svg>: text browsers (lynx, w3m) know no
 * SVG and print its <text> labels run together ("0100minute"), where an
 * image they replace by its alt text, and a screen reader reads that alt
 * text as the image's name.  The CSP allows data: images; base64 leaves
 * nothing in the URL to escape, and a drawing shown as an image runs no
 * script and shares no id with the page.
 */
static const struct html_safe *
chart_finish(struct chart *c)
{
	struct buf	 b;
	char		*enc;
	size_t		 n;

	buf_puts(&c->svg, "</svg>");
	enc = arena_alloc(c->a, B64_ENCODED_LEN(c->svg.len) + 1);
	n = b64_encode(enc, (const unsigned char *)c->svg.p, c->svg.len);
	buf_init(&b, c->a);
	buf_puts(&b, "<div class=\"chart-box\"><img class=\"chart\""
	    " src=\"data:image/svg+xml;base64,");
	buf_put(&b, enc, n);
	buf_printf(&b, "\" width=\"%d\" height=\"%d\" alt=\"", c->w, c->h);
	if (*c->title != '\0') {
		esc(&b, c->title);
		buf_puts(&b, ": ");
	}
	esc(&b, c->desc.p);
	buf_puts(&b, "\"></div>");
	if (c->table.len > 0) {
		buf_puts(&b, "<details class=\"figures\"><summary>The figures"
		    "</summary><table class=\"table\"><caption>");
		esc(&b, c->title);
		buf_puts(&b, "</caption>");
		buf_put(&b, c->table.p, c->table.len);
		buf_puts(&b, "</table></details>");
	}
	return html_safe_trusted(c->a, b.p, b.len);
}

static const struct html_safe *
no_data(struct chart *c, int w, int h)
{
	buf_puts(&c->desc, "No data.");
	open_svg(c, w, h);
	text(&c->svg, w / 2.0, h / 2.0, "middle", "No data");
	return chart_finish(c);
}

/* y as people read it: the name of its level, or the figure. */
static void
y_text(struct buf *b, double y, const char *const *levels, size_t nlevels)
{
	size_t	i;

	if (levels == NULL || nlevels == 0) {
		num(b, clean(y));
		return;
	}
	i = (size_t)round(clean(y));
	buf_puts(b, levels[i < nlevels ? i : nlevels - 1]);
}

/*
 * The key figures of a line, "0 at minute 0, …, 12,345 at minute 42" (the
 * caller ends the sentence):
 * every point up to DESC_ALL of them, else the first, the highest and the
 * last (the table has them all).
 */
static void
describe_points(struct buf *d, const char *xlabel, const struct svg_point *pt,
    size_t n, const char *const *levels, size_t nlevels)
{
	size_t	i, top = 0, prev = 0;

	for (i = 1; i < n; i++)
		if (clean(pt[i].y) > clean(pt[top].y))
			top = i;
	for (i = 0; i < n; i++) {
		if (n > DESC_ALL && i != 0 && i != top && i != n - 1)
			continue;
		if (i > 0)
			buf_puts(d, i == prev + 1 ? ", " : ", …, ");
		y_text(d, pt[i].y, levels, nlevels);
		buf_puts(d, " at ");
		if (xlabel != NULL && *xlabel != '\0') {
			buf_puts(d, xlabel);
			buf_putc(d, ' ');
		}
		num(d, clean(pt[i].x));
		prev = i;
	}
}

/* Every point: x in a row heading, y beside it. */
static void
tabulate_points(struct buf *t, const char *xlabel, const char *ylabel,
    const struct svg_point *pt, size_t n, const char *const *levels,
    size_t nlevels)
{
	struct buf	 y;
	const char	*td = levels == NULL ? "<td class=\"num\">" : "<td>";
	size_t		 i;

	buf_puts(t, "<thead><tr><th scope=\"col\">");
	heading(t, xlabel);
	buf_printf(t, "</th><th scope=\"col\"%s>", levels == NULL ?
	    " class=\"num\"" : "");
	heading(t, ylabel);
	buf_puts(t, "</th></tr></thead><tbody>");
	for (i = 0; i < n; i++) {
		buf_puts(t, "<tr><th scope=\"row\">");
		num(t, clean(pt[i].x));
		buf_printf(t, "</th>%s", td);
		buf_init(&y, t->a);
		y_text(&y, pt[i].y, levels, nlevels);
		esc(t, y.p);
		buf_puts(t, "</td></tr>");
	}
	buf_puts(t, "</tbody>");
}

/* The plot area in the viewBox, and the largest value on each axis. */
struct frame {
	double	 x0, y0;	/* the origin, bottom left */
	double	 pw, ph;	/* plot width and height */
	double	 xmax, ymax;
};

/* A frame for width x height (kept readable) with left for labels. */
static void
frame_init(struct frame *f, int *width, int *height, double left)
{
	if (*width < left + SVG_PAD_RIGHT + 40)
		*width = (int)left + SVG_PAD_RIGHT + 40;
	if (*height < SVG_PAD_TOP + SVG_PAD_BOTTOM + 40)
		*height = SVG_PAD_TOP + SVG_PAD_BOTTOM + 40;
	f->x0 = left;
	f->pw = *width - left - SVG_PAD_RIGHT;
	f->ph = *height - SVG_PAD_TOP - SVG_PAD_BOTTOM;
	f->y0 = SVG_PAD_TOP + f->ph;
	f->xmax = f->ymax = 1;
}

static double
px(const struct frame *f, double x)
{
	return f->x0 + clean(x) / f->xmax * f->pw;
}

static double
py(const struct frame *f, double y)
{
	return f->y0 - (clean(y) > f->ymax ? f->ymax : clean(y)) / f->ymax *
	    f->ph;
}

/* The axes, the line through the points and a dot on each. */
static void
draw_line(struct buf *b, const struct frame *f, const struct svg_point *pt,
    size_t n)
{
	size_t	i;

	buf_printf(b, "<path d=\"M%.1f %.1fV%.1fH%.1f\" fill=\"none\""
	    " stroke=\"#999\" stroke-width=\"1\"/>", f->x0,
	    (double)SVG_PAD_TOP, f->y0, f->x0 + f->pw);
	buf_puts(b, "<polyline fill=\"none\" stroke=\"" DEFAULT_COLOR "\""
	    " stroke-width=\"2\" points=\"");
	for (i = 0; i < n; i++)
		buf_printf(b, "%s%.1f,%.1f", i ? " " : "", px(f, pt[i].x),
		    py(f, pt[i].y));
	buf_puts(b, "\"/>");
	for (i = 0; i < n; i++)
		buf_printf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\""
		    " fill=\"" DEFAULT_COLOR "\"/>", px(f, pt[i].x),
		    py(f, pt[i].y));
}

/* 0 and the largest x under the axis, and the axis's name. */
static void
x_labels(struct arena *a, struct buf *b, const struct frame *f,
    const char *xlabel)
{
	struct buf	lab;

	buf_init(&lab, a);
	num(&lab, f->xmax);
	text(b, f->x0, f->y0 + 16, "middle", "0");
	text(b, f->x0 + f->pw, f->y0 + 16, "end", lab.p);
	text(b, f->x0 + f->pw / 2, f->y0 + 30, "middle", xlabel);
}

static double
largest_x(const struct svg_point *pt, size_t n)
{
	double	m = 0;
	size_t	i;

	for (i = 0; i < n; i++)
		if (clean(pt[i].x) > m)
			m = clean(pt[i].x);
	return m;
}

/*
 * "; the chart runs to minute 3.8" where the line stops short of the span,
 * if the figure reads as more than the last point's.
 */
static void
describe_span(struct buf *d, const char *xlabel, double last, double xspan)
{
	struct buf	a, b;

	buf_init(&a, d->a);
	buf_init(&b, d->a);
	num(&a, last);
	num(&b, xspan);
	if (xspan <= last || strcmp(a.p, b.p) == 0)
		return;
	buf_puts(d, "; the chart runs to ");
	if (xlabel != NULL && *xlabel != '\0') {
		buf_puts(d, xlabel);
		buf_putc(d, ' ');
	}
	buf_puts(d, b.p);
}

const struct html_safe *
svg_line_chart(struct arena *a, const char *title, const char *xlabel,
    const char *ylabel, const struct svg_point *pt, size_t n, double xspan,
    int width, int height)
{
	struct chart	 c;
	struct buf	 lab;
	struct frame	 f;
	double		 last;
	size_t		 i;

	frame_init(&f, &width, &height, SVG_PAD_LEFT);
	chart_init(&c, a, title);
	if (n == 0)
		return no_data(&c, width, height);
	xspan = clean(xspan);
	last = largest_x(pt, n);
	describe_points(&c.desc, xlabel, pt, n, NULL, 0);
	describe_span(&c.desc, xlabel, last, xspan);
	buf_putc(&c.desc, '.');
	tabulate_points(&c.table, xlabel, ylabel, pt, n, NULL, 0);
	open_svg(&c, width, height);
	/* The span as it is, its end the interview's: no rounding past it. */
	f.xmax = xspan > 0 && xspan >= last ? xspan : nice_max(last);
	f.ymax = 0;
	for (i = 0; i < n; i++)
		if (clean(pt[i].y) > f.ymax)
			f.ymax = clean(pt[i].y);
	f.ymax = nice_max(f.ymax);
	draw_line(&c.svg, &f, pt, n);
	/* Scale labels: 0 and the maxima, then the axis names. */
	buf_init(&lab, a);
	num(&lab, f.ymax);
	text(&c.svg, f.x0 - 6, SVG_PAD_TOP + 10, "end", lab.p);
	text(&c.svg, f.x0 - 6, f.y0, "end", "0");
	x_labels(a, &c.svg, &f, xlabel);
	buf_printf(&c.svg, "<text x=\"12\" y=\"%.1f\" font-size=\"12\""
	    " fill=\"#555\" text-anchor=\"middle\" transform=\"rotate(-90 12"
	    " %.1f)\">", SVG_PAD_TOP + f.ph / 2, SVG_PAD_TOP + f.ph / 2);
	esc(&c.svg, ylabel);
	buf_puts(&c.svg, "</text>");
	return chart_finish(&c);
}

const struct html_safe *
svg_level_chart(struct arena *a, const char *title, const char *xlabel,
    const struct svg_point *pt, size_t n, const char *const *levels,
    size_t nlevels, int width, int height)
{
	struct chart	 c;
	struct frame	 f;
	size_t		 i;

	frame_init(&f, &width, &height, SVG_LEVEL_PAD_LEFT);
	chart_init(&c, a, title);
	if (n == 0 || nlevels == 0)
		return no_data(&c, width, height);
	describe_points(&c.desc, xlabel, pt, n, levels, nlevels);
	buf_putc(&c.desc, '.');
	tabulate_points(&c.table, xlabel, "level", pt, n, levels, nlevels);
	open_svg(&c, width, height);
	/* Questions are counted: the line runs the whole width. */
	f.xmax = largest_x(pt, n);
	if (f.xmax <= 0)
		f.xmax = 1;
	f.ymax = nlevels > 1 ? (double)(nlevels - 1) : 1;
	/* Every level named, with a faint line across: the same scale always. */
	for (i = 0; i < nlevels; i++) {
		buf_printf(&c.svg, "<path d=\"M%.1f %.1fH%.1f\""
		    " stroke=\"#e3e3e3\" stroke-width=\"1\"/>", f.x0,
		    py(&f, (double)i), f.x0 + f.pw);
		text(&c.svg, f.x0 - 6, py(&f, (double)i) + 4, "end", levels[i]);
	}
	draw_line(&c.svg, &f, pt, n);
	x_labels(a, &c.svg, &f, xlabel);
	return chart_finish(&c);
}

/* A segment's value as given in texts, or the figure. */
static void
value_text(struct buf *b, const struct svg_segment *seg, size_t i,
    const char *const *texts)
{
	if (texts != NULL && texts[i] != NULL)
		buf_puts(b, texts[i]);
	else
		num(b, clean(seg[i].value));
}

/* "Active 12 min (40%), Idle 3 min (10%)." and the table of the same. */
static void
describe_segments(struct chart *c, const struct svg_segment *seg, size_t n,
    const char *const *texts, double total, const char *label_name,
    const char *value_name)
{
	struct buf	 v;
	size_t		 i;

	buf_puts(&c->table, "<thead><tr><th scope=\"col\">");
	heading(&c->table, label_name);
	buf_puts(&c->table, "</th><th scope=\"col\">");
	heading(&c->table, value_name);
	buf_puts(&c->table, "</th><th scope=\"col\" class=\"num\">Share</th>"
	    "</tr></thead><tbody>");
	for (i = 0; i < n; i++) {
		buf_init(&v, c->a);
		value_text(&v, seg, i, texts);
		buf_printf(&c->desc, "%s%s %s (%.0f%%)", i ? ", " : "",
		    seg[i].label != NULL ? seg[i].label : "", v.p,
		    clean(seg[i].value) / total * 100);
		buf_puts(&c->table, "<tr><th scope=\"row\">");
		esc(&c->table, seg[i].label);
		buf_puts(&c->table, "</th><td>");
		esc(&c->table, v.p);
		buf_printf(&c->table, "</td><td class=\"num\">%.0f%%</td></tr>",
		    clean(seg[i].value) / total * 100);
	}
	buf_puts(&c->desc, ".");
	buf_puts(&c->table, "</tbody>");
}

const struct html_safe *
svg_stacked_bar(struct arena *a, const char *title, const char *label_name,
    const char *value_name, const struct svg_segment *seg, size_t n,
    const char *const *value_texts, int width)
{
	struct chart	 c;
	struct buf	 lab, v;
	double		 total = 0, x, w, pw;
	int		 height;
	size_t		 i;

	if (width < SVG_PAD_RIGHT + 120)
		width = SVG_PAD_RIGHT + 120;
	height = 8 + BAR_HEIGHT + 8 + LEGEND_LINE * (int)(n > 0 ? n : 1);
	for (i = 0; i < n; i++)
		total += clean(seg[i].value);
	chart_init(&c, a, title);
	if (total <= 0)
		return no_data(&c, width, height);
	describe_segments(&c, seg, n, value_texts, total, label_name,
	    value_name);
	open_svg(&c, width, height);
	pw = width - 8 - SVG_PAD_RIGHT;
	x = 8;
	for (i = 0; i < n; i++) {
		w = clean(seg[i].value) / total * pw;
		if (w > 0)
			buf_printf(&c.svg, "<rect x=\"%.1f\" y=\"8\""
			    " width=\"%.1f\" height=\"%d\" fill=\"%s\"/>", x, w,
			    BAR_HEIGHT, color(seg[i].color, i));
		x += w;
	}
	for (i = 0; i < n; i++) {
		double	y = 8 + BAR_HEIGHT + 8 + LEGEND_LINE * (double)i;

		buf_printf(&c.svg, "<rect x=\"8\" y=\"%.1f\" width=\"12\""
		    " height=\"12\" fill=\"%s\"/>", y + 2,
		    color(seg[i].color, i));
		buf_init(&lab, a);
		esc(&lab, seg[i].label);
		buf_puts(&lab, ": ");
		buf_init(&v, a);
		value_text(&v, seg, i, value_texts);
		esc(&lab, v.p);
		buf_printf(&lab, " (%.0f%%)", clean(seg[i].value) / total * 100);
		/* lab is escaped already: written as is. */
		buf_printf(&c.svg, "<text x=\"26\" y=\"%.1f\" font-size=\"12\""
		    " fill=\"#333\">%s</text>", y + 12, lab.p);
	}
	return chart_finish(&c);
}
