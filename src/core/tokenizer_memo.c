/*
 * tokenizer_memo.c: token counts of texts counted before.
 *
 * Every message a candidate sends is priced by counting the whole request:
 * the system prompt, every earlier message and the new one.  Only the new
 * one was never counted before, and BPE is the costly part of a send (a
 * 20-message conversation is some 10 KB, 0.3-0.7 ms to count).  So counts
 * of texts of MEMO_MIN_BYTES or more are remembered in a table per thread,
 * keyed by a 128-bit BLAKE2b of the encoding and the text: a count is a
 * pure function of the two, so a remembered count is exact, and the table
 * needs no invalidation.  Direct-mapped: a text that lands on a taken slot
 * replaces what was there.
 */
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "core/tokenizer_impl.h"

#define MEMO_SLOTS	4096		/* a power of two; 24 bytes each */
#define MEMO_MIN_BYTES	256		/* shorter texts are counted afresh */

struct memo_slot {
	unsigned char	 key[16];
	uint64_t	 count;		/* 0: empty (a text this long has tokens) */
};

/* One table per thread: the worker counts in its database threads too. */
static _Thread_local struct memo_slot	*memo;

static void
memo_key(enum tok_encoding enc, const char *text, size_t len,
    unsigned char key[16])
{
	crypto_generichash_state	 st;
	unsigned char			 e = (unsigned char)enc;

	crypto_generichash_init(&st, NULL, 0, 16);
	crypto_generichash_update(&st, &e, 1);
	crypto_generichash_update(&st, (const unsigned char *)text, len);
	crypto_generichash_final(&st, key, 16);
}

size_t
tokenizer_count_memo(const struct tokenizer *t, const char *text, size_t len)
{
	struct memo_slot	*s;
	unsigned char		 key[16];
	uint64_t		 h;

	if (len < MEMO_MIN_BYTES)
		return tokenizer_count(t, text, len);
	if (memo == NULL && (memo = calloc(MEMO_SLOTS, sizeof(*memo))) == NULL)
		abort();
	memo_key(t->enc, text, len, key);
	memcpy(&h, key, sizeof(h));
	s = &memo[h & (MEMO_SLOTS - 1)];
	if (s->count == 0 || memcmp(s->key, key, sizeof(key)) != 0) {
		memcpy(s->key, key, sizeof(key));
		s->count = tokenizer_count(t, text, len);
	}
	return (size_t)s->count;
}
