/* jobs.h: the sweeps of `viva jobs run` beside retention, and resealing. */
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

/*
 * `viva recordings reseal`: the recordings sealed before stop 17, sealed
 * anew so that a seek reads only what it plays (dry: counts them).
 */
int	cli_reseal(const struct config *, struct db *, int dry);

#endif
