/*
 * b64.h: standard base64 (RFC 4648, with padding) for bulk data: audio on
 * the realtime provider's wire, charts in data: URLs (svg.c).  Table-driven
 * and fast; not constant-time, so never for secrets (crypto.c uses
 * libsodium's for those).
 */
#ifndef VIVA_B64_H
#define VIVA_B64_H

#include <stddef.h>

/* The encoded length of n bytes, without a NUL. */
#define B64_ENCODED_LEN(n)	((((n) + 2) / 3) * 4)

/* Encodes n bytes into out (B64_ENCODED_LEN(n) bytes, no NUL); returns that length. */
size_t	b64_encode(char *out, const unsigned char *in, size_t n);
/*
 * Decodes len characters of in into out (at most outsz bytes): 0 with
 * *outlen set, or -1 when in is not base64 (a length not a multiple of 4, a
 * character outside the alphabet, padding other than at the end) or does
 * not fit.
 */
int	b64_decode(unsigned char *out, size_t outsz, const char *in,
	    size_t len, size_t *outlen);

#endif
