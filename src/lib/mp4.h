/*
 * mp4.h: what an MP4 (ISO base media file) recording holds, read from its
 * boxes: the tracks, their codecs, channels and rate, and the length of
 * each.  Safari's MediaRecorder writes MP4 (AAC, H.264), Chrome's can too
 * (Opus), both fragmented: the track list (moov, with mvex) says a length
 * of 0 or less than was recorded, and the samples come in moof fragments
 * whose runs (trun) say each one's duration.  libsndfile reads no MP4,
 * hence this small reader (fuzzed: tests/fuzz/fuzz_mp4.c).  It walks the
 * boxes and finds where the samples lie: in a whole file (iPhone voice
 * memos, files sent from Safari), each chunk (stco or co64 offsets, stsc
 * runs, stsz or stz2 sizes) in one mdat box; in a fragmented one, each run
 * in the file.  Samples are not decoded, so a file whose mdat holds
 * garbage passes.
 */
#ifndef VIVA_MP4_H
#define VIVA_MP4_H

#include <stddef.h>

#include "lib/status.h"

#define MP4_CODEC_LEN	5	/* a four-character code and its NUL */
#define MP4_MAX_TRACKS	16

/* What mp4_probe is asked to insist on. */
#define MP4_NEED_AUDIO	0x1	/* a sound track (an audio answer) */

struct mp4_track {
	unsigned long	 id;		/* tkhd's track_ID */
	char		 handler[MP4_CODEC_LEN];	/* "soun", "vide", ... */
	char		 codec[MP4_CODEC_LEN];	/* "mp4a", "Opus", "avc1", ... */
	int		 channels;	/* sound: its sample entry's, else 0 */
	int		 samplerate;	/* sound: Hz, else 0 */
	long long	 samples;	/* in the track list and the fragments */
	long long	 duration_ms;
};

struct mp4_info {
	int		 audio_tracks;
	int		 video_tracks;
	char		 audio_codec[MP4_CODEC_LEN];	/* the first's, or "" */
	char		 video_codec[MP4_CODEC_LEN];	/* likewise */
	int		 channels;	/* the first sound track's, 0 if unsaid */
	int		 samplerate;	/* Hz, likewise */
	long long	 samples;	/* of every track */
	long long	 duration_ms;	/* the longest track's */
	int		 fragmented;	/* its samples come in moof boxes */
	int		 ntracks;
	struct mp4_track track[MP4_MAX_TRACKS];
};

/*
 * Reads p[0..len): ST_OK with *info filled; ST_INVALID with *why (static
 * text, for people) when it is not MP4 (no ftyp box first), is cut short,
 * its boxes do not fit in one another, its samples lie outside its media
 * data (mdat) or its sample tables disagree on them, it is whole with more
 * than 32 mdat boxes, or it holds no track, no sample or no length;
 * ST_NOTFOUND, *why said too, when need has MP4_NEED_AUDIO and the file,
 * whole otherwise, has no sound track.  Only reads p, in time linear in
 * len; no allocation.
 */
enum status	mp4_probe(const void *p, size_t len, int need,
		    struct mp4_info *info, const char **why);

#endif
