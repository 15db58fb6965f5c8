/*
 * export.c: `viva export --org NAME [--interview ID] [--format json|md|csv]
 * [--sort created|activity|name] [--out DIR]`: the same files the interview
 * page downloads, one per interview, plus interviews.csv (the list) when the
 * whole org is exported.
 * For archiving transcripts before retention deletes them, or answering a
 * candidate's request for their data, without a browser or an API token.
 * Each file appears whole or not at all (filestore), mode 0600: they hold
 * candidates' personal data.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "core/account.h"
#include "core/export.h"
#include "lib/filestore.h"
#include "export.h"

static const char *const flags[] = { "--org", "--format", "--out",
    "--interview", "--sort", NULL };

const char *
cli_export_args(int argc, char **argv, struct export_args *x)
{
	static char	 why[160];
	char		*end;
	int		 i, f;

	memset(x, 0, sizeof(*x));
	x->format = "json";
	x->out = ".";
	for (i = 0; i < argc; i += 2) {
		for (f = 0; flags[f] != NULL; f++)
			if (strcmp(argv[i], flags[f]) == 0)
				break;
		if (flags[f] == NULL) {
			snprintf(why, sizeof(why), "unknown argument \"%.100s\"",
			    argv[i]);
			return why;
		}
		if (i + 1 >= argc) {
			snprintf(why, sizeof(why), "%s needs a value", flags[f]);
			return why;
		}
		if (f == 0)
			x->org = argv[i + 1];
		else if (f == 1)
			x->format = argv[i + 1];
		else if (f == 2)
			x->out = argv[i + 1];
		else if (f == 4) {
			if (interview_sort_parse(argv[i + 1], &x->sort) != 0)
				return "--sort is created, activity or name";
		} else {
			errno = 0;
			x->interview = strtoll(argv[i + 1], &end, 10);
			if (errno != 0 || end == argv[i + 1] || *end != '\0' ||
			    x->interview <= 0)
				return "--interview is an interview's number";
		}
	}
	if (x->org == NULL)
		return "--org NAME is needed";
	if (*x->out == '\0')
		return "--out is an empty directory name";
	if (strcmp(x->format, "json") != 0 && strcmp(x->format, "md") != 0 &&
	    strcmp(x->format, "csv") != 0)
		return "--format is json, md or csv";
	return NULL;
}

/* Writes p[0..len) as dir/name, whole or not at all; 0 or -1 (said). */
static int
write_file(struct arena *a, const char *dir, const char *name, const char *p,
    size_t len)
{
	char	*tmp, *path = arena_printf(a, "%s/%s", dir, name);
	int	 fd, err;

	/* With the reason: "cannot write" alone left a full disk unsaid. */
	if ((fd = filestore_temp(a, dir, &tmp)) == -1) {
		fprintf(stderr, "viva: cannot write in %s: %s\n", dir,
		    strerror(errno));
		return -1;
	}
	if (filestore_write(fd, p, len) != 0) {
		err = errno;
		filestore_abort(fd, tmp);
		fprintf(stderr, "viva: cannot write %s: %s\n", path,
		    strerror(err));
		return -1;
	}
	errno = 0;
	if (filestore_commit(fd, tmp, path) != ST_OK) {
		fprintf(stderr, "viva: cannot write %s: %s\n", path,
		    errno != 0 ? strerror(errno) : "not synced or renamed");
		return -1;
	}
	return 0;
}

/* One interview as its file; its row goes to the list. */
static int
export_one(struct arena *a, struct db *db, long long org, long long id,
    const struct export_args *x, struct buf *list)
{
	struct interview	 iv;
	struct an_interview	 an;
	struct adaptive		 ad;
	struct export_data	 d;
	struct json_object	*o;
	struct buf		 b;
	enum status		 st;

	if ((st = export_load(a, db, org, id, &iv, &an, &ad, &d)) != ST_OK) {
		fprintf(stderr, "viva: interview %lld: %s\n", id,
		    st == ST_NOTFOUND ? "not in this org" : status_str(st));
		return -1;
	}
	buf_init(&b, a);
	if (strcmp(x->format, "md") == 0)
		export_markdown(&b, &d);
	else if (strcmp(x->format, "csv") == 0)
		export_csv_messages(&b, &d);
	else {
		o = export_json(&d);
		buf_puts(&b, json_object_to_json_string_ext(o,
		    JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_NOSLASHESCAPE));
		buf_putc(&b, '\n');
		json_object_put(o);
	}
	export_csv_interview_row(list, &iv);
	return write_file(a, x->out, arena_printf(a, "interview-%lld.%s", id,
	    x->format), b.p, b.len);
}

int
cli_export(struct db *db, const struct export_args *xp)
{
	struct export_args	 x = *xp;
	struct iv_filter	 all = { "", "", "", 1, xp->sort };
	struct arena		*a = arena_new(), *each;
	struct buf		 list;
	long long		 org, *ids = NULL;
	size_t			 n = 1, i;
	int			 rc = 1;
	enum status		 st;

	if ((st = org_find(a, db, x.org, &org)) != ST_OK) {
		fprintf(stderr, "viva: %s\n", st == ST_NOTFOUND ? arena_printf(a,
		    "no org is named \"%s\"", x.org) : status_str(st));
		goto out;
	}
	if (x.interview > 0)
		ids = &x.interview;
	else if ((st = interview_ids(a, db, org, &all, &ids, &n)) != ST_OK) {
		fprintf(stderr, "viva: %s\n", status_str(st));
		goto out;
	}
	if (filestore_mkdirs(x.out) != 0) {
		fprintf(stderr, "viva: cannot make %s: %s\n", x.out,
		    strerror(errno));
		goto out;
	}
	buf_init(&list, a);
	export_csv_interviews_header(&list);
	for (i = 0; i < n; i++) {
		/* An org's interviews may run to thousands: memory per interview. */
		each = arena_new();
		rc = export_one(each, db, org, ids[i], &x, &list) == 0 ? 0 : 1;
		arena_free(each);
		if (rc != 0)
			goto out;
	}
	if (x.interview == 0 &&
	    write_file(a, x.out, "interviews.csv", list.p, list.len) != 0) {
		rc = 1;
		goto out;
	}
	printf("exported %zu interview%s of \"%s\" to %s (%s)\n", n,
	    n == 1 ? "" : "s", x.org, x.out, x.format);
	rc = 0;
out:
	arena_free(a);
	return rc;
}
