/* url.c: percent-encoding for URLs built from values. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "url.h"

static int
unreserved(unsigned char c, int keep_slash)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	    (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
	    c == '~' || (keep_slash && c == '/');
}

static void
put_encoded(struct buf *b, const char *s, int keep_slash)
{
	static const char	hex[] = "0123456789ABCDEF";
	const unsigned char	*p;

	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if (unreserved(*p, keep_slash)) {
			buf_putc(b, (char)*p);
			continue;
		}
		buf_putc(b, '%');
		buf_putc(b, hex[*p >> 4]);
		buf_putc(b, hex[*p & 15]);
	}
}

char *
url_encode(struct arena *a, const char *s, int keep_slash)
{
	struct buf	b;

	buf_init(&b, a);
	put_encoded(&b, s, keep_slash);
	return b.p;
}

char *
url_build(struct arena *a, const char *tmpl, ...)
{
	struct buf	 b;
	va_list		 ap;
	const char	*v;

	buf_init(&b, a);
	va_start(ap, tmpl);
	for (; *tmpl != '\0'; tmpl++) {
		if (*tmpl != '%') {
			buf_putc(&b, *tmpl);
			continue;
		}
		/* Fewer values than placeholders is a bug in the caller, not input. */
		if ((v = va_arg(ap, const char *)) == NULL)
			abort();
		put_encoded(&b, v, 0);
	}
	va_end(ap);
	return b.p;
}
