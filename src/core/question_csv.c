/* question_csv.c: export the bank as CSV and import it back, with libcsv reading. */
#include <csv.h>
#include <string.h>
#include <strings.h>

#include "lib/csv.h"
#include "lib/form.h"
#include "role.h"
#include "question_csv.h"

/* Cells past this many in a record are not kept: no header is that wide. */
#define MAX_CELLS	32
/* Bad rows reported one by one; the rest are counted. */
#define MAX_BAD		500

/* --- out ------------------------------------------------------------------ */

/*
 * Also ', which the import takes off again when a guard character follows:
 * a question that starts with ' comes back as it was.
 */
#define GUARDED		CSV_FORMULA "'"

void
question_csv_header(struct buf *b)
{
	size_t	i;

	buf_puts(b, CSV_BOM);
	for (i = 0; i < QF__MAX; i++)
		buf_printf(b, "%s%s", i > 0 ? "," : "",
		    question_field_names[i]);
	buf_puts(b, "\r\n");
}

void
question_csv_row(struct buf *b, const struct question *q)
{
	struct question_input	in;
	size_t			i;

	question_input_of(q, &in);
	for (i = 0; i < QF__MAX; i++) {
		if (i > 0)
			buf_putc(b, ',');
		csv_cell(b, in.v[i], GUARDED);
	}
	buf_puts(b, "\r\n");
}

/* --- in: records ---------------------------------------------------------- */

struct record {
	size_t		 line;
	const char	*cell[MAX_CELLS];
	size_t		 n;		/* cells seen, kept or not */
};

/* What the libcsv callbacks build. */
struct reader {
	struct arena	*a;
	size_t		 line;		/* the line being fed */
	int		 between;	/* no record begun since one ended */
	struct record	 cur;
	struct record	*rec;
	size_t		 nrec;
	size_t		 cap;
	int		 too_many;
};

static void
on_cell(void *s, size_t len, void *data)
{
	struct reader	*r = data;

	if (r->cur.n < MAX_CELLS)
		r->cur.cell[r->cur.n] = s != NULL ?
		    arena_strndup(r->a, s, len) : "";
	r->cur.n++;
}

static void
on_record(int term, void *data)
{
	struct reader	*r = data;
	struct record	*v;

	(void)term;
	r->between = 1;
	if (r->nrec > QUESTION_CSV_MAX_ROWS) {
		r->too_many = 1;
		return;
	}
	if (r->nrec == r->cap) {
		r->cap = r->cap == 0 ? 64 : r->cap * 2;
		v = arena_calloc(r->a, r->cap, sizeof(*v));
		if (r->nrec > 0)
			memcpy(v, r->rec, r->nrec * sizeof(*v));
		r->rec = v;
	}
	r->rec[r->nrec++] = r->cur;
	memset(&r->cur, 0, sizeof(r->cur));
}

static int
blank_line(const char *s, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (s[i] != '\r' && s[i] != '\n')
			return 0;
	return 1;
}

/*
 * The cell separator, read off the header line: spreadsheets set to a
 * language that writes decimal commas save "CSV" with semicolons (or tabs,
 * as "Unicode text"), and the header names have no comma of their own.
 */
static char
delimiter(const char *data, size_t len)
{
	const char	*nl = memchr(data, '\n', len);
	size_t		 n = nl != NULL ? (size_t)(nl - data) : len;

	if (memchr(data, ',', n) != NULL)
		return ',';
	if (memchr(data, ';', n) != NULL)
		return ';';
	return memchr(data, '\t', n) != NULL ? '\t' : ',';
}

/*
 * Feeds data to libcsv a line at a time, so that each record knows the line
 * it starts on: the first line after the previous record with more on it
 * than a line break.  NULL, or why the file is not CSV.
 */
static const char *
read_records(struct arena *a, const char *data, size_t len, struct reader *r)
{
	struct csv_parser	 p;
	const char		*s, *nl, *err = NULL;
	size_t			 n;

	memset(r, 0, sizeof(*r));
	r->a = a;
	r->between = 1;
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0)
		return "The file could not be read.";
	csv_set_delim(&p, delimiter(data, len));
	for (s = data; s < data + len && err == NULL; s += n) {
		nl = memchr(s, '\n', (size_t)(data + len - s));
		n = nl != NULL ? (size_t)(nl - s) + 1 :
		    (size_t)(data + len - s);
		r->line++;
		if (r->between && !blank_line(s, n)) {
			r->between = 0;
			r->cur.line = r->line;
		}
		if (csv_parse(&p, s, n, on_cell, on_record, r) != n)
			err = arena_printf(a, "The file is not valid CSV: line"
			    " %zu has a quote out of place (a quoted cell must"
			    " end with a quote, and quotes inside it are"
			    " doubled).", r->line);
	}
	if (err == NULL && csv_fini(&p, on_cell, on_record, r) != 0)
		err = arena_printf(a, "The file is not valid CSV: the quoted"
		    " cell that starts on line %zu never ends.", r->cur.line);
	csv_free(&p);
	if (err == NULL && r->too_many)
		err = arena_printf(a, "The file has more than %d questions;"
		    " split it into smaller files.", QUESTION_CSV_MAX_ROWS);
	return err;
}

/* --- in: the header ------------------------------------------------------- */

static const char *
header_text(void)
{
	return "role,skill_area,category,difficulty,body_md,rubric,"
	    "follow_ups,sample_answer";
}

/*
 * col[i] is the cell index of field i, or -1 when the column is left out
 * (allowed for the last two).  NULL, or why the first record is no header.
 */
static const char *
read_header(struct arena *a, const struct record *h, int col[QF__MAX])
{
	size_t	i, f;

	for (f = 0; f < QF__MAX; f++)
		col[f] = -1;
	if (h->n > MAX_CELLS)
		return "The first line is not the header row.";
	for (i = 0; i < h->n; i++) {
		for (f = 0; f < QF__MAX; f++)
			if (strcasecmp(h->cell[i],
			    question_field_names[f]) == 0)
				break;
		if (f == QF__MAX || col[f] != -1)
			return arena_printf(a, "The first line must be the"
			    " header row, %s; it names a column \"%.40s\"%s.",
			    header_text(), h->cell[i], f == QF__MAX ?
			    " that is not one of these" : " twice");
		col[f] = (int)i;
	}
	for (f = 0; f < QF_FOLLOW_UPS; f++)
		if (col[f] == -1)
			return arena_printf(a, "The first line must be the"
			    " header row, %s; the column \"%s\" is missing.",
			    header_text(), question_field_names[f]);
	return NULL;
}

/* --- in: rows ------------------------------------------------------------- */

/* A cell as it was before the export guarded it against formulas. */
static const char *
unguarded(const char *s)
{
	return s[0] == '\'' && s[1] != '\0' && strchr(GUARDED, s[1]) != NULL ?
	    s + 1 : s;
}

static int
empty_record(const struct record *rec)
{
	size_t	i;

	for (i = 0; i < rec->n && i < MAX_CELLS; i++)
		if (*rec->cell[i] != '\0')
			return 0;
	return 1;
}

/* Whether any record after the header holds a cell. */
static int
has_rows(const struct reader *r)
{
	size_t	i;

	for (i = 1; i < r->nrec; i++)
		if (!empty_record(&r->rec[i]))
			return 1;
	return 0;
}

static void
add_bad(struct arena *a, struct question_csv_result *res, size_t line,
    const char *why)
{
	if (res->bad == NULL)
		res->bad = arena_calloc(a, MAX_BAD + 1, sizeof(*res->bad));
	if (res->nbad < MAX_BAD) {
		res->bad[res->nbad].line = line;
		res->bad[res->nbad].why = why;
	}
	res->nbad++;
}

/* Every message of a row that failed question_check, in column order. */
static const char *
reasons(struct arena *a, const struct question_errors *e)
{
	struct buf	b;
	size_t		i;

	buf_init(&b, a);
	for (i = 0; i < QF__MAX; i++)
		if (e->msg[i] != NULL)
			buf_printf(&b, "%s%s", b.len > 0 ? " " : "", e->msg[i]);
	return b.p;
}

/* The row as a question, checked; 0 (reported in res) if it is bad. */
static int
read_row(struct arena *a, const struct record *rec, const int col[QF__MAX],
    size_t width, const char *const *roles, size_t nroles,
    struct question_input *in, struct question_csv_result *res)
{
	struct question_errors	e;
	size_t			f;

	if (rec->n != width) {
		add_bad(a, res, rec->line, arena_printf(a, "has %zu cells; the"
		    " header has %zu.", rec->n, width));
		return 0;
	}
	for (f = 0; f < QF__MAX; f++)
		in->v[f] = col[f] >= 0 ? unguarded(rec->cell[col[f]]) : "";
	if (question_check(a, roles, nroles, in, &e) == ST_OK)
		return 1;
	add_bad(a, res, rec->line, reasons(a, &e));
	return 0;
}

/*
 * Adds the good rows, all or none, but for those already in the bank (the
 * same role and text, from an earlier import of the same file or a row
 * repeated in this one), which are counted in res->present.
 */
static enum status
insert_all(struct arena *a, struct db *db, long long org_id,
    long long user_id, const struct question_input *in, size_t n,
    struct question_csv_result *res)
{
	enum status	st;
	size_t		i;
	int		created;

	if (n == 0)
		return ST_OK;
	if ((st = db_begin(db)) != ST_OK)
		return st;
	for (i = 0; i < n && st == ST_OK; i++)
		if ((st = question_create_new(a, db, org_id, user_id, &in[i],
		    &created)) == ST_OK)
			*(created ? &res->imported : &res->present) += 1;
	if (st == ST_OK)
		st = db_commit(db);
	if (st != ST_OK) {
		db_rollback(db);
		res->imported = res->present = 0;
	}
	return st;
}

/* NULL if data can be CSV text at all; a picture or a spreadsheet cannot. */
static const char *
not_text(const char *data, size_t len)
{
	if (len == 0)
		return "The file is empty.";
	if (memchr(data, '\0', len) != NULL || !utf8_valid(data, len))
		return "The file is not CSV text. Save the spreadsheet as"
		    " \"CSV UTF-8\" and upload that file.";
	return NULL;
}

static enum status
refuse(struct question_csv_result *res, const char *why)
{
	res->error = why;
	return ST_INVALID;
}

enum status
question_csv_import(struct arena *a, struct db *db, long long org_id,
    long long user_id, const char *data, size_t len,
    struct question_csv_result *res)
{
	struct reader		 r;
	struct question_input	*good;
	const char		*why, **roles;
	size_t			 i, ngood = 0, nroles;
	int			 col[QF__MAX];
	enum status		 st;

	memset(res, 0, sizeof(*res));
	if (len >= 3 && memcmp(data, CSV_BOM, 3) == 0) {
		data += 3;	/* the byte-order mark spreadsheets write */
		len -= 3;
	}
	if ((why = not_text(data, len)) != NULL ||
	    (why = read_records(a, data, len, &r)) != NULL)
		return refuse(res, why);
	if (r.nrec == 0 || (why = read_header(a, &r.rec[0], col)) != NULL)
		return refuse(res, why != NULL ? why : "The file is empty.");
	/* Said, rather than "Imported 0 questions." as if all went well. */
	if (!has_rows(&r))
		return refuse(res, "The file has the header row and no"
		    " question under it.");
	if ((st = role_slugs(a, db, org_id, &roles, &nroles)) != ST_OK)
		return st;
	good = arena_calloc(a, r.nrec, sizeof(*good));
	for (i = 1; i < r.nrec; i++)
		if (!empty_record(&r.rec[i]) && read_row(a, &r.rec[i], col,
		    r.rec[0].n, roles, nroles, &good[ngood], res))
			ngood++;
	return insert_all(a, db, org_id, user_id, good, ngood, res);
}
