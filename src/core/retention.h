/*
 * retention.h: each org's retention policy and the job that applies it.
 * An org keeps transcripts (the conversation, answers, final answer) and
 * recordings for a number of days after an interview ends, or for ever.
 */
#ifndef VIVA_RETENTION_H
#define VIVA_RETENTION_H

#include "lib/arena.h"
#include "lib/db.h"
#include "lib/status.h"

#define RETENTION_MAX_DAYS	3650

/* Days to keep, 0 for ever. */
struct retention_policy {
	int	 transcript_days;
	int	 recording_days;
};

enum status	retention_get(struct arena *, struct db *, long long org_id,
		    struct retention_policy *);
enum status	retention_set(struct arena *, struct db *, long long org_id,
		    const struct retention_policy *);

/* What one run deleted, over every org. */
struct retention_report {
	long long	 orgs;		/* orgs with something deleted */
	long long	 interviews;	/* transcripts deleted */
	long long	 messages;
	long long	 answers;
	long long	 recordings;	/* recorded answers deleted, files and rows */
	long long	 temp_files;	/* left a day in storage_dir/tmp */
};

/*
 * Deletes every transcript (recordings' transcripts included) and every
 * recording (its row, then its file under storage_dir) past its org's
 * policy, one org per transaction, and records what went in that org's
 * events (type "retention_deleted", actor "viva jobs"); then removes the
 * temporary files a day old (left by a process killed mid-write).
 * dry_run: counts only, deletes nothing.
 */
enum status	retention_run(struct arena *, struct db *, const char *storage_dir,
		    int dry_run, struct retention_report *);

#endif
