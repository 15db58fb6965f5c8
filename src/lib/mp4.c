/*
 * mp4.c: the box walk behind mp4_probe (see mp4.h; ISO/IEC 14496-12).  A
 * box is a 32-bit size and a four-character type, then its data; size 1
 * means a 64-bit size follows the type, size 0 that the box runs to the end
 * of what holds it, and type uuid adds 16 bytes of extended type.  Only the
 * boxes below are read, each at a known depth; the rest are skipped by
 * their size.  Every field is checked against its box's end before use,
 * every box against its parent's.  A whole file's sample tables are kept
 * by the walk and read after it, when every mdat is known (mp4_chunks.c).
 */
#include <stdint.h>
#include <string.h>

#include "lib/mp4_priv.h"

#define H_SOUN	FOURCC('s', 'o', 'u', 'n')
#define H_VIDE	FOURCC('v', 'i', 'd', 'e')

/* tfhd's and trun's flags (8.8.7, 8.8.8) that move the fields we read. */
#define TFHD_BASE_OFFSET	0x000001
#define TFHD_DESC_INDEX		0x000002
#define TFHD_DURATION		0x000008
#define TFHD_SIZE		0x000010
#define TRUN_DATA_OFFSET	0x000001
#define TRUN_FIRST_FLAGS	0x000004
#define TRUN_DURATION		0x000100
#define TRUN_SIZE		0x000200
#define TRUN_ENTRY_FIELDS	0x000F00	/* duration, size, flags, offset */

/* moov/trak/mdia/minf/stbl/stsd/entry is the deepest path read: 6. */
#define MAX_DEPTH	8

typedef int	(*visit)(struct walk *, const struct box *, int);

/* A box's header at off, below end; its data bounded by end. */
static int
box_at(struct walk *w, size_t off, size_t end, struct box *b)
{
	const char	*cut = end == w->len ? "it is cut short" :
			    "its structure is broken (a box overruns the box"
			    " holding it)";
	uint64_t	 size;
	size_t		 hdr = 8;

	if (end - off < 8)
		return fail(w, cut);
	size = be(w->p + off, 4);
	b->type = (uint32_t)be(w->p + off + 4, 4);
	if (size == 1) {
		if (end - off < 16)
			return fail(w, cut);
		size = be(w->p + off + 8, 8);
		hdr = 16;
	} else if (size == 0)
		size = end - off;
	if (b->type == T_UUID)
		hdr += 16;
	if (size < hdr)
		return fail(w, "its structure is broken (a box smaller than"
		    " its header)");
	if (size > end - off)
		return fail(w, cut);
	b->start = off;
	b->data = off + hdr;
	b->end = off + (size_t)size;
	return 0;
}

/* Visits each box inside parent's data. */
static int
each(struct walk *w, const struct box *parent, int depth, visit fn)
{
	struct box	c;
	size_t		i;

	if (depth > MAX_DEPTH)
		return fail(w, "its structure is broken (boxes nested too"
		    " deep)");
	for (i = parent->data; i < parent->end; i = c.end)
		if (box_at(w, i, parent->end, &c) != 0 ||
		    fn(w, &c, depth) != 0)
			return -1;
	return 0;
}

/* A four-character code as text; what is not printable becomes '?'. */
static void
fourcc(uint32_t v, char out[MP4_CODEC_LEN])
{
	int	i;

	for (i = 0; i < 4; i++) {
		out[i] = (char)(v >> (24 - 8 * i));
		if (out[i] < 0x20 || out[i] > 0x7e)
			out[i] = '?';
	}
	out[4] = '\0';
}

/* mvhd, mdhd: version 1 has 64-bit times, so timescale and duration move. */
static int
header_times(struct walk *w, const struct box *b, uint32_t *ts, uint64_t *dur)
{
	uint64_t	v, t;
	int		n;

	if (field(w, b, 0, 1, &v) != 0)
		return -1;
	n = v == 1 ? 8 : 4;
	if (field(w, b, 4 + 2 * (size_t)n, 4, &t) != 0 ||
	    field(w, b, 8 + 2 * (size_t)n, n, dur) != 0)
		return -1;
	*ts = (uint32_t)t;
	if (*dur == (n == 8 ? UINT64_MAX : UINT32_MAX))
		*dur = 0;	/* all ones: not known */
	return 0;
}

static int
stts(struct walk *w, const struct box *b)
{
	struct tstate	*t = &w->t[w->cur];
	uint64_t	 n, count, delta, i;

	if (field(w, b, 4, 4, &n) != 0)
		return -1;
	if (n > (b->end - b->data - 8) / 8)
		return fail(w, "its structure is broken (a time table longer"
		    " than its box)");
	for (i = 0; i < n; i++) {
		/* In bounds: n was checked against the box's size. */
		count = be(w->p + b->data + 8 + 8 * i, 4);
		delta = be(w->p + b->data + 12 + 8 * i, 4);
		w->info->track[w->cur].samples = (long long)sat_add(
		    (uint64_t)w->info->track[w->cur].samples, count);
		t->ticks = sat_add(t->ticks, sat_mul(count, delta));
	}
	return 0;
}

/* Keeps a sample table's box for after the walk (mp4_whole_chunks). */
static void
keep_table(struct tstate *t, struct box *slot, const struct box *b)
{
	if (slot->type != 0)
		t->twice = 1;	/* which to believe? refused in a whole file */
	else
		*slot = *b;
}

static int
stbl_box(struct walk *w, const struct box *b, int depth)
{
	struct tstate	*t = &w->t[w->cur];

	(void)depth;
	if (b->type == T_STTS)
		return stts(w, b);
	if (b->type == T_STSZ || b->type == T_STZ2)
		keep_table(t, &t->sizes, b);
	else if (b->type == T_STSC)
		keep_table(t, &t->runs, b);
	else if (b->type == T_STCO || b->type == T_CO64)
		keep_table(t, &t->chunks, b);
	if (b->type != T_STSD || t->has_entry)
		return 0;
	/* Full box header, entry count, then the entries; the first is read. */
	if (b->end - b->data < 8 + 8)
		return fail(w, "its structure is broken (no sample"
		    " description)");
	if (box_at(w, b->data + 8, b->end, &t->entry) != 0)
		return -1;
	t->has_entry = 1;
	return 0;
}

static int
minf_box(struct walk *w, const struct box *b, int depth)
{
	return b->type == T_STBL ? each(w, b, depth + 1, stbl_box) : 0;
}

static int
mdia_box(struct walk *w, const struct box *b, int depth)
{
	struct tstate	*t = &w->t[w->cur];
	uint64_t	 v;

	if (b->type == T_MDHD)
		return header_times(w, b, &t->timescale, &t->said);
	if (b->type == T_HDLR) {
		if (field(w, b, 8, 4, &v) != 0)
			return -1;
		t->handler = (uint32_t)v;
		fourcc(t->handler, w->info->track[w->cur].handler);
		return 0;
	}
	return b->type == T_MINF ? each(w, b, depth + 1, minf_box) : 0;
}

static int
trak_box(struct walk *w, const struct box *b, int depth)
{
	uint64_t	v, id;

	if (b->type == T_TKHD) {
		if (field(w, b, 0, 1, &v) != 0 ||
		    field(w, b, v == 1 ? 20 : 12, 4, &id) != 0)
			return -1;
		w->info->track[w->cur].id = (unsigned long)id;
		return 0;
	}
	return b->type == T_MDIA ? each(w, b, depth + 1, mdia_box) : 0;
}

static int
track_of(const struct walk *w, uint64_t id)
{
	int	i;

	for (i = 0; i < w->info->ntracks; i++)
		if (w->info->track[i].id == id)
			return i;
	return -1;
}

static int
mvex_box(struct walk *w, const struct box *b, int depth)
{
	uint64_t	v, id, dur, size;

	(void)depth;
	if (b->type == T_MEHD) {
		if (field(w, b, 0, 1, &v) != 0 ||
		    field(w, b, 4, v == 1 ? 8 : 4, &dur) != 0)
			return -1;
		if (dur > w->movie_said)
			w->movie_said = dur;
		return 0;
	}
	if (b->type != T_TREX)
		return 0;
	if (field(w, b, 4, 4, &id) != 0 || field(w, b, 12, 4, &dur) != 0 ||
	    field(w, b, 16, 4, &size) != 0)
		return -1;
	if (w->ntrex == MP4_MAX_TRACKS)
		return fail(w, "it has too many tracks");
	w->trex_id[w->ntrex] = (uint32_t)id;
	w->trex_size[w->ntrex] = (uint32_t)size;
	w->trex_duration[w->ntrex++] = (uint32_t)dur;
	return 0;
}

/* mvex's default duration (or size) of a track's fragment samples. */
static uint32_t
trex_default(const struct walk *w, int track, int size)
{
	int	i;

	for (i = 0; i < w->ntrex; i++)
		if (w->trex_id[i] == w->info->track[track].id)
			return size ? w->trex_size[i] : w->trex_duration[i];
	return 0;
}

static int
moov_box(struct walk *w, const struct box *b, int depth)
{
	uint64_t	dur;
	uint32_t	ts;

	if (b->type == T_MVHD) {
		if (header_times(w, b, &ts, &dur) != 0)
			return -1;
		w->movie_timescale = ts;
		if (dur > w->movie_said)
			w->movie_said = dur;
		return 0;
	}
	if (b->type == T_MVEX)
		return each(w, b, depth + 1, mvex_box);
	if (b->type != T_TRAK)
		return 0;
	if (w->info->ntracks == MP4_MAX_TRACKS)
		return fail(w, "it has too many tracks");
	w->cur = w->info->ntracks++;
	return each(w, b, depth + 1, trak_box);
}

/*
 * tfhd: which track the fragment's runs belong to, where their samples'
 * offsets count from (the moof's first byte unless said), and defaults.
 */
static int
tfhd(struct walk *w, const struct box *b)
{
	uint64_t	flags, id, v;
	size_t		off = 8;

	if (field(w, b, 0, 4, &flags) != 0 || field(w, b, 4, 4, &id) != 0)
		return -1;
	if ((w->frag = track_of(w, id)) < 0)
		return fail(w, "its structure is broken (a fragment of no"
		    " track)");
	w->frag_next = w->moof_start;
	if (flags & TFHD_BASE_OFFSET) {
		if (field(w, b, off, 8, &w->frag_next) != 0)
			return -1;
		off += 8;
	}
	if (flags & TFHD_DESC_INDEX)
		off += 4;
	w->frag_duration = w->frag_size = 0;
	if (flags & TFHD_DURATION) {
		if (field(w, b, off, 4, &v) != 0)
			return -1;
		w->frag_duration = (uint32_t)v;
		off += 4;
	}
	if (flags & TFHD_SIZE) {
		if (field(w, b, off, 4, &v) != 0)
			return -1;
		w->frag_size = (uint32_t)v;
	}
	return 0;
}

/*
 * Where a run's samples lie: from its data offset (signed, from tfhd's
 * base) or where the last run ended, for the sum of their sizes.  They
 * must lie in the file, or the file was cut after its moof.
 */
static int
run_data(struct walk *w, const struct box *b, uint64_t flags, uint64_t n,
    size_t first, size_t esz)
{
	uint64_t	start = w->frag_next, bytes = 0, i;
	size_t		at = first + ((flags & TRUN_DURATION) ? 4 : 0);
	int64_t		rel;

	if (flags & TRUN_DATA_OFFSET) {
		/* In bounds, as the entries below: the caller checked. */
		rel = (int32_t)(uint32_t)be(w->p + b->data + 8, 4);
		if (rel < 0 && (uint64_t)-rel > start)
			return fail(w, "its structure is broken (samples"
			    " before the file's start)");
		start = rel < 0 ? start - (uint64_t)-rel :
		    sat_add(start, (uint64_t)rel);
	}
	if (flags & TRUN_SIZE)
		for (i = 0; i < n; i++)
			bytes = sat_add(bytes, be(w->p + b->data + at +
			    esz * i, 4));
	else
		bytes = sat_mul(n, w->frag_size != 0 ? w->frag_size :
		    trex_default(w, w->frag, 1));
	w->frag_next = sat_add(start, bytes);
	if (w->frag_next > w->len)
		return fail(w, "it is cut short (a fragment's samples lie"
		    " past its end)");
	return 0;
}

/* Sums a run's durations: each sample's, or the default times the count. */
static int
trun(struct walk *w, const struct box *b)
{
	struct tstate	*t;
	uint64_t	 flags, n, i, ticks = 0;
	size_t		 off = 8, esz;

	if (w->frag < 0)
		return fail(w, "its structure is broken (a run before its"
		    " fragment header)");
	t = &w->t[w->frag];
	if (field(w, b, 0, 4, &flags) != 0 || field(w, b, 4, 4, &n) != 0)
		return -1;
	off += flags & TRUN_DATA_OFFSET ? 4 : 0;
	off += flags & TRUN_FIRST_FLAGS ? 4 : 0;
	esz = 4 * (size_t)__builtin_popcount((unsigned)(flags &
	    TRUN_ENTRY_FIELDS));
	if (off > b->end - b->data ||
	    (esz > 0 && n > (b->end - b->data - off) / esz))
		return fail(w, "its structure is broken (a run longer than its"
		    " box)");
	if (flags & TRUN_DURATION)
		for (i = 0; i < n; i++)	/* in bounds: n was checked */
			ticks = sat_add(ticks, be(w->p + b->data + off +
			    esz * i, 4));
	else
		ticks = sat_mul(n, w->frag_duration != 0 ? w->frag_duration :
		    trex_default(w, w->frag, 0));
	if (run_data(w, b, flags, n, off, esz) != 0)
		return -1;
	t->ticks = sat_add(t->ticks, ticks);
	w->info->track[w->frag].samples = (long long)sat_add(
	    (uint64_t)w->info->track[w->frag].samples, n);
	return 0;
}

static int
traf_box(struct walk *w, const struct box *b, int depth)
{
	(void)depth;
	if (b->type == T_TFHD)
		return tfhd(w, b);
	return b->type == T_TRUN ? trun(w, b) : 0;
}

static int
moof_box(struct walk *w, const struct box *b, int depth)
{
	if (b->type != T_TRAF)
		return 0;
	w->frag = -1;
	return each(w, b, depth + 1, traf_box);
}

static int
top_box(struct walk *w, const struct box *b, int depth)
{
	if (b->type == T_MOOV) {
		w->moov = 1;
		return each(w, b, depth + 1, moov_box);
	}
	if (b->type == T_MDAT) {
		if (w->nmdat < MAX_MDAT)
			w->mdat[w->nmdat] = *b;
		if (w->nmdat <= MAX_MDAT)
			w->nmdat++;
		return 0;
	}
	if (b->type != T_MOOF)
		return 0;
	w->moof_start = b->start;
	if (!w->moov)
		return fail(w, "its structure is broken (a fragment before"
		    " the track list)");
	w->info->fragmented = 1;
	return each(w, b, depth + 1, moof_box);
}

/*
 * A sound sample entry: 8 bytes of SampleEntry, then version (QuickTime's;
 * 0 in ISO files), and channel count and 16.16 rate at fixed places; a
 * QuickTime version 2 entry has them as 32 bits and a double further on.
 */
static int
sound_entry(struct walk *w, int i)
{
	struct mp4_track	*tr = &w->info->track[i];
	const struct box	*e = &w->t[i].entry;
	uint64_t		 ver, ch, rate;
	double			 hz;

	if (field(w, e, 8, 2, &ver) != 0)
		return -1;
	if (ver == 2) {
		if (field(w, e, 32, 8, &rate) != 0 ||
		    field(w, e, 40, 4, &ch) != 0)
			return -1;
		memcpy(&hz, &rate, sizeof(hz));
	} else {
		if (field(w, e, 16, 2, &ch) != 0 ||
		    field(w, e, 24, 4, &rate) != 0)
			return -1;
		hz = (double)(rate >> 16);
	}
	tr->channels = ch <= 255 ? (int)ch : 255;
	tr->samplerate = hz == hz && hz > 0 && hz <= 1e6 ? (int)hz : 0;
	if (tr->samplerate == 0 && w->t[i].timescale <= 1000000)
		tr->samplerate = (int)w->t[i].timescale;
	return 0;
}

static long long
ms_of(uint64_t ticks, uint32_t timescale)
{
	double	ms;

	if (timescale == 0)
		return 0;
	ms = (double)ticks * 1000.0 / timescale;
	return ms < 1e15 ? (long long)(ms + 0.5) : (long long)1e15;
}

/* Each track's codec, sound and length; the file's from its tracks. */
static int
tally(struct walk *w)
{
	struct mp4_info		*in = w->info;
	struct mp4_track	*tr;
	struct tstate		*t;
	int			 i, sound;

	for (i = 0; i < in->ntracks; i++) {
		tr = &in->track[i];
		t = &w->t[i];
		if (t->has_entry)
			fourcc(t->entry.type, tr->codec);
		tr->duration_ms = ms_of(t->ticks > t->said ? t->ticks : t->said,
		    t->timescale);
		if (t->handler != H_SOUN && t->handler != H_VIDE)
			continue;
		if ((sound = t->handler == H_SOUN) && t->has_entry &&
		    sound_entry(w, i) != 0)
			return -1;
		if (sound && in->audio_tracks++ == 0) {
			memcpy(in->audio_codec, tr->codec, MP4_CODEC_LEN);
			in->channels = tr->channels;
			in->samplerate = tr->samplerate;
		} else if (!sound && in->video_tracks++ == 0)
			memcpy(in->video_codec, tr->codec, MP4_CODEC_LEN);
		in->samples = (long long)sat_add((uint64_t)in->samples,
		    (uint64_t)tr->samples);
		if (tr->duration_ms > in->duration_ms)
			in->duration_ms = tr->duration_ms;
	}
	if (in->duration_ms == 0)
		in->duration_ms = ms_of(w->movie_said, w->movie_timescale);
	return 0;
}

/* The boxes from the top: ftyp first, the rest in any order. */
static int
walk_all(struct walk *w)
{
	struct box	b;
	size_t		off;

	if (w->len < 8 || memcmp(w->p + 4, "ftyp", 4) != 0)
		return fail(w, "it is not an MP4 file");
	for (off = 0; off < w->len; off = b.end)
		if (box_at(w, off, w->len, &b) != 0 || top_box(w, &b, 0) != 0)
			return -1;
	if (!w->moov)
		return fail(w, "it holds no track list (no moov box)");
	if (mp4_whole_chunks(w) != 0 || tally(w) != 0)
		return -1;
	if (w->info->audio_tracks + w->info->video_tracks == 0)
		return fail(w, "it holds no sound or picture track");
	if (w->info->samples == 0)
		return fail(w, "it holds no sound or picture");
	if (w->info->duration_ms == 0)
		return fail(w, "its length is zero");
	return 0;
}

enum status
mp4_probe(const void *p, size_t len, int need, struct mp4_info *out,
    const char **why)
{
	struct walk	w;

	memset(out, 0, sizeof(*out));
	memset(&w, 0, sizeof(w));
	w.p = p;
	w.len = len;
	w.info = out;
	w.frag = -1;
	if (walk_all(&w) != 0) {
		*why = w.why;
		return ST_INVALID;
	}
	if ((need & MP4_NEED_AUDIO) && out->audio_tracks == 0) {
		*why = "it holds no sound track";
		return ST_NOTFOUND;
	}
	*why = NULL;
	return ST_OK;
}
