/*
 * fuzz_ws_handshake.c: the worker's handshake text (src/worker/handshake.c).
 * Any bytes parse as a whole request or answer, one to wait on, or a
 * refusal, never reading past them; a whole one was whole at its length
 * and not before; a request written with any key and target parses back to
 * them, and the answer made for its key is accepted.
 */
#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "../../src/worker/handshake.h"

int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
request_bytes(const char *buf, size_t size)
{
	struct hs_request	r;
	size_t			used = 0, shorter = 0;
	int			st = hs_parse_request(buf, size, &used, &r);

	assert(st >= -1 && st <= 1);
	if (st != 1)
		return;
	assert(used >= 4 && used <= size && used <= HS_MAX);
	assert(memcmp(buf + used - 4, "\r\n\r\n", 4) == 0);
	assert(strlen(r.target) < sizeof(r.target) && strlen(r.key) < sizeof(r.key));
	/* One byte short it was still to wait on (it ends with the blank line). */
	assert(hs_parse_request(buf, used - 1, &shorter, &r) == 0);
}

static void
response_bytes(const char *buf, size_t size)
{
	size_t	used = 0;
	int	status = -1, st = hs_parse_response(buf, size, &used, "x", &status);

	assert(st >= -1 && st <= 1);
	assert(status >= 0 && status <= 999);
	if (st != 0)
		assert(used <= size && used <= HS_MAX);
}

/* A request made of the input's first line as target and the rest as key. */
static void
round_trip(const char *buf, size_t size)
{
	char			 target[256], key[48], req[1024], resp[256];
	char			 accept[HS_ACCEPT_LEN];
	struct hs_request	 r;
	size_t			 i, n = 0, k = 0, used = 0;
	int			 status;

	for (i = 0; i < size && n + 1 < sizeof(target); i++)
		if (buf[i] > ' ' && buf[i] < 127)
			target[n++] = buf[i];
	target[n] = '\0';
	for (; i < size && k + 1 < sizeof(key); i++)
		if ((buf[i] >= 'A' && buf[i] <= 'Z') || buf[i] == '+')
			key[k++] = buf[i];
	key[k] = '\0';
	if (n == 0 || k == 0)
		return;
	snprintf(req, sizeof(req), "GET /%s HTTP/1.1\r\nHost: x\r\n"
	    "upgrade: WebSocket\r\nConnection: keep-alive, Upgrade\r\n"
	    "Sec-WebSocket-Key: %s\r\nSEC-WEBSOCKET-VERSION: 13\r\n\r\nframes",
	    target, key);
	assert(hs_parse_request(req, strlen(req), &used, &r) == 1);
	assert(r.get && r.upgrade && r.version13);
	assert(r.target[0] == '/' && strcmp(r.target + 1, target) == 0);
	assert(strcmp(r.key, key) == 0);
	assert(strcmp(req + used, "frames") == 0);
	hs_accept_key(key, accept);
	snprintf(resp, sizeof(resp), "HTTP/1.1 101 Switching Protocols\r\n"
	    "Sec-WebSocket-Accept: %s\r\n\r\n", accept);
	assert(hs_parse_response(resp, strlen(resp), &used, accept, &status)
	    == 1 && status == 101 && used == strlen(resp));
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	request_bytes((const char *)data, size);
	response_bytes((const char *)data, size);
	round_trip((const char *)data, size);
	return 0;
}
