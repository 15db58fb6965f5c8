/*
 * webm.c: the EBML walk behind webm_probe (see webm.h).  An element is an
 * ID (1 to 4 bytes, its length marker kept, as the Matroska spec writes
 * IDs), a size (1 to 8 bytes, marker removed; all value bits set: unknown)
 * and its data.  Only the elements below are read; the rest are skipped by
 * their size.  Every length is checked against what is left before use.
 */
#include <stdint.h>
#include <string.h>

#include "lib/webm.h"

#define ID_EBML		0x1A45DFA3u
#define ID_DOCTYPE	0x4282u
#define ID_SEGMENT	0x18538067u
#define ID_SEEKHEAD	0x114D9B74u
#define ID_INFO		0x1549A966u
#define ID_TIMESCALE	0x2AD7B1u
#define ID_DURATION	0x4489u
#define ID_TRACKS	0x1654AE6Bu
#define ID_TRACKENTRY	0xAEu
#define ID_TRACKTYPE	0x83u
#define ID_CODECID	0x86u
#define ID_AUDIO	0xE1u
#define ID_SAMPLERATE	0xB5u
#define ID_CHANNELS	0x9Fu
#define ID_CLUSTER	0x1F43B675u
#define ID_TIMECODE	0xE7u
#define ID_SIMPLEBLOCK	0xA3u
#define ID_BLOCKGROUP	0xA0u
#define ID_BLOCK	0xA1u
#define ID_CUES		0x1C53BB6Bu
#define ID_CHAPTERS	0x1043A770u
#define ID_TAGS		0x1254C367u
#define ID_ATTACHMENTS	0x1941A469u

#define TRACK_VIDEO	1
#define TRACK_AUDIO	2

struct elem {
	uint32_t	 id;
	size_t		 start;		/* the ID's first byte */
	size_t		 data;
	size_t		 end;		/* unknown size: the parent's end */
	int		 unknown;
};

struct walk {
	const unsigned char	*p;
	size_t			 len;
	struct webm_info	*info;
	const char		*why;
	uint64_t		 timescale;	/* ns per tick */
	double			 duration;	/* ticks, from Info; 0: unsaid */
	int64_t			 last_tick;	/* the latest block's start */
};

static int
fail(struct walk *w, const char *why)
{
	if (w->why == NULL)
		w->why = why;
	return -1;
}

/* Bytes a vint takes, from its first byte: 1 + its leading zeros. */
static int
vint_len(unsigned char b, int max)
{
	int	n = 1;

	while (n <= max && !(b & (0x80 >> (n - 1))))
		n++;
	return n <= max ? n : 0;
}

/* An element's header at off, below end; its data bounded by end. */
static int
elem_at(struct walk *w, size_t off, size_t end, struct elem *e)
{
	uint64_t	v, all;
	int		n, i;

	if (off >= end || (n = vint_len(w->p[off], 4)) == 0 ||
	    end - off < (size_t)n)
		return fail(w, "its structure is broken (a bad element ID)");
	e->start = off;
	for (e->id = 0, i = 0; i < n; i++)
		e->id = e->id << 8 | w->p[off + i];
	off += (size_t)n;
	if (off >= end || (n = vint_len(w->p[off], 8)) == 0 ||
	    end - off < (size_t)n)
		return fail(w, "its structure is broken (a bad element size)");
	v = w->p[off] & (0xFFu >> n);
	for (i = 1; i < n; i++)
		v = v << 8 | w->p[off + (size_t)i];
	all = (UINT64_C(1) << (7 * n)) - 1;
	e->data = off + (size_t)n;
	e->unknown = v == all;
	if (e->unknown)
		e->end = end;
	else if (v > end - e->data)
		return fail(w, "it is cut short");
	else
		e->end = e->data + (size_t)v;
	return 0;
}

static uint64_t
uint_of(const struct walk *w, const struct elem *e)
{
	uint64_t	v = 0;
	size_t		i;

	for (i = e->data; i < e->end && i - e->data < 8; i++)
		v = v << 8 | w->p[i];
	return v;
}

/* A float element: 4 or 8 bytes, big-endian IEEE; anything else is 0. */
static double
float_of(const struct walk *w, const struct elem *e)
{
	uint64_t	bits = uint_of(w, e);
	uint32_t	b32;
	float		f;
	double		d;

	if (e->end - e->data == 4) {
		b32 = (uint32_t)bits;
		memcpy(&f, &b32, sizeof(f));
		d = f;
	} else if (e->end - e->data == 8)
		memcpy(&d, &bits, sizeof(d));
	else
		return 0;
	return d == d && d >= 0 && d < 1e18 ? d : 0;	/* NaN, sign, huge: 0 */
}

static void
text_of(const struct walk *w, const struct elem *e, char *out, size_t sz)
{
	size_t	n = e->end - e->data;

	if (n >= sz)
		n = sz - 1;
	memcpy(out, w->p + e->data, n);	/* NUL padding ends it early */
	out[n] = '\0';
}

static int
known_size(struct walk *w, const struct elem *e)
{
	return e->unknown ? fail(w, "its structure is broken (an element of"
	    " unknown size where none may be)") : 0;
}

static int
header(struct walk *w, size_t *off)
{
	struct elem	e, c;
	char		doctype[16] = "";
	size_t		i;

	if (w->len < 4 || memcmp(w->p, "\x1A\x45\xDF\xA3", 4) != 0)
		return fail(w, "it is not a WebM file");
	if (elem_at(w, 0, w->len, &e) != 0 || known_size(w, &e) != 0)
		return -1;
	for (i = e.data; i < e.end; i = c.end) {
		if (elem_at(w, i, e.end, &c) != 0 || known_size(w, &c) != 0)
			return -1;
		if (c.id == ID_DOCTYPE)
			text_of(w, &c, doctype, sizeof(doctype));
	}
	if (strcmp(doctype, "webm") != 0 && strcmp(doctype, "matroska") != 0)
		return fail(w, "it is not a WebM file (another EBML kind)");
	*off = e.end;
	return 0;
}

static int
info(struct walk *w, const struct elem *e)
{
	struct elem	c;
	size_t		i;

	for (i = e->data; i < e->end; i = c.end) {
		if (elem_at(w, i, e->end, &c) != 0 || known_size(w, &c) != 0)
			return -1;
		if (c.id == ID_TIMESCALE && uint_of(w, &c) > 0)
			w->timescale = uint_of(w, &c);
		else if (c.id == ID_DURATION)
			w->duration = float_of(w, &c);
	}
	return 0;
}

static int
audio(struct walk *w, const struct elem *e, int first)
{
	struct elem	c;
	size_t		i;
	double		hz;

	for (i = e->data; i < e->end; i = c.end) {
		if (elem_at(w, i, e->end, &c) != 0 || known_size(w, &c) != 0)
			return -1;
		if (!first)
			continue;
		if (c.id == ID_CHANNELS && uint_of(w, &c) <= 64)
			w->info->channels = (int)uint_of(w, &c);
		else if (c.id == ID_SAMPLERATE &&
		    (hz = float_of(w, &c)) <= 1e6)
			w->info->samplerate = (int)hz;
	}
	return 0;
}

static int
track(struct walk *w, const struct elem *e)
{
	struct elem	c, a = { 0, 0, 0, 0, 0 };
	char		codec[WEBM_CODEC_LEN] = "";
	uint64_t	type = 0;
	size_t		i;
	int		first;

	for (i = e->data; i < e->end; i = c.end) {
		if (elem_at(w, i, e->end, &c) != 0 || known_size(w, &c) != 0)
			return -1;
		if (c.id == ID_TRACKTYPE)
			type = uint_of(w, &c);
		else if (c.id == ID_CODECID)
			text_of(w, &c, codec, sizeof(codec));
		else if (c.id == ID_AUDIO)
			a = c;
	}
	if (type == TRACK_AUDIO) {
		first = w->info->audio_tracks++ == 0;
		if (first)
			memcpy(w->info->audio_codec, codec, sizeof(codec));
		if (a.id == ID_AUDIO)
			return audio(w, &a, first);
	} else if (type == TRACK_VIDEO && w->info->video_tracks++ == 0)
		memcpy(w->info->video_codec, codec, sizeof(codec));
	return 0;
}

static int
tracks(struct walk *w, const struct elem *e)
{
	struct elem	c;
	size_t		i;

	for (i = e->data; i < e->end; i = c.end) {
		if (elem_at(w, i, e->end, &c) != 0 || known_size(w, &c) != 0)
			return -1;
		if (c.id == ID_TRACKENTRY && track(w, &c) != 0)
			return -1;
	}
	return 0;
}

/* A (Simple)Block: track number (a size-style vint), int16 time, flags. */
static int
block(struct walk *w, const struct elem *e, int64_t cluster_tick)
{
	size_t		off = e->data;
	int		n;
	int16_t		rel;

	if (off >= e->end || (n = vint_len(w->p[off], 8)) == 0 ||
	    e->end - off < (size_t)n + 3)
		return fail(w, "its structure is broken (a bad block)");
	off += (size_t)n;
	rel = (int16_t)(w->p[off] << 8 | w->p[off + 1]);
	if (cluster_tick + rel > w->last_tick)
		w->last_tick = cluster_tick + rel;
	w->info->blocks++;
	return 0;
}

static int
block_group(struct walk *w, const struct elem *e, int64_t tick)
{
	struct elem	c;
	size_t		i;

	for (i = e->data; i < e->end; i = c.end) {
		if (elem_at(w, i, e->end, &c) != 0 || known_size(w, &c) != 0)
			return -1;
		if (c.id == ID_BLOCK && block(w, &c, tick) != 0)
			return -1;
	}
	return 0;
}

/* An element that belongs to the Segment: it ends a Cluster of unknown size. */
static int
segment_level(uint32_t id)
{
	return id == ID_CLUSTER || id == ID_INFO || id == ID_TRACKS ||
	    id == ID_CUES || id == ID_SEEKHEAD || id == ID_TAGS ||
	    id == ID_CHAPTERS || id == ID_ATTACHMENTS;
}

/* Reads a Cluster; *next is where the Segment's next element starts. */
static int
cluster(struct walk *w, const struct elem *e, size_t *next)
{
	struct elem	c;
	int64_t		tick = 0;
	size_t		i;

	for (i = e->data; i < e->end; i = c.end) {
		if (elem_at(w, i, e->end, &c) != 0)
			return -1;
		if (e->unknown && segment_level(c.id))
			break;
		if (known_size(w, &c) != 0)
			return -1;
		if (c.id == ID_TIMECODE)
			tick = (int64_t)(uint_of(w, &c) & INT32_MAX);
		else if (c.id == ID_SIMPLEBLOCK && block(w, &c, tick) != 0)
			return -1;
		else if (c.id == ID_BLOCKGROUP && block_group(w, &c, tick) != 0)
			return -1;
	}
	*next = i;
	return 0;
}

static int
segment(struct walk *w, const struct elem *s)
{
	struct elem	c;
	size_t		i, next;

	for (i = s->data; i < s->end; i = next) {
		if (elem_at(w, i, s->end, &c) != 0)
			return -1;
		next = c.end;
		if (c.id == ID_CLUSTER) {
			if (cluster(w, &c, &next) != 0)
				return -1;
			continue;
		}
		if (known_size(w, &c) != 0)
			return -1;
		if ((c.id == ID_INFO && info(w, &c) != 0) ||
		    (c.id == ID_TRACKS && tracks(w, &c) != 0))
			return -1;
	}
	return 0;
}

static long long
ms_of(double ticks, uint64_t timescale)
{
	double	ms = ticks * (double)timescale / 1e6;

	return ms > 0 && ms < 1e15 ? (long long)(ms + 0.5) : 0;
}

enum status
webm_probe(const void *p, size_t len, struct webm_info *out, const char **why)
{
	struct walk	w;
	struct elem	s;
	size_t		off;

	memset(out, 0, sizeof(*out));
	memset(&w, 0, sizeof(w));
	w.p = p;
	w.len = len;
	w.info = out;
	w.timescale = 1000000;	/* the default: ticks of a millisecond */
	if (header(&w, &off) != 0)
		goto bad;
	/* The Segment, past any Void or other top-level element. */
	for (;;) {
		if (elem_at(&w, off, len, &s) != 0) {
			(void)fail(&w, "it holds no recording");
			goto bad;
		}
		if (s.id == ID_SEGMENT)
			break;
		if (known_size(&w, &s) != 0)
			goto bad;
		off = s.end;
	}
	if (segment(&w, &s) != 0)
		goto bad;
	if (out->audio_tracks + out->video_tracks == 0) {
		(void)fail(&w, "it holds no sound or picture track");
		goto bad;
	}
	if (out->blocks == 0) {
		(void)fail(&w, "it holds no sound or picture");
		goto bad;
	}
	out->duration_said = w.duration > 0;
	out->duration_ms = ms_of(out->duration_said ? w.duration :
	    (double)w.last_tick, w.timescale);
	*why = NULL;
	return ST_OK;
bad:
	*why = w.why;
	return ST_INVALID;
}
