/* mp4_priv.h: the box walk's state and helpers, for mp4.c and mp4_chunks.c. */
#ifndef VIVA_MP4_PRIV_H
#define VIVA_MP4_PRIV_H

#include <stddef.h>
#include <stdint.h>

#include "lib/mp4.h"

#define FOURCC(a, b, c, d) ((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | \
	    (uint32_t)(c) << 8 | (uint32_t)(d))

#define T_FTYP	FOURCC('f', 't', 'y', 'p')
#define T_MOOV	FOURCC('m', 'o', 'o', 'v')
#define T_MVHD	FOURCC('m', 'v', 'h', 'd')
#define T_TRAK	FOURCC('t', 'r', 'a', 'k')
#define T_TKHD	FOURCC('t', 'k', 'h', 'd')
#define T_MDIA	FOURCC('m', 'd', 'i', 'a')
#define T_MDHD	FOURCC('m', 'd', 'h', 'd')
#define T_HDLR	FOURCC('h', 'd', 'l', 'r')
#define T_MINF	FOURCC('m', 'i', 'n', 'f')
#define T_STBL	FOURCC('s', 't', 'b', 'l')
#define T_STSD	FOURCC('s', 't', 's', 'd')
#define T_STTS	FOURCC('s', 't', 't', 's')
#define T_STSZ	FOURCC('s', 't', 's', 'z')
#define T_STZ2	FOURCC('s', 't', 'z', '2')
#define T_STSC	FOURCC('s', 't', 's', 'c')
#define T_STCO	FOURCC('s', 't', 'c', 'o')
#define T_CO64	FOURCC('c', 'o', '6', '4')
#define T_MVEX	FOURCC('m', 'v', 'e', 'x')
#define T_MEHD	FOURCC('m', 'e', 'h', 'd')
#define T_TREX	FOURCC('t', 'r', 'e', 'x')
#define T_MOOF	FOURCC('m', 'o', 'o', 'f')
#define T_TRAF	FOURCC('t', 'r', 'a', 'f')
#define T_TFHD	FOURCC('t', 'f', 'h', 'd')
#define T_TRUN	FOURCC('t', 'r', 'u', 'n')
#define T_MDAT	FOURCC('m', 'd', 'a', 't')
#define T_UUID	FOURCC('u', 'u', 'i', 'd')

/*
 * The mdat boxes a whole file's chunks may lie in, kept without allocating:
 * recorders write one (two when it outgrew 32-bit offsets).  A fragmented
 * file has one per fragment, but its runs are checked as they come.
 */
#define MAX_MDAT	32

struct box {
	uint32_t	 type;
	size_t		 start;
	size_t		 data;
	size_t		 end;
};

/* What a track needs beyond what mp4_track shows. */
struct tstate {
	uint32_t	 handler;
	uint32_t	 timescale;	/* mdhd's ticks per second */
	uint64_t	 said;		/* mdhd's duration, in ticks */
	uint64_t	 ticks;		/* stts' and the fragments' durations */
	struct box	 entry;		/* its first sample entry (stsd) */
	int		 has_entry;
	/* A whole file's sample tables, read after the walk; type 0: none */
	struct box	 sizes;		/* stsz or stz2 */
	struct box	 runs;		/* stsc: samples per chunk */
	struct box	 chunks;	/* stco or co64: chunk offsets */
	int		 twice;		/* one of them came twice */
};

struct walk {
	const unsigned char	*p;
	size_t			 len;
	struct mp4_info		*info;
	const char		*why;
	int			 moov;		/* a track list was read */
	uint32_t		 movie_timescale;
	uint64_t		 movie_said;	/* mvhd's or mehd's, in its ticks */
	struct tstate		 t[MP4_MAX_TRACKS];
	/* mvex's defaults for the fragments, by track_ID (before or after trak) */
	uint32_t		 trex_id[MP4_MAX_TRACKS];
	uint32_t		 trex_duration[MP4_MAX_TRACKS];
	uint32_t		 trex_size[MP4_MAX_TRACKS];
	int			 ntrex;
	int			 cur;		/* the trak being read */
	int			 frag;		/* the traf's track; -1: none yet */
	uint32_t		 frag_duration;	/* tfhd's default; 0: unsaid */
	uint32_t		 frag_size;	/* likewise, of a sample's bytes */
	size_t			 moof_start;
	uint64_t		 frag_next;	/* where a run's samples start */
	struct box		 mdat[MAX_MDAT];	/* in file order */
	int			 nmdat;		/* MAX_MDAT + 1: more */
};

static inline int
fail(struct walk *w, const char *why)
{
	if (w->why == NULL)
		w->why = why;
	return -1;
}

static inline uint64_t
be(const unsigned char *p, int n)
{
	uint64_t	v = 0;
	int		i;

	for (i = 0; i < n; i++)
		v = v << 8 | p[i];
	return v;
}

/* n (1 to 8) bytes, big-endian, at off within b's data. */
static inline int
field(struct walk *w, const struct box *b, size_t off, int n, uint64_t *v)
{
	if (off > b->end - b->data || (size_t)n > b->end - b->data - off)
		return fail(w, "its structure is broken (a box too short for"
		    " its fields)");
	*v = be(w->p + b->data + off, n);
	return 0;
}

static inline uint64_t
sat_add(uint64_t a, uint64_t b)
{
	return a > UINT64_MAX - b ? UINT64_MAX : a + b;
}

static inline uint64_t
sat_mul(uint64_t a, uint64_t b)
{
	return b != 0 && a > UINT64_MAX / b ? UINT64_MAX : a * b;
}

/*
 * 0 if a whole file's samples lie in its mdat boxes where its sample
 * tables say (mp4_chunks.c); else -1 with w->why said.
 */
int		 mp4_whole_chunks(struct walk *);

#endif
