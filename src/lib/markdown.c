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
 * CMARK_OPT_UNSAFE here.  Raw HTML never reaches the renderer anyway:
 * html_as_text() turns it into text first, so that "<div>" in a question
 * about React is read, not silently dropped.
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

/* A node standing for raw HTML's literal: a code block, or inline text. */
static cmark_node *
as_text(cmark_node *html)
{
	int		 block = cmark_node_get_type(html) == CMARK_NODE_HTML_BLOCK;
	cmark_node	*n = cmark_node_new(block ? CMARK_NODE_CODE_BLOCK :
			    CMARK_NODE_TEXT);

	if (n == NULL || !cmark_node_set_literal(n,
	    cmark_node_get_literal(html)))
		abort();	/* out of memory, as the arena would */
	return n;
}

static int
is_html(cmark_node *n)
{
	return cmark_node_get_type(n) == CMARK_NODE_HTML_BLOCK ||
	    cmark_node_get_type(n) == CMARK_NODE_HTML_INLINE;
}

/* The raw HTML nodes under doc, into found (when not NULL); how many. */
static size_t
find_html(cmark_node *doc, cmark_node **found)
{
	cmark_iter	*it = cmark_iter_new(doc);
	size_t		 n = 0;

	while (cmark_iter_next(it) != CMARK_EVENT_DONE)
		if (is_html(cmark_iter_get_node(it))) {
			if (found != NULL)
				found[n] = cmark_iter_get_node(it);
			n++;
		}
	cmark_iter_free(it);
	return n;
}

/*
 * Raw HTML becomes the text it was written as.  Each is found first and
 * replaced after: replacing the iterator's current node would cut it off
 * from the nodes that follow.
 */
static void
html_as_text(struct arena *a, cmark_node *doc)
{
	cmark_node	**found;
	size_t		 n, i;

	if ((n = find_html(doc, NULL)) == 0)
		return;
	found = arena_calloc(a, n, sizeof(*found));
	(void)find_html(doc, found);
	for (i = 0; i < n; i++) {
		cmark_node_replace(found[i], as_text(found[i]));
		cmark_node_free(found[i]);
	}
}

/*
 * One rendering of md by render(), in cmark's memory (release it), each
 * caller copying it into the arena once; NULL for no text.
 */
typedef char	*renderer(cmark_node *, cmark_parser *, cmark_mem *);

static char *
render_with(struct arena *a, const char *md, size_t len, renderer *render)
{
	cmark_parser	*p;
	cmark_node	*doc;
	char		*out;

	if (md == NULL || len == 0)
		return NULL;
	p = parser_new();
	cmark_parser_feed(p, md, len);
	if ((doc = cmark_parser_finish(p)) == NULL)
		abort();
	html_as_text(a, doc);
	if ((out = render(doc, p, cmark_get_default_mem_allocator())) == NULL)
		abort();
	cmark_node_free(doc);
	cmark_parser_free(p);
	return out;
}

static void
release(char *out)
{
	if (out != NULL)
		cmark_get_default_mem_allocator()->free(out);
}

static char *
to_html(cmark_node *doc, cmark_parser *p, cmark_mem *mem)
{
	return cmark_render_html_with_mem(doc, MD_OPTIONS,
	    cmark_parser_get_syntax_extensions(p), mem);
}

static char *
to_text(cmark_node *doc, cmark_parser *p, cmark_mem *mem)
{
	(void)p;
	return cmark_render_plaintext_with_mem(doc, MD_OPTIONS, 0, mem);
}

const struct html_safe *
markdown_render(struct arena *a, const char *md, size_t len)
{
	char			*html = render_with(a, md, len, to_html);
	const struct html_safe	*h;

	h = html_safe_trusted(a, html != NULL ? html : "",
	    html != NULL ? strlen(html) : 0);
	release(html);
	return h;
}

const char *
markdown_text(struct arena *a, const char *md, size_t len)
{
	char		*text = render_with(a, md, len, to_text);
	const char	*copy = arena_strdup(a, text != NULL ? text : "");

	release(text);
	return copy;
}
