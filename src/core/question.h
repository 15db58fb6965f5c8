/* question.h: the question bank for adaptive interviews, and the roles its questions belong to. */
#ifndef VIVA_QUESTION_H
#define VIVA_QUESTION_H

#include <stddef.h>

#include "lib/arena.h"
#include "lib/db.h"
#include "lib/status.h"

/* The words the schema accepts, for field tables. */
#define QUESTION_CATEGORIES "technical|behavioral|situational|cultural"
#define QUESTION_DIFFICULTIES "warmup|fundamental|intermediate|advanced|expert"
#define QUESTION_STATES "active|archived|hidden|all"

/*
 * SQL: question q is not one org $1 has hidden from its interviews
 * (question_set_hidden).  Wherever the org's interviews pick or count.
 */
#define QUESTION_NOT_HIDDEN " NOT EXISTS (SELECT 1 FROM org_hidden_questions" \
	" h WHERE h.org_id = $1 AND h.question_id = q.id)"

#define QUESTION_PAGE_SIZE	50
#define QUESTION_BODY_MAX	20000	/* characters, as the schema checks */
#define QUESTION_SKILL_MAX	60
#define QUESTION_MAX_POINTS	16	/* the scorer's SCORER_MAX_POINTS */
#define QUESTION_MAX_PHRASES	12
#define QUESTION_POINT_MAX	500	/* characters in a point's text */
#define QUESTION_PHRASE_MAX	100
#define QUESTION_MAX_FOLLOW_UPS	5
#define QUESTION_FOLLOW_UP_MAX	1000

enum question_category {
	QC_TECHNICAL,
	QC_BEHAVIORAL,
	QC_SITUATIONAL,
	QC_CULTURAL,
	QC__MAX
};

enum question_difficulty {
	QD_WARMUP,
	QD_FUNDAMENTAL,
	QD_INTERMEDIATE,
	QD_ADVANCED,
	QD_EXPERT,
	QD__MAX
};

/* { "technical", "Technical" }, in enum order. */
extern const char *const question_categories[QC__MAX][2];
/* { "warmup", "Warm-up" }, easiest first. */
extern const char *const question_difficulties[QD__MAX][2];

/* What a person writes, by the names the form, the CSV and the API share. */
enum question_field {
	QF_ROLE,
	QF_SKILL_AREA,
	QF_CATEGORY,
	QF_DIFFICULTY,
	QF_BODY_MD,
	QF_RUBRIC,
	QF_FOLLOW_UPS,
	QF_SAMPLE_ANSWER,
	QF__MAX
};

/* "role", "skill_area", ... in enum order: also the CSV header. */
extern const char *const question_field_names[QF__MAX];

/* One expected point of an answer. */
struct question_point {
	const char	 *text;
	int		  weight;	/* 1..5 */
	const char	**phrases;	/* any of them shows the point */
	size_t		  n_phrases;
};

struct question {
	long long		 id;
	long long		 org_id;	/* 0: shipped with viva, read-only */
	const char		*role;		/* a role's slug */
	const char		*skill_area;
	const char		*category;
	const char		*difficulty;
	const char		*body_md;
	const char		*rubric;	/* the stored JSON text */
	struct question_point	*points;	/* the same, parsed */
	size_t			 n_points;
	const char		*follow_ups_text;	/* one per line */
	const char		**follow_ups;
	size_t			 n_follow_ups;
	const char		*sample_answer;
	int			 archived;
	int			 hidden;	/* a shipped one the org hid */
	const char		*hidden_at;	/* display text, UTC, or "" */
	const char		*created_at;	/* display text, UTC */
	const char		*updated_at;
};

/* A question as written; question_check cleans and checks it in place. */
struct question_input {
	const char	*v[QF__MAX];	/* rubric as JSON text, follow-ups one per line */
};

/* A message per field, NULL where the field is fine. */
struct question_errors {
	const char	*msg[QF__MAX];
};

struct question_filter {
	const char	*role;		/* "" for any, as the others */
	const char	*skill_area;
	const char	*category;
	const char	*difficulty;
	const char	*q;		/* part of the body or the skill area, any case */
	/*
	 * "active" (also ""): in the org's interviews; "archived"; "hidden":
	 * shipped ones the org hid; "all".
	 */
	const char	*state;
	int		 hidden_apart;	/* "all" without the hidden (CSV) */
	int		 page;		/* 1, 2, ...; 0: every row */
};

/* The label of a category or difficulty word, or the word itself if unknown. */
const char	*question_category_label(const char *);
const char	*question_difficulty_label(const char *);

/*
 * Cleans in (trims, makes line breaks LF, drops blank follow-up lines and
 * canonicalises the rubric's JSON) and checks every field: the role must be
 * one of roles[0..nroles), the rubric {"points":[{"text","weight",
 * "phrases"}]}.  Messages name their field ("difficulty must be one of
 * ..."), so they read alone in an import report.  ST_INVALID when any field
 * has a message; no I/O.
 */
enum status	question_check(struct arena *, const char *const *roles,
		    size_t nroles, struct question_input *,
		    struct question_errors *);
/*
 * A question_check message as shown beside its field, on the form or under
 * its name in the API's errors: without the field's name ("This field must
 * be one of ...", "At most 5, one per line.").
 */
const char	*question_check_beside(struct arena *, const char *name,
		    const char *msg);
/*
 * The form's rubric lines, "weight | point text | phrase, phrase", as rubric
 * JSON text in *json; blank lines are skipped.  On ST_INVALID *err says
 * which lines are wrong ("Line 3: ...").
 */
enum status	question_rubric_from_lines(struct arena *, const char *lines,
		    const char **json, const char **err);
/* The rubric JSON text as the form's lines; "" when it cannot be read. */
const char	*question_rubric_to_lines(struct arena *, const char *json);
/* Parses rubric JSON text; ST_INVALID with *err when it breaks the shape. */
enum status	question_rubric_parse(struct arena *, const char *json,
		    struct question_point **, size_t *, const char **err);

/*
 * A page of the questions the org can see (its own and the shipped ones),
 * by role, difficulty (easiest first), skill area.  *more: a page follows.
 */
enum status	question_list(struct arena *, struct db *, long long org_id,
		    const struct question_filter *, struct question **,
		    size_t *, int *more);
/* One question the org can see; ST_NOTFOUND otherwise (another org's too). */
enum status	question_get(struct arena *, struct db *, long long org_id,
		    long long id, struct question *);
/*
 * Those of ids[0..n) that the org can see (its own and the shipped ones),
 * in the arena, ordered by id; ids of no such question are left out.
 */
enum status	question_get_many(struct arena *, struct db *, long long org_id,
		    const long long *ids, size_t n, struct question **,
		    size_t *nout);
/* in must have passed question_check. */
enum status	question_create(struct arena *, struct db *, long long org_id,
		    long long user_id, const struct question_input *,
		    long long *id);
/*
 * As question_create, once per form_id (form_use.h; NULL: no claim): a
 * repeat adds nothing, sets *repeated and *id to the first one's.
 */
enum status	question_create_once(struct arena *, struct db *,
		    const char *form_id, long long org_id, long long user_id,
		    const struct question_input *, long long *id,
		    int *repeated);
/*
 * As question_create, unless the org can already see a question of that
 * role with that text (not archived): then *created is 0 and nothing is
 * added, so a downloaded bank imported back is not copied twice.
 */
enum status	question_create_new(struct arena *, struct db *,
		    long long org_id, long long user_id,
		    const struct question_input *, int *created);
/*
 * Changes one of the org's own; ST_NOTFOUND for shipped or another org's.
 * *changed is 0 when it held those values already (updated_at kept).
 */
enum status	question_update(struct arena *, struct db *, long long org_id,
		    long long id, const struct question_input *, int *changed);
enum status	question_set_archived(struct arena *, struct db *,
		    long long org_id, long long id, int archived);
/*
 * Hides shipped question id from the org's interviews (hidden 1), or shows
 * it again; by user_id, for the record.  ST_NOTFOUND unless id is a shipped
 * question.  *changed is 0 when it was so already.
 */
enum status	question_set_hidden(struct arena *, struct db *,
		    long long org_id, long long user_id, long long id,
		    int hidden, int *changed);
/*
 * Copies a question the org can see into the org, as its own.  With
 * hide_original, a shipped original is hidden from the org's interviews
 * in the same transaction, so that the copy takes its place; *hid says
 * whether it was hidden now (not before, not one of the org's own).
 */
enum status	question_duplicate(struct arena *, struct db *,
		    long long org_id, long long user_id, long long id,
		    int hide_original, long long *new_id, int *hid);
/* The input that question_update would keep unchanged: q's own fields. */
void		question_input_of(const struct question *,
		    struct question_input *);
/* The skill areas the org's visible questions and roles use, sorted. */
enum status	question_skill_areas(struct arena *, struct db *,
		    long long org_id, const char ***, size_t *);

#endif
