/* export.h: `viva export`, an org's interviews as files. */
#ifndef VIVA_CLI_EXPORT_H
#define VIVA_CLI_EXPORT_H

#include "lib/db.h"

/* Runs `viva export` with its arguments (after "export"); the exit status. */
int	cli_export(struct db *, int argc, char **argv);

#endif
