/* migrate.c: schema migrations from numbered files, each in its own transaction. */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "lib/log.h"
#include "migrate.h"

/* Serialises concurrent `viva migrate` runs (an arbitrary constant: "viva"). */
#define MIGRATE_LOCK	"1986622561"

static int
is_migration(const char *name)
{
	size_t	n = strlen(name);

	return n > 5 && isdigit((unsigned char)name[0]) &&
	    strcmp(name + n - 4, ".sql") == 0;
}

static int
by_number(const void *x, const void *y)
{
	const char	*a = *(const char *const *)x, *b = *(const char *const *)y;
	long		 na = strtol(a, NULL, 10), nb = strtol(b, NULL, 10);

	if (na != nb)
		return na < nb ? -1 : 1;
	return strcmp(a, b);
}

static enum status
list_files(struct arena *a, const char *dir, char ***out, size_t *n)
{
	DIR		*d;
	struct dirent	*e;
	size_t		 cap = 16;

	if ((d = opendir(dir)) == NULL) {
		log_error("%s: %s", dir, strerror(errno));
		return ST_INVALID;
	}
	*n = 0;
	*out = arena_alloc(a, cap * sizeof(char *));
	while ((e = readdir(d)) != NULL) {
		if (!is_migration(e->d_name))
			continue;
		if (*n == cap) {
			char **grown = arena_alloc(a, 2 * cap * sizeof(char *));
			memcpy(grown, *out, cap * sizeof(char *));
			*out = grown;
			cap *= 2;
		}
		(*out)[(*n)++] = arena_strdup(a, e->d_name);
	}
	closedir(d);
	qsort(*out, *n, sizeof(char *), by_number);
	return ST_OK;
}

static char *
read_file(struct arena *a, const char *path)
{
	FILE	*f;
	long	 len;
	char	*s;

	if ((f = fopen(path, "rb")) == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	rewind(f);
	s = arena_alloc(a, (size_t)len + 1);
	if (len < 0 || fread(s, 1, (size_t)len, f) != (size_t)len) {
		fclose(f);
		return NULL;
	}
	s[len] = '\0';
	fclose(f);
	return s;
}

/* Line number of the 1-based character position pos in s. */
static int
line_of(const char *s, int pos)
{
	int	line = 1, i;

	for (i = 0; s[i] != '\0' && i < pos - 1; i++)
		if (s[i] == '\n')
			line++;
	return line;
}

/* Length of a dollar-quote tag ("$$", "$body$") starting at s, or 0. */
static size_t
dollar_tag(const char *s)
{
	size_t	n = 1;

	while (s[n] == '_' || isalnum((unsigned char)s[n]))
		n++;
	return s[n] == '$' ? n + 1 : 0;
}

/*
 * Length of the statement at s, through its terminating ';' (or the end),
 * skipping semicolons inside quotes, comments and dollar-quoted bodies.
 * Migrations are our own files, so this need not survive hostile input.
 */
static size_t
statement_len(const char *s)
{
	const char	*p = s, *end;
	size_t		 tag;

	while (*p != '\0' && *p != ';') {
		if (*p == '\'' || *p == '"') {
			end = strchr(p + 1, *p);
			p = end != NULL ? end + 1 : p + strlen(p);
		} else if (p[0] == '-' && p[1] == '-') {
			p += strcspn(p, "\n");
		} else if (p[0] == '/' && p[1] == '*') {
			end = strstr(p + 2, "*/");
			p = end != NULL ? end + 2 : p + strlen(p);
		} else if (*p == '$' && (tag = dollar_tag(p)) > 0) {
			end = memmem(p + tag, strlen(p + tag), p, tag);
			p = end != NULL ? end + tag : p + strlen(p);
		} else
			p++;
	}
	return (size_t)(p - s) + (*p == ';');
}

static enum status
already_applied(struct arena *a, struct db *db, const char *name, int *yes)
{
	const char	*p[] = { name };
	struct db_res	*r;
	enum status	 st;

	st = db_query(a, db, SQL("SELECT 1 FROM schema_migrations WHERE version = $1"),
	    p, 1, &r);
	if (st == ST_OK)
		*yes = db_rows(r) > 0;
	return st;
}

static enum status
apply_one(struct arena *a, struct db *db, const char *dir, const char *name,
    FILE *out)
{
	const char	*p[] = { name };
	char		*path, *sql, *stmt, err[1024];
	const char	*at;
	size_t		 len;
	enum status	 st;
	int		 pos;

	path = arena_printf(a, "%s/%s", dir, name);
	if ((sql = read_file(a, path)) == NULL) {
		fprintf(out, "migrate: %s: %s\n", path, strerror(errno));
		return ST_INVALID;
	}
	if ((st = db_begin(db)) != ST_OK)
		return st;
	/* One statement at a time, so an error without a position still has a line. */
	for (at = sql; *at != '\0'; at += len) {
		len = statement_len(at);
		stmt = arena_strndup(a, at, len);
		if ((st = db_script(db, stmt, err, sizeof(err), &pos)) == ST_OK)
			continue;
		db_rollback(db);
		if (pos == 0)	/* raised while running: point at the statement */
			pos = (int)strspn(stmt, " \t\r\n") + 1;
		fprintf(out, "migrate: %s:%d: %s", name,
		    line_of(sql, (int)(at - sql) + pos), err);
		fprintf(out, "migrate: %s rolled back; the database is as it was"
		    " before it\n", name);
		return ST_INVALID;
	}
	st = db_exec(a, db, SQL("INSERT INTO schema_migrations (version) VALUES ($1)"),
	    p, 1, NULL);
	if (st == ST_OK)
		st = db_commit(db);
	else
		db_rollback(db);
	if (st == ST_OK)
		fprintf(out, "migrate: applied %s\n", name);
	return st;
}

enum status
migrate_run(struct arena *a, struct db *db, const char *dir, FILE *out)
{
	char		**files;
	size_t		  n, i, applied = 0;
	enum status	  st;
	int		  done;

	st = db_exec(a, db, SQL("CREATE TABLE IF NOT EXISTS schema_migrations ("
	    " version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())"),
	    NULL, 0, NULL);
	if (st == ST_OK)
		st = db_exec(a, db, SQL("SELECT pg_advisory_lock(" MIGRATE_LOCK ")"),
		    NULL, 0, NULL);
	if (st != ST_OK)
		return st;
	if ((st = list_files(a, dir, &files, &n)) != ST_OK)
		goto out;
	for (i = 0; i < n; i++) {
		if ((st = already_applied(a, db, files[i], &done)) != ST_OK)
			goto out;
		if (done)
			continue;
		if ((st = apply_one(a, db, dir, files[i], out)) != ST_OK)
			goto out;
		applied++;
	}
	fprintf(out, "migrate: %zu applied, %zu already up to date\n", applied, n - applied);
out:
	(void)db_exec(a, db, SQL("SELECT pg_advisory_unlock(" MIGRATE_LOCK ")"),
	    NULL, 0, NULL);
	return st;
}
