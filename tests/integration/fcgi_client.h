/* fcgi_client.h: FastCGI requests framed as nginx frames them, for tests. */
#ifndef VIVA_TEST_FCGI_CLIENT_H
#define VIVA_TEST_FCGI_CLIENT_H

#include <stddef.h>

/* Appends a FastCGI name-value pair (a length under 128 takes one byte). */
void	 fcgi_pair(char *b, size_t *n, const char *name, const char *value);
/* Appends a record of request 1, padded to 8 bytes as nginx pads them. */
void	 fcgi_record(char *b, size_t *n, int type, const void *p, size_t len);
/*
 * Reads a reply's records up to FCGI_END_REQUEST; returns its stdout
 * (malloc'd).  *end is what a read after it says: 0 for the end of the
 * connection, else the errno (ECONNRESET for a reset).
 */
char	*fcgi_reply(int fd, int *end);

#endif
