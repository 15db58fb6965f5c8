/*
 * webm.h: what a WebM (Matroska) recording holds, read from its EBML
 * structure: the tracks' codecs and the length of the sound.  Browsers'
 * MediaRecorder writes WebM as a live stream: the Segment and each Cluster
 * have an unknown size and Info has no Duration, so the length comes from
 * the last block's time.  libsndfile reads no WebM, hence this small reader
 * (fuzzed: tests/fuzz/fuzz_webm.c).  It walks the structure only: frames
 * are not decoded, so a file whose blocks hold garbage passes.
 */
#ifndef VIVA_WEBM_H
#define VIVA_WEBM_H

#include <stddef.h>

#include "lib/status.h"

#define WEBM_CODEC_LEN	24

struct webm_info {
	int		 audio_tracks;
	int		 video_tracks;
	char		 audio_codec[WEBM_CODEC_LEN];	/* "A_OPUS", ... or "" */
	char		 video_codec[WEBM_CODEC_LEN];	/* "V_VP8", ... or "" */
	int		 channels;	/* the first audio track's, 0 if unsaid */
	int		 samplerate;	/* Hz, likewise */
	long long	 blocks;	/* frames of any track */
	long long	 duration_ms;
	int		 duration_said;	/* from Info's Duration, not the blocks */
};

/*
 * Reads p[0..len): ST_OK with *info filled; ST_INVALID with *why (static
 * text, for people) when it is not WebM/Matroska, is cut short, or holds
 * no track or no block.  Only reads p; no allocation.
 */
enum status	webm_probe(const void *p, size_t len, struct webm_info *info,
		    const char **why);

#endif
