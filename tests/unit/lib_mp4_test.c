/*
 * lib_mp4_test.c: mp4_probe on what chromium's MediaRecorder wrote
 * (tests/fixtures/mp4, scripts/gen-mp4-fixtures.mjs: fragmented, Opus and
 * H.264) and on files built here box by box: Safari's kind (AAC in mp4a),
 * whole or fragmented, with 64-bit sizes, version 1 headers and faults; a
 * whole file's sample tables (stsz or stz2, stsc, stco or co64) laid out
 * in the ways recorders do, and broken.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/mp4.h"
#include "blob.h"
#include "lib/status.h"

#define FIXTURES	"tests/fixtures/mp4"

static struct blob
slurp(const char *name)
{
	char	path[256];

	snprintf(path, sizeof(path), "%s/%s", FIXTURES, name);
	return blob_read(path);
}

/* --- building files ------------------------------------------------------- */

static void
be(struct blob *b, uint64_t v, int n)
{
	unsigned char	c[8];
	int		i;

	for (i = 0; i < n; i++)
		c[i] = (unsigned char)(v >> (8 * (n - 1 - i)));
	blob_put(b, c, (size_t)n);
}

static void
zeros(struct blob *b, size_t n)
{
	while (n-- > 0)
		be(b, 0, 1);
}

/* How a box says its size: 32 bits, 64 bits (size 1), or to the end (0). */
enum size_kind { SZ32, SZ64, SZ0 };

/* Appends box type around inner, and frees inner. */
static void
box(struct blob *b, const char *type, struct blob *inner, enum size_kind k)
{
	if (k == SZ64) {
		be(b, 1, 4);
		blob_put(b, type, 4);
		be(b, 16 + inner->len, 8);
	} else {
		be(b, k == SZ0 ? 0 : 8 + inner->len, 4);
		blob_put(b, type, 4);
	}
	blob_put(b, inner->p, inner->len);
	free(inner->p);
	inner->p = NULL;
	inner->len = 0;
}

static void
ftyp(struct blob *f, const char *brand)
{
	struct blob	d = { NULL, 0 };

	blob_put(&d, brand, 4);
	be(&d, 0, 4);
	blob_put(&d, "isomiso2mp41", 12);
	box(f, "ftyp", &d, SZ32);
}

/* mvhd or mdhd, version 0 or 1: times, timescale, duration, the rest 0. */
static void
times(struct blob *parent, const char *type, int v, uint32_t ts,
    uint64_t dur, size_t rest)
{
	struct blob	d = { NULL, 0 };

	be(&d, (uint64_t)v << 24, 4);
	zeros(&d, v == 1 ? 16 : 8);
	be(&d, ts, 4);
	be(&d, dur, v == 1 ? 8 : 4);
	zeros(&d, rest);
	box(parent, type, &d, SZ32);
}

/* What a built track is. */
struct tk {
	uint32_t	 id;
	const char	*handler;	/* "soun", "vide" */
	const char	*codec;		/* its sample entry */
	int		 channels;
	uint32_t	 rate;		/* also mdhd's timescale */
	int		 mdhd_v;
	uint64_t	 mdhd_dur;
	uint32_t	 stts_count;	/* samples in the track list */
	uint32_t	 stts_delta;
	/* How a whole file keeps them (a fragmented one: in its runs) */
	uint32_t	 uniform;	/* stsz's one size; 0: 4 to 6 bytes */
	uint32_t	 per_chunk;	/* samples in a chunk; 0: 10 */
	int		 pairs;		/* one more in every other pair */
	int		 co64;		/* 64-bit chunk offsets */
	int		 stz2;		/* stz2's bits (4, 8, 16); 0: stsz */
};

/* How a whole file's sample tables go wrong, in its first track. */
enum fault {
	F_NONE,
	F_PAST_MDAT,	/* its last chunk ends a byte past mdat's data */
	F_INTO_MOOV,	/* its first chunk lies in moov */
	F_STTS_COUNT,	/* stts says a sample fewer than stsz and stsc */
	F_RUN_TWICE,	/* stsc's last run twice: the first holds no chunk */
	F_RUNS_ORDER,	/* stsc's last run starts before the one before */
	F_RUNS_SHORT,	/* stsc's last run says a sample fewer a chunk */
	F_RUNS_LONG,	/* stsc's last run says a sample more */
	F_LONG_TABLE,	/* stco says a chunk more than it holds */
	F_TWICE		/* stco comes twice */
};

/* Where a whole file's samples lie: every track's, in one mdat. */
struct place {
	uint64_t	 base;		/* the mdat's data, in the file */
	uint64_t	 total;		/* its bytes */
	uint64_t	 moov;		/* where the moov box starts */
	enum fault	 fault;
};

#define MAX_CHUNKS	256

/* A track's chunks: the first sample of each and how many. */
struct chunks {
	uint32_t	 first[MAX_CHUNKS];
	uint32_t	 count[MAX_CHUNKS];
	uint32_t	 n;
};

static uint32_t
sample_size(const struct tk *t, uint32_t s)
{
	return t->uniform != 0 ? t->uniform : 4 + s % 3;
}

/* per_chunk samples a chunk (or one more, as pairs says); the last: the rest */
static void
chunks_of(const struct tk *t, struct chunks *c)
{
	uint32_t	per = t->per_chunk != 0 ? t->per_chunk : 10;
	uint32_t	s = 0, want;

	c->n = 0;
	while (s < t->stts_count) {
		assert_true(c->n < MAX_CHUNKS);
		want = per + (t->pairs && c->n / 2 % 2 == 1);
		c->first[c->n] = s;
		c->count[c->n] = want < t->stts_count - s ? want :
		    t->stts_count - s;
		s += c->count[c->n++];
	}
}

static uint64_t
chunk_bytes(const struct tk *t, const struct chunks *c, uint32_t k)
{
	uint64_t	sum = 0;
	uint32_t	s;

	for (s = c->first[k]; s < c->first[k] + c->count[k]; s++)
		sum += sample_size(t, s);
	return sum;
}

static uint64_t
track_bytes(const struct tk *t)
{
	uint64_t	sum = 0;
	uint32_t	s;

	for (s = 0; s < t->stts_count; s++)
		sum += sample_size(t, s);
	return sum;
}

/* Where chunk k of track i lies: the tracks' chunks take turns in mdat. */
static uint64_t
chunk_at(const struct tk *t, size_t n, size_t i, uint32_t k, uint64_t base)
{
	struct chunks	c;
	uint64_t	off = base;
	uint32_t	kk;
	size_t		j;

	for (kk = 0; kk <= k; kk++)
		for (j = 0; j < n && (kk < k || j < i); j++) {
			chunks_of(&t[j], &c);
			if (kk < c.n)
				off += chunk_bytes(&t[j], &c, kk);
		}
	return off;
}

/* stsz, or stz2 with sizes of t->stz2 bits (two to a byte for 4). */
static void
sizes_box(struct blob *st, const struct tk *t)
{
	struct blob	d = { NULL, 0 };
	uint32_t	s, next;

	be(&d, 0, 4);
	if (t->stz2 == 0) {
		be(&d, t->uniform, 4);
		be(&d, t->stts_count, 4);
		for (s = 0; t->uniform == 0 && s < t->stts_count; s++)
			be(&d, sample_size(t, s), 4);
		box(st, "stsz", &d, SZ32);
		return;
	}
	be(&d, (uint64_t)t->stz2, 4);
	be(&d, t->stts_count, 4);
	for (s = 0; s < t->stts_count; s++)
		if (t->stz2 != 4)
			be(&d, sample_size(t, s), t->stz2 / 8);
		else if (s % 2 == 0) {
			next = s + 1 < t->stts_count ?
			    sample_size(t, s + 1) : 0;
			be(&d, sample_size(t, s) << 4 | next, 1);
		}
	box(st, "stz2", &d, SZ32);
}

/* stsc: a run wherever the count of samples in a chunk changes. */
static void
runs_box(struct blob *st, const struct chunks *c, enum fault f)
{
	struct blob	d = { NULL, 0 };
	uint32_t	first[MAX_CHUNKS + 1], count[MAX_CHUNKS + 1], k, n = 0;

	for (k = 0; k < c->n; k++)
		if (k == 0 || c->count[k] != c->count[k - 1]) {
			first[n] = k + 1;
			count[n++] = c->count[k];
		}
	if (f == F_RUNS_ORDER) {
		assert_true(n > 1);
		first[n - 1] = first[n - 2] - 1;
	}
	if (n > 0 && f == F_RUN_TWICE) {
		first[n] = first[n - 1];
		count[n] = count[n - 1];
		n++;
	}
	if (n > 0 && f == F_RUNS_LONG)
		count[n - 1]++;
	if (n > 0 && f == F_RUNS_SHORT)
		count[n - 1]--;
	be(&d, 0, 4);
	be(&d, n, 4);
	for (k = 0; k < n; k++) {
		be(&d, first[k], 4);
		be(&d, count[k], 4);
		be(&d, 1, 4);	/* sample_description_index */
	}
	box(st, "stsc", &d, SZ32);
}

/* stco or co64: where each chunk of track i starts in the file. */
static void
offsets_box(struct blob *st, const struct tk *t, size_t n, size_t i,
    const struct place *pl, enum fault f)
{
	struct blob	d = { NULL, 0 };
	struct chunks	c;
	uint64_t	off;
	uint32_t	k;

	chunks_of(&t[i], &c);
	be(&d, 0, 4);
	be(&d, c.n + (f == F_LONG_TABLE), 4);
	for (k = 0; k < c.n; k++) {
		off = chunk_at(t, n, i, k, pl->base);
		if (f == F_INTO_MOOV && k == 0)
			off = pl->moov + 8;
		if (f == F_PAST_MDAT && k == c.n - 1)
			off = pl->base + pl->total + 1 -
			    chunk_bytes(&t[i], &c, k);
		be(&d, off, t[i].co64 ? 8 : 4);
	}
	box(st, t[i].co64 ? "co64" : "stco", &d, SZ32);
}

/* Track i of n's sample tables: sizes, runs and offsets (and stts before). */
static void
tables(struct blob *st, const struct tk *t, size_t n, size_t i,
    const struct place *pl)
{
	enum fault	f = i == 0 ? pl->fault : F_NONE;
	struct chunks	c;

	chunks_of(&t[i], &c);
	sizes_box(st, &t[i]);
	runs_box(st, &c, f);
	offsets_box(st, t, n, i, pl, f);
	if (f == F_TWICE)
		offsets_box(st, t, n, i, pl, f);
}

static void
sample_entry(struct blob *stsd, const struct tk *t)
{
	struct blob	e = { NULL, 0 };

	be(&e, 0, 6);		/* reserved */
	be(&e, 1, 2);		/* data_reference_index */
	if (strcmp(t->handler, "soun") == 0) {
		be(&e, 0, 8);	/* version, revision, vendor */
		be(&e, (uint64_t)t->channels, 2);
		be(&e, 16, 2);
		be(&e, 0, 4);
		be(&e, (uint64_t)t->rate << 16, 4);
	} else {
		zeros(&e, 16);
		be(&e, 320, 2);	/* width, height, and the rest 0 */
		be(&e, 240, 2);
		zeros(&e, 50);
	}
	box(stsd, t->codec, &e, SZ32);
}

/* Track i of the n in t, its samples where pl says. */
static void
trak(struct blob *moov, const struct tk *t, size_t n, size_t i,
    const struct place *pl)
{
	struct blob	tr = { NULL, 0 }, d = { NULL, 0 }, md = { NULL, 0 };
	struct blob	mi = { NULL, 0 }, st = { NULL, 0 };
	const struct tk	*k = &t[i];

	be(&d, 0, 4);		/* version 0 */
	be(&d, 0, 8);
	be(&d, k->id, 4);
	zeros(&d, 68);
	box(&tr, "tkhd", &d, SZ32);
	times(&md, "mdhd", k->mdhd_v, k->rate, k->mdhd_dur, 4);
	be(&d, 0, 8);
	blob_put(&d, k->handler, 4);
	zeros(&d, 13);
	box(&md, "hdlr", &d, SZ32);
	be(&d, 0, 4);
	be(&d, 1, 4);
	sample_entry(&d, k);
	box(&st, "stsd", &d, SZ32);
	be(&d, 0, 4);
	be(&d, k->stts_count > 0, 4);
	if (k->stts_count > 0) {
		be(&d, k->stts_count - (i == 0 && pl->fault == F_STTS_COUNT),
		    4);
		be(&d, k->stts_delta, 4);
	}
	box(&st, "stts", &d, SZ32);
	tables(&st, t, n, i, pl);
	box(&mi, "stbl", &st, SZ32);
	box(&md, "minf", &mi, SZ32);
	box(&tr, "mdia", &md, SZ32);
	box(moov, "trak", &tr, SZ32);
}

/* mvex with a trex for track id, default duration dur. */
static void
mvex(struct blob *moov, uint32_t id, uint32_t dur)
{
	struct blob	d = { NULL, 0 }, x = { NULL, 0 };

	be(&d, 0, 4);
	be(&d, id, 4);
	be(&d, 1, 4);
	be(&d, dur, 4);
	be(&d, 0, 8);
	box(&x, "trex", &d, SZ32);
	box(moov, "mvex", &x, SZ32);
}

/*
 * A moof for track id with n samples: each with its own duration when
 * each > 0, else tfhd's default dflt (0: none, trex's then).
 */
static void
moof(struct blob *f, uint32_t id, uint32_t n, uint32_t each, uint32_t dflt)
{
	struct blob	m = { NULL, 0 }, t = { NULL, 0 }, d = { NULL, 0 };
	uint32_t	i;

	be(&d, 0, 4);
	be(&d, 1, 4);
	box(&m, "mfhd", &d, SZ32);
	be(&d, dflt > 0 ? 0x020008 : 0x020000, 4);	/* default-base-is-moof */
	be(&d, id, 4);
	if (dflt > 0)
		be(&d, dflt, 4);
	box(&t, "tfhd", &d, SZ32);
	be(&d, each > 0 ? 0x000301 : 0x000201, 4);
	be(&d, n, 4);
	be(&d, 0, 4);		/* data offset */
	for (i = 0; i < n; i++) {
		if (each > 0)
			be(&d, each, 4);
		be(&d, 4, 4);	/* sample size */
	}
	box(&t, "trun", &d, SZ32);
	box(&m, "traf", &t, SZ32);
	box(f, "moof", &m, SZ32);
}

static void
mdat(struct blob *f, size_t n, enum size_kind k)
{
	struct blob	d = { NULL, 0 };
	size_t		i;

	for (i = 0; i < n; i++)
		be(&d, 0xA5, 1);
	box(f, "mdat", &d, k);
}

/* Safari's AAC: 2 channels at 44.1 kHz, 2 s said by mdhd and stts. */
static const struct tk aac = { .id = 1, .handler = "soun", .codec = "mp4a",
	.channels = 2, .rate = 44100, .mdhd_dur = 88200, .stts_count = 86,
	.stts_delta = 1024 };

/* H.264 beside it, as in a phone's video: 3 s at 30 frames. */
static const struct tk avc = { .id = 2, .handler = "vide", .codec = "avc1",
	.rate = 90000, .mdhd_dur = 270000, .stts_count = 90,
	.stts_delta = 3000, .per_chunk = 3 };

/* How a whole file is laid out. */
struct shape {
	enum size_kind	 moov;		/* how each says its size */
	enum size_kind	 mdat;
	int		 mdat_first;	/* as ffmpeg writes without faststart */
	enum fault	 fault;
};

/* moov: mvhd says the first track's length in ms; then the tracks. */
static void
moov(struct blob *f, const struct tk *t, size_t n, enum size_kind k,
    const struct place *pl)
{
	struct blob	m = { NULL, 0 };
	size_t		i;

	times(&m, "mvhd", 0, 1000, n > 0 && t[0].rate > 0 ?
	    t[0].mdhd_dur * 1000 / t[0].rate : 0, 80);
	for (i = 0; i < n; i++)
		trak(&m, t, n, i, pl);
	box(f, "moov", &m, k);
}

/*
 * A whole (not fragmented) file of the tracks, laid out as s says.  Chunk
 * offsets count from the file's start, so the moov is built once to learn
 * its length (its tables' lengths do not depend on the offsets), then for
 * good.
 */
static struct blob
whole_as(const struct tk *t, size_t n, const struct shape *s)
{
	struct blob	f = { NULL, 0 }, m = { NULL, 0 };
	struct place	pl = { .fault = s->fault };
	size_t		i, hdr = s->mdat == SZ64 ? 16 : 8;

	ftyp(&f, "M4A ");
	for (i = 0; i < n; i++)
		pl.total += track_bytes(&t[i]);
	moov(&m, t, n, s->moov, &pl);
	pl.base = f.len + hdr + (s->mdat_first ? 0 : m.len);
	pl.moov = s->mdat_first ? pl.base + pl.total : f.len;
	free(m.p);
	m.p = NULL;
	m.len = 0;
	moov(&m, t, n, s->moov, &pl);
	if (!s->mdat_first)
		blob_put(&f, m.p, m.len);
	mdat(&f, pl.total, s->mdat);
	if (s->mdat_first)
		blob_put(&f, m.p, m.len);
	free(m.p);
	return f;
}

/* A whole file: moov (its size as k says), then mdat. */
static struct blob
whole(const struct tk *t, size_t n, enum size_kind k)
{
	const struct shape	s = { k, SZ32, 0, F_NONE };

	return whole_as(t, n, &s);
}

/* --- the tests ------------------------------------------------------------ */

static void
test_chromium_audio_is_fragmented_opus_with_its_length_from_the_runs(
    void **state)
{
	struct blob		 b = slurp("audio.mp4");
	struct mp4_info		 mi;
	const char		*why;

	(void)state;
	assert_int_equal(mp4_probe(b.p, b.len, MP4_NEED_AUDIO, &mi, &why),
	    ST_OK);
	assert_null(why);
	assert_true(mi.fragmented);
	assert_int_equal(mi.audio_tracks, 1);
	assert_int_equal(mi.video_tracks, 0);
	assert_string_equal(mi.audio_codec, "Opus");
	assert_string_equal(mi.track[0].handler, "soun");
	assert_int_equal(mi.samplerate, 48000);
	assert_true(mi.channels >= 1 && mi.channels <= 2);
	/* Recorded for 1.5 s; the track list says 0.3 s, the runs the rest. */
	assert_in_range(mi.duration_ms, 1100, 1700);
	assert_true(mi.samples > 15);	/* Opus frames of 20 to 60 ms */
	free(b.p);
}

static void
test_chromium_video_has_both_tracks(void **state)
{
	struct blob		 b = slurp("video.mp4");
	struct mp4_info		 mi;
	const char		*why;
	int			 i;

	(void)state;
	assert_int_equal(mp4_probe(b.p, b.len, MP4_NEED_AUDIO, &mi, &why),
	    ST_OK);
	assert_int_equal(mi.audio_tracks, 1);
	assert_int_equal(mi.video_tracks, 1);
	assert_string_equal(mi.video_codec, "avc1");
	assert_string_equal(mi.audio_codec, "Opus");
	assert_in_range(mi.duration_ms, 800, 1400);
	assert_int_equal(mi.ntracks, 2);
	for (i = 0; i < mi.ntracks; i++)
		assert_in_range(mi.track[i].duration_ms, 800, 1400);
	free(b.p);
}

static void
test_a_whole_aac_file_has_its_length_from_mdhd(void **state)
{
	struct blob		 b = whole(&aac, 1, SZ32);
	struct mp4_info		 mi;
	const char		*why;

	(void)state;
	assert_int_equal(mp4_probe(b.p, b.len, MP4_NEED_AUDIO, &mi, &why),
	    ST_OK);
	assert_false(mi.fragmented);
	assert_string_equal(mi.audio_codec, "mp4a");
	assert_int_equal(mi.channels, 2);
	assert_int_equal(mi.samplerate, 44100);
	assert_int_equal(mi.samples, 86);
	assert_int_equal(mi.duration_ms, 2000);
	free(b.p);
}

static void
test_mdhd_version_1_and_64_bit_sizes_are_read(void **state)
{
	struct tk		 t = aac;
	struct blob		 b;
	struct mp4_info		 mi;
	const char		*why;

	(void)state;
	t.mdhd_v = 1;
	t.mdhd_dur = 44100ull * 3600;	/* an hour, said in 64 bits */
	t.stts_count = 10;
	b = whole(&t, 1, SZ64);
	mdat(&b, 300, SZ64);
	mdat(&b, 10, SZ0);		/* size 0: to the end of the file */
	assert_int_equal(mp4_probe(b.p, b.len, 0, &mi, &why), ST_OK);
	assert_int_equal(mi.duration_ms, 3600 * 1000);
	assert_int_equal(mi.samples, 10);
	free(b.p);
}

static void
test_fragments_give_the_length_per_track(void **state)
{
	struct tk		 t[2] = { aac, avc };
	const struct place	 none = { .fault = F_NONE };
	struct blob		 f = { NULL, 0 }, m = { NULL, 0 };
	struct mp4_info		 mi;
	const char		*why;

	(void)state;
	t[0].mdhd_dur = t[1].mdhd_dur = 0;	/* as MediaRecorder writes it */
	t[0].stts_count = t[1].stts_count = 0;
	ftyp(&f, "iso6");
	times(&m, "mvhd", 1, 1000, 0, 80);
	trak(&m, t, 2, 0, &none);
	trak(&m, t, 2, 1, &none);
	mvex(&m, 1, 1024);
	box(&f, "moov", &m, SZ32);
	moof(&f, 1, 43, 1024, 0);	/* each sample's own duration */
	mdat(&f, 172, SZ32);
	moof(&f, 1, 43, 0, 1024);	/* tfhd's default */
	mdat(&f, 172, SZ32);
	moof(&f, 1, 86, 0, 0);		/* trex's default */
	mdat(&f, 344, SZ32);
	moof(&f, 2, 90, 0, 3000);	/* 3 s of video at 30 frames */
	mdat(&f, 360, SZ32);
	assert_int_equal(mp4_probe(f.p, f.len, MP4_NEED_AUDIO, &mi, &why),
	    ST_OK);
	assert_true(mi.fragmented);
	assert_int_equal(mi.track[0].samples, 172);
	assert_int_equal(mi.track[0].duration_ms, 3994);	/* 172 * 1024 */
	assert_int_equal(mi.track[1].duration_ms, 3000);
	assert_int_equal(mi.duration_ms, 3994);
	assert_int_equal(mi.samples, 262);
	free(f.p);
}

static void
test_a_video_only_file_is_refused_as_an_audio_answer(void **state)
{
	struct tk		 t = { .id = 1, .handler = "vide",
				    .codec = "avc1", .rate = 90000,
				    .mdhd_dur = 90000, .stts_count = 30,
				    .stts_delta = 3000 };
	struct blob		 b = whole(&t, 1, SZ32);
	struct mp4_info		 mi;
	const char		*why;

	(void)state;
	assert_int_equal(mp4_probe(b.p, b.len, MP4_NEED_AUDIO, &mi, &why),
	    ST_NOTFOUND);
	assert_non_null(strstr(why, "no sound track"));
	assert_int_equal(mp4_probe(b.p, b.len, 0, &mi, &why), ST_OK);
	assert_int_equal(mi.video_tracks, 1);
	assert_int_equal(mi.duration_ms, 1000);
	free(b.p);
}

struct bad_case {
	const char	*name;
	struct blob	 b;
	const char	*why;
};

static struct blob
bytes(const void *p, size_t n)
{
	struct blob	b = { NULL, 0 };

	blob_put(&b, p, n);
	return b;
}

static void
test_what_is_not_a_recording_is_named(void **state)
{
	static const char	 riff[] = "RIFF\x24\0\0\0WAVEfmt ";
	struct tk		 silent = aac, empty = aac;
	struct bad_case		 c[9];
	struct mp4_info		 mi;
	struct blob		 w = whole(&aac, 1, SZ32), m = { NULL, 0 };
	const char		*why;
	size_t			 i;

	(void)state;
	silent.mdhd_dur = 0;
	silent.stts_delta = 0;
	empty.stts_count = 0;
	c[0] = (struct bad_case){ "wav", bytes(riff, sizeof(riff) - 1),
	    "not an MP4 file" };
	c[1] = (struct bad_case){ "cut", bytes(w.p, w.len - 3), "cut short" };
	c[2] = (struct bad_case){ "zero length", whole(&silent, 1, SZ32),
	    "length is zero" };
	c[3] = (struct bad_case){ "no sample", whole(&empty, 1, SZ32),
	    "holds no sound or picture" };
	c[4] = (struct bad_case){ "no track", whole(&aac, 0, SZ32),
	    "no sound or picture track" };
	c[5].b.p = NULL;
	c[5].b.len = 0;
	ftyp(&c[5].b, "M4A ");
	blob_put(&c[5].b, "\0\0\0\x04junk and more junk", 21);
	c[5].name = "box smaller than its header";
	c[5].why = "smaller than its header";
	c[6].b.p = NULL;
	c[6].b.len = 0;
	ftyp(&c[6].b, "M4A ");
	mdat(&c[6].b, 100, SZ32);
	c[6].name = "no moov";
	c[6].why = "no track list";
	c[7].b.p = NULL;
	c[7].b.len = 0;
	ftyp(&c[7].b, "iso6");
	moof(&c[7].b, 1, 4, 1024, 0);
	c[7].name = "moof first";
	c[7].why = "fragment before the track list";
	c[8].b = whole(&aac, 1, SZ32);
	moof(&c[8].b, 7, 4, 1024, 0);
	c[8].name = "moof of no track";
	c[8].why = "fragment of no track";
	for (i = 0; i < NITEMS(c); i++) {
		assert_int_equal(mp4_probe(c[i].b.p, c[i].b.len, 0, &mi, &why),
		    ST_INVALID);
		if (why == NULL || strstr(why, c[i].why) == NULL)
			fail_msg("%s: wanted \"%s\" in \"%s\"", c[i].name,
			    c[i].why, why != NULL ? why : "(null)");
		free(c[i].b.p);
	}
	free(w.p);
	free(m.p);
}

/* An ftyp header and then noise: refused in words, whatever the noise. */
static void
test_an_ftyp_over_garbage_is_refused(void **state)
{
	struct blob		 b = { NULL, 0 };
	struct mp4_info		 mi;
	const char		*why;
	unsigned		 seed = 1;
	int			 i;

	(void)state;
	ftyp(&b, "isom");
	for (i = 0; i < 4000; i++) {
		seed = seed * 1103515245u + 12345u;
		be(&b, seed >> 16, 1);
	}
	assert_int_equal(mp4_probe(b.p, b.len, 0, &mi, &why), ST_INVALID);
	assert_non_null(why);
	free(b.p);
}

/* A whole file of aac (and avc beside it) with its tables as a case says. */
struct layout {
	const char	*name;
	uint32_t	 count;		/* aac's samples; 0: its 86 */
	uint32_t	 uniform;	/* these four: aac's, as in struct tk */
	uint32_t	 per_chunk;
	int		 pairs;
	int		 co64;
	int		 stz2;
	int		 video;		/* avc too: their chunks take turns */
	int		 more_mdat;	/* mdat boxes of 8 bytes after all */
	struct shape	 s;
	const char	*why;		/* in the why refused; NULL: passes */
};

static const struct layout passes[] = {
	{ .name = "stsz, stco: 8 chunks of 10 samples and one of 6" },
	{ .name = "one size for all (stsz's sample_size)", .uniform = 371 },
	{ .name = "64-bit chunk offsets (co64)", .co64 = 1 },
	{ .name = "one sample a chunk", .per_chunk = 1 },
	{ .name = "every sample in one chunk", .per_chunk = 100 },
	{ .name = "runs of two chunks of 10, then two of 11", .pairs = 1 },
	{ .name = "compact sizes of 16 bits (stz2)", .stz2 = 16 },
	{ .name = "compact sizes of 8 bits", .stz2 = 8, .co64 = 1 },
	{ .name = "compact sizes of 4 bits, odd count", .stz2 = 4,
	    .count = 85 },
	{ .name = "mdat before moov", .s = { SZ32, SZ32, 1, F_NONE } },
	{ .name = "64-bit box sizes", .s = { SZ64, SZ64, 0, F_NONE } },
	{ .name = "mdat to the end (size 0)", .s = { SZ32, SZ0, 0, F_NONE } },
	{ .name = "sound and picture", .video = 1, .pairs = 1 },
	{ .name = "sound and picture, mdat first, co64", .video = 1,
	    .co64 = 1, .s = { SZ32, SZ64, 1, F_NONE } },
	{ .name = "31 more mdat boxes", .more_mdat = 31 },
	{ .name = "a run of no chunk", .pairs = 1, .s.fault = F_RUN_TWICE },
};

#define OUTSIDE	"sample data outside the media data"
#define DISAGREE "its sample tables disagree"

static const struct layout refused[] = {
	{ .name = "a chunk past mdat's end", .s.fault = F_PAST_MDAT,
	    .why = OUTSIDE },
	{ .name = "a chunk past mdat, into the next", .more_mdat = 1,
	    .s.fault = F_PAST_MDAT, .why = OUTSIDE },
	{ .name = "a chunk past mdat, into moov", .s = { SZ32, SZ32, 1,
	    F_PAST_MDAT }, .why = OUTSIDE },
	{ .name = "a chunk past mdat, one size for all", .uniform = 371,
	    .s.fault = F_PAST_MDAT, .why = OUTSIDE },
	{ .name = "a chunk past mdat, compact sizes", .stz2 = 4, .count = 85,
	    .s.fault = F_PAST_MDAT, .why = OUTSIDE },
	{ .name = "a chunk in moov", .s.fault = F_INTO_MOOV, .why = OUTSIDE },
	{ .name = "a chunk in moov, co64", .co64 = 1, .video = 1,
	    .s.fault = F_INTO_MOOV, .why = OUTSIDE },
	{ .name = "a chunk in moov, mdat to the end", .s = { SZ64, SZ0, 0,
	    F_INTO_MOOV }, .why = OUTSIDE },
	{ .name = "stts one sample short of stsz", .s.fault = F_STTS_COUNT,
	    .why = DISAGREE },
	{ .name = "stts short, one size for all", .uniform = 371,
	    .s.fault = F_STTS_COUNT, .why = DISAGREE },
	{ .name = "stsc's runs going back", .pairs = 1,
	    .s.fault = F_RUNS_ORDER, .why = DISAGREE },
	{ .name = "stsc's runs from chunk 0", .s.fault = F_RUNS_ORDER,
	    .why = DISAGREE },
	{ .name = "stsc leaving a sample out", .s.fault = F_RUNS_SHORT,
	    .why = DISAGREE },
	{ .name = "stsc giving a sample too many", .s.fault = F_RUNS_LONG,
	    .why = DISAGREE },
	{ .name = "stsc too many, one size for all", .uniform = 371,
	    .pairs = 1, .s.fault = F_RUNS_LONG, .why = DISAGREE },
	{ .name = "stco longer than its box", .s.fault = F_LONG_TABLE,
	    .why = "sample table longer than its box" },
	{ .name = "co64 longer than its box", .co64 = 1,
	    .s.fault = F_LONG_TABLE,
	    .why = "sample table longer than its box" },
	{ .name = "stco twice", .s.fault = F_TWICE, .why = "given twice" },
	{ .name = "compact sizes of 12 bits", .stz2 = 12,
	    .why = "sample sizes of an unknown width" },
	{ .name = "33 mdat boxes", .more_mdat = 32,
	    .why = "too many media data boxes" },
};

static struct blob
laid_out(const struct layout *l, struct tk t[2], size_t *n)
{
	struct blob	b;
	int		i;

	t[0] = aac;
	t[1] = avc;
	t[0].stts_count = l->count != 0 ? l->count : aac.stts_count;
	t[0].uniform = l->uniform;
	t[0].per_chunk = l->per_chunk;
	t[0].pairs = l->pairs;
	t[0].co64 = l->co64;
	t[0].stz2 = l->stz2;
	*n = l->video ? 2 : 1;
	b = whole_as(t, *n, &l->s);
	for (i = 0; i < l->more_mdat; i++)
		mdat(&b, 0, SZ32);
	return b;
}

static void
test_whole_files_pass_however_their_chunks_lie(void **state)
{
	struct tk		 t[2];
	struct blob		 b;
	struct mp4_info		 mi;
	const char		*why;
	size_t			 i, j, n;

	(void)state;
	for (i = 0; i < NITEMS(passes); i++) {
		b = laid_out(&passes[i], t, &n);
		if (mp4_probe(b.p, b.len, MP4_NEED_AUDIO, &mi, &why) != ST_OK)
			fail_msg("%s: refused: %s", passes[i].name, why);
		assert_false(mi.fragmented);
		assert_int_equal(mi.ntracks, n);
		for (j = 0; j < n; j++)
			assert_int_equal(mi.track[j].samples, t[j].stts_count);
		assert_int_equal(mi.duration_ms, n == 2 ? 3000 : 2000);
		free(b.p);
	}
}

static void
test_chunks_outside_mdat_or_tables_that_disagree_are_refused(void **state)
{
	struct tk		 t[2];
	struct blob		 b;
	struct mp4_info		 mi;
	const char		*why;
	size_t			 i, n;

	(void)state;
	for (i = 0; i < NITEMS(refused); i++) {
		b = laid_out(&refused[i], t, &n);
		if (mp4_probe(b.p, b.len, 0, &mi, &why) != ST_INVALID ||
		    why == NULL || strstr(why, refused[i].why) == NULL)
			fail_msg("%s: wanted \"%s\" in \"%s\"", refused[i].name,
			    refused[i].why, why != NULL ? why : "(null)");
		free(b.p);
	}
}

/*
 * Every prefix of a whole file is refused, even where it ends between two
 * boxes or its mdat says it runs to the end: its chunks would lie past it.
 */
static void
test_every_prefix_of_a_whole_file_is_refused(void **state)
{
	static const struct layout	 l[] = {
		{ .name = "mdat to the end", .s = { SZ32, SZ0, 0, F_NONE } },
		{ .name = "mdat first", .s = { SZ32, SZ32, 1, F_NONE } },
		{ .name = "sound and picture, mdat to the end", .video = 1,
		    .s = { SZ32, SZ0, 0, F_NONE } },
	};
	struct tk			 t[2];
	struct blob			 b;
	struct mp4_info			 mi;
	const char			*why;
	size_t				 i, n, cut;

	(void)state;
	for (i = 0; i < NITEMS(l); i++) {
		b = laid_out(&l[i], t, &n);
		assert_int_equal(mp4_probe(b.p, b.len, 0, &mi, &why), ST_OK);
		for (cut = 0; cut < b.len; cut++)
			if (mp4_probe(b.p, cut, 0, &mi, &why) != ST_INVALID ||
			    why == NULL)
				fail_msg("%s cut at %zu: not refused",
				    l[i].name, cut);
		free(b.p);
	}
}

/* Whether n falls between two top-level boxes of b (sizes of 32 bits). */
static int
at_boundary(const struct blob *b, size_t n)
{
	size_t	off = 0, size;

	while (off + 8 <= b->len && off < n) {
		size = (size_t)b->p[off] << 24 | (size_t)b->p[off + 1] << 16 |
		    (size_t)b->p[off + 2] << 8 | b->p[off + 3];
		off += size;
	}
	return off == n;
}

/*
 * Every prefix of a real file ends in a status (ASan watches the reads):
 * a refusal, but where it ends between two top-level boxes after a whole
 * fragment (moof and its mdat), which is a shorter recording, or before
 * the closing mfra index, which is the same one: those may pass.
 */
static void
test_every_prefix_ends_in_a_status(void **state)
{
	static const char	*names[] = { "audio.mp4", "video.mp4" };
	struct mp4_info		 mi, all;
	struct blob		 b;
	const char		*why;
	size_t			 i, n, passed;
	enum status		 st;

	(void)state;
	for (i = 0; i < NITEMS(names); i++) {
		b = slurp(names[i]);
		assert_int_equal(mp4_probe(b.p, b.len, 0, &all, &why), ST_OK);
		for (n = 0, passed = 0; n < b.len; n++) {
			st = mp4_probe(b.p, n, MP4_NEED_AUDIO, &mi, &why);
			if (st == ST_INVALID && why != NULL)
				continue;
			if (st != ST_OK || !at_boundary(&b, n))
				fail_msg("%s cut at %zu: not refused",
				    names[i], n);
			assert_true(mi.duration_ms <= all.duration_ms);
			passed++;
		}
		assert_true(passed < 16);	/* a few fragments, no more */
		free(b.p);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_chromium_audio_is_fragmented_opus_with_its_length_from_the_runs),
		cmocka_unit_test(test_chromium_video_has_both_tracks),
		cmocka_unit_test(test_a_whole_aac_file_has_its_length_from_mdhd),
		cmocka_unit_test(test_mdhd_version_1_and_64_bit_sizes_are_read),
		cmocka_unit_test(test_fragments_give_the_length_per_track),
		cmocka_unit_test(test_a_video_only_file_is_refused_as_an_audio_answer),
		cmocka_unit_test(test_what_is_not_a_recording_is_named),
		cmocka_unit_test(test_an_ftyp_over_garbage_is_refused),
		cmocka_unit_test(test_every_prefix_ends_in_a_status),
		cmocka_unit_test(test_whole_files_pass_however_their_chunks_lie),
		cmocka_unit_test(test_chunks_outside_mdat_or_tables_that_disagree_are_refused),
		cmocka_unit_test(test_every_prefix_of_a_whole_file_is_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
