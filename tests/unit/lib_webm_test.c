/*
 * lib_webm_test.c: webm_probe on what chromium's MediaRecorder wrote
 * (tests/fixtures/webm, scripts/gen-webm-fixtures.mjs) and on files built
 * here element by element.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "blob.h"
#include "lib/status.h"
#include "lib/webm.h"

#define FIXTURES	"tests/fixtures/webm"

static struct blob
slurp(const char *name)
{
	char	path[256];

	snprintf(path, sizeof(path), "%s/%s", FIXTURES, name);
	return blob_read(path);
}

/* --- building files ------------------------------------------------------- */

/* An element: its ID as written, an 8-byte size (or unknown), its data. */
static void
el(struct blob *b, uint32_t id, const struct blob *data, int unknown)
{
	unsigned char	 h[12];
	size_t		 n = 0, i;
	int		 shift;

	for (shift = 24; shift >= 0; shift -= 8)
		if ((id >> shift) != 0 || shift == 0)
			h[n++] = (unsigned char)(id >> shift);
	h[n++] = 0x01;
	for (i = 0; i < 7; i++)
		h[n++] = unknown ? 0xFF : (unsigned char)(data->len >>
		    (8 * (6 - i)));
	blob_put(b, h, n);
	blob_put(b, data->p, data->len);
}

static struct blob
bytes(const void *p, size_t n)
{
	struct blob	b = { NULL, 0 };

	blob_put(&b, p, n);
	return b;
}

static void
el_bytes(struct blob *b, uint32_t id, const void *p, size_t n)
{
	struct blob	d = bytes(p, n);

	el(b, id, &d, 0);
	free(d.p);
}

static void
el_wrap(struct blob *b, uint32_t id, struct blob *inner, int unknown)
{
	el(b, id, inner, unknown);
	free(inner->p);
	inner->p = NULL;
	inner->len = 0;
}

static struct blob
header(const char *doctype)
{
	struct blob	h = { NULL, 0 }, f = { NULL, 0 };

	el_bytes(&h, 0x4282, doctype, strlen(doctype));
	el_wrap(&f, 0x1A45DFA3, &h, 0);
	return f;
}

/* An audio track of Opus, 2 channels at 48 kHz. */
static void
audio_track(struct blob *tracks)
{
	static const unsigned char	hz48k[] = { 0x40, 0xE7, 0x70, 0, 0, 0,
					    0, 0 };
	struct blob			a = { NULL, 0 }, t = { NULL, 0 };
	unsigned char			v;

	el_bytes(&a, 0xB5, hz48k, sizeof(hz48k));
	v = 2;
	el_bytes(&a, 0x9F, &v, 1);
	v = 1;
	el_bytes(&t, 0xD7, &v, 1);
	v = 2;
	el_bytes(&t, 0x83, &v, 1);
	el_bytes(&t, 0x86, "A_OPUS", 6);
	el_wrap(&t, 0xE1, &a, 0);
	el_wrap(tracks, 0xAE, &t, 0);
}

/* A cluster at tick tc with blocks at tc + 0, tc + 20, ... n of them. */
static void
cluster(struct blob *seg, unsigned tc, int n, int unknown)
{
	struct blob	c = { NULL, 0 };
	unsigned char	t[2] = { (unsigned char)(tc >> 8), (unsigned char)tc };
	unsigned char	blk[6] = { 0x81, 0, 0, 0x80, 0xAA, 0xBB };
	int		i;

	el_bytes(&c, 0xE7, t, 2);
	for (i = 0; i < n; i++) {
		blk[2] = (unsigned char)(i * 20);
		el_bytes(&c, 0xA3, blk, sizeof(blk));
	}
	el_wrap(seg, 0x1F43B675, &c, unknown);
}

/* A whole file; duration in ms into Info when > 0. */
static struct blob
file(double duration, int with_track, int nblocks)
{
	struct blob	f = header("webm"), seg = { NULL, 0 }, info = { NULL, 0 };
	struct blob	tracks = { NULL, 0 };
	unsigned char	d[8];
	uint64_t	bits;
	int		i;

	if (duration > 0) {
		memcpy(&bits, &duration, sizeof(bits));
		for (i = 0; i < 8; i++)
			d[i] = (unsigned char)(bits >> (8 * (7 - i)));
		el_bytes(&info, 0x4489, d, 8);
	}
	el_wrap(&seg, 0x1549A966, &info, 0);
	if (with_track)
		audio_track(&tracks);
	el_wrap(&seg, 0x1654AE6B, &tracks, 0);
	if (nblocks > 0)
		cluster(&seg, 1000, nblocks, 0);
	el_wrap(&f, 0x18538067, &seg, 0);
	return f;
}

/* --- the tests ------------------------------------------------------------ */

static void
test_chromium_audio_is_opus_with_its_length_from_the_blocks(void **state)
{
	struct blob		 b = slurp("audio.webm");
	struct webm_info	 wi;
	const char		*why;

	(void)state;
	assert_int_equal(webm_probe(b.p, b.len, &wi, &why), ST_OK);
	assert_null(why);
	assert_int_equal(wi.audio_tracks, 1);
	assert_int_equal(wi.video_tracks, 0);
	assert_string_equal(wi.audio_codec, "A_OPUS");
	assert_int_equal(wi.samplerate, 48000);
	assert_true(wi.channels >= 1);
	/* Recorded for 1.5 s; MediaRecorder writes no Duration. */
	assert_false(wi.duration_said);
	assert_in_range(wi.duration_ms, 1100, 1700);
	assert_true(wi.blocks > 15);	/* Opus frames of 20 to 60 ms */
	free(b.p);
}

static void
test_chromium_video_has_both_tracks(void **state)
{
	struct blob		 b = slurp("video.webm");
	struct webm_info	 wi;
	const char		*why;

	(void)state;
	assert_int_equal(webm_probe(b.p, b.len, &wi, &why), ST_OK);
	assert_int_equal(wi.audio_tracks, 1);
	assert_int_equal(wi.video_tracks, 1);
	assert_string_equal(wi.video_codec, "V_VP8");
	assert_string_equal(wi.audio_codec, "A_OPUS");
	assert_in_range(wi.duration_ms, 800, 1400);
	free(b.p);
}

static void
test_a_said_duration_wins_over_the_blocks(void **state)
{
	struct blob		 b = file(2500.0, 1, 3);
	struct webm_info	 wi;
	const char		*why;

	(void)state;
	assert_int_equal(webm_probe(b.p, b.len, &wi, &why), ST_OK);
	assert_true(wi.duration_said);
	assert_int_equal(wi.duration_ms, 2500);
	assert_int_equal(wi.channels, 2);
	assert_int_equal(wi.blocks, 3);
	free(b.p);
	/* Without it: the last block's start, cluster 1000 + 40 ticks of 1 ms. */
	b = file(0, 1, 3);
	assert_int_equal(webm_probe(b.p, b.len, &wi, &why), ST_OK);
	assert_false(wi.duration_said);
	assert_int_equal(wi.duration_ms, 1040);
	free(b.p);
}

struct bad_case {
	const char	*name;
	struct blob	 b;
	const char	*why;
};

static void
test_what_is_not_a_recording_is_named(void **state)
{
	static const char	 riff[] = "RIFF\x24\0\0\0WAVEfmt ";
	struct bad_case		 c[6];
	struct webm_info	 wi;
	struct blob		 whole = file(0, 1, 2), seg = { NULL, 0 };
	const char		*why;
	size_t			 i;

	(void)state;
	c[0] = (struct bad_case){ "wav", bytes(riff, sizeof(riff) - 1),
	    "not a WebM file" };
	c[1] = (struct bad_case){ "other doctype", header("foo"),
	    "another EBML kind" };
	c[2] = (struct bad_case){ "no track", file(0, 0, 2),
	    "no sound or picture track" };
	c[3] = (struct bad_case){ "no block", file(0, 1, 0),
	    "holds no sound or picture" };
	c[4] = (struct bad_case){ "cut", bytes(whole.p, whole.len - 3),
	    "cut short" };
	/* Only Clusters and the Segment may leave their size unknown. */
	c[5].b = header("webm");
	{
		struct blob	info = { NULL, 0 };

		el_wrap(&seg, 0x1549A966, &info, 1);
		el_wrap(&c[5].b, 0x18538067, &seg, 0);
	}
	c[5].name = "unknown-size Info";
	c[5].why = "unknown size";
	for (i = 0; i < NITEMS(c); i++) {
		assert_int_equal(webm_probe(c[i].b.p, c[i].b.len, &wi, &why),
		    ST_INVALID);
		if (why == NULL || strstr(why, c[i].why) == NULL)
			fail_msg("%s: wanted \"%s\" in \"%s\"", c[i].name,
			    c[i].why, why != NULL ? why : "(null)");
		free(c[i].b.p);
	}
	free(whole.p);
}

/* A Cluster of unknown size ends where the next Cluster begins. */
static void
test_clusters_of_unknown_size_follow_one_another(void **state)
{
	struct blob		 f = header("webm"), seg = { NULL, 0 };
	struct blob		 tracks = { NULL, 0 };
	struct webm_info	 wi;
	const char		*why;

	(void)state;
	audio_track(&tracks);
	el_wrap(&seg, 0x1654AE6B, &tracks, 0);
	cluster(&seg, 0, 2, 1);
	cluster(&seg, 3000, 4, 1);
	el_wrap(&f, 0x18538067, &seg, 1);
	assert_int_equal(webm_probe(f.p, f.len, &wi, &why), ST_OK);
	assert_int_equal(wi.blocks, 6);
	assert_int_equal(wi.duration_ms, 3060);
	free(f.p);
}

/* Every prefix of a real file ends in a status (ASan watches the reads). */
static void
test_every_prefix_ends_in_a_status(void **state)
{
	struct blob		 b = slurp("audio.webm");
	struct webm_info	 wi;
	const char		*why;
	size_t			 n;
	enum status		 st;

	(void)state;
	for (n = 0; n <= b.len; n += n < 512 ? 1 : 97) {
		st = webm_probe(b.p, n, &wi, &why);
		assert_true(st == ST_OK || (st == ST_INVALID && why != NULL));
	}
	free(b.p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_chromium_audio_is_opus_with_its_length_from_the_blocks),
		cmocka_unit_test(test_chromium_video_has_both_tracks),
		cmocka_unit_test(test_a_said_duration_wins_over_the_blocks),
		cmocka_unit_test(test_what_is_not_a_recording_is_named),
		cmocka_unit_test(test_clusters_of_unknown_size_follow_one_another),
		cmocka_unit_test(test_every_prefix_ends_in_a_status),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
