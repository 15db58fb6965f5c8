/* reseal.h: recordings sealed in the format before stop 17, sealed anew in chunks. */
#ifndef VIVA_RESEAL_H
#define VIVA_RESEAL_H

#include "lib/arena.h"
#include "lib/db.h"
#include "lib/seal.h"
#include "lib/status.h"

struct reseal_report {
	long	 resealed;	/* dry: would be */
	long	 current;	/* already in chunks */
	long	 failed;	/* missing, damaged, another key: each on stderr */
};

/*
 * Every encrypted recording still in the old format (one stream, decrypted
 * from its start on every seek) is sealed anew in chunks, in place: written
 * beside it, checked against its row's checksum, synced and renamed over
 * it, so a crash leaves the old file or the new one, and a player reading
 * the old one keeps reading it.  dry: only counts.  ST_OK unless the
 * database failed; files that could not be resealed are counted in failed.
 */
enum status	recordings_reseal(struct db *, const char *storage_dir,
		    const unsigned char key[SEAL_KEY_LEN], int dry,
		    struct reseal_report *);

#endif
