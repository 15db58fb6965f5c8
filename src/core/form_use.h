/* form_use.h: forms that act once however often they are sent (form_uses). */
#ifndef VIVA_FORM_USE_H
#define VIVA_FORM_USE_H

#include "lib/arena.h"
#include "lib/db.h"
#include "lib/status.h"

/* A form's random id (crypto_token of 16 bytes is 22 characters). */
#define FORM_ID_MIN	16
#define FORM_ID_MAX	64

/* form_id when it can be one (FORM_ID_MIN to FORM_ID_MAX long), else NULL. */
const char	*form_use_id(const char *form_id);
/*
 * Inside the caller's transaction (db_begin), before the action it guards:
 * claims form_id for that action.  The first claim sets *repeated to 0
 * (claims a day old go in retention_run's pass).  A claim committed before
 * sets *repeated to 1 and *result (may be NULL) to what form_use_keep
 * stored with it: the caller rolls back, does nothing and answers as the
 * first submit did.  A second claim
 * while the first's transaction is open waits for it to end.  A NULL
 * form_id (a form without one: an API client, an old page) claims nothing.
 */
enum status	form_use_claim(struct arena *, struct db *, const char *form_id,
		    int *repeated, const char **result);
/* Keeps result with form_id's claim; goes with the transaction's commit. */
enum status	form_use_keep(struct db *, const char *form_id,
		    const char *result);
/*
 * For a claim committed ahead of an action that waits on another server
 * outside any transaction (a model's judging): form_use_forget gives it
 * back when the action did not happen, so that the form may be sent again;
 * form_use_held says whether it is still there.
 */
enum status	form_use_forget(struct arena *, struct db *,
		    const char *form_id);
enum status	form_use_held(struct arena *, struct db *, const char *form_id,
		    int *held);
/*
 * For a repeat that answers as its first submit did, once that is done:
 * waits while busy (one check of the database) sets its int, checking
 * every 100 ms, for at most max_ms.  Polling, because a repeat is rare and
 * its wait short.  The pool counts the wait as one on another server.
 */
enum status	form_use_wait(struct arena *, struct db *, int max_ms,
		    enum status (*busy)(struct arena *, struct db *, void *,
		    int *), void *arg);
/*
 * Runs make (which inserts something and sets its id) in a transaction
 * that claims form_id and keeps the id with the claim.  A repeat of
 * form_id runs nothing, sets *repeated and *id to the first one's (0 if
 * unknown).  With a NULL form_id, make runs in a transaction all the same.
 */
enum status	form_use_create(struct arena *, struct db *,
		    const char *form_id,
		    enum status (*make)(struct arena *, struct db *, void *,
		    long long *), void *arg, long long *id, int *repeated);

#endif
