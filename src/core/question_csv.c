/* question_csv.c: export the bank as CSV and import it back, with libcsv reading. */
#include <csv.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lib/csv.h"
#include "lib/form.h"
#include "role.h"
#include "question_csv.h"

/* Cells past this many in a record are not kept: no header is that wide. */
#define MAX_CELLS	32
/* Rows listed one by one (bad, updated, skipped); the rest are counted. */
#define MAX_LINES	500
/* The id column's name: not a field a person writes, so not in the enum. */
#define ID_COLUMN	"id"

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

	buf_puts(b, CSV_BOM ID_COLUMN);
	for (i = 0; i < QF__MAX; i++)
		buf_printf(b, ",%s", question_field_names[i]);
	buf_puts(b, "\r\n");
}

void
question_csv_row(struct buf *b, const struct question *q)
{
	struct question_input	in;
	size_t			i;

	question_input_of(q, &in);
	buf_printf(b, "%lld", q->id);
	for (i = 0; i < QF__MAX; i++) {
		buf_putc(b, ',');
		csv_cell(b, in.v[i], GUARDED);
	}
	buf_puts(b, "\r\n");
}

/* --- in: records ---------------------------------------------------------- */

struct record {
	size_t		 line;		/* the file's line it starts on */
	size_t		 row;		/* the row a spreadsheet shows it on */
	const char	*cell[MAX_CELLS];
	size_t		 n;		/* cells seen, kept or not */
};

/* What the libcsv callbacks build. */
struct reader {
	struct arena	*a;
	size_t		 line;		/* the line being fed */
	size_t		 inner;		/* line breaks inside cells so far */
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
	/* A spreadsheet shows a record on one row, its cells' breaks too. */
	r->inner += r->line - r->cur.line;
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
			r->cur.row = r->line - r->inner;
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

/* Where each column is: cell indexes, -1 for a column left out. */
struct columns {
	int		 id;
	int		 f[QF__MAX];
	size_t		 width;		/* cells in the header */
};

static const char *
header_text(void)
{
	return ID_COLUMN ",role,skill_area,category,difficulty,body_md,rubric,"
	    "follow_ups,sample_answer";
}

/* The column a header cell names: a field, QF__MAX for id, -1 for none. */
static int
column_of(const char *name)
{
	size_t	f;

	if (strcasecmp(name, ID_COLUMN) == 0)
		return QF__MAX;
	for (f = 0; f < QF__MAX; f++)
		if (strcasecmp(name, question_field_names[f]) == 0)
			return (int)f;
	return -1;
}

/*
 * The columns the header names; id, follow_ups and sample_answer may be
 * left out.  NULL, or why the first record is no header.
 */
static const char *
read_header(struct arena *a, const struct record *h, struct columns *c)
{
	size_t	i, f;
	int	k, *slot;

	c->id = -1;
	for (f = 0; f < QF__MAX; f++)
		c->f[f] = -1;
	c->width = h->n;
	if (h->n > MAX_CELLS)
		return "The first line is not the header row.";
	for (i = 0; i < h->n; i++) {
		k = column_of(h->cell[i]);
		slot = k == QF__MAX ? &c->id : k >= 0 ? &c->f[k] : NULL;
		if (slot == NULL || *slot != -1)
			return arena_printf(a, "The first line must be the"
			    " header row, %s; it names a column \"%.40s\"%s.",
			    header_text(), h->cell[i], slot == NULL ?
			    " that is not one of these" : " twice");
		*slot = (int)i;
	}
	for (f = 0; f < QF_FOLLOW_UPS; f++)
		if (c->f[f] == -1)
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

/* A row of the file, read and checked. */
struct row {
	size_t			 line;	/* the record's, as struct record */
	size_t			 rowno;
	long long		 id;	/* 0: a new question */
	struct question_input	 in;	/* cleaned by question_check */
	const char		*why;	/* why it is bad, else NULL */
};

/* Appends to a list of at most MAX_LINES lines; *n counts past it. */
static void
add_line(struct arena *a, struct question_csv_line **list, size_t *n,
    const struct row *row, long long id, const char *text)
{
	if (*list == NULL)
		*list = arena_calloc(a, MAX_LINES + 1, sizeof(**list));
	if (*n < MAX_LINES) {
		(*list)[*n].line = row->line;
		(*list)[*n].row = row->rowno;
		(*list)[*n].id = id;
		(*list)[*n].text = text;
	}
	(*n)++;
}

static void
add_bad(struct arena *a, struct question_csv_result *res,
    const struct row *row, const char *why)
{
	add_line(a, &res->bad, &res->nbad, row, 0, why);
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


/*
 * The id cell's number: 0 for an empty cell, -1 for one that is no
 * question's number.
 */
static long long
row_id(const struct record *rec, const struct columns *c)
{
	const char	*s;
	char		*end;
	long long	 id;

	if (c->id < 0 || *(s = rec->cell[c->id]) == '\0')
		return 0;
	errno = 0;
	id = strtoll(s, &end, 10);
	if (errno != 0 || *end != '\0' || id <= 0 || *s < '0' || *s > '9')
		return -1;
	return id;
}

/*
 * The rubric cell as JSON: itself when it is JSON (or empty), else the
 * form's lines "weight | point | phrase, phrase" made JSON.  NULL with
 * *why when the lines are wrong.
 */
static const char *
rubric_json(struct arena *a, const char *cell, const char **why)
{
	const char	*s = cell + strspn(cell, " \t\r\n"), *json, *err;

	*why = NULL;
	if (*s == '\0' || *s == '{' || *s == '[')
		return cell;
	if (question_rubric_from_lines(a, cell, &json, &err) == ST_OK)
		return json;
	*why = arena_printf(a, "rubric, as lines weight | point | phrases:"
	    " %s", err);
	return NULL;
}

/* Reads and checks one record into row; row->why says what is wrong. */
static void
read_row(struct arena *a, const struct record *rec, const struct columns *c,
    const char *const *roles, size_t nroles, struct row *row)
{
	struct question_errors	 e;
	const char		*rubric_err;
	size_t			 f;

	row->line = rec->line;
	row->rowno = rec->row;
	if (rec->n != c->width) {
		row->why = arena_printf(a, "has %zu cells; the header has %zu.",
		    rec->n, c->width);
		return;
	}
	if ((row->id = row_id(rec, c)) < 0) {
		row->why = "id must be the number of one of your questions, as"
		    " the download writes it, or empty for a new question.";
		return;
	}
	for (f = 0; f < QF__MAX; f++)
		row->in.v[f] = c->f[f] >= 0 ? unguarded(rec->cell[c->f[f]]) :
		    "";
	row->in.v[QF_RUBRIC] = rubric_json(a, row->in.v[QF_RUBRIC],
	    &rubric_err);
	if (rubric_err != NULL)
		row->in.v[QF_RUBRIC] = "";
	if (question_check(a, roles, nroles, &row->in, &e) == ST_OK)
		return;
	if (rubric_err != NULL)
		e.msg[QF_RUBRIC] = rubric_err;
	row->why = reasons(a, &e);
}

/* --- in: rows with an id -------------------------------------------------- */

/* The questions a file's rows name by id, as the bank has them. */
struct named {
	struct question		*q;	/* by id */
	size_t			 n;
	size_t			*line;	/* the row (rowno) naming q[i] */
};

static int
by_id(const void *key, const void *elem)
{
	long long	id = *(const long long *)key;
	long long	other = ((const struct question *)elem)->id;

	return id < other ? -1 : id > other;
}

/*
 * Reads every question the rows name, in one statement: a bad row too, as
 * it may be the question as it is.
 */
static enum status
read_named(struct arena *a, struct db *db, long long org_id,
    const struct row *rows, size_t n, struct named *nm)
{
	long long	*ids = arena_calloc(a, n + 1, sizeof(*ids));
	size_t		 i, k = 0;
	enum status	 st;

	for (i = 0; i < n; i++)
		if (rows[i].id > 0)
			ids[k++] = rows[i].id;
	st = question_get_many(a, db, org_id, ids, k, &nm->q, &nm->n);
	if (st == ST_OK)
		nm->line = arena_calloc(a, nm->n + 1, sizeof(*nm->line));
	return st;
}

/* Whether in holds q's values, each cleaned as question_check cleans it. */
static int
same_values(struct arena *a, const char *const *roles, size_t nroles,
    const struct question *q, const struct question_input *in)
{
	struct question_input	 now;
	struct question_errors	 e;
	size_t			 f;

	question_input_of(q, &now);
	(void)question_check(a, roles, nroles, &now, &e);
	for (f = 0; f < QF__MAX; f++)
		if (strcmp(now.v[f], in->v[f]) != 0)
			return 0;
	return 1;
}

/*
 * What a row with an id comes to: 1 when it changes one of the org's
 * questions, 0 when it is that question as it is (counted) or bad (why
 * set).
 */
static int
named_row(struct arena *a, const char *const *roles, size_t nroles,
    struct named *nm, struct row *row, struct question_csv_result *res)
{
	struct question	*q;
	size_t		 i;

	q = bsearch(&row->id, nm->q, nm->n, sizeof(*nm->q), by_id);
	if (q == NULL) {
		row->why = arena_printf(a, "there is no question %lld in your"
		    " bank: leave id empty to add the row as a new question.",
		    row->id);
		return 0;
	}
	i = (size_t)(q - nm->q);
	if (nm->line[i] != 0) {
		row->why = arena_printf(a, "question %lld is on row %zu as"
		    " well: give each question one row.", row->id, nm->line[i]);
		return 0;
	}
	nm->line[i] = row->rowno;
	/* As it is: nothing to check, even under a role archived since. */
	if (same_values(a, roles, nroles, q, &row->in)) {
		res->unchanged++;
		return 0;
	}
	if (row->why == NULL && q->org_id == 0)
		row->why = arena_printf(a, "question %lld comes with viva and"
		    " cannot be changed: make your own copy with Duplicate to"
		    " edit on its page and put the copy's id in this row.",
		    row->id);
	return row->why == NULL;
}

/* --- in: the writes ------------------------------------------------------- */

/* One row's write: an update by id, else an insert unless the bank has it. */
static enum status
write_row(struct arena *a, struct db *db, long long org_id, long long user_id,
    const struct row *row, struct question_csv_result *res)
{
	enum status	st;
	int		done;

	if (row->id == 0) {
		if ((st = question_create_new(a, db, org_id, user_id, &row->in,
		    &done)) != ST_OK)
			return st;
		if (done)
			res->added++;
		else {
			res->present++;
			add_line(a, &res->notes, &res->nnotes, row, 0,
			    arena_printf(a, "skipped: it has no id, and the"
			    " bank has a %s question with this text already.",
			    row->in.v[QF_ROLE]));
		}
		return ST_OK;
	}
	st = question_update(a, db, org_id, row->id, &row->in, &done);
	if (st == ST_NOTFOUND) {	/* gone since it was read */
		add_bad(a, res, row, arena_printf(a, "there is no"
		    " question %lld in your bank.", row->id));
		return ST_OK;
	}
	if (st == ST_OK && done) {
		res->updated++;
		add_line(a, &res->notes, &res->nnotes, row, row->id,
		    "updated.");
	} else if (st == ST_OK)
		res->unchanged++;
	return st;
}

/*
 * Writes the rows marked in go[], all or none: on a failure the counts of
 * what was written go back to 0.
 */
static enum status
write_all(struct arena *a, struct db *db, long long org_id,
    long long user_id, const struct row *rows, const int *go, size_t n,
    struct question_csv_result *res)
{
	struct question_csv_result	 before = *res;
	enum status			 st;
	size_t				 i;

	if ((st = db_begin(db)) != ST_OK)
		return st;
	for (i = 0; i < n && st == ST_OK; i++)
		if (go[i])
			st = write_row(a, db, org_id, user_id, &rows[i], res);
	if (st == ST_OK)
		st = db_commit(db);
	if (st != ST_OK) {
		db_rollback(db);
		*res = before;
	}
	return st;
}

/* --- in: the file --------------------------------------------------------- */

/* NULL if data can be CSV text at all; a picture or a spreadsheet cannot. */
static const char *
not_text(const char *data, size_t len)
{
	if (len == 0)
		return "The file is empty.";
	if (memchr(data, '\0', len) != NULL)
		return "The file is not CSV text. Save the spreadsheet as"
		    " \"CSV UTF-8\" and upload that file.";
	/* Text in another encoding (Windows-1252, Latin-1): say which fix. */
	if (!utf8_valid(data, len))
		return "The file is text, but not in UTF-8 (a spreadsheet's"
		    " plain \"CSV\" is often Windows-1252). Save it as \"CSV"
		    " UTF-8\" and upload that file.";
	return NULL;
}

static enum status
refuse(struct question_csv_result *res, const char *why)
{
	res->error = why;
	return ST_INVALID;
}

/* The records of a CSV file with a header and rows; NULL or why not. */
static const char *
read_file(struct arena *a, const char *data, size_t len, struct reader *r,
    struct columns *c)
{
	const char	*why;

	if (len >= 3 && memcmp(data, CSV_BOM, 3) == 0) {
		data += 3;	/* the byte-order mark spreadsheets write */
		len -= 3;
	}
	if ((why = not_text(data, len)) != NULL ||
	    (why = read_records(a, data, len, r)) != NULL)
		return why;
	if (r->nrec == 0)
		return "The file is empty.";
	if ((why = read_header(a, &r->rec[0], c)) != NULL)
		return why;
	/* Said, rather than "0 questions added" as if all went well. */
	if (!has_rows(r))
		return "The file has the header row and no question under it.";
	return NULL;
}

enum status
question_csv_import(struct arena *a, struct db *db, long long org_id,
    long long user_id, const char *data, size_t len,
    struct question_csv_result *res)
{
	struct reader	 r;
	struct columns	 c;
	struct named	 nm;
	struct row	*rows;
	const char	*why, **roles;
	size_t		 i, n = 0, nroles;
	int		*go;
	enum status	 st;

	memset(res, 0, sizeof(*res));
	if ((why = read_file(a, data, len, &r, &c)) != NULL)
		return refuse(res, why);
	if ((st = role_slugs(a, db, org_id, &roles, &nroles)) != ST_OK)
		return st;
	rows = arena_calloc(a, r.nrec, sizeof(*rows));
	go = arena_calloc(a, r.nrec, sizeof(*go));
	for (i = 1; i < r.nrec; i++)
		if (!empty_record(&r.rec[i]))
			read_row(a, &r.rec[i], &c, roles, nroles, &rows[n++]);
	if ((st = read_named(a, db, org_id, rows, n, &nm)) != ST_OK)
		return st;
	for (i = 0; i < n; i++) {
		if (rows[i].id > 0)
			go[i] = named_row(a, roles, nroles, &nm, &rows[i], res);
		else
			go[i] = rows[i].why == NULL;
		if (rows[i].why != NULL)
			add_bad(a, res, &rows[i], rows[i].why);
	}
	return write_all(a, db, org_id, user_id, rows, go, n, res);
}
