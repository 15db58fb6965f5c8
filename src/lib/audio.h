/* audio.h: what an audio file holds, and its conversion to 16-bit mono WAV (libsndfile). */
#ifndef VIVA_AUDIO_H
#define VIVA_AUDIO_H

#include <stddef.h>

#include "lib/status.h"

/* Containers libsndfile reads that the callers care to tell apart. */
enum audio_kind {
	AUDIO_WAV,	/* RIFF WAVE, any sample format */
	AUDIO_OGG,	/* Ogg: Opus or Vorbis */
	AUDIO_FLAC,
	AUDIO_MP3,
	AUDIO_OTHER,	/* AIFF, AU, CAF, W64, ...: read, not kept as sent */
	AUDIO__MAX
};

struct audio_info {
	enum audio_kind	 kind;
	const char	*name;		/* "wav", "ogg", "flac", "mp3", "other" */
	int		 channels;
	int		 samplerate;
	long long	 frames;	/* decoded, not what the header claims */
	long long	 duration_ms;	/* past max_ms: the header's, below */
	int		 at_least;	/* past max_ms, the header said none */
	int		 pcm16_mono;	/* WAV, 16-bit, one channel: as wanted */
	int		 cut_short;	/* a WAV whose header claims more data */
	int		 video_tracks;	/* a WebM's or MP4's pictures; else 0 */
};

/*
 * Decodes all of p[0..len) to learn what it is and to be sure every frame
 * reads; stops early (ST_TOOLARGE) once more than max_ms of sound came out,
 * so a long file costs no more than max_ms of decoding; its length is then
 * the one its header gives (WAV, FLAC, and Ogg or MP3 as libsndfile reckons
 * them), else what was decoded, with ai->at_least set.  ST_INVALID when
 * libsndfile cannot read it (a format it does not know, WebM and MP4
 * among them, or a corrupt file, or a WAV cut short: ai->cut_short), with
 * *why a static reason for the log.  No allocation; p is only read.
 */
enum status	audio_probe(const void *p, size_t len, long long max_ms,
		    struct audio_info *, const char **why);

/*
 * Decodes p[0..len), mixes its channels down to one and writes it to fd
 * (an empty file open for writing) as a 16-bit PCM WAV at the source's
 * sample rate.  fd stays open; the caller syncs and closes it.
 */
enum status	audio_write_wav16(const void *p, size_t len, int fd,
		    const char **why);

/* Short name of a kind, for logs and file extensions. */
const char	*audio_kind_str(enum audio_kind);

#endif
