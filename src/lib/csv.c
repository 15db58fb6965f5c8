/* csv.c: writing CSV cells a spreadsheet opens as the text they hold. */
#include <string.h>

#include "csv.h"

void
csv_cell(struct buf *b, const char *s, const char *guard)
{
	const char	*p;
	int		 guarded;

	if (s == NULL)
		s = "";
	guarded = *s != '\0' && strchr(guard, *s) != NULL;
	if (!guarded && strpbrk(s, ",\"\r\n") == NULL) {
		buf_puts(b, s);
		return;
	}
	buf_putc(b, '"');
	if (guarded)
		buf_putc(b, '\'');
	for (p = s; *p != '\0'; p++) {
		if (*p == '"')
			buf_putc(b, '"');
		buf_putc(b, *p);
	}
	buf_putc(b, '"');
}
