/* audio.c: probe and convert audio held in memory, through libsndfile's virtual I/O. */
#include <sndfile.h>
#include <stdio.h>
#include <string.h>

#include "lib/audio.h"
#include "lib/log.h"

#define CHUNK_FRAMES	4096
#define MAX_CHANNELS	8	/* more is no recording of a voice */

/* A read-only file in memory, as libsndfile's virtual I/O sees it. */
struct mem {
	const unsigned char	*p;
	sf_count_t		 len;
	sf_count_t		 pos;
};

static const char *const kinds[] = {
	"wav",		/* AUDIO_WAV */
	"ogg",		/* AUDIO_OGG */
	"flac",		/* AUDIO_FLAC */
	"mp3",		/* AUDIO_MP3 */
	"other",	/* AUDIO_OTHER */
};

const char *
audio_kind_str(enum audio_kind k)
{
	return (size_t)k < NITEMS(kinds) ? kinds[k] : "other";
}

static sf_count_t
mem_len(void *arg)
{
	return ((struct mem *)arg)->len;
}

static sf_count_t
mem_seek(sf_count_t off, int whence, void *arg)
{
	struct mem	*m = arg;
	sf_count_t	 to;

	if (whence == SEEK_CUR)
		to = m->pos + off;
	else if (whence == SEEK_END)
		to = m->len + off;
	else
		to = off;
	if (to < 0 || to > m->len)
		return -1;
	m->pos = to;
	return to;
}

static sf_count_t
mem_read(void *dst, sf_count_t n, void *arg)
{
	struct mem	*m = arg;

	if (n > m->len - m->pos)
		n = m->len - m->pos;
	if (n <= 0)
		return 0;
	memcpy(dst, m->p + m->pos, (size_t)n);
	m->pos += n;
	return n;
}

/* Reading only: a write is a bug in libsndfile's use of us. */
static sf_count_t
mem_write(const void *src, sf_count_t n, void *arg)
{
	(void)src;
	(void)n;
	(void)arg;
	return 0;
}

static sf_count_t
mem_tell(void *arg)
{
	return ((struct mem *)arg)->pos;
}

static SNDFILE *
open_mem(struct mem *m, const void *p, size_t len, SF_INFO *info,
    const char **why)
{
	static SF_VIRTUAL_IO	 vio = { mem_len, mem_seek, mem_read,
				    mem_write, mem_tell };
	SNDFILE			*sf;

	m->p = p;
	m->len = (sf_count_t)len;
	m->pos = 0;
	memset(info, 0, sizeof(*info));
	if (len == 0) {
		*why = "empty file";
		return NULL;
	}
	if ((sf = sf_open_virtual(&vio, SFM_READ, info, m)) == NULL) {
		*why = sf_strerror(NULL);
		return NULL;
	}
	if (info->channels < 1 || info->channels > MAX_CHANNELS ||
	    info->samplerate < 1000 || info->samplerate > 384000) {
		*why = "implausible channels or sample rate";
		sf_close(sf);
		return NULL;
	}
	return sf;
}

static enum audio_kind
kind_of(int format)
{
	switch (format & SF_FORMAT_TYPEMASK) {
	case SF_FORMAT_WAV:
	case SF_FORMAT_WAVEX:
	case SF_FORMAT_RF64:
		return AUDIO_WAV;
	case SF_FORMAT_OGG:
		return AUDIO_OGG;
	case SF_FORMAT_FLAC:
		return AUDIO_FLAC;
	case SF_FORMAT_MPEG:
		return AUDIO_MP3;
	default:
		return AUDIO_OTHER;
	}
}

static unsigned long
le32(const unsigned char *p)
{
	return (unsigned long)p[0] | (unsigned long)p[1] << 8 |
	    (unsigned long)p[2] << 16 | (unsigned long)p[3] << 24;
}

/*
 * Whether a RIFF WAVE's data chunk claims more bytes than follow it: an
 * upload cut short, which libsndfile reads to its end without an error,
 * so it would pass for a shorter answer.  0 and 0xFFFFFFFF are lengths
 * the writer did not know (streaming), no claim; a chunk before data that
 * overruns the file is left to libsndfile to judge.
 */
static int
wav_cut_short(const unsigned char *p, size_t len)
{
	unsigned long	 size;
	size_t		 off = 12;

	if (len < 12 || memcmp(p, "RIFF", 4) != 0 ||
	    memcmp(p + 8, "WAVE", 4) != 0)
		return 0;
	for (; off + 8 <= len; off += 8 + size + (size & 1)) {
		size = le32(p + off + 4);
		if (memcmp(p + off, "data", 4) == 0)
			return size != 0 && size != 0xffffffffUL &&
			    size > len - off - 8;
		if (size > len - off - 8)
			return 0;
	}
	return 0;
}

enum status
audio_probe(const void *p, size_t len, long long max_ms,
    struct audio_info *ai, const char **why)
{
	static float	 buf[CHUNK_FRAMES * MAX_CHANNELS];
	struct mem	 m;
	SF_INFO		 info;
	SNDFILE		*sf;
	sf_count_t	 n;
	long long	 frames = 0, max_frames;
	enum status	 st = ST_OK;

	memset(ai, 0, sizeof(*ai));
	*why = NULL;
	if (wav_cut_short(p, len)) {
		ai->kind = AUDIO_WAV;
		ai->name = audio_kind_str(AUDIO_WAV);
		ai->cut_short = 1;
		*why = "cut short: the header claims more sound than the file"
		    " holds";
		return ST_INVALID;
	}
	if ((sf = open_mem(&m, p, len, &info, why)) == NULL)
		return ST_INVALID;
	max_frames = max_ms * info.samplerate / 1000;
	while ((n = sf_readf_float(sf, buf, CHUNK_FRAMES)) > 0)
		if ((frames += n) > max_frames) {
			st = ST_TOOLARGE;
			break;
		}
	if (st == ST_OK && sf_error(sf) != SF_ERR_NO_ERROR) {
		*why = sf_strerror(sf);
		st = ST_INVALID;
	} else if (st == ST_OK && frames == 0) {
		*why = "no sound in the file";
		st = ST_INVALID;
	}
	ai->kind = kind_of(info.format);
	ai->name = audio_kind_str(ai->kind);
	ai->channels = info.channels;
	ai->samplerate = info.samplerate;
	ai->frames = frames;
	/*
	 * Stopped early, the length is the header's, so a refusal can say
	 * how long the file is (a claim read, not decoded: only said).
	 */
	if (st == ST_TOOLARGE && info.frames > frames &&
	    info.frames < SF_COUNT_MAX / 1000)
		frames = info.frames;
	else if (st == ST_TOOLARGE)
		ai->at_least = 1;
	ai->duration_ms = frames * 1000 / info.samplerate;
	ai->pcm16_mono = ai->kind == AUDIO_WAV && info.channels == 1 &&
	    (info.format & SF_FORMAT_SUBMASK) == SF_FORMAT_PCM_16 &&
	    (info.format & SF_FORMAT_TYPEMASK) == SF_FORMAT_WAV;
	sf_close(sf);
	return st;
}

/* Mixes n frames of c channels in place down to n mono samples. */
static void
mix_down(float *f, sf_count_t n, int c)
{
	sf_count_t	 i;
	int		 k;
	float		 s;

	if (c == 1)
		return;
	for (i = 0; i < n; i++) {
		for (s = 0, k = 0; k < c; k++)
			s += f[i * c + k];
		f[i] = s / (float)c;
	}
}

static enum status
copy_frames(SNDFILE *in, SNDFILE *out, int channels, const char **why)
{
	static float	 buf[CHUNK_FRAMES * MAX_CHANNELS];
	sf_count_t	 n;

	while ((n = sf_readf_float(in, buf, CHUNK_FRAMES)) > 0) {
		mix_down(buf, n, channels);
		if (sf_writef_float(out, buf, n) != n) {
			*why = sf_strerror(out);
			return ST_INTERNAL;
		}
	}
	if (sf_error(in) != SF_ERR_NO_ERROR) {
		*why = sf_strerror(in);
		return ST_INVALID;
	}
	return ST_OK;
}

enum status
audio_write_wav16(const void *p, size_t len, int fd, const char **why)
{
	struct mem	 m;
	SF_INFO		 in_info, out_info;
	SNDFILE		*in, *out;
	enum status	 st;

	*why = NULL;
	if ((in = open_mem(&m, p, len, &in_info, why)) == NULL)
		return ST_INVALID;
	memset(&out_info, 0, sizeof(out_info));
	out_info.samplerate = in_info.samplerate;
	out_info.channels = 1;
	out_info.format = SF_FORMAT_WAV | SF_FORMAT_PCM_16;
	if ((out = sf_open_fd(fd, SFM_WRITE, &out_info, 0)) == NULL) {
		*why = sf_strerror(NULL);
		sf_close(in);
		return ST_INTERNAL;
	}
	/* Float samples out of range would wrap round, not clip, without it. */
	sf_command(out, SFC_SET_CLIPPING, NULL, SF_TRUE);
	st = copy_frames(in, out, in_info.channels, why);
	sf_close(in);
	if (sf_close(out) != 0 && st == ST_OK) {
		*why = "could not finish the WAV file";
		st = ST_INTERNAL;
	}
	return st;
}
