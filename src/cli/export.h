/* export.h: `viva export`, an org's interviews as files. */
#ifndef VIVA_CLI_EXPORT_H
#define VIVA_CLI_EXPORT_H

#include "core/interview.h"
#include "lib/db.h"

struct export_args {
	const char	*org;
	const char	*format;	/* "json", "md", "csv" */
	const char	*out;
	long long	 interview;	/* 0: all of the org's */
	enum iv_sort	 sort;		/* interviews.csv's order */
};

/*
 * Reads `viva export`'s arguments (those after "export") into x; NULL, or
 * what is wrong with them (a static string), before any database is opened.
 */
const char	*cli_export_args(int argc, char **argv, struct export_args *x);
/* Writes the files x asks for; the exit status. */
int		 cli_export(struct db *, const struct export_args *x);

#endif
