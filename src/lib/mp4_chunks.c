/* mp4_chunks.c: a whole file's sample tables checked against its mdat. */
#include <stdint.h>
#include <string.h>

#include "lib/mp4_priv.h"

static const char	 outside[] = "its structure is broken (sample data"
			    " outside the media data)";
static const char	 disagree[] = "its structure is broken (its sample"
			    " tables disagree)";

/* A whole file's track's sample tables, in place in the file. */
struct tables {
	const unsigned char	*size;		/* each sample's, or NULL */
	uint64_t		 uniform;	/* every sample's, if none */
	int			 bits;		/* of a size: 4, 8, 16, 32 */
	uint64_t		 nsamples;
	const unsigned char	*run;		/* stsc's entries */
	uint64_t		 nruns;
	const unsigned char	*off;		/* each chunk's, in the file */
	int			 offlen;	/* 4 (stco) or 8 (co64) */
	uint64_t		 nchunks;
};

/* Entries of esz bytes after a full box header and their count (no box: 0). */
static int
entry_table(struct walk *w, const struct box *b, size_t esz,
    const unsigned char **at, uint64_t *n)
{
	*n = 0;
	if (b->type == 0)
		return 0;
	if (field(w, b, 4, 4, n) != 0)
		return -1;
	if (*n > (b->end - b->data - 8) / esz)
		return fail(w, "its structure is broken (a sample table longer"
		    " than its box)");
	*at = w->p + b->data + 8;
	return 0;
}

/*
 * stsz: one size for every sample, or 32 bits each; stz2 (compact): 4, 8
 * or 16 bits each, two to a byte for 4, the first in the high half.
 */
static int
size_table(struct walk *w, const struct box *b, struct tables *tb)
{
	uint64_t	v;

	if (b->type == 0)
		return 0;	/* no sample; stts must say none */
	if (field(w, b, 4, 4, &v) != 0 ||
	    field(w, b, 8, 4, &tb->nsamples) != 0)
		return -1;
	if (b->type == T_STSZ) {
		tb->bits = 32;
		if ((tb->uniform = v) != 0)
			return 0;
	} else if ((tb->bits = (int)(v & 0xff)) != 4 && tb->bits != 8 &&
	    tb->bits != 16)
		return fail(w, "its structure is broken (sample sizes of an"
		    " unknown width)");
	/* No overflow: nsamples has 32 bits. */
	if ((tb->nsamples * (uint64_t)tb->bits + 7) / 8 > b->end - b->data - 12)
		return fail(w, "its structure is broken (a sample table longer"
		    " than its box)");
	tb->size = w->p + b->data + 12;
	return 0;
}

/* Sample i's size; in the table, which the caller checked. */
static uint64_t
sample_size(const struct tables *tb, uint64_t i)
{
	if (tb->bits == 4)
		return tb->size[i / 2] >> (i % 2 ? 0 : 4) & 0xf;
	return be(tb->size + i * (size_t)(tb->bits / 8), tb->bits / 8);
}

/* The bytes of n samples from s. */
static uint64_t
sample_bytes(const struct tables *tb, uint64_t s, uint64_t n)
{
	uint64_t	sum = 0, i;

	if (tb->size == NULL)
		return sat_mul(n, tb->uniform);
	for (i = s; i < s + n; i++)
		sum += sample_size(tb, i);	/* < 2^32 sizes of 32 bits */
	return sum;
}

/* Whether off and the n bytes after it lie in one mdat's data. */
static int
in_mdat(const struct walk *w, uint64_t off, uint64_t n)
{
	int	lo = 0, hi = w->nmdat, mid;

	/* The last mdat whose data starts at or before off. */
	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (w->mdat[mid].data <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo > 0 && sat_add(off, n) <= w->mdat[lo - 1].end;
}

/*
 * stsc's runs, each from its first chunk to the next run's, give every
 * chunk its count of the next samples; their sizes make the chunk's bytes,
 * which must lie in one mdat.  Every chunk and sample is seen once.
 */
static int
chunk_runs(struct walk *w, const struct tables *tb)
{
	uint64_t	j, c, first, next, n, s = 0, off;

	for (j = 0; j < tb->nruns; j++) {
		first = be(tb->run + 12 * j, 4);
		n = be(tb->run + 12 * j + 4, 4);
		next = j + 1 < tb->nruns ? be(tb->run + 12 * (j + 1), 4) :
		    UINT64_MAX;
		/*
		 * From chunk 1, never back, so a chunk is in one run at most
		 * and c - 1 indexes; a run the next starts with, or one past
		 * the last chunk, has none.
		 */
		if ((j == 0 && first != 1) || next < first)
			return fail(w, disagree);
		for (c = first; c <= tb->nchunks && c < next; c++, s += n) {
			if (n > tb->nsamples - s)
				return fail(w, disagree);
			off = be(tb->off + (size_t)tb->offlen * (c - 1),
			    tb->offlen);
			if (!in_mdat(w, off, sample_bytes(tb, s, n)))
				return fail(w, outside);
		}
	}
	return s == tb->nsamples ? 0 : fail(w, disagree);
}

/* A whole file's track: as many samples in stsz as in stts, and in chunks. */
static int
track_chunks(struct walk *w, int i)
{
	struct tstate	*t = &w->t[i];
	struct tables	 tb;

	memset(&tb, 0, sizeof(tb));
	if (t->twice)
		return fail(w, "its structure is broken (a sample table given"
		    " twice)");
	tb.offlen = t->chunks.type == T_CO64 ? 8 : 4;
	if (size_table(w, &t->sizes, &tb) != 0 ||
	    entry_table(w, &t->runs, 12, &tb.run, &tb.nruns) != 0 ||
	    entry_table(w, &t->chunks, (size_t)tb.offlen, &tb.off,
	    &tb.nchunks) != 0)
		return -1;
	if (tb.nsamples != (uint64_t)w->info->track[i].samples)
		return fail(w, disagree);
	return chunk_runs(w, &tb);
}

/*
 * A whole file's samples lie where its tables say, in its mdat: known
 * only after the walk, as moov may come before or after them.
 */
int
mp4_whole_chunks(struct walk *w)
{
	int	i;

	if (w->info->fragmented)
		return 0;	/* its runs were checked instead (run_data) */
	if (w->nmdat > MAX_MDAT)
		return fail(w, "it has too many media data boxes");
	for (i = 0; i < w->info->ntracks; i++)
		if (track_chunks(w, i) != 0)
			return -1;
	return 0;
}
