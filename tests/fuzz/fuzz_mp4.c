/*
 * fuzz_mp4.c: uploads are untrusted bytes walked by lib/mp4.c: any input
 * ends in a status, never a read out of bounds or a hang, and what it says
 * of a file it accepts holds together.
 */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "lib/mp4.h"
#include "lib/status.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mp4_info	 mi;
	const char	*why;
	enum status	 st;
	int		 i;

	st = mp4_probe(data, size, MP4_NEED_AUDIO, &mi, &why);
	if (st != ST_OK) {
		assert(st == ST_INVALID || (st == ST_NOTFOUND &&
		    mi.audio_tracks == 0 && mi.video_tracks > 0));
		assert(why != NULL && *why != '\0');
		return 0;
	}
	assert(why == NULL);
	assert(mi.audio_tracks > 0 && mi.samples > 0);
	assert(mi.duration_ms > 0 && mi.duration_ms <= (long long)1e15);
	assert(mi.ntracks >= mi.audio_tracks + mi.video_tracks &&
	    mi.ntracks <= MP4_MAX_TRACKS);
	assert(mi.channels >= 0 && mi.samplerate >= 0);
	assert(memchr(mi.audio_codec, '\0', sizeof(mi.audio_codec)) != NULL);
	assert(memchr(mi.video_codec, '\0', sizeof(mi.video_codec)) != NULL);
	for (i = 0; i < mi.ntracks; i++) {
		assert(mi.track[i].duration_ms <= mi.duration_ms ||
		    (strcmp(mi.track[i].handler, "soun") != 0 &&
		    strcmp(mi.track[i].handler, "vide") != 0));
		assert(mi.track[i].codec[4] == '\0');
	}
	return 0;
}
