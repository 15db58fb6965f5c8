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

#endif
