/*
 * fcgi_client.c: FastCGI requests framed as nginx frames them, for the tests
 * that talk to viva.fcgi's socket themselves.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <errno.h>
#include <fastcgi.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fcgi_client.h"

/* Appends a FastCGI name-value pair (a length under 128 takes one byte). */
void
fcgi_pair(char *b, size_t *n, const char *name, const char *value)
{
	size_t	len[2] = { strlen(name), strlen(value) };
	int	i;

	for (i = 0; i < 2; i++)
		if (len[i] < 128)
			b[(*n)++] = (char)len[i];
		else {
			b[(*n)++] = (char)(0x80 | (len[i] >> 24));
			b[(*n)++] = (char)(len[i] >> 16);
			b[(*n)++] = (char)(len[i] >> 8);
			b[(*n)++] = (char)len[i];
		}
	memcpy(b + *n, name, len[0]);
	memcpy(b + *n + len[0], value, len[1]);
	*n += len[0] + len[1];
}

/* Appends a record of request 1, padded to 8 bytes as nginx pads them. */
void
fcgi_record(char *b, size_t *n, int type, const void *p, size_t len)
{
	FCGI_Header	h;
	size_t		pad = (8 - len % 8) % 8;

	memset(&h, 0, sizeof(h));
	h.version = FCGI_VERSION_1;
	h.type = (unsigned char)type;
	h.requestIdB0 = 1;
	h.contentLengthB1 = (unsigned char)(len >> 8);
	h.contentLengthB0 = (unsigned char)len;
	h.paddingLength = (unsigned char)pad;
	memcpy(b + *n, &h, sizeof(h));
	if (len > 0)
		memcpy(b + *n + sizeof(h), p, len);
	memset(b + *n + sizeof(h) + len, 0, pad);
	*n += sizeof(h) + len + pad;
}

/* Reads n bytes; 0, or -1 when the connection ended or failed first. */
static int
read_full(int fd, void *p, size_t n)
{
	ssize_t	got;

	while (n > 0) {
		if ((got = read(fd, p, n)) <= 0)
			return -1;
		p = (char *)p + got;
		n -= (size_t)got;
	}
	return 0;
}

/*
 * Reads a reply's records up to FCGI_END_REQUEST; returns its stdout
 * (malloc'd).  *end is what a read after it says: 0 for the end of the
 * connection, else the errno (ECONNRESET for a reset).
 */
char *
fcgi_reply(int fd, int *end)
{
	FCGI_Header	 h;
	char		 rec[65536 + 256], *out = strdup("");
	size_t		 len = 0, n;
	ssize_t		 got;

	while (read_full(fd, &h, sizeof(h)) == 0) {
		n = (size_t)(h.contentLengthB1 << 8 | h.contentLengthB0) +
		    h.paddingLength;
		if (read_full(fd, rec, n) != 0)
			break;
		if (h.type == FCGI_END_REQUEST) {
			got = read(fd, rec, sizeof(rec));
			*end = got == 0 ? 0 : got < 0 ? errno : EPROTO;
			return out;
		}
		if (h.type != FCGI_STDOUT)
			continue;
		n -= h.paddingLength;
		out = realloc(out, len + n + 1);
		assert_non_null(out);
		memcpy(out + len, rec, n);
		out[len += n] = '\0';
	}
	fail_msg("the reply ended before FCGI_END_REQUEST:\n%s", out);
	return NULL;
}
