/* ws.h: a small blocking WebSocket client for the worker's tests (RFC 6455, client side). */
#ifndef VIVA_TEST_WS_H
#define VIVA_TEST_WS_H

#include <stddef.h>

struct ws {
	int	 fd;
	size_t	 bin_bytes;	/* binary payload received so far */
	int	 pings;		/* pings received (answered with pongs) */
	int	 closed;	/* a close frame came, or the socket ended */
	int	 close_code;
	char	 seen[8192];	/* text frames ws_wait_bytes passed over (cut when full) */
};

/* Opens ws://127.0.0.1:port path; 0 once the server answered 101. */
int	ws_open(struct ws *, int port, const char *path);
void	ws_close(struct ws *);
int	ws_send(struct ws *, int opcode, const void *, size_t);
int	ws_text(struct ws *, const char *);
/*
 * Reads frames until a text frame containing want arrives (returned,
 * malloc'd), the connection closes or timeout_ms pass (NULL).  want NULL:
 * just read for timeout_ms.
 */
char	*ws_wait(struct ws *, const char *want, int timeout_ms);
/*
 * Reads frames until bin_bytes reaches bytes (0), or the connection closes
 * or timeout_ms pass (-1).  Text frames read meanwhile are kept in seen.
 */
int	ws_wait_bytes(struct ws *, size_t bytes, int timeout_ms);

#endif
