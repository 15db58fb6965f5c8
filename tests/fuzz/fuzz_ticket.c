/* fuzz_ticket.c: any text given as a realtime ticket, and any base64 audio: refused or decoded, never more. */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lib/b64.h"
#include "lib/ticket.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const unsigned char	 key[TICKET_KEY_LEN] = { 1, 2, 3 };
	struct ticket_claim		 c;
	unsigned char			*out;
	char				*s;
	size_t				 n;
	enum status			 st;

	if ((s = malloc(size + 1)) == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	st = ticket_verify(key, s, 0, &c);
	/* Forging a tag by chance does not happen: only refusals. */
	assert(st == ST_INVALID || st == ST_DENIED);
	assert(c.interview == 0 && c.why != NULL && *c.why != '\0');
	out = malloc(size / 4 * 3 + 1);
	if (out != NULL && b64_decode(out, size / 4 * 3, s, size, &n) == 0)
		assert(n <= size / 4 * 3);
	free(out);
	free(s);
	return 0;
}
