/* question_csv.h: the question bank as CSV (RFC 4180), out and back in. */
#ifndef VIVA_QUESTION_CSV_H
#define VIVA_QUESTION_CSV_H

#include <stddef.h>

#include "lib/arena.h"
#include "lib/db.h"
#include "lib/status.h"
#include "question.h"

#define QUESTION_CSV_MAX_ROWS	5000

/*
 * The header row (question_field_names), then one row per question: the
 * rubric as its JSON text, follow-ups joined by newlines.  Records end in
 * CRLF; a cell is quoted when it holds a comma, a quote or a line break.  A
 * cell starting with = + - @ tab CR or ' gets a ' in front, so spreadsheets
 * do not run it as a formula; the import takes that ' off again.
 */
void		question_csv_header(struct buf *);
void		question_csv_row(struct buf *, const struct question *);

/* A row of the file that was not imported, and why. */
struct question_csv_bad {
	size_t		 line;		/* where its record starts, from 1 */
	const char	*why;		/* "difficulty must be one of ..." */
};

struct question_csv_result {
	size_t			 imported;
	size_t			 present;	/* good rows already in the bank */
	struct question_csv_bad	*bad;
	size_t			 nbad;
	const char		*error;	/* the whole file was refused */
};

/*
 * Reads the whole file first (a header naming the columns, in any order;
 * follow_ups and sample_answer may be left out), then adds its good rows to
 * the org in one transaction (but for those the bank has already, see
 * question_create_new).  ST_OK when the file was read, bad rows or not;
 * ST_INVALID with res->error when it is not CSV or has no header, and
 * nothing was imported.
 */
enum status	question_csv_import(struct arena *, struct db *,
		    long long org_id, long long user_id, const char *data,
		    size_t len, struct question_csv_result *res);

#endif
