/* fuzz_markdown.c: any Markdown renders to safe HTML and to plain text, both valid UTF-8. */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "lib/arena.h"
#include "lib/form.h"
#include "lib/markdown.h"

int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Whether the HTML has a tag the input could have smuggled in. */
static int
has_raw_tag(const char *html)
{
	static const char *const tags[] = { "<script", "<iframe", "<style",
	    "<object", "<embed", "<form", "href=\"javascript:" };
	size_t	i;

	for (i = 0; i < sizeof(tags) / sizeof(tags[0]); i++)
		if (strcasestr(html, tags[i]) != NULL)
			return 1;
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char		*s = (const char *)data, *text;
	const struct html_safe	*html;
	struct arena		*a;

	/* The app hands Markdown over only once it is checked UTF-8 text. */
	if (size > 65536 || !utf8_valid(s, size) || memchr(s, '\0', size) != NULL)
		return 0;
	a = arena_new();
	html = markdown_render(a, s, size);
	assert(html != NULL && html->p != NULL && strlen(html->p) == html->len);
	assert(utf8_valid(html->p, html->len));
	assert(!has_raw_tag(html->p));
	text = markdown_text(a, s, size);
	assert(text != NULL);
	assert(utf8_valid(text, strlen(text)));
	arena_free(a);
	return 0;
}
