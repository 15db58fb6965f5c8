/* lib_audio_test.c: audio_probe and audio_write_wav16 on files libsndfile writes here. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <math.h>
#include <sndfile.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/audio.h"
#include "blob.h"
#include "lib/status.h"

/* A 440 Hz tone of ms milliseconds in format, read back into memory. */
static struct blob
tone(int format, int channels, int rate, int ms)
{
	char		 path[] = "/tmp/viva-audio-test.XXXXXX";
	SF_INFO		 info;
	SNDFILE		*sf;
	struct blob	 b;
	long		 n = (long)rate * ms / 1000, i;
	float		*f = calloc((size_t)(n * channels), sizeof(float));
	int		 fd, k;

	assert_non_null(f);
	for (i = 0; i < n; i++)
		for (k = 0; k < channels; k++)
			f[i * channels + k] = 0.5f * sinf(2 * 3.14159f * 440 *
			    (float)i / (float)rate);
	assert_true((fd = mkstemp(path)) >= 0);
	memset(&info, 0, sizeof(info));
	info.samplerate = rate;
	info.channels = channels;
	info.format = format;
	sf = sf_open_fd(fd, SFM_WRITE, &info, 1);
	if (sf == NULL)
		fail_msg("cannot write %x: %s", format, sf_strerror(NULL));
	assert_int_equal(sf_writef_float(sf, f, n), n);
	sf_close(sf);
	free(f);
	b = blob_read(path);
	unlink(path);
	return b;
}

static void
test_audio_probe_reads_mono_pcm16_wav_as_wanted(void **state)
{
	struct blob		 b = tone(SF_FORMAT_WAV | SF_FORMAT_PCM_16, 1,
				    16000, 1500);
	struct audio_info	 ai;
	const char		*why;

	(void)state;
	assert_int_equal(audio_probe(b.p, b.len, 60000, &ai, &why), ST_OK);
	assert_int_equal(ai.kind, AUDIO_WAV);
	assert_string_equal(ai.name, "wav");
	assert_int_equal(ai.channels, 1);
	assert_int_equal(ai.samplerate, 16000);
	assert_int_equal(ai.duration_ms, 1500);
	assert_true(ai.pcm16_mono);
	free(b.p);
}

static void
test_audio_probe_marks_stereo_float_wav_for_conversion(void **state)
{
	struct blob		 b = tone(SF_FORMAT_WAV | SF_FORMAT_FLOAT, 2,
				    48000, 500);
	struct audio_info	 ai;
	const char		*why;

	(void)state;
	assert_int_equal(audio_probe(b.p, b.len, 60000, &ai, &why), ST_OK);
	assert_int_equal(ai.channels, 2);
	assert_false(ai.pcm16_mono);
	free(b.p);
}

static void
test_audio_probe_reads_ogg_opus(void **state)
{
	struct blob		 b = tone(SF_FORMAT_OGG | SF_FORMAT_OPUS, 1,
				    48000, 2000);
	struct audio_info	 ai;
	const char		*why;

	(void)state;
	assert_int_equal(audio_probe(b.p, b.len, 60000, &ai, &why), ST_OK);
	assert_int_equal(ai.kind, AUDIO_OGG);
	assert_int_equal(ai.channels, 1);
	/* Opus pads its first frame: close to, not exactly, 2 s. */
	assert_in_range(ai.duration_ms, 1900, 2100);
	assert_false(ai.pcm16_mono);
	free(b.p);
}

static void
test_audio_probe_reads_flac(void **state)
{
	struct blob		 b = tone(SF_FORMAT_FLAC | SF_FORMAT_PCM_16, 2,
				    44100, 300);
	struct audio_info	 ai;
	const char		*why;

	(void)state;
	assert_int_equal(audio_probe(b.p, b.len, 60000, &ai, &why), ST_OK);
	assert_int_equal(ai.kind, AUDIO_FLAC);
	free(b.p);
}

static void
test_audio_probe_stops_past_the_longest_allowed(void **state)
{
	struct blob		 b = tone(SF_FORMAT_WAV | SF_FORMAT_PCM_16, 1,
				    8000, 3000);
	struct audio_info	 ai;
	const char		*why;

	(void)state;
	assert_int_equal(audio_probe(b.p, b.len, 2000, &ai, &why),
	    ST_TOOLARGE);
	/* The length the header gives, for the refusal to say. */
	assert_int_equal(ai.duration_ms, 3000);
	assert_false(ai.at_least);
	free(b.p);
}

/* What browsers and phones send that libsndfile 1.2 cannot read, and junk. */
static void
test_audio_probe_refuses_what_it_cannot_read(void **state)
{
	static const unsigned char webm[] = { 0x1a, 0x45, 0xdf, 0xa3, 0x9f,
		0x42, 0x86, 0x81, 0x01, 0x42, 0xf7, 0x81, 0x01, 'w', 'e', 'b',
		'm', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 };
	static const unsigned char mp4[] = { 0, 0, 0, 0x20, 'f', 't', 'y',
		'p', 'M', '4', 'A', ' ', 0, 0, 0, 0, 'M', '4', 'A', ' ', 'm',
		'p', '4', '2', 'i', 's', 'o', 'm', 0, 0, 0, 0 };
	static const char text[] = "This is a text file, not a recording.";
	struct audio_info	 ai;
	const char		*why;

	(void)state;
	assert_int_equal(audio_probe(webm, sizeof(webm), 60000, &ai, &why),
	    ST_INVALID);
	assert_non_null(why);
	assert_int_equal(audio_probe(mp4, sizeof(mp4), 60000, &ai, &why),
	    ST_INVALID);
	assert_int_equal(audio_probe(text, sizeof(text) - 1, 60000, &ai,
	    &why), ST_INVALID);
	assert_int_equal(audio_probe("", 0, 60000, &ai, &why), ST_INVALID);
}

/* A WAV header with no samples after it (an upload cut right after it). */
static void
test_audio_probe_refuses_a_header_without_sound(void **state)
{
	struct blob		 b = tone(SF_FORMAT_WAV | SF_FORMAT_PCM_16, 1,
				    16000, 1000);
	struct audio_info	 ai;
	const char		*why;

	(void)state;
	assert_int_not_equal(audio_probe(b.p, 44, 60000, &ai, &why), ST_OK);
	/* Garbage in the middle of an Ogg stream. */
	free(b.p);
	b = tone(SF_FORMAT_OGG | SF_FORMAT_OPUS, 1, 48000, 1000);
	memset(b.p, 'x', 64);
	assert_int_equal(audio_probe(b.p, b.len, 60000, &ai, &why),
	    ST_INVALID);
	free(b.p);
}

/* The data chunk's size in a WAV libsndfile wrote: at byte 40. */
static void
set_wav_data_size(struct blob *b, unsigned long v)
{
	assert_memory_equal(b->p + 36, "data", 4);
	b->p[40] = (char)(v & 0xff);
	b->p[41] = (char)((v >> 8) & 0xff);
	b->p[42] = (char)((v >> 16) & 0xff);
	b->p[43] = (char)((v >> 24) & 0xff);
}

/*
 * An upload cut short: its header promises more samples than the file
 * holds.  libsndfile reads what there is without an error, so the file
 * would pass for a shorter answer.  A length the writer could not know
 * (0xFFFFFFFF, as streaming writers put it) is no promise.
 */
static void
test_audio_probe_refuses_a_wav_cut_short(void **state)
{
	struct blob		 b = tone(SF_FORMAT_WAV | SF_FORMAT_PCM_16, 1,
				    16000, 1000);
	struct audio_info	 ai;
	const char		*why;

	(void)state;
	assert_int_equal(audio_probe(b.p, b.len / 2, 60000, &ai, &why),
	    ST_INVALID);
	assert_true(ai.cut_short);
	assert_non_null(why);
	/* One sample short is as cut as half. */
	assert_int_equal(audio_probe(b.p, b.len - 2, 60000, &ai, &why),
	    ST_INVALID);
	assert_true(ai.cut_short);
	/* Whole, it reads. */
	assert_int_equal(audio_probe(b.p, b.len, 60000, &ai, &why), ST_OK);
	assert_false(ai.cut_short);
	set_wav_data_size(&b, 0xffffffffUL);
	assert_int_equal(audio_probe(b.p, b.len, 60000, &ai, &why), ST_OK);
	assert_int_equal(ai.duration_ms, 1000);
	free(b.p);
}

static void
test_audio_write_wav16_mixes_down_to_mono_pcm16(void **state)
{
	struct blob		 b = tone(SF_FORMAT_WAV | SF_FORMAT_FLOAT, 2,
				    48000, 750), out;
	char			 path[] = "/tmp/viva-audio-out.XXXXXX";
	struct audio_info	 ai;
	const char		*why;
	FILE			*fp;
	int			 fd;

	(void)state;
	assert_true((fd = mkstemp(path)) >= 0);
	assert_int_equal(audio_write_wav16(b.p, b.len, fd, &why), ST_OK);
	close(fd);
	assert_non_null(fp = fopen(path, "rb"));
	fseek(fp, 0, SEEK_END);
	out.len = (size_t)ftell(fp);
	rewind(fp);
	out.p = malloc(out.len);
	assert_int_equal(fread(out.p, 1, out.len, fp), out.len);
	fclose(fp);
	unlink(path);
	assert_int_equal(audio_probe(out.p, out.len, 60000, &ai, &why), ST_OK);
	assert_true(ai.pcm16_mono);
	assert_int_equal(ai.samplerate, 48000);
	assert_int_equal(ai.duration_ms, 750);
	free(out.p);
	free(b.p);
}

static void
test_audio_write_wav16_refuses_junk(void **state)
{
	char		 path[] = "/tmp/viva-audio-out.XXXXXX";
	const char	*why;
	int		 fd;

	(void)state;
	assert_true((fd = mkstemp(path)) >= 0);
	assert_int_equal(audio_write_wav16("junk junk junk", 14, fd, &why),
	    ST_INVALID);
	close(fd);
	unlink(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_audio_probe_reads_mono_pcm16_wav_as_wanted),
		cmocka_unit_test(test_audio_probe_marks_stereo_float_wav_for_conversion),
		cmocka_unit_test(test_audio_probe_reads_ogg_opus),
		cmocka_unit_test(test_audio_probe_reads_flac),
		cmocka_unit_test(test_audio_probe_stops_past_the_longest_allowed),
		cmocka_unit_test(test_audio_probe_refuses_what_it_cannot_read),
		cmocka_unit_test(test_audio_probe_refuses_a_header_without_sound),
		cmocka_unit_test(test_audio_probe_refuses_a_wav_cut_short),
		cmocka_unit_test(test_audio_write_wav16_mixes_down_to_mono_pcm16),
		cmocka_unit_test(test_audio_write_wav16_refuses_junk),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
