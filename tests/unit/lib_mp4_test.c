/*
 * lib_mp4_test.c: mp4_probe on what chromium's MediaRecorder wrote
 * (tests/fixtures/mp4, scripts/gen-mp4-fixtures.mjs: fragmented, Opus and
 * H.264) and on files built here box by box: Safari's kind (AAC in mp4a),
 * whole or fragmented, with 64-bit sizes, version 1 headers and faults.
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
};

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

static void
trak(struct blob *moov, const struct tk *t)
{
	struct blob	tr = { NULL, 0 }, d = { NULL, 0 }, md = { NULL, 0 };
	struct blob	mi = { NULL, 0 }, st = { NULL, 0 };

	be(&d, 0, 4);		/* version 0 */
	be(&d, 0, 8);
	be(&d, t->id, 4);
	zeros(&d, 68);
	box(&tr, "tkhd", &d, SZ32);
	times(&md, "mdhd", t->mdhd_v, t->rate, t->mdhd_dur, 4);
	be(&d, 0, 8);
	blob_put(&d, t->handler, 4);
	zeros(&d, 13);
	box(&md, "hdlr", &d, SZ32);
	be(&d, 0, 4);
	be(&d, 1, 4);
	sample_entry(&d, t);
	box(&st, "stsd", &d, SZ32);
	be(&d, 0, 4);
	be(&d, t->stts_count > 0, 4);
	if (t->stts_count > 0) {
		be(&d, t->stts_count, 4);
		be(&d, t->stts_delta, 4);
	}
	box(&st, "stts", &d, SZ32);
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
static const struct tk aac = { 1, "soun", "mp4a", 2, 44100, 0, 88200, 86,
	1024 };

/* A whole (not fragmented) file of the tracks, the moov's size as k says. */
static struct blob
whole(const struct tk *t, size_t n, enum size_kind k)
{
	struct blob	f = { NULL, 0 }, m = { NULL, 0 };
	size_t		i;

	ftyp(&f, "M4A ");
	/* mvhd says the first track's length, in milliseconds. */
	times(&m, "mvhd", 0, 1000, n > 0 && t[0].rate > 0 ?
	    t[0].mdhd_dur * 1000 / t[0].rate : 0, 80);
	for (i = 0; i < n; i++)
		trak(&m, &t[i]);
	box(&f, "moov", &m, k);
	mdat(&f, 64, SZ32);
	return f;
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
	struct tk		 t[2] = { aac, { 2, "vide", "avc1", 0, 90000, 0,
				    0, 0, 0 } };
	struct blob		 f = { NULL, 0 }, m = { NULL, 0 };
	struct mp4_info		 mi;
	const char		*why;

	(void)state;
	t[0].mdhd_dur = 0;	/* as MediaRecorder writes it */
	t[0].stts_count = 0;
	ftyp(&f, "iso6");
	times(&m, "mvhd", 1, 1000, 0, 80);
	trak(&m, &t[0]);
	trak(&m, &t[1]);
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
	struct tk		 t = { 1, "vide", "avc1", 0, 90000, 0, 90000,
				    30, 3000 };
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
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
