/* utf8.c: UTF-8 validation and length for text checked at the edge. */
#include <stdint.h>
#include <string.h>

#include "form.h"

#define ASCII_MASK	UINT64_C(0x8080808080808080)

/*
 * Length of the well-formed sequence at p (left bytes remain), or 0.  The
 * ranges are Unicode's Table 3-7: narrowing the second byte after E0, ED, F0
 * and F4 is what rules out overlongs, surrogates and code points above
 * U+10FFFF without decoding.
 */
static size_t
seq_len(const unsigned char *p, size_t left)
{
	unsigned char	 lo = 0x80, hi = 0xbf;
	size_t		 n, i;

	if (p[0] < 0x80)
		return 1;
	if (p[0] < 0xc2)	/* continuation byte, or C0/C1 overlong lead */
		return 0;
	if (p[0] < 0xe0)
		n = 2;
	else if (p[0] < 0xf0) {
		n = 3;
		if (p[0] == 0xe0)
			lo = 0xa0;
		else if (p[0] == 0xed)
			hi = 0x9f;
	} else if (p[0] < 0xf5) {
		n = 4;
		if (p[0] == 0xf0)
			lo = 0x90;
		else if (p[0] == 0xf4)
			hi = 0x8f;
	} else
		return 0;
	if (left < n || p[1] < lo || p[1] > hi)
		return 0;
	for (i = 2; i < n; i++)
		if ((p[i] & 0xc0) != 0x80)
			return 0;
	return n;
}

int
utf8_valid(const char *s, size_t len)
{
	const unsigned char	*p = (const unsigned char *)s;
	uint64_t		 w;
	size_t			 i = 0, n;

	while (i < len) {
		/* Most input is ASCII: skip it eight bytes at a time. */
		if (len - i >= 8) {
			memcpy(&w, p + i, sizeof(w));
			if ((w & ASCII_MASK) == 0) {
				i += 8;
				continue;
			}
		}
		if ((n = seq_len(p + i, len - i)) == 0)
			return 0;
		i += n;
	}
	return 1;
}

size_t
utf8_len(const char *s, size_t len)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 i, n = 0;

	/* Each code point has exactly one byte that is not 10xxxxxx. */
	for (i = 0; i < len; i++)
		if ((p[i] & 0xc0) != 0x80)
			n++;
	return n;
}
