/*
 * oneway_transcript.h: the transcription queue of one-way answers.  The
 * candidate's submit only marks the take 'pending'; its transcript is made
 * afterwards by whoever claims it: the pool process that answered the
 * submit, once the response is out, or `viva jobs`, which sweeps up what a
 * crash or a provider outage left behind.
 */
#ifndef VIVA_ONEWAY_TRANSCRIPT_H
#define VIVA_ONEWAY_TRANSCRIPT_H

#include "core/oneway.h"
#include "lib/config.h"

#define TRANSCRIPT_TRIES	5	/* claims before a take is 'failed' */

struct transcript_env {
	struct oneway_env	 ow;
	struct provider		*prov;	/* NULL: no provider configured */
	const struct config	*cfg;	/* stt model and language, prices */
};

enum transcript_outcome {
	TR_NONE,	/* nothing to claim: done, or another has it */
	TR_DONE,	/* transcribed (and charged) */
	TR_RETRY,	/* the provider did not answer: pending again */
	TR_FAILED,	/* cannot be transcribed; the reason is its transcript */
};

/* What a sweep did. */
struct transcript_sweep {
	int	 done, retry, failed;
	int	 waiting;	/* of those found, still pending after the sweep */
};

/*
 * Claims the submitted take of question n of interview iv if it is waiting
 * (or was left running by a crash), transcribes it, charges the usage and
 * stores the text, all or nothing.
 */
enum status	oneway_transcript_run(struct arena *, struct db *,
		    const struct transcript_env *, long long iv, int n,
		    enum transcript_outcome *);
/*
 * Runs up to max waiting takes, oldest first, stopping at the first the
 * provider did not answer; max 0 only counts them (rep->waiting).
 */
enum status	oneway_transcript_sweep(struct arena *, struct db *,
		    const struct transcript_env *, int max,
		    struct transcript_sweep *);
/*
 * The interviewer's "try again" on a failed or waiting transcript of org's
 * interview iv: pending, with its tries reset.  ST_CONFLICT when it is done
 * or running.
 */
enum status	oneway_transcript_retry(struct arena *, struct db *,
		    long long org, long long iv, int n);
/* "transcribing", "done", "failed" for the pages and exports. */
const char	*oneway_transcript_label(const char *state);

#endif
