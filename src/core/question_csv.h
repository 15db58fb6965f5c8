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
 * The header row (id, then question_field_names), then one row per
 * question: its id, the rubric as its JSON text, follow-ups joined by
 * newlines.  Records end in CRLF; a cell is quoted when it holds a comma, a
 * quote or a line break.  A cell starting with = + - @ tab CR or ' gets a '
 * in front, so spreadsheets do not run it as a formula; the import takes
 * that ' off again.
 */
void		question_csv_header(struct buf *);
void		question_csv_row(struct buf *, const struct question *);

/* A row of the file, and what became of it or why it was not imported. */
struct question_csv_line {
	size_t		 line;	/* where its record starts, from 1 */
	size_t		 row;	/* the row a spreadsheet shows it on: a cell's
				   line breaks stay within one row */
	long long	 id;	/* the question updated, else 0 */
	const char	*text;	/* "difficulty must be one of ..." */
};

/* bad: rows not imported; notes: rows updated or skipped. */
struct question_csv_result {
	size_t			  added;
	size_t			  updated;
	size_t			  unchanged;	/* with an id, as is */
	size_t			  present;	/* no id, in the bank */
	struct question_csv_line *bad;
	size_t			  nbad;	/* may pass those listed */
	struct question_csv_line *notes;
	size_t			  nnotes;
	const char		 *error;	/* the file refused */
};

/*
 * Reads the whole file first (a header naming the columns, in any order;
 * id, follow_ups and sample_answer may be left out; the rubric as JSON or
 * as the form's lines), then writes its good rows in one transaction: a
 * row with the id of one of the org's questions changes that question, a
 * row without an id adds one (but for those the bank has already, see
 * question_create_new).  A row whose id is no question of the org's, or a
 * shipped one it would change, is a bad row.  ST_OK when the file was
 * read, bad rows or not; ST_INVALID with res->error when it is not CSV or
 * has no header, and nothing was imported.
 */
enum status	question_csv_import(struct arena *, struct db *,
		    long long org_id, long long user_id, const char *data,
		    size_t len, struct question_csv_result *res);

#endif
