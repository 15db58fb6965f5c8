/* role.h: the roles a question bank is organised by: shipped ones and the org's own. */
#ifndef VIVA_ROLE_H
#define VIVA_ROLE_H

#include <stddef.h>

#include "lib/arena.h"
#include "lib/db.h"
#include "lib/status.h"

#define ROLE_MAX_SKILLS		16	/* the engine's ENGINE_MAX_SKILLS */

enum role_field {
	RF_SLUG,
	RF_NAME,
	RF_SKILL_AREAS,
	RF__MAX
};

/* "slug", "name", "skill_areas", in enum order. */
extern const char *const role_field_names[RF__MAX];

struct role {
	long long	 id;
	long long	 org_id;	/* 0: shipped */
	const char	*slug;
	const char	*name;
	const char	*skill_areas_text;	/* "a, b, c", as the form edits them */
	const char	**skill_areas;
	size_t		 n_skill_areas;
	int		 archived;
	long long	 n_questions;	/* the org's and shipped, not archived */
};

/* The shipped roles and the org's own, by name; archived ones only when asked. */
enum status	role_list(struct arena *, struct db *, long long org_id,
		    int with_archived, struct role **, size_t *);
/* The slugs a new question may use: the not archived roles above. */
enum status	role_slugs(struct arena *, struct db *, long long org_id,
		    const char ***, size_t *);
/* A message per bad field in errs (NULL where fine), as role_create checks. */
int		role_check(struct arena *, const char *slug, const char *name,
		    const char *skill_areas, const char *errs[RF__MAX]);
/*
 * Adds an org role; skill_areas is comma-separated.  ST_INVALID with a
 * message per bad field in errs (NULL where fine), also when the slug is
 * taken by the org or by a shipped role: questions name roles by slug.
 */
enum status	role_create(struct arena *, struct db *, long long org_id,
		    const char *slug, const char *name, const char *skill_areas,
		    const char *errs[RF__MAX], long long *id);
/*
 * As role_create, once per form_id (form_use.h; NULL: no claim): a repeat
 * adds nothing, sets *repeated and *id to the first one's.  A refused
 * form (ST_INVALID) claims nothing, so that it may be corrected and sent.
 */
enum status	role_create_once(struct arena *, struct db *,
		    const char *form_id, long long org_id, const char *slug,
		    const char *name, const char *skill_areas,
		    const char *errs[RF__MAX], long long *id, int *repeated);
/* One role the org sees (its own or shipped: org_id 0); ST_NOTFOUND otherwise. */
enum status	role_get(struct arena *, struct db *, long long org_id,
		    long long id, struct role *);
/*
 * Renames one of the org's own roles and sets its skill areas (comma-
 * separated); the slug stays.  ST_INVALID with a message per bad field in
 * errs; ST_NOTFOUND for a shipped role or another org's.
 */
enum status	role_update(struct arena *, struct db *, long long org_id,
		    long long id, const char *name, const char *skill_areas,
		    const char *errs[RF__MAX]);
/* Archives or brings back one of the org's own roles; ST_NOTFOUND otherwise. */
enum status	role_set_archived(struct arena *, struct db *, long long org_id,
		    long long id, int archived);

#endif
