/*
 * engine.h: the adaptive interview's difficulty engine.  Pure code: no I/O,
 * no clock (the caller passes the time), no allocation but the arena.  The
 * web pages, the JSON API and the realtime worker all decide through it.
 */
#ifndef VIVA_ENGINE_H
#define VIVA_ENGINE_H

#include <stdbool.h>
#include <json-c/json.h>

#include "lib/arena.h"
#include "lib/status.h"

enum level {
	LV_WARMUP,
	LV_FUNDAMENTAL,
	LV_INTERMEDIATE,
	LV_ADVANCED,
	LV_EXPERT,
	LV__MAX
};

enum quality {
	Q_POOR,		/* 0.25 */
	Q_FAIR,		/* 0.5 */
	Q_GOOD,		/* 0.75 */
	Q_EXCELLENT,	/* 1.0 */
	Q__MAX
};

#define ENGINE_MAX_SKILLS	16
#define ENGINE_MAX_TURNS	64
#define ENGINE_SKILL_LEN	61	/* questions.skill_area is at most 60 bytes */
/* A sanity bound for stored states; interviews.max_questions allows 50. */
#define ENGINE_MAX_QUESTIONS	1000

/* One evaluated answer, as the engine sees it. */
struct evaluation {
	enum quality	 quality;
	double		 accuracy;	/* technical accuracy, 0..1 */
	double		 clarity;	/* explanation clarity, 0..1 */
};

/* A skill boundary: the candidate's upper limit in one skill area. */
struct boundary {
	char		 skill[ENGINE_SKILL_LEN];
	enum level	 level;		/* where the candidate struggled */
	bool		 above_expert;	/* strong even at expert: no limit found */
	long long	 at;		/* unix seconds when found */
};

/* One answered turn, kept for the report and the rules that look back. */
struct turn {
	char		 skill[ENGINE_SKILL_LEN];
	enum level	 level;
	double		 composite;
	enum quality	 quality;
};

/* Everything the engine knows; stored as JSON in interviews.adaptive_state. */
struct engine_state {
	enum level	 level;
	bool		 hard_end;	/* pick from the hard end of the level */
	int		 asked;		/* questions answered */
	int		 min_questions;
	int		 max_questions;
	char		 current_skill[ENGINE_SKILL_LEN];
	/* The role's key areas, in order; explored[i] once a question in it was answered. */
	int		 nskills;
	char		 skills[ENGINE_MAX_SKILLS][ENGINE_SKILL_LEN];
	bool		 explored[ENGINE_MAX_SKILLS];
	int		 nboundaries;
	struct boundary	 boundaries[ENGINE_MAX_SKILLS];
	int		 nturns;	/* the last ENGINE_MAX_TURNS turns */
	struct turn	 turns[ENGINE_MAX_TURNS];
	int		 detections;	/* boundaries recorded, counting repeats */
	bool		 complete;
	char		 end_reason[16];	/* "", "covered", "maximum", "time" */
};

/* What the engine decided after an answer. */
enum move {
	MV_STAY,	/* probe deeper, same level */
	MV_UP,
	MV_UP_HARD,	/* up after 3 excellent answers, hard end of the level */
	MV_DOWN,	/* down, and a boundary recorded */
	MV_BOUNDARY,	/* 2 poor answers at one level: boundary, level kept */
	MV_WARMUP_DONE,	/* 2 warmup questions: to fundamental */
	MV__MAX
};

struct decision {
	enum move	 move;
	double		 composite;
	enum level	 next_level;
	char		 next_skill[ENGINE_SKILL_LEN];
	bool		 boundary;	/* this answer recorded a boundary or mark */
	bool		 complete;
};

/*
 * Starts an interview: warmup, first skill, nothing explored.  Skills past
 * ENGINE_MAX_SKILLS, empty or repeated ones are dropped; names are cut to
 * ENGINE_SKILL_LEN - 1 bytes; the question counts are brought into
 * 1 <= min <= max <= ENGINE_MAX_QUESTIONS.
 */
void		engine_init(struct engine_state *, const char *const *skills,
		    int nskills, int min_questions, int max_questions);
/* 0.6 accuracy + 0.3 clarity + 0.1 quality value. */
double		engine_composite(const struct evaluation *);
double		engine_quality_value(enum quality);
/*
 * Records the answer to a question in skill `skill` at the state's level,
 * applies the rules, chooses the next skill and says whether the interview
 * is complete.  time_up: the time limit has passed.  now: unix seconds.
 * skill NULL or "": the state's current skill.  Once the state is complete
 * nothing more is recorded; the decision only says so.
 */
void		engine_answer(struct engine_state *, const char *skill,
		    const struct evaluation *, bool time_up, long long now,
		    struct decision *);

/*
 * A question the engine did not choose (the behavioural one) was answered:
 * it counts towards the minimum and the maximum, not towards the levels,
 * so the interview still ends at the maximum the interviewer set.
 */
void		engine_aside(struct engine_state *);

const char	*engine_level_name(enum level);	/* "warmup", ... */
/* The level in prose: "warm-up", "fundamental", ... (the name is a key). */
const char	*engine_level_word(enum level);
enum status	 engine_level_parse(const char *, enum level *);
const char	*engine_quality_name(enum quality);	/* "poor", ... */
enum status	 engine_quality_parse(const char *, enum quality *);
const char	*engine_move_name(enum move);

/*
 * The state as JSON and back.  to_json returns a new object the caller puts.
 * from_json fills the state only on ST_OK; ST_NOTFOUND for {} (not started:
 * call engine_init), ST_INVALID for a document it cannot trust.
 */
struct json_object *engine_to_json(const struct engine_state *);
enum status	 engine_from_json(struct json_object *, struct engine_state *);

#endif
