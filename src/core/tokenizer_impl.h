/* tokenizer_impl.h: the loaded rank table, shared by tokenizer.c and tokenizer_encode.c. */
#ifndef VIVA_TOKENIZER_IMPL_H
#define VIVA_TOKENIZER_IMPL_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdint.h>
#include <string.h>

#include "core/tokenizer.h"

#define TOK_NO_RANK	UINT32_MAX

/*
 * An open-addressing slot.  Most lookups are of short byte pairs, so the
 * first 8 bytes of the token live in the slot: a probe then touches one cache
 * line instead of three (slot, offset table, token bytes).
 */
struct tok_slot {
	uint64_t	 head;		/* first 8 bytes, zero-padded */
	uint32_t	 rank;		/* TOK_NO_RANK: empty */
	uint32_t	 taglen;	/* hash bits above 8, length in the low 8 */
};

struct tokenizer {
	enum tok_encoding	 enc;
	pcre2_code		*re;
	int			 jit;		/* re is JIT-compiled */
	unsigned char		*file;		/* the whole .bpe file */
	const unsigned char	*bytes;		/* tokens, in rank order, in file */
	uint32_t		*off;		/* rank r is bytes[off[r]..off[r+1]) */
	uint32_t		 nranks;
	uint32_t		 maxlen;	/* the longest token, in bytes */
	struct tok_slot		*slots;
	uint32_t		 mask;		/* slots - 1, a power of two less one */
	uint32_t		 byte_rank[256];
};

/*
 * A 64-bit hash of a short byte string, 8 bytes a step with a multiply-xorshift
 * mix; tokens are at most 255 bytes, so speed matters more than streaming.
 */
static inline uint64_t
tok_hash(const unsigned char *p, size_t n)
{
	uint64_t	 h = 0x9e3779b97f4a7c15ULL ^ (n * 0xff51afd7ed558ccdULL);
	uint64_t	 w;
	uint32_t	 a, b;

	for (; n >= 8; p += 8, n -= 8) {
		memcpy(&w, p, 8);
		h = (h ^ w) * 0xc4ceb9fe1a85ec53ULL;
		h ^= h >> 31;
	}
	if (n >= 4) {
		memcpy(&a, p, 4);
		memcpy(&b, p + n - 4, 4);
		w = (uint64_t)a << 32 | b;
	} else if (n > 0)
		w = (uint64_t)p[0] << 16 | (uint64_t)p[n / 2] << 8 | p[n - 1];
	else
		w = 0;
	h = (h ^ w) * 0xff51afd7ed558ccdULL;
	h ^= h >> 32;
	h *= 0xc4ceb9fe1a85ec53ULL;
	return h ^ (h >> 29);
}

/* The first 8 bytes of p[0..n), zero-padded, as a slot's head holds them. */
static inline uint64_t
tok_head(const unsigned char *p, size_t n)
{
	uint64_t	 w = 0;

	memcpy(&w, p, n < 8 ? n : 8);
	return w;
}

/* The slot's taglen for a string of n bytes (n <= 255) and hash h. */
static inline uint32_t
tok_taglen(uint64_t h, size_t n)
{
	return ((uint32_t)(h >> 32) & ~0xffu) | (uint32_t)n;
}

/* The rank of the token whose bytes are p[0..n), or TOK_NO_RANK. */
static inline uint32_t
tok_rank(const struct tokenizer *t, const unsigned char *p, size_t n)
{
	const struct tok_slot	*s;
	uint64_t		 h, head;
	uint32_t		 i, taglen;

	if (n > t->maxlen)
		return TOK_NO_RANK;
	h = tok_hash(p, n);
	head = tok_head(p, n);
	taglen = tok_taglen(h, n);
	for (i = (uint32_t)h & t->mask;; i = (i + 1) & t->mask) {
		s = &t->slots[i];
		if (s->rank == TOK_NO_RANK)
			return TOK_NO_RANK;
		if (s->taglen == taglen && s->head == head && (n <= 8 ||
		    memcmp(t->bytes + t->off[s->rank] + 8, p + 8, n - 8) == 0))
			return s->rank;
	}
}

#endif
