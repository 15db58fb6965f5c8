/*
 * core_recording_test.c: recording_save keeps, converts or refuses, and
 * never leaves half a file; a stored one is read in slices; MIME types.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <sodium.h>

#include <dirent.h>
#include <math.h>
#include <sndfile.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/recording.h"
#include "lib/arena.h"
#include "lib/audio.h"
#include "blob.h"
#include "lib/status.h"

static char	 dir[] = "/tmp/viva-recording-test.XXXXXX";

static struct blob
tone(int format, int channels, int rate, int ms)
{
	char		 path[] = "/tmp/viva-rec-tone.XXXXXX";
	long		 n = (long)rate * ms / 1000, i;
	float		*f = calloc((size_t)(n * channels), sizeof(float));
	SF_INFO		 info = { 0 };
	SNDFILE		*sf;
	struct blob	 b;
	int		 fd, k;

	for (i = 0; i < n; i++)
		for (k = 0; k < channels; k++)
			f[i * channels + k] = 0.5f * sinf((float)i / 8);
	assert_true((fd = mkstemp(path)) >= 0);
	info.samplerate = rate;
	info.channels = channels;
	info.format = format;
	assert_non_null(sf = sf_open_fd(fd, SFM_WRITE, &info, 1));
	sf_writef_float(sf, f, n);
	sf_close(sf);
	free(f);
	b = blob_read(path);
	unlink(path);
	return b;
}

/* Regular files under path, recursively. */
static int
count_files(const char *path)
{
	DIR		*d = opendir(path);
	struct dirent	*e;
	struct stat	 sb;
	char		 sub[512];
	int		 n = 0;

	if (d == NULL)
		return 0;
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		snprintf(sub, sizeof(sub), "%s/%s", path, e->d_name);
		if (stat(sub, &sb) == 0 && S_ISDIR(sb.st_mode))
			n += count_files(sub);
		else
			n++;
	}
	closedir(d);
	return n;
}

static struct recording_env
env(void)
{
	struct recording_env	 e = { dir, 200 * 1024, 5, NULL };

	return e;
}

static int
group_setup(void **state)
{
	(void)state;
	return mkdtemp(dir) == NULL ? -1 : 0;
}

static int
group_teardown(void **state)
{
	char	 cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static void
test_ogg_is_kept_as_sent_under_the_org(void **state)
{
	struct recording_env	 e = env();
	struct blob		 b = tone(SF_FORMAT_OGG | SF_FORMAT_OPUS, 1,
				    48000, 1000);
	struct arena		*a = arena_new();
	struct recording	 rec;
	enum recording_refusal	 why;
	struct stat		 sb;

	(void)state;
	assert_int_equal(recording_save(a, &e, 7, 42, 3, b.p, b.len, &rec,
	    &why), ST_OK);
	assert_int_equal(why, RR_NONE);
	/* Not in the org's folder until kept: a process killed meanwhile
	 * leaves it in tmp/, which viva jobs run sweeps. */
	assert_int_equal(strncmp(rec.tmp, "tmp/", 4), 0);
	assert_int_not_equal(stat(rec.abs, &sb), 0);
	assert_int_equal(stat(rec.tmp_abs, &sb), 0);
	assert_int_equal(recording_keep(&rec), ST_OK);
	assert_int_not_equal(stat(rec.tmp_abs, &sb), 0);
	assert_string_equal(rec.format, "ogg");
	assert_string_equal(rec.ctype, "audio/ogg");
	assert_int_equal(strncmp(rec.path, "org-7/audio/42-3-", 17), 0);
	assert_int_equal(stat(rec.abs, &sb), 0);
	assert_int_equal(sb.st_size, (off_t)b.len);
	/* nginx sends it (X-Accel-Redirect), reading it as the group. */
	assert_int_equal(sb.st_mode & 0777, 0640);
	assert_int_equal(rec.bytes, (long long)b.len);
	assert_int_equal(strlen(rec.sha256), 64);
	recording_discard(&rec);
	assert_int_not_equal(stat(rec.abs, &sb), 0);
	free(b.p);
	arena_free(a);
}

/* Chromium's fragmented MP4 (Opus): kept as sent, its length from the runs. */
static void
test_mp4_is_kept_as_sent_with_its_length(void **state)
{
	struct recording_env	 e = env();
	struct arena		*a = arena_new();
	struct recording	 rec;
	enum recording_refusal	 why;
	struct blob		 b;

	(void)state;
	b = blob_read("tests/fixtures/mp4/audio.mp4");
	assert_int_equal(recording_save(a, &e, 7, 42, 4, b.p, b.len, &rec,
	    &why), ST_OK);
	assert_int_equal(recording_keep(&rec), ST_OK);
	assert_string_equal(rec.format, "mp4");
	assert_string_equal(rec.ctype, "audio/mp4");
	assert_string_equal(rec.sent_format, "mp4");
	assert_in_range(rec.duration_ms, 1100, 1700);
	assert_int_equal(rec.bytes, (long long)b.len);
	assert_string_equal(recording_ctype("mp4", 0), "audio/mp4");
	recording_discard(&rec);
	/* Past the limit: refused, its length as walked said beside it. */
	e.max_seconds = 1;
	assert_int_equal(recording_save(a, &e, 7, 42, 4, b.p, b.len, &rec,
	    &why), ST_INVALID);
	assert_int_equal(why, RR_TOO_LONG);
	assert_in_range(rec.duration_ms, 1100, 1700);
	assert_false(rec.duration_at_least);
	assert_non_null(strstr(recording_refusal_text(a, &e, why, &rec),
	    " s long, longer than 1 second."));
	e.max_seconds = 5;
	/* An ftyp over garbage: refused in words. */
	memset(b.p + 36, 0xEE, b.len - 36);
	assert_int_equal(recording_save(a, &e, 7, 42, 4, b.p, b.len, &rec,
	    &why), ST_INVALID);
	assert_int_equal(why, RR_UNREADABLE);
	free(b.p);
	arena_free(a);
}

/* With a key: sealed on disk, read back whole; size and sum of the plain bytes. */
static void
test_a_key_seals_the_file_and_reading_gives_it_back(void **state)
{
	static const unsigned char key[32] = { 9, 8, 7 };
	struct recording_env	 e = env();
	struct blob		 b = tone(SF_FORMAT_OGG | SF_FORMAT_OPUS, 1,
				    48000, 700);
	struct arena		*a = arena_new();
	struct recording	 rec;
	enum recording_refusal	 why;
	unsigned char		 h[32];
	char			*back, hex[65], head[8];
	size_t			 len;
	FILE			*fp;

	(void)state;
	e.key = key;
	assert_int_equal(recording_save(a, &e, 7, 43, 1, b.p, b.len, &rec,
	    &why), ST_OK);
	assert_int_equal(recording_keep(&rec), ST_OK);
	assert_true(rec.encrypted);
	assert_int_equal(rec.bytes, (long long)b.len);
	crypto_hash_sha256(h, (unsigned char *)b.p, b.len);
	sodium_bin2hex(hex, sizeof(hex), h, sizeof(h));
	assert_string_equal(rec.sha256, hex);
	assert_non_null(fp = fopen(rec.abs, "rb"));
	assert_int_equal(fread(head, 1, 8, fp), 8);
	fclose(fp);
	assert_memory_equal(head, "VIVASEA2", 8);
	assert_int_equal(recording_load(a, &e, rec.path, 1, &back, &len), ST_OK);
	assert_int_equal(len, b.len);
	assert_memory_equal(back, b.p, b.len);
	/* Without the key it cannot be read; as plain it is not the recording. */
	e.key = NULL;
	assert_int_equal(recording_load(a, &e, rec.path, 1, &back, &len),
	    ST_UNAVAILABLE);
	assert_int_equal(recording_load(a, &e, rec.path, 0, &back, &len), ST_OK);
	assert_true(len != b.len || memcmp(back, b.p, len) != 0);
	assert_int_equal(recording_load(a, &e, "../etc/passwd", 0, &back, &len),
	    ST_NOTFOUND);
	recording_discard(&rec);
	free(b.p);
	arena_free(a);
}

static void
test_stereo_float_wav_becomes_mono_pcm16(void **state)
{
	struct recording_env	 e = env();
	struct blob		 b = tone(SF_FORMAT_WAV | SF_FORMAT_FLOAT, 2,
				    8000, 1000);
	struct arena		*a = arena_new();
	struct recording	 rec;
	enum recording_refusal	 why;
	struct audio_info	 ai;
	const char		*w;
	FILE			*fp;
	char			 buf[64 * 1024];
	size_t			 n;

	(void)state;
	assert_int_equal(recording_save(a, &e, 7, 42, 4, b.p, b.len, &rec,
	    &why), ST_OK);
	assert_int_equal(recording_keep(&rec), ST_OK);
	assert_string_equal(rec.format, "wav");
	assert_string_equal(rec.sent_format, "wav");
	assert_non_null(fp = fopen(rec.abs, "rb"));
	n = fread(buf, 1, sizeof(buf), fp);
	fclose(fp);
	assert_int_equal(audio_probe(buf, n, 5000, &ai, &w), ST_OK);
	assert_true(ai.pcm16_mono);
	assert_int_equal(ai.duration_ms, 1000);
	recording_discard(&rec);
	free(b.p);
	arena_free(a);
}

static void
test_refusals_leave_no_file(void **state)
{
	struct recording_env	 e = env();
	struct blob		 longer = tone(SF_FORMAT_OGG | SF_FORMAT_OPUS, 1,
				    48000, 6000);
	struct blob		 big = tone(SF_FORMAT_WAV | SF_FORMAT_PCM_16, 1,
				    48000, 3000);
	struct blob		 many = tone(SF_FORMAT_WAV | SF_FORMAT_PCM_16, 4,
				    8000, 500);
	struct arena		*a = arena_new();
	struct recording	 rec;
	enum recording_refusal	 why;
	int			 before = count_files(dir);

	(void)state;
	assert_int_equal(recording_save(a, &e, 1, 1, 1, "", 0, &rec, &why),
	    ST_INVALID);
	assert_int_equal(why, RR_EMPTY);
	assert_int_equal(recording_save(a, &e, 1, 1, 1, big.p, big.len, &rec,
	    &why), ST_INVALID);
	assert_int_equal(why, RR_TOO_LARGE);
	assert_int_equal(recording_save(a, &e, 1, 1, 1, longer.p, longer.len,
	    &rec, &why), ST_INVALID);
	assert_int_equal(why, RR_TOO_LONG);
	/* Its length comes back to be said: Ogg's from its last page. */
	assert_true(rec.duration_ms > 5500 && rec.duration_ms < 6500);
	assert_false(rec.duration_at_least);
	assert_string_equal(recording_refusal_text(a, &e, why, &rec),
	    "The recording is 6 s long, longer than 5 seconds. Record a"
	    " shorter answer, or type it.");
	assert_int_equal(recording_save(a, &e, 1, 1, 1, many.p, many.len, &rec,
	    &why), ST_INVALID);
	assert_int_equal(why, RR_CHANNELS);
	assert_int_equal(recording_save(a, &e, 1, 1, 1, "text, not audio", 15,
	    &rec, &why), ST_INVALID);
	assert_int_equal(why, RR_UNREADABLE);
	assert_non_null(strstr(recording_refusal_text(a, &e, why, &rec),
	    "MP4 (AAC or Opus)"));
	assert_int_equal(count_files(dir), before);
	free(longer.p);
	free(big.p);
	free(many.p);
	arena_free(a);
}

struct sink {
	unsigned char	 p[4096];
	size_t		 len;
};

static int
sink_put(void *arg, const void *p, size_t n)
{
	struct sink	*k = arg;

	assert_true(k->len + n <= sizeof(k->p));
	memcpy(k->p + k->len, p, n);
	k->len += n;
	return 0;
}

/* A take refused as too long: its own length beside the limit, when known. */
static void
test_a_take_too_long_is_said_with_its_length_when_known(void **state)
{
	static const struct {
		long long	 ms;
		int		 at_least;
		const char	*says;
	} t[] = {
		{ 0, 0, "The recording is longer than 5 seconds. Record a"
		    " shorter answer, or type it." },
		{ 0, 1, "The recording is longer than 5 seconds. Record a"
		    " shorter answer, or type it." },
		{ 125000, 0, "The recording is 2 min 5 s long, longer than 5"
		    " seconds. Record a shorter answer, or type it." },
		/* Decoding stopped at the limit: only a lower bound. */
		{ 5020, 1, "The recording is more than 5 s long, longer than 5"
		    " seconds. Record a shorter answer, or type it." },
		{ 180000, 0, "The recording is 3 min long, longer than 5"
		    " seconds. Record a shorter answer, or type it." },
	};
	struct recording_env	 e = env();
	struct recording	 rec;
	struct arena		*a = arena_new();
	size_t			 i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		memset(&rec, 0, sizeof(rec));
		rec.duration_ms = t[i].ms;
		rec.duration_at_least = t[i].at_least;
		assert_string_equal(recording_refusal_text(a, &e, RR_TOO_LONG,
		    &rec), t[i].says);
	}
	/* No take at all (nginx's 413, or an empty form): the limit alone. */
	assert_string_equal(recording_refusal_text(a, &e, RR_TOO_LONG, NULL),
	    t[0].says);
	assert_string_equal(recording_length_text(a, NULL), "");
	e.max_seconds = 300;
	rec.duration_ms = 301400;
	rec.duration_at_least = 0;
	assert_string_equal(recording_refusal_text(a, &e, RR_TOO_LONG, &rec),
	    "The recording is 5 min 1 s long, longer than 5 minutes. Record a"
	    " shorter answer, or type it.");
	arena_free(a);
}

/* The limit in words: singular for one, and no minutes rounded away. */
static void
test_the_limit_is_said_whole(void **state)
{
	static const struct {
		int		 s;
		const char	*says;
	} t[] = {
		{ 1, "1 second" }, { 90, "90 seconds" }, { 119, "119 seconds" },
		{ 120, "2 minutes" }, { 121, "2 minutes 1 second" },
		{ 150, "2 minutes 30 seconds" }, { 600, "10 minutes" },
	};
	struct recording_env	 e = env();
	struct arena		*a = arena_new();
	size_t			 i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		e.max_seconds = t[i].s;
		assert_string_equal(recording_limit_text(a, &e), t[i].says);
	}
	arena_free(a);
}

/* Opened sealed or plain: the plain size first, then any slice of it. */
static void
test_an_opened_recording_has_its_size_and_gives_slices(void **state)
{
	static const unsigned char key[32] = { 9, 8, 7 };
	struct recording_env	 e = env();
	struct blob		 b = tone(SF_FORMAT_OGG | SF_FORMAT_OPUS, 1,
				    48000, 700);
	struct arena		*a = arena_new();
	struct recording	 rec;
	struct recording_file	 f;
	enum recording_refusal	 why;
	struct sink		 k;
	int			 sealed;

	(void)state;
	for (sealed = 0; sealed <= 1; sealed++) {
		e.key = sealed ? key : NULL;
		assert_int_equal(recording_save(a, &e, 7, 44, 1, b.p, b.len,
		    &rec, &why), ST_OK);
		assert_int_equal(recording_keep(&rec), ST_OK);
		assert_int_equal(recording_open(a, &e, rec.path, sealed, &f),
		    ST_OK);
		assert_int_equal(f.size, (long long)b.len);
		k.len = 0;
		assert_int_equal(recording_stream(&e, &f, 10, 100, sink_put,
		    &k), ST_OK);
		assert_int_equal(k.len, 100);
		assert_memory_equal(k.p, b.p + 10, 100);
		k.len = 0;
		assert_int_equal(recording_stream(&e, &f, (long long)b.len - 5,
		    1000, sink_put, &k), ST_OK);
		assert_int_equal(k.len, 5);
		assert_memory_equal(k.p, b.p + b.len - 5, 5);
		recording_close(&f);
		assert_int_equal(f.fd, -1);
		recording_discard(&rec);
	}
	assert_int_equal(recording_open(a, &e, "org-7/audio/none.ogg", 0, &f),
	    ST_NOTFOUND);
	assert_int_equal(recording_open(a, &e, "/etc/passwd", 0, &f),
	    ST_NOTFOUND);
	free(b.p);
	arena_free(a);
}

/* Sealed and cut: a size seal never writes is refused at open. */
static void
test_a_cut_sealed_recording_is_refused(void **state)
{
	static const unsigned char key[32] = { 9, 8, 7 };
	struct recording_env	 e = env();
	struct blob		 b = tone(SF_FORMAT_OGG | SF_FORMAT_OPUS, 1,
				    48000, 700);
	struct arena		*a = arena_new();
	struct recording	 rec;
	struct recording_file	 f;
	enum recording_refusal	 why;

	(void)state;
	e.key = key;
	assert_int_equal(recording_save(a, &e, 7, 45, 1, b.p, b.len, &rec,
	    &why), ST_OK);
	assert_int_equal(recording_keep(&rec), ST_OK);
	/* Header and magic only: not even room for one chunk's tag. */
	assert_int_equal(truncate(rec.abs, 8 + 24 + 5), 0);
	assert_int_equal(recording_open(a, &e, rec.path, 1, &f), ST_INVALID);
	assert_int_equal(f.fd, -1);
	recording_discard(&rec);
	free(b.p);
	arena_free(a);
}

/* One table for voice answers and one-way takes, as each had before. */
static void
test_recording_ctype_names_audio_and_video_formats(void **state)
{
	static const struct {
		const char	*format;
		int		 video;
		const char	*ctype;
	} c[] = {
		{ "wav", 0, "audio/wav" }, { "wav", 1, "audio/wav" },
		{ "ogg", 0, "audio/ogg" }, { "ogg", 1, "audio/ogg" },
		{ "flac", 0, "audio/flac" }, { "mp3", 0, "audio/mpeg" },
		{ "mp3", 1, "audio/mpeg" },
		{ "webm", 0, "audio/webm" }, { "webm", 1, "video/webm" },
		{ "mp4", 0, "audio/mp4" }, { "mp4", 1, "video/mp4" },
		{ "exe", 0, "application/octet-stream" },
		{ "", 1, "application/octet-stream" },
	};
	size_t	 i;

	(void)state;
	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++)
		assert_string_equal(recording_ctype(c[i].format, c[i].video),
		    c[i].ctype);
}

/* A folder that cannot be written: an internal error, nothing half-made. */
static void
test_an_unwritable_folder_is_an_internal_error(void **state)
{
	struct recording_env	 e = { "/proc/viva-cannot-write-here", 200 * 1024,
				    5, NULL };
	struct blob		 b = tone(SF_FORMAT_OGG | SF_FORMAT_OPUS, 1,
				    48000, 500);
	struct arena		*a = arena_new();
	struct recording	 rec;
	enum recording_refusal	 why;

	(void)state;
	assert_int_equal(recording_save(a, &e, 1, 1, 1, b.p, b.len, &rec,
	    &why), ST_INTERNAL);
	free(b.p);
	arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ogg_is_kept_as_sent_under_the_org),
		cmocka_unit_test(test_stereo_float_wav_becomes_mono_pcm16),
		cmocka_unit_test(test_a_key_seals_the_file_and_reading_gives_it_back),
		cmocka_unit_test(test_mp4_is_kept_as_sent_with_its_length),
		cmocka_unit_test(test_refusals_leave_no_file),
		cmocka_unit_test(
		    test_a_take_too_long_is_said_with_its_length_when_known),
		cmocka_unit_test(test_an_unwritable_folder_is_an_internal_error),
		cmocka_unit_test(test_the_limit_is_said_whole),
		cmocka_unit_test(
		    test_an_opened_recording_has_its_size_and_gives_slices),
		cmocka_unit_test(test_a_cut_sealed_recording_is_refused),
		cmocka_unit_test(
		    test_recording_ctype_names_audio_and_video_formats),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
