/* migrate.h: apply the numbered SQL files in order, once each. */
#ifndef VIVA_MIGRATE_H
#define VIVA_MIGRATE_H

#include <stdio.h>

#include "lib/arena.h"
#include "lib/db.h"
#include "lib/status.h"

/*
 * Applies every sql/NNN_name.sql not yet recorded in schema_migrations, in
 * numeric order, each in its own transaction.  Progress goes to out.  On a
 * failing file, that file's changes are rolled back, the message names the
 * file and line, and ST_INVALID is returned; earlier files stay applied.
 */
enum status	migrate_run(struct arena *, struct db *, const char *dir, FILE *out);

#endif
