/* event.h: the audit timeline: who did what, from where, when. */
#ifndef VIVA_EVENT_H
#define VIVA_EVENT_H

#include "lib/arena.h"
#include "lib/db.h"
#include "lib/status.h"

struct event {
	long long	 id;
	const char	*actor;
	const char	*type;
	const char	*detail;	/* JSON text */
	const char	*ip;
	const char	*created_at;	/* display text, UTC */
	long long	 interview_id;	/* event_list: 0 if none */
	const char	*candidate_name;	/* event_list: the interview's */
};

/* org_id or actor_id 0 means none; detail is JSON text or NULL for {}. */
enum status	event_add(struct arena *, struct db *, long long org_id,
		    long long actor_id, const char *actor, const char *type,
		    const char *detail, const char *ip);
/*
 * The org's latest events, newest first; without with_accounts, none about
 * accounts (sign-ins, passwords, users, API tokens: an admin's business,
 * with the addresses people sign in from).
 */
enum status	event_list(struct arena *, struct db *, long long org_id,
		    int with_accounts, int limit, struct event **, size_t *);
/*
 * detail (JSON object text, NULL for {}) with the string member key set to
 * val, escaped as JSON: names and emails people typed go in safely.
 */
const char	*event_with(struct arena *, const char *detail, const char *key,
		    const char *val);
/* The event in words for a timeline; an unknown type as type and detail. */
const char	*event_text(struct arena *, const char *type,
		    const char *detail);

#endif
