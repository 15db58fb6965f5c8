/*
 * fuzz_range.c: any Range header against any size: a range inside the
 * body or none, and a range given back in its plain form parses the same.
 */
#include <assert.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/range.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* The body's size from the first bytes: small ones often, any at times. */
static long long
size_of(const uint8_t *data, size_t size)
{
	uint64_t	 v = 0;
	size_t		 i;

	for (i = 0; i < 8 && i < size; i++)
		v = v << 8 | data[i];
	if (size > 0 && (data[0] & 0x80) == 0)
		return (long long)(v % 4096);
	return (long long)(v & (uint64_t)LLONG_MAX);
}

static void
check(const char *hdr, long long total)
{
	long long	 first, last, f2, l2;
	enum range_kind	 k;
	char		 again[64];

	k = range_parse(hdr, total, &first, &last);
	switch (k) {
	case RANGE_WHOLE:
		assert(first == 0 && last == total - 1);
		break;
	case RANGE_PART:
		assert(0 <= first && first <= last && last < total);
		assert(strchr(hdr, ',') == NULL);
		snprintf(again, sizeof(again), "bytes=%lld-%lld", first, last);
		assert(range_parse(again, total, &f2, &l2) == RANGE_PART);
		assert(f2 == first && l2 == last);
		break;
	case RANGE_UNSATISFIABLE:
		assert(first == 0 && last == -1 && hdr != NULL);
		assert(strchr(hdr, ',') == NULL);
		break;
	default:
		assert(!"unknown range_kind");
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	long long	 total = size_of(data, size);
	size_t		 skip = size < 8 ? size : 8;
	char		*s;

	if ((s = malloc(size - skip + 1)) == NULL)
		return 0;
	memcpy(s, data + skip, size - skip);
	s[size - skip] = '\0';
	check(s, total);
	/* The same header without the size: the text decides the total too. */
	check(s, (long long)(size - skip));
	check(NULL, total);
	free(s);
	return 0;
}
