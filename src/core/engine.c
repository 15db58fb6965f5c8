/* engine.c: the adaptive interview's levels, boundaries and next skill. */
#include <assert.h>
#include <math.h>
#include <string.h>

#include "engine.h"
#include "engine_impl.h"

#define UP_SCORE	0.8	/* up: this answer above ... */
#define UP_RECENT	0.75	/* ... and each recent one above this */
#define DOWN_SCORE	0.5	/* down: this answer below ... */
#define DOWN_RECENT	0.55	/* ... and any recent one below this */
#define RECENT		3	/* earlier answers looked back at */
#define WARMUP_ANSWERS	2
#define EXCELLENT_RUN	3
#define POOR_RUN	2

static const char *const level_names[LV__MAX] = {
	"warmup",		/* LV_WARMUP */
	"fundamental",		/* LV_FUNDAMENTAL */
	"intermediate",		/* LV_INTERMEDIATE */
	"advanced",		/* LV_ADVANCED */
	"expert",		/* LV_EXPERT */
};

static const char *const quality_names[Q__MAX] = {
	"poor",			/* Q_POOR */
	"fair",			/* Q_FAIR */
	"good",			/* Q_GOOD */
	"excellent",		/* Q_EXCELLENT */
};

static const double quality_values[Q__MAX] = {
	0.25,			/* Q_POOR */
	0.5,			/* Q_FAIR */
	0.75,			/* Q_GOOD */
	1.0,			/* Q_EXCELLENT */
};

static const char *const move_names[MV__MAX] = {
	"stay",			/* MV_STAY */
	"up",			/* MV_UP */
	"up_hard",		/* MV_UP_HARD */
	"down",			/* MV_DOWN */
	"boundary",		/* MV_BOUNDARY */
	"warmup_done",		/* MV_WARMUP_DONE */
};

const char *
engine_level_name(enum level lv)
{
	if ((unsigned)lv >= LV__MAX)
		return "unknown";
	return level_names[lv];
}

const char *
engine_level_word(enum level lv)
{
	return lv == LV_WARMUP ? "warm-up" : engine_level_name(lv);
}

const char *
engine_quality_name(enum quality q)
{
	if ((unsigned)q >= Q__MAX)
		return "unknown";
	return quality_names[q];
}

const char *
engine_move_name(enum move mv)
{
	if ((unsigned)mv >= MV__MAX)
		return "unknown";
	return move_names[mv];
}

/* The index of s in names[0..n), or -1. */
static int
name_index(const char *const *names, int n, const char *s)
{
	int	 i;

	if (s == NULL)
		return -1;
	for (i = 0; i < n; i++)
		if (strcmp(names[i], s) == 0)
			return i;
	return -1;
}

enum status
engine_level_parse(const char *s, enum level *lv)
{
	int	 i;

	if ((i = name_index(level_names, LV__MAX, s)) < 0)
		return ST_INVALID;
	*lv = (enum level)i;
	return ST_OK;
}

enum status
engine_quality_parse(const char *s, enum quality *q)
{
	int	 i;

	if ((i = name_index(quality_names, Q__MAX, s)) < 0)
		return ST_INVALID;
	*q = (enum quality)i;
	return ST_OK;
}

void
engine_copy_str(char *dst, size_t size, const char *src)
{
	size_t	 n = strlen(src);

	if (n >= size) {
		n = size - 1;
		while (n > 0 && ((unsigned char)src[n] & 0xc0) == 0x80)
			n--;
	}
	memset(dst, 0, size);
	memcpy(dst, src, n);
}

static double
clamp01(double x)
{
	if (isnan(x) || x < 0)
		return 0;
	return x > 1 ? 1 : x;
}

double
engine_quality_value(enum quality q)
{
	if ((unsigned)q >= Q__MAX)
		return 0;
	return quality_values[q];
}

double
engine_composite(const struct evaluation *ev)
{
	return 0.6 * clamp01(ev->accuracy) + 0.3 * clamp01(ev->clarity) +
	    0.1 * engine_quality_value(ev->quality);
}

int
engine_skill_index(const struct engine_state *s, const char *skill)
{
	int	 i;

	for (i = 0; i < s->nskills; i++)
		if (strcmp(s->skills[i], skill) == 0)
			return i;
	return -1;
}

void
engine_init(struct engine_state *s, const char *const *skills, int nskills,
    int min_questions, int max_questions)
{
	char	 name[ENGINE_SKILL_LEN];
	int	 i;

	memset(s, 0, sizeof(*s));
	s->level = LV_WARMUP;
	for (i = 0; i < nskills && s->nskills < ENGINE_MAX_SKILLS; i++) {
		if (skills[i] == NULL || skills[i][0] == '\0')
			continue;
		ENGINE_COPY(name, skills[i]);
		if (engine_skill_index(s, name) < 0)
			ENGINE_COPY(s->skills[s->nskills++], name);
	}
	if (s->nskills > 0)
		ENGINE_COPY(s->current_skill, s->skills[0]);
	if (min_questions < 1)
		min_questions = 1;
	if (min_questions > ENGINE_MAX_QUESTIONS)
		min_questions = ENGINE_MAX_QUESTIONS;
	if (max_questions < min_questions)
		max_questions = min_questions;
	if (max_questions > ENGINE_MAX_QUESTIONS)
		max_questions = ENGINE_MAX_QUESTIONS;
	s->min_questions = min_questions;
	s->max_questions = max_questions;
}

struct boundary *
engine_boundary_find(struct engine_state *s, const char *skill)
{
	int	 i;

	for (i = 0; i < s->nboundaries; i++)
		if (strcmp(s->boundaries[i].skill, skill) == 0)
			return &s->boundaries[i];
	return NULL;
}

/*
 * Counts a detection.  A skill keeps one boundary, the lowest level it was
 * found at; an above-expert mark only stands until a real boundary comes.
 */
static void
boundary_record(struct engine_state *s, const char *skill, enum level lv,
    bool above_expert, long long now)
{
	struct boundary	*b;

	s->detections++;
	if ((b = engine_boundary_find(s, skill)) != NULL) {
		if (above_expert)
			return;
		if (!b->above_expert && b->level <= lv)
			return;
	} else {
		/*
		 * XXX: full only once boundaries were found in 16 skill areas,
		 * some outside the role's key ones; the detection is counted,
		 * the boundary lost, and the interview still ends at
		 * max_questions.
		 */
		if (s->nboundaries == ENGINE_MAX_SKILLS)
			return;
		b = &s->boundaries[s->nboundaries++];
		memset(b, 0, sizeof(*b));
		ENGINE_COPY(b->skill, skill);
	}
	b->level = lv;
	b->above_expert = above_expert;
	b->at = now;
}

/* Appends the answer, dropping the oldest turn when full. */
static void
turn_add(struct engine_state *s, const char *skill, double composite,
    enum quality q)
{
	struct turn	*t;

	if (s->nturns == ENGINE_MAX_TURNS) {
		memmove(&s->turns[0], &s->turns[1],
		    (ENGINE_MAX_TURNS - 1) * sizeof(s->turns[0]));
		s->nturns--;
	}
	t = &s->turns[s->nturns++];
	memset(t, 0, sizeof(*t));
	ENGINE_COPY(t->skill, skill);
	t->level = s->level;
	t->composite = composite;
	t->quality = q;
}

/* The first of the up to RECENT turns before the newest. */
static int
recent_start(const struct engine_state *s)
{
	return s->nturns - 1 - RECENT > 0 ? s->nturns - 1 - RECENT : 0;
}

/* True when there are none: the rule then rests on this answer alone. */
static bool
recent_all_above(const struct engine_state *s, double floor)
{
	int	 i;

	for (i = recent_start(s); i < s->nturns - 1; i++)
		if (!(s->turns[i].composite > floor))
			return false;
	return true;
}

static bool
recent_any_below(const struct engine_state *s, double ceiling)
{
	int	 i;

	for (i = recent_start(s); i < s->nturns - 1; i++)
		if (s->turns[i].composite < ceiling)
			return true;
	return false;
}

/* Whether the last n turns, the newest included, all had quality q. */
static bool
run_of(const struct engine_state *s, enum quality q, int n, bool this_level)
{
	int	 i;

	if (s->nturns < n)
		return false;
	for (i = s->nturns - n; i < s->nturns; i++)
		if (s->turns[i].quality != q ||
		    (this_level && s->turns[i].level != s->level))
			return false;
	return true;
}

static void
level_set(struct engine_state *s, enum level lv, bool hard_end)
{
	s->level = lv;
	s->hard_end = hard_end;
}

static enum move
warmup(struct engine_state *s)
{
	int	 i, n = 0;

	for (i = 0; i < s->nturns; i++)
		if (s->turns[i].level == LV_WARMUP)
			n++;
	if (n < WARMUP_ANSWERS)
		return MV_STAY;
	level_set(s, LV_FUNDAMENTAL, false);
	return MV_WARMUP_DONE;
}

/* Nothing is above expert: there the skill is marked instead. */
static enum move
go_up(struct engine_state *s, const char *skill, bool hard, long long now,
    bool *marked)
{
	if (s->level == LV_EXPERT) {
		boundary_record(s, skill, LV_EXPERT, true, now);
		*marked = true;
		return MV_STAY;
	}
	level_set(s, s->level + 1, hard);
	return hard ? MV_UP_HARD : MV_UP;
}

/* Warmup is only the opening: after it, fundamental is the floor. */
static enum move
go_down(struct engine_state *s, const char *skill, long long now,
    bool *marked)
{
	boundary_record(s, skill, s->level, false, now);
	*marked = true;
	if (s->level <= LV_FUNDAMENTAL)
		return MV_BOUNDARY;
	level_set(s, s->level - 1, false);
	return MV_DOWN;
}

/* The rules, in order of precedence, applied to the newest turn. */
static enum move
decide(struct engine_state *s, const char *skill, long long now,
    bool *marked)
{
	double	 c = s->turns[s->nturns - 1].composite;

	*marked = false;
	if (s->level == LV_WARMUP)
		return warmup(s);
	if (run_of(s, Q_EXCELLENT, EXCELLENT_RUN, false))
		return go_up(s, skill, true, now, marked);
	if (c > UP_SCORE && recent_all_above(s, UP_RECENT))
		return go_up(s, skill, false, now, marked);
	if (c < DOWN_SCORE && recent_any_below(s, DOWN_RECENT))
		return go_down(s, skill, now, marked);
	if (run_of(s, Q_POOR, POOR_RUN, true)) {
		boundary_record(s, skill, s->level, false, now);
		*marked = true;
		return MV_BOUNDARY;
	}
	return MV_STAY;
}

/*
 * A plain stay earns one follow-up in the same skill at the same level;
 * otherwise the first key skill not yet explored, then the next one after
 * this that has no boundary, then this one.
 */
static const char *
next_skill(struct engine_state *s, enum move mv, bool marked)
{
	const struct turn	*t = &s->turns[s->nturns - 1], *prev;
	int			 i, k, cur;

	prev = s->nturns > 1 ? &s->turns[s->nturns - 2] : NULL;
	if (mv == MV_STAY && !marked && (prev == NULL ||
	    prev->level != t->level || strcmp(prev->skill, t->skill) != 0))
		return t->skill;
	for (i = 0; i < s->nskills; i++)
		if (!s->explored[i])
			return s->skills[i];
	cur = engine_skill_index(s, t->skill);
	for (i = 1; i <= s->nskills; i++) {
		k = (cur + i) % s->nskills;
		if (engine_boundary_find(s, s->skills[k]) == NULL)
			return s->skills[k];
	}
	return t->skill;
}

static bool
covered(struct engine_state *s)
{
	int	 i;

	for (i = 0; i < s->nskills; i++)
		if (engine_boundary_find(s, s->skills[i]) == NULL)
			return false;
	return true;
}

/* Why the interview ends after this answer, or NULL. */
static const char *
end_reason(struct engine_state *s, bool time_up)
{
	if (time_up)
		return "time";
	if (s->asked >= s->max_questions)
		return "maximum";
	if (s->asked >= s->min_questions && covered(s))
		return "covered";
	return NULL;
}

/* Records the answer, applies the rules and chooses the next skill. */
static void
record(struct engine_state *s, const char *skill,
    const struct evaluation *ev, long long now, struct decision *d)
{
	char	 name[ENGINE_SKILL_LEN];
	bool	 marked;
	int	 i;

	/* A copy: skill may point into the state itself. */
	ENGINE_COPY(name, skill != NULL && skill[0] != '\0' ? skill :
	    s->current_skill);
	turn_add(s, name, d->composite, ev->quality);
	s->asked++;
	if ((i = engine_skill_index(s, name)) >= 0)
		s->explored[i] = true;
	d->move = decide(s, name, now, &marked);
	d->boundary = marked;
	ENGINE_COPY(name, next_skill(s, d->move, marked));
	ENGINE_COPY(s->current_skill, name);
}

void
engine_aside(struct engine_state *s)
{
	const char	*why;

	if (s->complete)
		return;
	s->asked++;
	if ((why = end_reason(s, false)) != NULL) {
		s->complete = true;
		ENGINE_COPY(s->end_reason, why);
	}
}

void
engine_answer(struct engine_state *s, const char *skill,
    const struct evaluation *ev, bool time_up, long long now,
    struct decision *d)
{
	const char	*why;

	assert((unsigned)ev->quality < Q__MAX);
	memset(d, 0, sizeof(*d));
	d->composite = engine_composite(ev);
	if (!s->complete) {
		record(s, skill, ev, now, d);
		if ((why = end_reason(s, time_up)) != NULL) {
			s->complete = true;
			ENGINE_COPY(s->end_reason, why);
		}
	}
	d->next_level = s->level;
	ENGINE_COPY(d->next_skill, s->current_skill);
	d->complete = s->complete;
}
