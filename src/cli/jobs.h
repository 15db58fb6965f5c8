/* jobs.h: the sweeps of `viva jobs run` beside retention. */
#ifndef VIVA_CLI_JOBS_H
#define VIVA_CLI_JOBS_H

#include "lib/arena.h"
#include "lib/config.h"
#include "lib/db.h"

/* Transcribes the waiting answers (dry: counts them); the exit status. */
int	cli_transcripts(const struct config *, struct arena *, struct db *,
	    int dry);
/* Gives back the tokens held by calls that died (dry: counts them). */
int	cli_reservations(struct arena *, struct db *, int dry);

#endif
