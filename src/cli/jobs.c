/*
 * jobs.c: `viva jobs run` sweeps up what a pool process that died mid-call
 * left behind: one-way answers still waiting for a transcript (or that the
 * provider did not answer), for which it needs what the app has (the
 * provider and the key the recordings are sealed with), and token
 * reservations that were never settled.  And `viva recordings reseal`.
 */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "core/budget.h"
#include "core/oneway_transcript.h"
#include "core/reseal.h"
#include "jobs.h"
#include "lib/seal.h"

#define SWEEP_MAX	200	/* per run; the timer comes back */

int
cli_transcripts(const struct config *c, struct arena *a, struct db *db,
    int dry)
{
	struct transcript_env	 env;
	struct transcript_sweep	 rep;
	struct provider		 prov;
	unsigned char		 key[SEAL_KEY_LEN];
	enum status		 st;

	memset(&env, 0, sizeof(env));
	env.cfg = c;
	env.ow.rec.storage_dir = c->storage_dir;
	if (*c->recording_key != '\0') {
		if (seal_key_parse(c->recording_key, key) != ST_OK) {
			fputs("viva: recording_key must be 64 hex characters\n",
			    stderr);
			return 1;
		}
		env.ow.key = env.ow.rec.key = key;
	}
	if (*c->ai_base_url != '\0') {
		provider_init(&prov, c->ai_base_url, c->ai_api_key);
		prov.timeout_ms = c->ai_timeout_ms;
		prov.deadline_ms = 2 * c->ai_timeout_ms;	/* as the app */
		prov.breaker_threshold = c->ai_breaker_failures;
		env.prov = &prov;
	}
	st = oneway_transcript_sweep(a, db, &env, dry ? 0 : SWEEP_MAX, &rep);
	if (st != ST_OK) {
		fprintf(stderr, "viva: transcripts failed (%s)\n",
		    status_str(st));
		return 1;
	}
	printf("transcripts: %d transcribed, %d failed, %d waiting\n",
	    rep.done, rep.failed, rep.waiting);
	return 0;
}

int
cli_reservations(struct arena *a, struct db *db, int dry)
{
	long		 n;
	enum status	 st;

	if ((st = budget_release_abandoned(a, db, dry, &n)) != ST_OK) {
		fprintf(stderr, "viva: reservations failed (%s)\n",
		    status_str(st));
		return 1;
	}
	printf("reservations: %s %ld abandoned by calls that never ended\n",
	    dry ? "would release" : "released", n);
	return 0;
}

int
cli_reseal(const struct config *c, struct db *db, int dry)
{
	struct reseal_report	 rep;
	unsigned char		 key[SEAL_KEY_LEN];
	enum status		 st;

	if (seal_key_parse(c->recording_key, key) != ST_OK) {
		fputs("viva: recording_key is not set (or not 64 hex"
		    " characters): it is the key the recordings are sealed"
		    " with\n", stderr);
		return 1;
	}
	st = recordings_reseal(db, c->storage_dir, key, dry, &rep);
	sodium_memzero(key, sizeof(key));
	if (st != ST_OK) {
		fprintf(stderr, "viva: reseal failed (%s)\n", status_str(st));
		return 1;
	}
	printf("reseal: %s %ld recordings; %ld already current; %ld failed\n",
	    dry ? "would reseal" : "resealed", rep.resealed, rep.current,
	    rep.failed);
	return rep.failed > 0;
}
