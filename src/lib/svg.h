/*
 * svg.h: small server-side charts (line, level, stacked bar) for pages
 * without script.  Each chart comes as HTML: a <div class="chart-box">
 * holding an <img class="chart"> of the SVG drawing (a data: URL) whose alt
 * text is the title and the key figures, then, when there is data, a
 * <details class="figures"> with every figure in a <table class="table">
 * captioned with the title.  The SVG names itself too (role="img", <title>
 * and <desc>).  Every text is escaped; the result may go into a {{{raw}}}
 * template slot.  Presentation attributes, no style.
 */
#ifndef VIVA_SVG_H
#define VIVA_SVG_H

#include <stddef.h>

#include "arena.h"
#include "view.h"

/* Plot area inside the viewBox: charts leave these margins for labels. */
#define SVG_PAD_LEFT	56
#define SVG_PAD_RIGHT	16
#define SVG_PAD_TOP	16
#define SVG_PAD_BOTTOM	36
/* A level chart names its levels on the left: room for "intermediate". */
#define SVG_LEVEL_PAD_LEFT	96

struct svg_point {
	double	 x;
	double	 y;
};

struct svg_segment {
	const char	*label;
	double		 value;
	const char	*color;	/* "#rgb" or "#rrggbb"; anything else: a default */
};

/*
 * A line chart of n points (x ascending) in a width x height viewBox, both
 * axes from 0 to the largest value (rounded up), labelled at the ends.
 * The x axis runs instead to xspan when no point lies beyond it: the whole
 * of an interview's time, so that the quiet end after its last point shows
 * (the description then ends "; the chart runs to <xlabel> <xspan>."); 0
 * for none.  Negative or non-finite values count as 0.  With no points it
 * says "No data".  xlabel and ylabel name the axes and the table's columns;
 * the description reads "<y> at <xlabel> <x>", so xlabel is best a singular
 * noun: "minute", "question".
 */
const struct html_safe	*svg_line_chart(struct arena *, const char *title,
			    const char *xlabel, const char *ylabel,
			    const struct svg_point *, size_t n, double xspan,
			    int width, int height);
/*
 * A line chart of n points against named levels: y runs from 0 to nlevels - 1
 * whatever the points reach, each level's name beside its line, so one
 * candidate's chart reads on the same scale as another's.  x as above; the
 * description and the table give each point's level by its name.
 */
const struct html_safe	*svg_level_chart(struct arena *, const char *title,
			    const char *xlabel, const struct svg_point *,
			    size_t n, const char *const *levels, size_t nlevels,
			    int width, int height);
/*
 * One horizontal bar split into n segments proportional to their values,
 * with a legend of labels and values (as given in value_texts, or the
 * number when NULL).  Empty or all-zero: "No data".  label_name and
 * value_name head the table's columns ("part", "time").
 */
const struct html_safe	*svg_stacked_bar(struct arena *, const char *title,
			    const char *label_name, const char *value_name,
			    const struct svg_segment *, size_t n,
			    const char *const *value_texts, int width);

#endif
