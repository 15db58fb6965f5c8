/* markdown.c: GitHub-flavoured Markdown to HTML with cmark-gfm, raw HTML off. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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

/*
 * What cmark's renderer would empty (its _scan_dangerous_url): a link
 * there would lead nowhere, so it is shown as its words instead.
 */
static int
is_unsafe_link(cmark_node *n)
{
	static const char *const schemes[] = { "javascript:", "vbscript:",
	    "file:", "data:" };
	static const char *const images[] = { "data:image/png",
	    "data:image/gif", "data:image/jpeg", "data:image/webp" };
	const char	*url;
	size_t		 i;

	if (cmark_node_get_type(n) != CMARK_NODE_LINK &&
	    cmark_node_get_type(n) != CMARK_NODE_IMAGE)
		return 0;
	if ((url = cmark_node_get_url(n)) == NULL)
		return 0;
	for (i = 0; i < sizeof(images) / sizeof(images[0]); i++)
		if (strncasecmp(url, images[i], strlen(images[i])) == 0)
			return 0;
	for (i = 0; i < sizeof(schemes) / sizeof(schemes[0]); i++)
		if (strncasecmp(url, schemes[i], strlen(schemes[i])) == 0)
			return 1;
	return 0;
}

/* The nodes under doc that match, into found (when not NULL); how many. */
static size_t
find_nodes(cmark_node *doc, int (*match)(cmark_node *), cmark_node **found)
{
	cmark_iter	*it = cmark_iter_new(doc);
	size_t		 n = 0;

	while (cmark_iter_next(it) != CMARK_EVENT_DONE)
		if (cmark_iter_get_event_type(it) != CMARK_EVENT_EXIT &&
		    match(cmark_iter_get_node(it))) {
			if (found != NULL)
				found[n] = cmark_iter_get_node(it);
			n++;
		}
	cmark_iter_free(it);
	return n;
}

/* Found first and changed after: the iterator must not lose its place. */
static cmark_node **
find_all(struct arena *a, cmark_node *doc, int (*match)(cmark_node *),
    size_t *n)
{
	cmark_node	**found;

	if ((*n = find_nodes(doc, match, NULL)) == 0)
		return NULL;
	found = arena_calloc(a, *n, sizeof(*found));
	(void)find_nodes(doc, match, found);
	return found;
}

/* Raw HTML becomes the text it was written as. */
static void
html_as_text(struct arena *a, cmark_node *doc)
{
	cmark_node	**found;
	size_t		 n, i;

	if ((found = find_all(a, doc, is_html, &n)) == NULL)
		return;
	for (i = 0; i < n; i++) {
		cmark_node_replace(found[i], as_text(found[i]));
		cmark_node_free(found[i]);
	}
}

/* An unsafe link or image is replaced by its words (an image's: its alt). */
static void
unsafe_links_as_text(struct arena *a, cmark_node *doc)
{
	cmark_node	**found, *child;
	size_t		 n, i;

	if ((found = find_all(a, doc, is_unsafe_link, &n)) == NULL)
		return;
	for (i = 0; i < n; i++) {
		while ((child = cmark_node_first_child(found[i])) != NULL)
			if (!cmark_node_insert_before(found[i], child))
				abort();
		cmark_node_free(found[i]);	/* unlinks it */
	}
}

/* md parsed by p, raw HTML made text; the caller frees the tree. */
static cmark_node *
parse(struct arena *a, cmark_parser *p, const char *md, size_t len)
{
	cmark_node	*doc;

	cmark_parser_feed(p, md, len);
	if ((doc = cmark_parser_finish(p)) == NULL)
		abort();	/* out of memory, as the arena would */
	html_as_text(a, doc);
	unsafe_links_as_text(a, doc);
	return doc;
}

/*
 * cmark-gfm aligns a table's cells with align="left|center|right", which
 * HTML5 dropped, or else with style="text-align: ...", which the CSP
 * refuses (no inline style): a cell gets class="align-..." instead, and
 * the stylesheet aligns it.  Text and attribute values reach the output
 * with '<' and '"' escaped, so "<td align=\"" is only ever the renderer's.
 */
static void
put_aligned(struct buf *b, const char *html)
{
	const char	*p, *at, *end;

	p = html;
	while ((at = strstr(p, " align=\"")) != NULL) {
		end = strchr(at + 8, '"');
		if (end == NULL || at - html < 3 ||
		    (strncmp(at - 3, "<td", 3) != 0 &&
		    strncmp(at - 3, "<th", 3) != 0)) {
			buf_put(b, p, (size_t)(at + 1 - p));
			p = at + 1;
			continue;
		}
		buf_put(b, p, (size_t)(at - p));
		buf_printf(b, " class=\"align-%.*s\"", (int)(end - at - 8),
		    at + 8);
		p = end + 1;
	}
	buf_puts(b, p);
}

/*
 * cmark-gfm starts a task-list item with <input type="checkbox" disabled="" />
 * (checked="" first when done): XHTML's spelling, and a control that nothing
 * names, which a screen reader reads as "checkbox" and no more.  Each becomes
 * HTML5's spelling with an aria-label.  Text reaches the output with '<'
 * escaped, so the tag is only ever the renderer's.
 */
static const struct {
	const char	*from, *to;
} task_boxes[] = {
	{ "<input type=\"checkbox\" checked=\"\" disabled=\"\" />",
	  "<input type=\"checkbox\" checked disabled aria-label=\"Done\">" },
	{ "<input type=\"checkbox\" disabled=\"\" />",
	  "<input type=\"checkbox\" disabled aria-label=\"Not done\">" },
};

static void
put_task_boxes(struct buf *b, const char *html)
{
	const char	*p = html, *at;
	size_t		 i, n = 0;

	while ((at = strstr(p, "<input type=\"checkbox\"")) != NULL) {
		buf_put(b, p, (size_t)(at - p));
		for (i = 0; i < sizeof(task_boxes) / sizeof(task_boxes[0]); i++)
			if (strncmp(at, task_boxes[i].from,
			    n = strlen(task_boxes[i].from)) == 0)
				break;
		if (i == sizeof(task_boxes) / sizeof(task_boxes[0])) {
			buf_putc(b, *at);	/* not one of cmark's: as it is */
			p = at + 1;
			continue;
		}
		buf_puts(b, task_boxes[i].to);
		p = at + n;
	}
	buf_puts(b, p);
}

const struct html_safe *
markdown_render(struct arena *a, const char *md, size_t len)
{
	cmark_parser		*p;
	cmark_node		*doc;
	char			*html;
	struct buf		 b, tasks;

	if (md == NULL || len == 0)
		return html_safe_trusted(a, "", 0);
	p = parser_new();
	doc = parse(a, p, md, len);
	html = cmark_render_html_with_mem(doc, MD_OPTIONS,
	    cmark_parser_get_syntax_extensions(p),
	    cmark_get_default_mem_allocator());
	if (html == NULL)
		abort();
	/* Copied into the arena; cmark's copy goes at once. */
	buf_init(&b, a);
	put_aligned(&b, html);
	cmark_get_default_mem_allocator()->free(html);
	cmark_node_free(doc);
	cmark_parser_free(p);
	if (strstr(b.p, "<input ") != NULL) {
		buf_init(&tasks, a);
		put_task_boxes(&tasks, b.p);
		b = tasks;
	}
	return html_safe_trusted(a, b.p, b.len);
}

/*
 * Plain text is written by walking the tree rather than by cmark's plaintext
 * renderer, which writes GFM tables and strikethrough back as Markdown
 * ("| a | b |", "|---|", "~x~") and lists with their bullets.  Here each
 * node gives only its words; what lies between two nodes is the strongest
 * separator asked for since the last words, so an empty cell or the end of
 * a list adds nothing twice and nothing trails.
 */
enum sep {
	SEP_NONE,
	SEP_SPACE,	/* a soft line break */
	SEP_CELL,	/* between two cells of a table row */
	SEP_LINE,	/* between rows, list items, lines of a block */
	SEP_BLOCK,	/* between paragraphs, headings, lists, tables */
	SEP__MAX
};

static const char *const seps[SEP__MAX] = {
	"",		/* SEP_NONE */
	" ",		/* SEP_SPACE */
	" \u2013 ",	/* SEP_CELL: an en dash */
	"\n",		/* SEP_LINE */
	"\n\n",		/* SEP_BLOCK */
};

struct text {
	struct buf	 b;
	enum sep	 sep;	/* owed before the next words */
};

static void
text_sep(struct text *t, enum sep sep)
{
	if (sep > t->sep)
		t->sep = sep;
}

static void
text_put(struct text *t, const char *s)
{
	if (s == NULL || *s == '\0')
		return;
	if (t->b.len > 0)
		buf_puts(&t->b, seps[t->sep]);
	t->sep = SEP_NONE;
	buf_puts(&t->b, s);
}

/* A code block's lines, without the newline that ends the last. */
static void
text_code(struct arena *a, struct text *t, const char *code)
{
	size_t	 len = strlen(code);

	while (len > 0 && code[len - 1] == '\n')
		len--;
	text_put(t, arena_strndup(a, code, len));
}

/* Inside a list item blocks are lines, not paragraphs apart. */
static enum sep
block_sep(cmark_node *n)
{
	cmark_node	*up = cmark_node_parent(n);

	return up != NULL && cmark_node_get_type(up) == CMARK_NODE_ITEM ?
	    SEP_LINE : SEP_BLOCK;
}

static int
is_ext(cmark_node *n, const char *type)
{
	return strcmp(cmark_node_get_type_string(n), type) == 0;
}

/* What node n, entered or left, gives the text. */
static void
text_node(struct arena *a, struct text *t, cmark_node *n, cmark_event_type ev)
{
	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_TEXT:
	case CMARK_NODE_CODE:
		text_put(t, cmark_node_get_literal(n));
		return;
	case CMARK_NODE_SOFTBREAK:
		text_sep(t, SEP_SPACE);
		return;
	case CMARK_NODE_LINEBREAK:
		text_sep(t, SEP_LINE);
		return;
	case CMARK_NODE_CODE_BLOCK:
		text_sep(t, block_sep(n));
		text_code(a, t, cmark_node_get_literal(n));
		text_sep(t, block_sep(n));
		return;
	case CMARK_NODE_ITEM:
		text_sep(t, SEP_LINE);
		return;
	case CMARK_NODE_PARAGRAPH:
	case CMARK_NODE_HEADING:
	case CMARK_NODE_LIST:
	case CMARK_NODE_BLOCK_QUOTE:
	case CMARK_NODE_THEMATIC_BREAK:
		text_sep(t, block_sep(n));
		return;
	default:
		break;
	}
	/* Extensions' nodes have their types numbered at run time. */
	if (is_ext(n, "table"))
		text_sep(t, block_sep(n));
	else if (is_ext(n, "table_row"))
		text_sep(t, SEP_LINE);
	else if (is_ext(n, "table_cell") && ev == CMARK_EVENT_ENTER &&
	    cmark_node_previous(n) != NULL)
		text_sep(t, SEP_CELL);
}

static const char *
to_text(struct arena *a, cmark_node *doc)
{
	cmark_iter		*it = cmark_iter_new(doc);
	cmark_event_type	 ev;
	struct text		 t;

	buf_init(&t.b, a);
	t.sep = SEP_NONE;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE)
		text_node(a, &t, cmark_iter_get_node(it), ev);
	cmark_iter_free(it);
	if (t.b.len > 0)
		buf_putc(&t.b, '\n');
	return t.b.p;
}

const char *
markdown_text(struct arena *a, const char *md, size_t len)
{
	cmark_parser	*p;
	cmark_node	*doc;
	const char	*text;

	if (md == NULL || len == 0)
		return "";
	p = parser_new();
	doc = parse(a, p, md, len);
	text = to_text(a, doc);
	cmark_node_free(doc);
	cmark_parser_free(p);
	return text;
}

const char *
markdown_untitled(const char *md, const char *title)
{
	const char	*p = md;
	size_t		 len = strlen(title);

	while (*p == '#')
		p++;
	if (p == md || p - md > 6 || *p != ' ')
		return md;
	while (*p == ' ')
		p++;
	if (len == 0 || strncmp(p, title, len) != 0)
		return md;
	p += len;
	while (*p == ' ' || *p == '\r')
		p++;
	if (*p != '\n' && *p != '\0')
		return md;
	while (*p == '\n' || *p == '\r')
		p++;
	return p;
}
