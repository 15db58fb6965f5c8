/*
 * provider_audio.h: speech to text and text to speech through an
 * OpenAI-compatible provider (PROTOCOLS.md section 2), with the retries,
 * backoff and circuit breaker of provider_chat.
 */
#ifndef VIVA_PROVIDER_AUDIO_H
#define VIVA_PROVIDER_AUDIO_H

#include "core/provider.h"
#include "lib/arena.h"
#include "lib/status.h"

struct stt_req {
	const char	*model;		/* "gpt-4o-mini-transcribe" */
	const char	*path;		/* the recording on disk, or NULL */
	const char	*filename;	/* with an extension the provider knows */
	const char	*ctype;		/* "audio/ogg", "audio/wav", ... */
	const char	*language;	/* ISO-639-1, or NULL */
	const void	*data;		/* instead of path: the recording in memory */
	size_t		 len;
};

struct stt_res {
	const char	*text;		/* "" on failure */
	/* usage: tokens ({"type":"tokens"}) or seconds ({"type":"duration"}); 0 if absent. */
	int		 input_tokens;
	int		 output_tokens;
	double		 seconds;
	int		 latency_ms;
	int		 attempts;
	const char	*error_code;	/* as struct chat_res; NULL on success */
	const char	*error_message;	/* for the log only */
};

/*
 * Sends the file at req->path to /audio/transcriptions as multipart and
 * fills res (strings in a).  ST_OK, ST_INVALID when req lacks a field, or
 * ST_UNAVAILABLE (res->error_code says why) when no transcript came.
 */
enum status	provider_transcribe(struct arena *, struct provider *,
		    const struct stt_req *, struct stt_res *);

struct tts_req {
	const char	*model;		/* "gpt-4o-mini-tts" */
	const char	*voice;		/* "alloy" */
	const char	*input;		/* at most 4096 characters */
	const char	*format;	/* "mp3", "wav", ... */
};

struct tts_res {
	struct str	 audio;		/* the bytes, in the arena */
	int		 latency_ms;
	int		 attempts;
	const char	*error_code;
	const char	*error_message;
};

/* Asks /audio/speech for req->input spoken; as provider_transcribe. */
enum status	provider_speech(struct arena *, struct provider *,
		    const struct tts_req *, struct tts_res *);

#endif
