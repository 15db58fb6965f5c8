/* blob.h: a growable byte buffer for the unit tests that read fixtures and build files. */
#ifndef VIVA_TEST_BLOB_H
#define VIVA_TEST_BLOB_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct blob {
	unsigned char	*p;
	size_t		 len;
};

/* The whole file at path, with a NUL after it (for text); fails the test if unreadable. */
static inline struct blob
blob_read(const char *path)
{
	struct blob	 b = { NULL, 0 };
	FILE		*f = fopen(path, "rb");
	long		 n;

	if (f == NULL)
		fail_msg("cannot open %s", path);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	assert_true(n >= 0);
	rewind(f);
	b.p = malloc((size_t)n + 1);
	assert_non_null(b.p);
	assert_int_equal(fread(b.p, 1, (size_t)n, f), (size_t)n);
	b.p[n] = '\0';
	b.len = (size_t)n;
	fclose(f);
	return b;
}

/* Appends n bytes; n == 0 appends nothing (p may then be NULL). */
static inline void
blob_put(struct blob *b, const void *p, size_t n)
{
	if (n == 0)
		return;
	b->p = realloc(b->p, b->len + n);
	assert_non_null(b->p);
	memcpy(b->p + b->len, p, n);
	b->len += n;
}

#endif
