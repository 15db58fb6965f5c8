/* tokenizer_encode.c: text to token ids: UTF-8 repair, pre-tokenizer pattern, byte-pair merge. */
/*
 * The result is js-tiktoken's, token for token (tests/unit/core_tokenizer_
 * test.c checks a mixed text).  XXX: one gap is left on purpose: \p{L} and
 * friends follow PCRE2's Unicode tables (14.0 in PCRE2 10.42) while node's
 * follow its ICU (17.0 in node 20.20), so letters assigned since (CJK
 * extensions H and I, a few new scripts) are not letters here and a piece
 * can split differently.  Spelling node's classes out in the pattern would
 * close it, but PCRE2 10.42 scans long classes linearly (CJK text ran 3x
 * slower); a count off by a token on such rare text is safe for budgets.
 */
#include <stdlib.h>
#include <string.h>

#include "core/tokenizer_impl.h"
#include "lib/log.h"

/*
 * Pieces up to this many bytes merge by scanning an array for the lowest
 * rank, as tiktoken does (quadratic, but cache-friendly and on the stack);
 * longer ones (whitespace runs, words without spaces) use a heap.
 */
#define SMALL_PIECE	128

/* Where ids go: the first cap are stored, all are counted. */
struct sink {
	uint32_t	*ids;
	size_t		 cap;
	size_t		 n;
};

static inline void
emit(struct sink *s, uint32_t id)
{
	if (s->n < s->cap)
		s->ids[s->n] = id;
	s->n++;
}

/* Length of the well-formed UTF-8 sequence at p (1 to 4), or 0 if ill-formed. */
static size_t
utf8_seq(const unsigned char *p, size_t n)
{
	unsigned char	 c = p[0], lo = 0x80, hi = 0xbf;
	size_t		 need, i;

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		need = 1;
	else if (c >= 0xe0 && c <= 0xef) {
		need = 2;
		if (c == 0xe0)
			lo = 0xa0;	/* no overlong forms */
		else if (c == 0xed)
			hi = 0x9f;	/* no surrogates */
	} else if (c >= 0xf0 && c <= 0xf4) {
		need = 3;
		if (c == 0xf0)
			lo = 0x90;
		else if (c == 0xf4)
			hi = 0x8f;	/* nothing above U+10FFFF */
	} else
		return 0;
	for (i = 1; i <= need; i++, lo = 0x80, hi = 0xbf)
		if (i >= n || p[i] < lo || p[i] > hi)
			return 0;
	return need + 1;
}

/* Length of the longest well-formed UTF-8 prefix of p[0..n). */
static size_t
utf8_valid_prefix(const unsigned char *p, size_t n)
{
	size_t		 i = 0, k;
	uint64_t	 w;

	while (i < n) {
		if (n - i >= 8) {
			memcpy(&w, p + i, 8);
			if ((w & 0x8080808080808080ULL) == 0) {
				i += 8;
				continue;
			}
		}
		if ((k = utf8_seq(p + i, n - i)) == 0)
			return i;
		i += k;
	}
	return n;
}

/*
 * Bytes of the ill-formed sequence at p: the lead byte and the continuation
 * bytes that were acceptable so far ("maximal subpart"), as the WHATWG
 * decoder that node's TextDecoder and Buffer use replaces each by one U+FFFD.
 */
static size_t
utf8_bad_len(const unsigned char *p, size_t n)
{
	unsigned char	 c = p[0], lo = 0x80, hi = 0xbf;
	size_t		 need, i;

	if (c >= 0xc2 && c <= 0xdf)
		need = 1;
	else if (c >= 0xe0 && c <= 0xef) {
		need = 2;
		lo = c == 0xe0 ? 0xa0 : 0x80;
		hi = c == 0xed ? 0x9f : 0xbf;
	} else if (c >= 0xf0 && c <= 0xf4) {
		need = 3;
		lo = c == 0xf0 ? 0x90 : 0x80;
		hi = c == 0xf4 ? 0x8f : 0xbf;
	} else
		return 1;
	for (i = 1; i <= need && i < n; i++, lo = 0x80, hi = 0xbf)
		if (p[i] < lo || p[i] > hi)
			break;
	return i;
}

/* A malloc'd copy of p[0..n) with each ill-formed sequence replaced by U+FFFD. */
static unsigned char *
utf8_repair(const unsigned char *p, size_t n, size_t *outlen)
{
	unsigned char	*out, *o;
	size_t		 i = 0, k;

	if (n > SIZE_MAX / 3 || (out = malloc(n * 3 + 1)) == NULL)
		abort();	/* out of memory: not a status (STYLE 5) */
	for (o = out; i < n; i += k) {
		if ((k = utf8_seq(p + i, n - i)) != 0) {
			memcpy(o, p + i, k);
			o += k;
			continue;
		}
		k = utf8_bad_len(p + i, n - i);
		memcpy(o, "\xef\xbf\xbd", 3);
		o += 3;
	}
	*outlen = (size_t)(o - out);
	return out;
}

/*
 * tiktoken's merge on a short piece: parts start at start[i]; pr[i] is the
 * rank of part i joined with part i+1.  The lowest rank merges first, the
 * leftmost of equals, until no adjacent pair is a token.
 */
static void
merge_small(const struct tokenizer *t, const unsigned char *p, size_t n,
    struct sink *out)
{
	uint32_t	 start[SMALL_PIECE + 1], tok[SMALL_PIECE], pr[SMALL_PIECE];
	uint32_t	 best;
	size_t		 i, k, parts = n;

	for (i = 0; i < n; i++) {
		start[i] = (uint32_t)i;
		tok[i] = t->byte_rank[p[i]];
		pr[i] = i + 1 < n ? tok_rank(t, p + i, 2) : TOK_NO_RANK;
	}
	start[n] = (uint32_t)n;
	for (;;) {
		for (best = TOK_NO_RANK, i = k = 0; k + 1 < parts; k++)
			if (pr[k] < best) {
				best = pr[k];
				i = k;
			}
		if (best == TOK_NO_RANK)
			break;
		tok[i] = best;
		parts--;
		memmove(start + i + 1, start + i + 2, (parts - i) * sizeof(*start));
		memmove(tok + i + 1, tok + i + 2, (parts - i - 1) * sizeof(*tok));
		memmove(pr + i + 1, pr + i + 2, (parts - i - 1) * sizeof(*pr));
		pr[i] = i + 1 < parts ? tok_rank(t, p + start[i],
		    start[i + 2] - start[i]) : TOK_NO_RANK;
		if (i > 0)
			pr[i - 1] = tok_rank(t, p + start[i - 1],
			    start[i + 1] - start[i - 1]);
	}
	for (i = 0; i < parts; i++)
		emit(out, tok[i]);
}

/* A binary min-heap of (rank << 32 | part): lowest rank, then leftmost part. */
struct heap {
	uint64_t	*v;
	size_t		 n;
};

static void
heap_push(struct heap *h, uint64_t x)
{
	size_t	 i = h->n++, up;

	for (; i > 0 && h->v[up = (i - 1) / 2] > x; i = up)
		h->v[i] = h->v[up];
	h->v[i] = x;
}

static uint64_t
heap_pop(struct heap *h)
{
	uint64_t	 top = h->v[0], x = h->v[--h->n];
	size_t		 i = 0, c;

	while ((c = 2 * i + 1) < h->n) {
		if (c + 1 < h->n && h->v[c + 1] < h->v[c])
			c++;
		if (h->v[c] >= x)
			break;
		h->v[i] = h->v[c];
		i = c;
	}
	h->v[i] = x;
	return top;
}

/* Long pieces: parts are a linked list, candidate pairs wait in the heap. */
struct chain {
	const struct tokenizer	*t;
	const unsigned char	*p;
	uint32_t		*next;	/* start of the following part; n at the end */
	uint32_t		*prev;
	uint32_t		*tok;
	uint32_t		*pr;	/* rank of the pair starting here */
	struct heap		 heap;
};

/* Refreshes the pair rank of part i and queues it if it is a token. */
static void
chain_rank(struct chain *c, uint32_t i, uint32_t n)
{
	uint32_t	 j = c->next[i];

	c->pr[i] = j < n ? tok_rank(c->t, c->p + i, c->next[j] - i) :
	    TOK_NO_RANK;
	if (c->pr[i] != TOK_NO_RANK)
		heap_push(&c->heap, (uint64_t)c->pr[i] << 32 | i);
}

/*
 * The same merge in O(n log n).  Parts are named by their first byte, so the
 * heap's order on (rank, part) is tiktoken's "lowest rank, then leftmost".
 * An entry is stale once its part died or its pair changed: a pair only ever
 * grows, so a changed pair never has its old rank again.
 */
static void
merge_long(const struct tokenizer *t, const unsigned char *p, uint32_t n,
    struct sink *out)
{
	struct chain	 c = { .t = t, .p = p };
	uint64_t	 top;
	uint32_t	 i, j, rank;

	if ((c.next = malloc((size_t)n * 4 * sizeof(uint32_t))) == NULL ||
	    (c.heap.v = malloc((size_t)n * 3 * sizeof(uint64_t))) == NULL)
		abort();
	c.prev = c.next + n;
	c.tok = c.prev + n;
	c.pr = c.tok + n;
	for (i = 0; i < n; i++) {
		c.next[i] = i + 1;
		c.prev[i] = i - 1;	/* part 0's is never read */
		c.tok[i] = t->byte_rank[p[i]];
	}
	for (i = 0; i < n; i++)
		chain_rank(&c, i, n);
	while (c.heap.n > 0) {
		top = heap_pop(&c.heap);
		rank = (uint32_t)(top >> 32);
		i = (uint32_t)top;
		if (c.pr[i] != rank)
			continue;	/* stale */
		j = c.next[i];
		c.tok[i] = rank;
		c.pr[j] = TOK_NO_RANK;	/* j is gone: its entries go stale */
		c.next[i] = c.next[j];
		if (c.next[j] < n)
			c.prev[c.next[j]] = i;
		chain_rank(&c, i, n);
		if (i > 0)
			chain_rank(&c, c.prev[i], n);
	}
	for (i = 0; i < n; i = c.next[i])
		emit(out, c.tok[i]);
	free(c.heap.v);
	free(c.next);
}

/* One piece of the pre-tokenizer: a whole token if it is one, else merged from bytes. */
static void
encode_piece(const struct tokenizer *t, const unsigned char *p, size_t n,
    struct sink *out)
{
	uint32_t	 r;

	if (n == 1) {
		emit(out, t->byte_rank[p[0]]);
		return;
	}
	if ((r = tok_rank(t, p, n)) != TOK_NO_RANK) {
		emit(out, r);
		return;
	}
	if (n <= SMALL_PIECE)
		merge_small(t, p, n, out);
	else {
		/* A piece is one regex match of a subject we already hold. */
		if (n >= UINT32_MAX / 4)
			abort();
		merge_long(t, p, (uint32_t)n, out);
	}
}

/*
 * The next pre-tokenizer match at or after at.  The subject is known to be
 * UTF-8, so PCRE2 need not check it again at each call (which would make the
 * whole loop quadratic).  JIT's fixed stack can run out on odd input; the
 * interpreter, whose frames live on the heap, then takes that one match.
 */
static int
next_match(const struct tokenizer *t, const unsigned char *s, size_t len,
    size_t at, pcre2_match_data *md)
{
	int	 rc;

	if (t->jit) {
		rc = pcre2_jit_match(t->re, s, len, at, 0, md, NULL);
		if (rc != PCRE2_ERROR_JIT_STACKLIMIT)
			return rc;
	}
	return pcre2_match(t->re, s, len, at, PCRE2_NO_UTF_CHECK | PCRE2_NO_JIT,
	    md, NULL);
}

/* Encodes well-formed UTF-8, match by match, as js-tiktoken's matchAll loop does. */
static void
encode_utf8(const struct tokenizer *t, const unsigned char *s, size_t len,
    struct sink *out)
{
	pcre2_match_data	*md;
	PCRE2_SIZE		*ov;
	size_t			 at = 0;
	int			 rc;

	if ((md = pcre2_match_data_create_from_pattern(t->re, NULL)) == NULL)
		abort();
	ov = pcre2_get_ovector_pointer(md);
	while (at < len) {
		rc = next_match(t, s, len, at, md);
		if (rc == PCRE2_ERROR_NOMATCH)
			break;	/* matchAll would find nothing more either */
		if (rc < 0 || ov[1] <= ov[0] || ov[1] > len) {
			/*
			 * XXX: a match or heap limit on a pattern without nested
			 * repeats should not happen; the rest is encoded as one
			 * piece so the count stays close and the call bounded.
			 */
			log_warn("tokenizer: pcre2 match error %d at %zu", rc, at);
			encode_piece(t, s + at, len - at, out);
			break;
		}
		encode_piece(t, s + ov[0], ov[1] - ov[0], out);
		at = ov[1];
	}
	pcre2_match_data_free(md);
}

size_t
tokenizer_encode(const struct tokenizer *t, const char *text, size_t len,
    uint32_t *ids, size_t cap)
{
	struct sink		 out = { ids, ids == NULL ? 0 : cap, 0 };
	const unsigned char	*s = (const unsigned char *)text;
	unsigned char		*fixed;
	size_t			 flen;

	if (utf8_valid_prefix(s, len) == len) {
		encode_utf8(t, s, len, &out);
		return out.n;
	}
	fixed = utf8_repair(s, len, &flen);
	encode_utf8(t, fixed, flen, &out);
	free(fixed);
	return out.n;
}
