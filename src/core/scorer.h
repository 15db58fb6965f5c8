/*
 * scorer.h: the builtin answer scorer.  Deterministic, no network: it scores
 * an answer against a question's rubric by normalised phrase matching with
 * weights, plus length and structure signals, and detects the STAR parts of
 * a behavioural answer.  Used when no provider is configured and when the
 * model's evaluation cannot be trusted.  Its limits are in the .c file.
 */
#ifndef VIVA_SCORER_H
#define VIVA_SCORER_H

#include <stdbool.h>
#include <json-c/json.h>

#include "core/engine.h"
#include "lib/arena.h"
#include "lib/status.h"

#define SCORER_MAX_POINTS	16

/* One expected point of a rubric. */
struct rubric_point {
	const char	 *text;		/* what the answer should make */
	int		  weight;	/* 1..5 */
	const char	**phrases;	/* key phrases, any of which shows the point */
	int		  nphrases;
};

struct rubric {
	int			 npoints;
	struct rubric_point	 points[SCORER_MAX_POINTS];
};

/* The four parts of a STAR answer, for behavioural questions. */
struct star {
	bool		 situation, task, action, result;
};

struct score {
	struct evaluation eval;		/* quality, accuracy, clarity for the engine */
	double		 coverage;	/* weight of the points found / all weight */
	int		 nmissing;
	const char	*missing[SCORER_MAX_POINTS];	/* texts of the points not found */
	bool		 behavioral;
	struct star	 star;
	const char	*reasons;	/* a sentence or two a person can read */
	/*
	 * reasons without the missing points and the STAR parts, for a page
	 * that lists those itself (the practice feedback): said once.
	 */
	const char	*brief;
};

/*
 * Parses questions.rubric ({"points":[{"text","weight","phrases":[...]}]}).
 * ST_INVALID with *err set (arena string) for a rubric that breaks the shape.
 */
enum status	scorer_rubric_parse(struct arena *, struct json_object *,
		    struct rubric *, const char **err);
/* category: "technical", "behavioral", "situational" or "cultural". */
void		scorer_score(struct arena *, const struct rubric *,
		    const char *category, const char *answer, struct score *);
void		scorer_star(const char *answer, struct star *);
/* The score as the JSON stored in interview_questions.evaluation. */
struct json_object *scorer_to_json(const struct score *);

#endif
