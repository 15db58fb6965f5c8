/*
 * handshake.h: the HTTP side of a WebSocket (RFC 6455 section 4): the
 * upgrade request a browser sends through nginx, the worker's answer, and
 * the provider's answer to the worker's own request.  Pure text in, facts
 * out; no sockets (net.c does the I/O), so it is fuzzed on its own
 * (tests/fuzz/fuzz_ws_handshake.c).
 */
#ifndef VIVA_WORKER_HANDSHAKE_H
#define VIVA_WORKER_HANDSHAKE_H

#include <stddef.h>

/* A request or an answer longer than this is refused. */
#define HS_MAX		8192
/* The accept key: base64 of a SHA-1, with its NUL. */
#define HS_ACCEPT_LEN	29

struct hs_request {
	char	target[1024];	/* as sent: path and query */
	char	key[64];	/* Sec-WebSocket-Key */
	int	get;		/* the method is GET */
	int	upgrade;	/* Upgrade: websocket, Connection: upgrade */
	int	version13;	/* Sec-WebSocket-Version: 13 */
};

/*
 * Parses the request at the start of buf (len bytes).  1: whole, with
 * *used set to its length (frames may follow it); 0: not whole yet; -1:
 * malformed, or longer than HS_MAX.
 */
int	hs_parse_request(const char *buf, size_t len, size_t *used,
	    struct hs_request *);

/* The Sec-WebSocket-Accept for key: base64(SHA-1(key GUID)). */
void	hs_accept_key(const char *key, char out[HS_ACCEPT_LEN]);

/*
 * Parses the provider's answer at the start of buf.  1: "101" with the
 * accept that matches accept; 0: not whole yet; -1: anything else, with
 * *status the HTTP status (0 when there was none) and *used set.
 */
int	hs_parse_response(const char *buf, size_t len, size_t *used,
	    const char *accept, int *status);

#endif
