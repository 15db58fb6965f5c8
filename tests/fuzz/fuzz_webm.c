/*
 * fuzz_webm.c: uploads are untrusted bytes walked by lib/webm.c: any input
 * ends in a status, never a read out of bounds or a hang, and what it says
 * of a file it accepts holds together.
 */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "lib/status.h"
#include "lib/webm.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct webm_info	 wi;
	const char		*why;

	if (webm_probe(data, size, &wi, &why) != ST_OK) {
		assert(why != NULL && *why != '\0');
		return 0;
	}
	assert(why == NULL);
	assert(wi.audio_tracks + wi.video_tracks > 0 && wi.blocks > 0);
	assert(wi.duration_ms >= 0);
	assert(memchr(wi.audio_codec, '\0', sizeof(wi.audio_codec)) != NULL);
	assert(memchr(wi.video_codec, '\0', sizeof(wi.video_codec)) != NULL);
	return 0;
}
