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
	int		 repeats_n;	/* the earlier answer this repeats, or 0 */
	double		 repeated;	/* share of its wording in that one */
	double		 filler;	/* share of the answer that is not words */
};

/* An earlier answer of the same interview (scorer_score_in). */
struct scorer_earlier {
	int		 n;		/* its question's number */
	const char	*answer;
};

/* What the scorer may know beyond the question's rubric. */
struct scorer_ctx {
	/*
	 * The rubric given is question parent_n's: this is a follow-up
	 * without a rubric of its own.  0: the rubric is the question's.
	 */
	int				 parent_n;
	/* A follow-up, whatever rubric: no rubric reads "nor its parent". */
	int				 followup;
	/* The interview's answers before this one, in order. */
	const struct scorer_earlier	*earlier;
	size_t				 nearlier;
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
/*
 * scorer_score with ctx (NULL: none): a follow-up scored against its
 * parent's rubric (credited for the parent's points it covers, never
 * marked down for those it leaves out: it asks something else), and an
 * answer that repeats an earlier one of the interview (80% or more of its
 * wording) not credited as fresh; the reasons say both.
 */
void		scorer_score_in(struct arena *, const struct rubric *,
		    const char *category, const char *answer,
		    const struct scorer_ctx *, struct score *);
void		scorer_star(const char *answer, struct star *);
/* The score as the JSON stored in interview_questions.evaluation. */
struct json_object *scorer_to_json(const struct score *);

#endif
