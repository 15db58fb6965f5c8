/*
 * old_seal.h: a file sealed the way viva sealed recordings before stop 17
 * ("VIVASEAL", one secretstream of 64 KiB pieces), for the tests that check
 * such files are still read and can be sealed anew.  Nothing in src/ writes
 * this format any more.
 */
#ifndef VIVA_TESTS_OLD_SEAL_H
#define VIVA_TESTS_OLD_SEAL_H

#include <stdlib.h>
#include <unistd.h>

#include <sodium.h>

/* Writes len bytes of p to fd under key in the old format; 0, or -1. */
static int
old_seal_write(const unsigned char key[32], const void *p, size_t len, int fd)
{
	crypto_secretstream_xchacha20poly1305_state	 st;
	unsigned char	 hdr[crypto_secretstream_xchacha20poly1305_HEADERBYTES];
	unsigned char	*c = malloc(65536 + crypto_secretstream_xchacha20poly1305_ABYTES);
	const unsigned char *in = p;
	unsigned long long clen;
	unsigned char	 tag;
	size_t		 n;
	int		 rc = 0;

	if (c == NULL)
		return -1;
	crypto_secretstream_xchacha20poly1305_init_push(&st, hdr, key);
	if (write(fd, "VIVASEAL", 8) != 8 ||
	    write(fd, hdr, sizeof(hdr)) != (ssize_t)sizeof(hdr))
		rc = -1;
	do {
		n = len > 65536 ? 65536 : len;
		tag = n == len ? crypto_secretstream_xchacha20poly1305_TAG_FINAL
		    : 0;
		crypto_secretstream_xchacha20poly1305_push(&st, c, &clen, in, n,
		    NULL, 0, tag);
		if (rc == 0 && write(fd, c, (size_t)clen) != (ssize_t)clen)
			rc = -1;
		in += n;
		len -= n;
	} while (tag == 0);
	free(c);
	return rc;
}

#endif
