/* utf8.c: UTF-8 validation, length and where a character ends, for text checked at the edge. */
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

/* The code point at p, valid UTF-8 of len bytes (NUL-terminated). */
static uint32_t
decode(const unsigned char *p, size_t *len)
{
	if (p[0] < 0x80) {
		*len = 1;
		return p[0];
	}
	if (p[0] < 0xe0) {
		*len = 2;
		return (uint32_t)(p[0] & 0x1f) << 6 | (p[1] & 0x3f);
	}
	if (p[0] < 0xf0) {
		*len = 3;
		return (uint32_t)(p[0] & 0x0f) << 12 | (uint32_t)(p[1] & 0x3f) << 6 |
		    (p[2] & 0x3f);
	}
	*len = 4;
	return (uint32_t)(p[0] & 0x07) << 18 | (uint32_t)(p[1] & 0x3f) << 12 |
	    (uint32_t)(p[2] & 0x3f) << 6 | (p[3] & 0x3f);
}

#define ZWJ	0x200d

/*
 * Code points that join the character before them: combining marks (an
 * accent typed apart, e + U+0301), variation selectors, the joiner itself,
 * skin tones and tag characters (flags of regions).  Not all of Unicode's
 * grapheme rules; those a cut through a name, a word or an emoji meets.
 */
static int
extends(uint32_t c)
{
	return (c >= 0x0300 && c <= 0x036f) || (c >= 0x1ab0 && c <= 0x1aff) ||
	    (c >= 0x1dc0 && c <= 0x1dff) || (c >= 0x20d0 && c <= 0x20ff) ||
	    (c >= 0xfe00 && c <= 0xfe0f) || (c >= 0xfe20 && c <= 0xfe2f) ||
	    c == ZWJ || (c >= 0x1f3fb && c <= 0x1f3ff) ||
	    (c >= 0xe0020 && c <= 0xe007f);
}

const char *
utf8_char_end(const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	uint32_t		 c, prev = 0;
	size_t			 n;

	for (; *p != '\0'; p += n) {
		c = decode(p, &n);
		if (!extends(c) && prev != ZWJ)
			break;
		prev = c;
	}
	return (const char *)p;
}
