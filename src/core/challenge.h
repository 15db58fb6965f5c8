/* challenge.h: the library of tasks for assisted interviews: the org's own and the shipped ones. */
#ifndef VIVA_CHALLENGE_H
#define VIVA_CHALLENGE_H

#include <stddef.h>

#include "lib/arena.h"
#include "lib/db.h"
#include "lib/status.h"

/* The category and difficulty words the schema accepts, for field tables. */
#define CHALLENGE_CATEGORIES "algorithms|debugging|sql|api_design|frontend|" \
	"data_analysis|system_design|refactoring|other"
#define CHALLENGE_DIFFICULTIES "easy|medium|hard"

enum challenge_category {
	CC_ALGORITHMS,
	CC_DEBUGGING,
	CC_SQL,
	CC_API_DESIGN,
	CC_FRONTEND,
	CC_DATA_ANALYSIS,
	CC_SYSTEM_DESIGN,
	CC_REFACTORING,
	CC_OTHER,
	CC__MAX
};

/* { "algorithms", "Algorithms" }, in enum order. */
extern const char *const challenge_categories[CC__MAX][2];

struct challenge {
	long long	 id;
	long long	 org_id;	/* 0: shipped with viva, read-only */
	const char	*title;
	const char	*body_md;	/* "" in lists */
	const char	*category;
	const char	*difficulty;
	int		 time_limit_min;
	int		 token_budget;
	const char	*hints_text;	/* the hints one per line, as the form edits them */
	const char	**hints;	/* the same, as an array of n_hints */
	size_t		 n_hints;
	int		 archived;
	const char	*created_at;	/* display text, UTC */
	const char	*updated_at;
};

/* What a person writes: the fields of the create and edit forms. */
struct challenge_input {
	const char	*title;
	const char	*body_md;
	const char	*category;
	const char	*difficulty;
	int		 time_limit_min;
	int		 token_budget;
	const char	*hints;		/* one per line; blank lines are dropped */
	const char	*form_id;	/* form_use.h, creating; NULL: none */
};

/* The label of a category word ("API design"), or the word itself if unknown. */
const char	*challenge_category_label(const char *);

/*
 * The org's own challenges and the shipped ones, by category then title.
 * category NULL or "" means all; archived ones only when with_archived.
 * Bodies are left out (""); the array and its strings live in the arena.
 */
enum status	challenge_list(struct arena *, struct db *, long long org_id,
		    const char *category, int with_archived,
		    struct challenge **, size_t *);
/* One challenge the org can see (its own or a shipped one); ST_NOTFOUND otherwise. */
enum status	challenge_get(struct arena *, struct db *, long long org_id,
		    long long id, struct challenge *);
/*
 * Adds a challenge of the org's.  A repeat of in->form_id adds nothing:
 * *repeated is set and *id is the first one's.
 */
enum status	challenge_create(struct arena *, struct db *, long long org_id,
		    const struct challenge_input *, long long *id,
		    int *repeated);
/* Changes one of the org's own challenges; ST_NOTFOUND for shipped or another org's. */
enum status	challenge_update(struct arena *, struct db *, long long org_id,
		    long long id, const struct challenge_input *);
/* Archives (hides from lists) or brings back one of the org's own challenges. */
enum status	challenge_set_archived(struct arena *, struct db *, long long org_id,
		    long long id, int archived);
/* Copies a challenge the org can see into the org, as a new editable one titled "... (copy)". */
enum status	challenge_duplicate(struct arena *, struct db *, long long org_id,
		    long long id, long long *new_id);

#endif
