/* markdown.h: Markdown to HTML with cmark-gfm, raw HTML off: the one maker of safe HTML. */
#ifndef VIVA_MARKDOWN_H
#define VIVA_MARKDOWN_H

#include <stddef.h>

#include "arena.h"
#include "view.h"

/*
 * Renders GitHub-flavoured Markdown (tables, fenced code, strikethrough,
 * autolinks, task lists) to HTML in the arena.  Raw HTML in the input is
 * replaced, and unsafe link schemes (javascript:, data: but images) are
 * dropped, so the result may go into a {{{raw}}} template slot.  Never fails:
 * broken Markdown is still text.
 */
const struct html_safe	*markdown_render(struct arena *, const char *, size_t);
/*
 * The same Markdown as plain text in the arena, for excerpts and lists: the
 * words only, blocks a blank line apart, list items and table rows a line
 * each, table cells " \u2013 " apart (an en dash); "" for no text.
 */
const char		*markdown_text(struct arena *, const char *, size_t);
/*
 * md without a first heading that repeats its title (the shipped challenges
 * open with "## <title>"), for pages and exports that put the title in a
 * heading of their own; md itself when it does not open so.
 */
const char		*markdown_untitled(const char *md, const char *title);

#endif
