/* markdown.c: GitHub-flavoured Markdown to HTML with cmark-gfm, raw HTML off. */
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>

#include "markdown.h"

/* The GFM extensions we render; "tagfilter" only matters with raw HTML on. */
static const char *const extensions[] = {
	"table", "strikethrough", "autolink", "tasklist",
};

/*
 * CMARK_OPT_DEFAULT has no CMARK_OPT_UNSAFE: the HTML renderer replaces raw
 * HTML with a comment and empties href/src of javascript:, vbscript:, file:
 * and non-image data: URLs.  That is what makes the output safe; do not add
 * CMARK_OPT_UNSAFE here.
 */
#define MD_OPTIONS	CMARK_OPT_DEFAULT

static int	registered;

static cmark_parser *
parser_new(void)
{
	cmark_parser		*p;
	cmark_syntax_extension	*ext;
	size_t			 i;

	/* The registry is process-wide; the processes are single-threaded. */
	if (!registered) {
		cmark_gfm_core_extensions_ensure_registered();
		registered = 1;
	}
	if ((p = cmark_parser_new(MD_OPTIONS)) == NULL)
		abort();	/* out of memory, as the arena would */
	for (i = 0; i < sizeof(extensions) / sizeof(extensions[0]); i++)
		if ((ext = cmark_find_syntax_extension(extensions[i])) != NULL)
			cmark_parser_attach_syntax_extension(p, ext);
	return p;
}

const struct html_safe *
markdown_render(struct arena *a, const char *md, size_t len)
{
	cmark_parser		*p;
	cmark_node		*doc;
	cmark_mem		*mem = cmark_get_default_mem_allocator();
	const struct html_safe	*h;
	char			*html;

	if (md == NULL || len == 0)
		return html_safe_trusted(a, "", 0);
	p = parser_new();
	cmark_parser_feed(p, md, len);
	if ((doc = cmark_parser_finish(p)) == NULL)
		abort();
	html = cmark_render_html_with_mem(doc, MD_OPTIONS,
	    cmark_parser_get_syntax_extensions(p), mem);
	if (html == NULL)
		abort();
	h = html_safe_trusted(a, html, strlen(html));
	mem->free(html);
	cmark_node_free(doc);
	cmark_parser_free(p);
	return h;
}
