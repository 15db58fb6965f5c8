/* role.c: roles; an org reads its own and the shipped ones, changes only its own. */
#include <string.h>

#include "form_use.h"
#include "lib/form.h"
#include "question.h"
#include "role.h"

const char *const role_field_names[RF__MAX] = {
	"slug",		/* RF_SLUG */
	"name",		/* RF_NAME */
	"skill_areas",	/* RF_SKILL_AREAS */
};

#define ROLE_SLUG_MAX	40
#define ROLE_NAME_MAX	100
#define ROLE_SKILL_MAX	60	/* questions.skill_area */

/*
 * Counts the questions a role has in the org's interviews: archived ones
 * and shipped ones the org hid aside.
 */
#define ROLE_COLS "r.id, coalesce(r.org_id, 0), r.slug, r.name," \
	" array_to_string(r.skill_areas, E'\\n'), r.archived_at IS NOT NULL," \
	" (SELECT count(*) FROM questions q WHERE q.role = r.slug" \
	" AND (q.org_id = $1 OR q.org_id IS NULL) AND q.archived_at IS NULL" \
	" AND" QUESTION_NOT_HIDDEN ")"

/* Splits newline-joined text into an array in the arena. */
static const char **
split_lines(struct arena *a, const char *text, size_t *n)
{
	const char	**v, *p, *nl;
	size_t		  max = 1;

	for (p = text; *p != '\0'; p++)
		max += *p == '\n';
	v = arena_calloc(a, max + 1, sizeof(*v));
	*n = 0;
	for (p = text; *p != '\0'; p = nl + 1) {
		if ((nl = strchr(p, '\n')) == NULL) {
			v[(*n)++] = p;
			break;
		}
		v[(*n)++] = arena_strndup(a, p, (size_t)(nl - p));
	}
	return v;
}

static void
from_row(struct arena *a, const struct db_res *r, int i, struct role *ro)
{
	struct buf	b;
	size_t		k;

	ro->id = db_int(r, i, 0);
	ro->org_id = db_int(r, i, 1);
	ro->slug = db_get(r, i, 2);
	ro->name = db_get(r, i, 3);
	ro->skill_areas = split_lines(a, db_get(r, i, 4), &ro->n_skill_areas);
	ro->archived = db_bool(r, i, 5);
	ro->n_questions = db_int(r, i, 6);
	buf_init(&b, a);
	for (k = 0; k < ro->n_skill_areas; k++)
		buf_printf(&b, "%s%s", k > 0 ? ", " : "", ro->skill_areas[k]);
	ro->skill_areas_text = b.p;
}

enum status
role_list(struct arena *a, struct db *db, long long org_id, int with_archived,
    struct role **out, size_t *n)
{
	const char	*p[] = { db_i64(a, org_id), with_archived ? "t" : "f" };
	struct db_res	*r;
	enum status	 st;
	int		 i;

	st = db_query(a, db, SQL("SELECT " ROLE_COLS " FROM roles r"
	    " WHERE (r.org_id = $1 OR r.org_id IS NULL)"
	    " AND ($2::bool OR r.archived_at IS NULL)"
	    " ORDER BY r.org_id IS NOT NULL, lower(r.name), r.id"), p, 2, &r);
	if (st != ST_OK)
		return st;
	*n = (size_t)db_rows(r);
	*out = arena_calloc(a, *n + 1, sizeof(**out));
	for (i = 0; i < db_rows(r); i++)
		from_row(a, r, i, &(*out)[i]);
	return ST_OK;
}

enum status
role_slugs(struct arena *a, struct db *db, long long org_id,
    const char ***out, size_t *n)
{
	const char	*p[] = { db_i64(a, org_id) };
	struct db_res	*r;
	enum status	 st;
	int		 i;

	st = db_query(a, db, SQL("SELECT slug FROM roles WHERE (org_id = $1"
	    " OR org_id IS NULL) AND archived_at IS NULL ORDER BY slug"),
	    p, 1, &r);
	if (st != ST_OK)
		return st;
	*n = (size_t)db_rows(r);
	*out = arena_calloc(a, *n + 1, sizeof(**out));
	for (i = 0; i < db_rows(r); i++)
		(*out)[i] = db_get(r, i, 0);
	return ST_OK;
}

/* The schema's rule: ^[a-z0-9][a-z0-9_-]{0,39}$. */
static int
slug_ok(const char *s)
{
	size_t	i, n = strlen(s);

	if (n == 0 || n > ROLE_SLUG_MAX)
		return 0;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9') ||
		    (i > 0 && (s[i] == '-' || s[i] == '_'))))
			return 0;
	return 1;
}

static int
blank(char c)
{
	return c == ' ' || c == '\t';
}

/*
 * "a, b,c" as "a\nb\nc" for string_to_array: each trimmed, empty pieces
 * dropped.  NULL with *err for too many, too long, repeated or none.
 */
static const char *
skills_joined(struct arena *a, const char *s, const char **err)
{
	const char	*seen[ROLE_MAX_SKILLS], *p, *e, *skill;
	struct buf	 b;
	size_t		 n = 0, len, k;

	buf_init(&b, a);
	for (p = s; *p != '\0'; p = *e != '\0' ? e + 1 : e) {
		e = p + strcspn(p, ",");
		while (p < e && blank(*p))
			p++;
		for (len = (size_t)(e - p); len > 0 && blank(p[len - 1]); len--)
			continue;
		if (len == 0)
			continue;
		skill = arena_strndup(a, p, len);
		if (utf8_len(skill, len) > ROLE_SKILL_MAX) {
			*err = arena_printf(a, "\"%s\" is longer than %d"
			    " characters.", skill, ROLE_SKILL_MAX);
			return NULL;
		}
		for (k = 0; k < n; k++)
			if (strcmp(seen[k], skill) == 0) {
				*err = arena_printf(a, "\"%s\" is there twice.",
				    skill);
				return NULL;
			}
		if (n == ROLE_MAX_SKILLS) {
			*err = arena_printf(a, "At most %d skill areas.",
			    ROLE_MAX_SKILLS);
			return NULL;
		}
		seen[n++] = skill;
		buf_printf(&b, "%s%s", b.len > 0 ? "\n" : "", skill);
	}
	if (n == 0)
		*err = "Name at least one skill area: the interview covers"
		    " each.";
	return n > 0 ? b.p : NULL;
}

/* A message per bad field; 1 if all are good.  slug NULL: not checked. */
static int
check(struct arena *a, const char *slug, const char *name,
    const char *skills, const char **joined, const char *errs[RF__MAX])
{
	size_t	len = strlen(name);

	memset(errs, 0, RF__MAX * sizeof(*errs));
	if (slug != NULL && !slug_ok(slug))
		errs[RF_SLUG] = "Use 1 to 40 lowercase letters, digits, '-' and"
		    " '_', starting with a letter or digit.";
	if (len == 0 || utf8_len(name, len) > ROLE_NAME_MAX ||
	    strpbrk(name, "\r\n") != NULL)
		errs[RF_NAME] = "Enter a name of 1 to 100 characters on one"
		    " line.";
	if (strpbrk(skills, "\r\n") != NULL)
		errs[RF_SKILL_AREAS] = "Separate skill areas with commas, on"
		    " one line.";
	else
		*joined = skills_joined(a, skills, &errs[RF_SKILL_AREAS]);
	return errs[RF_SLUG] == NULL && errs[RF_NAME] == NULL &&
	    errs[RF_SKILL_AREAS] == NULL;
}

int
role_check(struct arena *a, const char *slug, const char *name,
    const char *skills, const char *errs[RF__MAX])
{
	const char	*joined;

	return check(a, slug, name, skills, &joined, errs);
}

enum status
role_create(struct arena *a, struct db *db, long long org_id,
    const char *slug, const char *name, const char *skills,
    const char *errs[RF__MAX], long long *id)
{
	const char	*p[4], *joined = NULL;
	struct db_res	*r;
	enum status	 st;

	if (!check(a, slug, name, skills, &joined, errs))
		return ST_INVALID;
	p[0] = db_i64(a, org_id);
	p[1] = slug;
	p[2] = name;
	p[3] = joined;
	/* The slug is free only if neither the org nor viva uses it. */
	st = db_query(a, db, SQL("INSERT INTO roles (org_id, slug, name,"
	    " skill_areas) SELECT $1, $2, $3, string_to_array($4, E'\\n')"
	    " WHERE NOT EXISTS (SELECT 1 FROM roles WHERE slug = $2"
	    " AND (org_id = $1 OR org_id IS NULL)) RETURNING id"), p, 4, &r);
	if (st == ST_OK && db_rows(r) == 0)
		st = ST_CONFLICT;
	if (st == ST_CONFLICT) {
		errs[RF_SLUG] = "A role with this slug already exists; choose"
		    " another.";
		return ST_INVALID;
	}
	if (st == ST_OK && id != NULL)
		*id = db_int(r, 0, 0);
	return st;
}

/* role_create's arguments, through form_use_create. */
struct creation {
	long long	  org_id;
	const char	 *slug;
	const char	 *name;
	const char	 *skills;
	const char	**errs;
};

static enum status
insert_once(struct arena *a, struct db *db, void *arg, long long *id)
{
	const struct creation	*c = arg;

	return role_create(a, db, c->org_id, c->slug, c->name, c->skills,
	    c->errs, id);
}

enum status
role_create_once(struct arena *a, struct db *db, const char *form_id,
    long long org_id, const char *slug, const char *name, const char *skills,
    const char *errs[RF__MAX], long long *id, int *repeated)
{
	struct creation	c = { org_id, slug, name, skills, errs };

	return form_use_create(a, db, form_id, insert_once, &c, id, repeated);
}

enum status
role_set_archived(struct arena *a, struct db *db, long long org_id,
    long long id, int archived)
{
	const char	*p[] = { db_i64(a, org_id), db_i64(a, id),
	    archived ? "t" : "f" };
	long		 n;
	enum status	 st;

	st = db_exec(a, db, SQL("UPDATE roles SET archived_at = CASE WHEN"
	    " $3::bool THEN coalesce(archived_at, now()) END"
	    " WHERE org_id = $1 AND id = $2"), p, 3, &n);
	if (st == ST_OK && n == 0)
		return ST_NOTFOUND;
	return st;
}

enum status
role_get(struct arena *a, struct db *db, long long org_id, long long id,
    struct role *ro)
{
	const char	*p[] = { db_i64(a, org_id), db_i64(a, id) };
	struct db_res	*r;
	enum status	 st;

	st = db_query(a, db, SQL("SELECT " ROLE_COLS " FROM roles r"
	    " WHERE (r.org_id = $1 OR r.org_id IS NULL) AND r.id = $2"), p, 2,
	    &r);
	if (st != ST_OK)
		return st;
	if (db_rows(r) != 1)
		return ST_NOTFOUND;
	from_row(a, r, 0, ro);
	return ST_OK;
}

/*
 * The slug stays: questions, CSV files and interviews name the role by it.
 * "org_id = $1" never matches a shipped role (org_id NULL).
 */
enum status
role_update(struct arena *a, struct db *db, long long org_id, long long id,
    const char *name, const char *skills, const char *errs[RF__MAX])
{
	const char	*p[4], *joined = NULL;
	long		 n;
	enum status	 st;

	if (!check(a, NULL, name, skills, &joined, errs))
		return ST_INVALID;
	p[0] = db_i64(a, org_id);
	p[1] = db_i64(a, id);
	p[2] = name;
	p[3] = joined;
	st = db_exec(a, db, SQL("UPDATE roles SET name = $3,"
	    " skill_areas = string_to_array($4, E'\\n')"
	    " WHERE org_id = $1 AND id = $2"), p, 4, &n);
	if (st == ST_OK && n == 0)
		return ST_NOTFOUND;
	return st;
}
