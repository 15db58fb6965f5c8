/* svg.c: line and stacked bar charts as inline SVG; every text is escaped. */
#include <math.h>
#include <string.h>

#include "svg.h"

#define BAR_HEIGHT	28
#define LEGEND_LINE	20
#define DEFAULT_COLOR	"#4a6fa5"

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

/* A number for a label: integer when whole, else one decimal. */
static void
num(struct buf *b, double v)
{
	if (fabs(v - round(v)) < 1e-9 && fabs(v) < 1e15)
		buf_printf(b, "%.0f", v);
	else
		buf_printf(b, "%.1f", v);
}

static void
open_svg(struct buf *b, const char *title, int w, int h)
{
	buf_printf(b, "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\""
	    " viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\""
	    " aria-label=\"", w, h, w, h);
	esc(b, title);
	buf_puts(b, "\"><title>");
	esc(b, title);
	buf_puts(b, "</title>");
}

static void
text(struct buf *b, double x, double y, const char *anchor, const char *s)
{
	buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"12\""
	    " fill=\"#555\" text-anchor=\"%s\">", x, y, anchor);
	esc(b, s);
	buf_puts(b, "</text>");
}

static const struct html_safe *
finish(struct arena *a, struct buf *b)
{
	buf_puts(b, "</svg>");
	return html_safe_trusted(a, b->p, b->len);
}

static const struct html_safe *
no_data(struct arena *a, struct buf *b, int w, int h)
{
	text(b, w / 2.0, h / 2.0, "middle", "No data");
	return finish(a, b);
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
	return m > 0 ? m : 1;
}

const struct html_safe *
svg_line_chart(struct arena *a, const char *title, const char *xlabel,
    const char *ylabel, const struct svg_point *pt, size_t n, int width,
    int height)
{
	struct buf	 b, lab;
	struct frame	 f;
	size_t		 i;

	frame_init(&f, &width, &height, SVG_PAD_LEFT);
	buf_init(&b, a);
	open_svg(&b, title, width, height);
	if (n == 0)
		return no_data(a, &b, width, height);
	f.xmax = nice_max(largest_x(pt, n));
	f.ymax = 0;
	for (i = 0; i < n; i++)
		if (clean(pt[i].y) > f.ymax)
			f.ymax = clean(pt[i].y);
	f.ymax = nice_max(f.ymax);
	draw_line(&b, &f, pt, n);
	/* Scale labels: 0 and the maxima, then the axis names. */
	buf_init(&lab, a);
	num(&lab, f.ymax);
	text(&b, f.x0 - 6, SVG_PAD_TOP + 10, "end", lab.p);
	text(&b, f.x0 - 6, f.y0, "end", "0");
	x_labels(a, &b, &f, xlabel);
	buf_printf(&b, "<text x=\"12\" y=\"%.1f\" font-size=\"12\""
	    " fill=\"#555\" text-anchor=\"middle\" transform=\"rotate(-90 12"
	    " %.1f)\">", SVG_PAD_TOP + f.ph / 2, SVG_PAD_TOP + f.ph / 2);
	esc(&b, ylabel);
	buf_puts(&b, "</text>");
	return finish(a, &b);
}

const struct html_safe *
svg_level_chart(struct arena *a, const char *title, const char *xlabel,
    const struct svg_point *pt, size_t n, const char *const *levels,
    size_t nlevels, int width, int height)
{
	struct buf	 b;
	struct frame	 f;
	size_t		 i;

	frame_init(&f, &width, &height, SVG_LEVEL_PAD_LEFT);
	buf_init(&b, a);
	open_svg(&b, title, width, height);
	if (n == 0 || nlevels == 0)
		return no_data(a, &b, width, height);
	/* Questions are counted: the line runs the whole width. */
	f.xmax = largest_x(pt, n);
	f.ymax = nlevels > 1 ? (double)(nlevels - 1) : 1;
	/* Every level named, with a faint line across: the same scale always. */
	for (i = 0; i < nlevels; i++) {
		buf_printf(&b, "<path d=\"M%.1f %.1fH%.1f\" stroke=\"#e3e3e3\""
		    " stroke-width=\"1\"/>", f.x0, py(&f, (double)i),
		    f.x0 + f.pw);
		text(&b, f.x0 - 6, py(&f, (double)i) + 4, "end", levels[i]);
	}
	draw_line(&b, &f, pt, n);
	x_labels(a, &b, &f, xlabel);
	return finish(a, &b);
}

const struct html_safe *
svg_stacked_bar(struct arena *a, const char *title,
    const struct svg_segment *seg, size_t n, const char *const *value_texts,
    int width)
{
	struct buf	 b, lab;
	double		 total = 0, x, w, pw;
	int		 height;
	size_t		 i;

	if (width < SVG_PAD_RIGHT + 120)
		width = SVG_PAD_RIGHT + 120;
	height = 8 + BAR_HEIGHT + 8 + LEGEND_LINE * (int)(n > 0 ? n : 1);
	for (i = 0; i < n; i++)
		total += clean(seg[i].value);
	buf_init(&b, a);
	open_svg(&b, title, width, height);
	if (total <= 0)
		return no_data(a, &b, width, height);
	pw = width - 8 - SVG_PAD_RIGHT;
	x = 8;
	for (i = 0; i < n; i++) {
		w = clean(seg[i].value) / total * pw;
		if (w > 0)
			buf_printf(&b, "<rect x=\"%.1f\" y=\"8\" width=\"%.1f\""
			    " height=\"%d\" fill=\"%s\"/>", x, w, BAR_HEIGHT,
			    color(seg[i].color, i));
		x += w;
	}
	for (i = 0; i < n; i++) {
		double	y = 8 + BAR_HEIGHT + 8 + LEGEND_LINE * (double)i;

		buf_printf(&b, "<rect x=\"8\" y=\"%.1f\" width=\"12\""
		    " height=\"12\" fill=\"%s\"/>", y + 2, color(seg[i].color, i));
		buf_init(&lab, a);
		esc(&lab, seg[i].label);
		buf_puts(&lab, ": ");
		if (value_texts != NULL && value_texts[i] != NULL)
			esc(&lab, value_texts[i]);
		else
			num(&lab, clean(seg[i].value));
		buf_printf(&lab, " (%.0f%%)", clean(seg[i].value) / total * 100);
		/* lab is escaped already: written as is. */
		buf_printf(&b, "<text x=\"26\" y=\"%.1f\" font-size=\"12\""
		    " fill=\"#333\">%s</text>", y + 12, lab.p);
	}
	return finish(a, &b);
}
