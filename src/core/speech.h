/*
 * speech.h: a question read aloud.  The audio comes from the provider's
 * speech endpoint, or from a local program (espeak-ng) when the interview
 * has no provider, and is kept on disk under storage_dir/tts/ named by a
 * hash of (engine, model, voice, text): each text is synthesised once.
 */
#ifndef VIVA_SPEECH_H
#define VIVA_SPEECH_H

#include "core/provider.h"
#include "lib/arena.h"
#include "lib/status.h"

struct speech_env {
	const char	*storage_dir;
	struct provider	*prov;		/* NULL: the local program */
	const char	*model;		/* provider's speech model */
	const char	*voice;		/* provider's voice */
	const char	*program;	/* "espeak-ng", or "" for none */
	const char	*program_voice;	/* "en-us" */
};

/* 1 when speech_get can work: a provider, or the program on the PATH. */
int		speech_available(const struct speech_env *);
/*
 * The audio of text (Markdown: read as plain words): *path relative to
 * storage_dir, *ctype its MIME type, strings in a.  Made and stored on the
 * first call, found on disk after.  ST_NOTFOUND when no engine is
 * available, ST_UNAVAILABLE when it failed (logged).
 */
enum status	speech_get(struct arena *, const struct speech_env *,
		    const char *text, const char **path, const char **ctype);
/* Markdown as words to speak: code blocks named rather than read, marks dropped. */
const char	*speech_text(struct arena *, const char *md);

#endif
