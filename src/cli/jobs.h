/* jobs.h: the one-way transcripts part of `viva jobs run`. */
#ifndef VIVA_CLI_JOBS_H
#define VIVA_CLI_JOBS_H

#include "lib/arena.h"
#include "lib/config.h"
#include "lib/db.h"

/* Transcribes the waiting answers (dry: counts them); the exit status. */
int	cli_transcripts(const struct config *, struct arena *, struct db *,
	    int dry);

#endif
