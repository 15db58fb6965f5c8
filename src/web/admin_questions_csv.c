/* admin_questions_csv.c: the question bank as a CSV download, and a CSV file's import. */
#include <string.h>

#include "core/event.h"
#include "core/question_csv.h"
#include "handlers.h"

/*
 * GET /admin/questions.csv: the list with its filters, every row, in one
 * query.  (It read 50 at a time, each an OFFSET further, and stopped
 * without a word at the 5,000 rows one import takes: a bank of 5,190 lost
 * 190 questions from its copy, after 3 s.  A larger file is split for the
 * import, which says so.)
 */
enum status
admin_questions_csv(struct req *r)
{
	struct question_filter	 f;
	struct question		*q;
	struct buf		 b;
	size_t			 n, i;
	int			 more;
	enum status		 st;

	question_filter_of(r, &f);
	f.page = 0;
	/*
	 * No column says a question is hidden: in a file of "all" the hidden
	 * would read as asked.  They come under their own filter alone.
	 */
	f.hidden_apart = 1;
	st = question_list(r->a, r->db, r->user->org_id, &f, &q, &n, &more);
	if (st != ST_OK)
		return st;
	buf_init(&b, r->a);
	question_csv_header(&b);
	for (i = 0; i < n; i++)
		question_csv_row(&b, &q[i]);
	resp_text(r, 200, "text/csv; charset=utf-8", b.p, b.len);
	resp_header(r, "Content-Disposition",
	    "attachment; filename=\"questions.csv\"");
	r->no_store = 1;
	return ST_OK;
}

/* The lines of a result's list, as the page lists them. */
static struct view *
lines_view(struct req *r, const struct question_csv_line *l, size_t n,
    int *more)
{
	struct view	*list = view_list(r->a), *e;
	size_t		 i;

	for (i = 0; i < n && l[i].text != NULL; i++) {
		e = view_map(r->a);
		view_set_int(e, "row", (long long)l[i].row);
		/* Beside the row, the file's line when a text editor differs. */
		if (l[i].line != l[i].row)
			view_set_int(e, "line", (long long)l[i].line);
		view_set_bool(e, "updated", l[i].id > 0);
		view_set_int(e, "id", l[i].id);
		view_set_str(e, "text", l[i].text);
		view_push(list, e);
	}
	*more = n > i;
	return list;
}

/* What the import did: counts, then the rows refused, updated, skipped. */
static void
set_result(struct req *r, struct view *v,
    const struct question_csv_result *res)
{
	size_t	unchanged = res->unchanged + res->present;
	int	more_bad, more_notes;

	view_set_bool(v, "done", 1);
	view_set_int(v, "added", (long long)res->added);
	view_set_bool(v, "added_one", res->added == 1);
	view_set_int(v, "updated", (long long)res->updated);
	view_set_int(v, "unchanged", (long long)unchanged);
	view_set(v, "bad", lines_view(r, res->bad, res->nbad, &more_bad));
	view_set_int(v, "nbad", (long long)res->nbad);
	view_set_bool(v, "has_bad", res->nbad > 0);
	view_set_bool(v, "bad_one", res->nbad == 1);
	view_set_bool(v, "more_bad", more_bad);
	view_set(v, "notes", lines_view(r, res->notes, res->nnotes,
	    &more_notes));
	view_set_bool(v, "has_notes", res->nnotes > 0);
	view_set_bool(v, "more_notes", more_notes);
	view_set_bool(v, "has_unchanged", unchanged > 0);
}

static enum status
render_import(struct req *r, int code, const char *error,
    const struct question_csv_result *res)
{
	struct view	*v = page_view(r, "Import questions", "questions");

	view_set_int(v, "max_rows", QUESTION_CSV_MAX_ROWS);
	/* The whole form must fit the request limit, the file with it. */
	view_set_str(v, "max_size", arena_printf(r->a, "%.1f MB",
	    (double)r->app->cfg.max_body / (1024 * 1024)));
	if (error != NULL)
		view_set_str(v, "error", error);
	if (res != NULL && error == NULL)
		set_result(r, v, res);
	return resp_render(r, code, "admin/questions_import", v);
}

/* GET /admin/questions/import */
enum status
admin_questions_import_form(struct req *r)
{
	return render_import(r, 200, NULL, NULL);
}

/* POST /admin/questions/import: multipart, the file in "file". */
enum status
admin_questions_import(struct req *r)
{
	const struct param		*p = params_get(&r->form, "file");
	struct question_csv_result	 res;
	enum status			 st;

	if (p == NULL || p->filename == NULL || p->vlen == 0)
		return render_import(r, 400, p != NULL &&
		    p->filename != NULL ? "The file is empty." :
		    "Choose a CSV file to import.", NULL);
	st = question_csv_import(r->a, r->db, r->user->org_id, r->user->id,
	    p->val, p->vlen, &res);
	if (st == ST_INVALID)
		return render_import(r, 400, res.error, NULL);
	if (st != ST_OK)
		return st;
	/* A file that changed nothing leaves nothing on the timeline. */
	if (res.added > 0 || res.updated > 0)
		(void)event_add(r->a, r->db, r->user->org_id, r->user->id,
		    r->user->email, "questions_imported", arena_printf(r->a,
		    "{\"count\":%zu,\"updated\":%zu,\"unchanged\":%zu,"
		    "\"refused\":%zu,\"present\":%zu}", res.added, res.updated,
		    res.unchanged, res.nbad, res.present), r->ip);
	return render_import(r, 200, NULL, &res);
}
