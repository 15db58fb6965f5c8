/* ws.c: see ws.h.  Frames are masked as a browser's are; pings are answered. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "stack.h"
#include "ws.h"

static int
write_all(int fd, const void *p, size_t n)
{
	const char	*c = p;
	ssize_t		 w;

	while (n > 0) {
		if ((w = write(fd, c, n)) <= 0)
			return -1;
		c += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Reads exactly n bytes before the deadline; -1 on end, error or timeout. */
static int
read_all(int fd, void *p, size_t n, long long deadline)
{
	char		*c = p;
	struct pollfd	 pfd = { fd, POLLIN, 0 };
	ssize_t		 r;
	long long	 left;

	while (n > 0) {
		if ((left = deadline - ms_now()) <= 0 || poll(&pfd, 1, (int)left) <= 0)
			return -1;
		if ((r = read(fd, c, n)) <= 0)
			return -2;
		c += r;
		n -= (size_t)r;
	}
	return 0;
}

int
ws_open(struct ws *w, int port, const char *path)
{
	struct sockaddr_in	sa;
	char			req[2048], resp[4096];
	size_t			n = 0;
	int			one = 1;

	memset(w, 0, sizeof(*w));
	w->fd = socket(AF_INET, SOCK_STREAM, 0);
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_port = htons((unsigned short)port);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (connect(w->fd, (struct sockaddr *)&sa, sizeof(sa)) != 0)
		return -1;
	setsockopt(w->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	snprintf(req, sizeof(req), "GET %s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n"
	    "Upgrade: websocket\r\nConnection: Upgrade\r\n"
	    "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
	    "Sec-WebSocket-Version: 13\r\nOrigin: http://127.0.0.1\r\n\r\n",
	    path, port);
	if (write_all(w->fd, req, strlen(req)) != 0)
		return -1;
	/* Byte by byte up to the blank line: frames may follow at once. */
	while (n + 1 < sizeof(resp)) {
		if (read_all(w->fd, resp + n, 1, ms_now() + 5000) != 0)
			return -1;
		resp[++n] = '\0';
		if (n >= 4 && memcmp(resp + n - 4, "\r\n\r\n", 4) == 0)
			break;
	}
	return strncmp(resp, "HTTP/1.1 101", 12) == 0 ? 0 : -1;
}

void
ws_close(struct ws *w)
{
	if (w->fd >= 0)
		close(w->fd);
	w->fd = -1;
}

int
ws_send(struct ws *w, int opcode, const void *p, size_t len)
{
	unsigned char	 head[14], mask[4] = { 0x12, 0x34, 0x56, 0x78 }, *buf;
	size_t		 h = 2, i;
	int		 rc;

	head[0] = (unsigned char)(0x80 | opcode);
	if (len < 126)
		head[1] = (unsigned char)(0x80 | len);
	else if (len < 65536) {
		head[1] = 0x80 | 126;
		head[2] = (unsigned char)(len >> 8);
		head[3] = (unsigned char)len;
		h = 4;
	} else {
		head[1] = 0x80 | 127;
		for (i = 0; i < 8; i++)
			head[2 + i] = (unsigned char)((unsigned long long)len >> (56 - 8 * i));
		h = 10;
	}
	memcpy(head + h, mask, 4);
	h += 4;
	if ((buf = malloc(h + len)) == NULL)
		abort();
	memcpy(buf, head, h);
	for (i = 0; i < len; i++)
		buf[h + i] = ((const unsigned char *)p)[i] ^ mask[i & 3];
	rc = write_all(w->fd, buf, h + len);
	free(buf);
	return rc;
}

int
ws_text(struct ws *w, const char *s)
{
	return ws_send(w, 1, s, strlen(s));
}

/* One frame; 0, or -1 on timeout/end. */
static int
frame(struct ws *w, long long deadline, int *op, unsigned char **data, size_t *len)
{
	unsigned char	h[8];
	size_t		n;
	int		i;

	if (read_all(w->fd, h, 2, deadline) != 0)
		return -1;
	*op = h[0] & 0x0f;
	n = h[1] & 0x7f;
	if (n == 126) {
		if (read_all(w->fd, h, 2, deadline) != 0)
			return -1;
		n = (size_t)h[0] << 8 | h[1];
	} else if (n == 127) {
		if (read_all(w->fd, h, 8, deadline) != 0)
			return -1;
		for (n = 0, i = 0; i < 8; i++)
			n = n << 8 | h[i];
	}
	if ((*data = malloc(n + 1)) == NULL)
		abort();
	if (read_all(w->fd, *data, n, deadline + 5000) != 0) {
		free(*data);
		return -1;
	}
	(*data)[n] = '\0';
	*len = n;
	return 0;
}

/* A frame that is not the text being waited for: counted, answered, kept. */
static void
other(struct ws *w, int op, unsigned char *d, size_t len)
{
	size_t	n = strlen(w->seen);

	if (op == 2)
		w->bin_bytes += len;
	else if (op == 9) {
		w->pings++;
		ws_send(w, 10, d, len);
	} else if (op == 8) {
		w->closed = 1;
		w->close_code = len >= 2 ? d[0] << 8 | d[1] : 0;
	} else if (op == 1 && n + len + 2 < sizeof(w->seen)) {
		memcpy(w->seen + n, d, len);
		w->seen[n + len] = '\n';
		w->seen[n + len + 1] = '\0';
	}
}

int
ws_wait_bytes(struct ws *w, size_t bytes, int timeout_ms)
{
	long long	 deadline = ms_now() + timeout_ms;
	unsigned char	*d;
	size_t		 len;
	int		 op;

	while (w->bin_bytes < bytes && !w->closed) {
		if (frame(w, deadline, &op, &d, &len) != 0) {
			if (ms_now() < deadline)
				w->closed = 1;
			return -1;
		}
		other(w, op, d, len);
		free(d);
	}
	return w->bin_bytes >= bytes ? 0 : -1;
}

char *
ws_wait(struct ws *w, const char *want, int timeout_ms)
{
	long long	 deadline = ms_now() + timeout_ms;
	unsigned char	*d;
	size_t		 len;
	int		 op;

	while (!w->closed) {
		if (frame(w, deadline, &op, &d, &len) != 0) {
			if (ms_now() < deadline)
				w->closed = 1;
			return NULL;
		}
		if (op == 1 && want != NULL && strstr((char *)d, want) != NULL)
			return (char *)d;
		if (op == 2)
			w->bin_bytes += len;
		else if (op == 9) {
			w->pings++;
			ws_send(w, 10, d, len);
		} else if (op == 8) {
			w->closed = 1;
			w->close_code = len >= 2 ? d[0] << 8 | d[1] : 0;
		}
		free(d);
	}
	return NULL;
}
