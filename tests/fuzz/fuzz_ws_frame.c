/*
 * fuzz_ws_frame.c: the relay benchmark's WebSocket frames (bench/ws_frame.h):
 * any bytes parse as a frame inside them, as a part to wait on, or as a
 * refusal; a frame written comes back as the same opcode and payload, masked
 * or not.
 */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../bench/ws_frame.h"

int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
round_trip(const uint8_t *data, size_t size, const uint32_t *mask)
{
	const unsigned char	*pay;
	unsigned char		*buf = malloc(WS_HEADER_MAX + size);
	size_t			 n, len;
	int			 op;

	assert(buf != NULL);
	n = ws_frame_write(buf, WS_BINARY, data, size, mask);
	assert(n <= WS_HEADER_MAX + size);
	/* Every part shorter than the frame is one to wait on. */
	assert(ws_frame_parse(buf, n - 1, &op, &pay, &len) == 0);
	assert(ws_frame_parse(buf, n, &op, &pay, &len) == (ssize_t)n);
	assert(op == WS_BINARY && len == size && memcmp(pay, data, size) == 0);
	free(buf);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const unsigned char	*pay;
	unsigned char		*buf = malloc(size + 1);
	uint32_t		 mask = 0x5a17c3e9;
	ssize_t			 n;
	size_t			 len;
	int			 op;

	assert(buf != NULL);
	memcpy(buf, data, size);
	n = ws_frame_parse(buf, size, &op, &pay, &len);
	assert(n >= -1 && n <= (ssize_t)size);
	if (n > 0)
		assert(pay >= buf && pay + len == buf + n && op >= 0 && op <= 15);
	free(buf);
	if (size <= 70000) {	/* past 0xffff the 64-bit length too */
		round_trip(data, size, NULL);
		round_trip(data, size, &mask);
	}
	return 0;
}
