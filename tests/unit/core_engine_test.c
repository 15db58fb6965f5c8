/* core_engine_test.c: the engine's rules, a table per rule, and its JSON. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <json-c/json.h>

#include "core/engine.h"

#define MAXPLAY	10
#define T0	1000	/* the answer played n-th is given at T0 + n */

static const char *const skills[] = {
	"hooks", "state", "rendering", "testing"
};

/*
 * Answers by letter, so a scenario reads as a string: "SSW" is two strong
 * answers and a weak one.  The composite of each is in the comment.
 */
static const struct letter {
	char		 c;
	enum quality	 q;
	double		 score;		/* accuracy and clarity both */
	double		 composite;
} letters[] = {
	{ 'E', Q_EXCELLENT, 1.0, 1.0 },
	{ 'S', Q_GOOD, 0.9, 0.885 },	/* strong */
	{ 'G', Q_GOOD, 0.8, 0.795 },	/* just under 0.8, over 0.75 */
	{ 'L', Q_GOOD, 0.74, 0.741 },	/* just under 0.75 */
	{ 'M', Q_FAIR, 0.6, 0.59 },	/* middling: no rule fires */
	{ 'N', Q_FAIR, 0.55, 0.545 },	/* just under 0.55 */
	{ 'Z', Q_FAIR, 0.52, 0.518 },	/* just over 0.5 */
	{ 'Y', Q_FAIR, 0.45, 0.455 },	/* just under 0.5 */
	{ 'W', Q_FAIR, 0.3, 0.32 },	/* weak */
	{ 'P', Q_POOR, 0.1, 0.115 },	/* poor */
	{ 'Q', Q_POOR, 0.7, 0.655 },	/* labelled poor, scored middling */
	{ 'R', Q_POOR, 1.0, 0.925 },	/* labelled poor, scored strong */
	{ 'X', Q_EXCELLENT, 0.5, 0.55 },	/* excellent label, middling */
};

static struct evaluation
eval_of(char c)
{
	struct evaluation	 ev;
	size_t			 i;

	for (i = 0; i < sizeof(letters) / sizeof(letters[0]); i++)
		if (letters[i].c == c) {
			ev.quality = letters[i].q;
			ev.accuracy = ev.clarity = letters[i].score;
			return ev;
		}
	fail_msg("no answer letter '%c'", c);
	return ev;
}

/* A state part-way through: level, current skill, marks, stored answers. */
struct start {
	enum level	 level;
	int		 current;	/* index into skills[] */
	const char	*explored;	/* "1010": explored skills, or NULL */
	const char	*bounds;	/* "0100": boundaries (intermediate) */
	const char	*hist;		/* answers stored, current skill */
	int		 min, max;	/* 0: 20 and 30 */
};

static void
setup_state(struct engine_state *s, const struct start *st)
{
	struct evaluation	 ev;
	struct turn		*t;
	struct boundary		*b;
	int			 i;

	engine_init(s, skills, 4, st->min ? st->min : 20,
	    st->max ? st->max : 30);
	s->level = st->level;
	snprintf(s->current_skill, sizeof(s->current_skill), "%s",
	    skills[st->current]);
	for (i = 0; st->explored != NULL && i < 4; i++)
		s->explored[i] = st->explored[i] == '1';
	for (i = 0; st->bounds != NULL && i < 4; i++) {
		if (st->bounds[i] != '1')
			continue;
		b = &s->boundaries[s->nboundaries++];
		snprintf(b->skill, sizeof(b->skill), "%s", skills[i]);
		b->level = LV_INTERMEDIATE;
		b->at = 1;
		s->detections++;
	}
	for (i = 0; st->hist != NULL && st->hist[i] != '\0'; i++) {
		ev = eval_of(st->hist[i]);
		t = &s->turns[s->nturns++];
		snprintf(t->skill, sizeof(t->skill), "%s", skills[st->current]);
		t->level = st->level;
		t->composite = engine_composite(&ev);
		t->quality = ev.quality;
		s->asked++;
		s->explored[st->current] = true;
	}
}

/* Plays one answer and checks what holds after every answer. */
static void
play(struct engine_state *s, const char *skill, char c, bool time_up,
    long long now, struct decision *d)
{
	struct evaluation	 ev = eval_of(c);
	int			 asked = s->asked, det = s->detections;
	bool			 was_complete = s->complete;

	engine_answer(s, skill, &ev, time_up, now, d);
	assert_true(fabs(d->composite - engine_composite(&ev)) < 1e-12);
	assert_int_equal(d->next_level, s->level);
	assert_string_equal(d->next_skill, s->current_skill);
	assert_int_equal(d->complete, s->complete);
	assert_int_equal(s->asked, was_complete ? asked : asked + 1);
	assert_int_equal(d->boundary, s->detections > det);
}

/* ---- composite ---- */

static void
test_engine_composite_weighs_accuracy_clarity_and_quality(void **state)
{
	static const struct {
		enum quality	 q;
		double		 acc, cla, want;
	} c[] = {
		{ Q_EXCELLENT, 1, 1, 1.0 },
		{ Q_POOR, 0, 0, 0.025 },
		{ Q_FAIR, 0, 0, 0.05 },
		{ Q_GOOD, 0, 0, 0.075 },
		{ Q_EXCELLENT, 0, 0, 0.1 },
		{ Q_POOR, 1, 0, 0.625 },	/* accuracy weighs 0.6 */
		{ Q_POOR, 0, 1, 0.325 },	/* clarity 0.3 */
		{ Q_GOOD, 0.5, 0.8, 0.615 },
		{ Q_FAIR, 1.5, 2, 0.95 },	/* clamped to 1 */
		{ Q_FAIR, -0.5, -3, 0.05 },	/* clamped to 0 */
		{ Q_GOOD, NAN, 1, 0.375 },	/* NaN counts as 0 */
		{ Q_GOOD, 1, NAN, 0.675 },
		{ Q_GOOD, INFINITY, -INFINITY, 0.675 },
	};
	struct evaluation	 ev;
	size_t			 i;

	(void)state;
	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		ev.quality = c[i].q;
		ev.accuracy = c[i].acc;
		ev.clarity = c[i].cla;
		print_message("case %zu\n", i);
		assert_true(fabs(engine_composite(&ev) - c[i].want) < 1e-9);
	}
	for (i = 0; i < sizeof(letters) / sizeof(letters[0]); i++) {
		ev = eval_of(letters[i].c);
		assert_true(fabs(engine_composite(&ev) - letters[i].composite) <
		    1e-9);
	}
	assert_true(engine_quality_value(Q_POOR) == 0.25);
	assert_true(engine_quality_value(Q_EXCELLENT) == 1.0);
}

/* ---- the level rules ---- */

/* Answers played in "hooks"; the boundary checked is the one in "hooks". */
struct rule_case {
	const char	*name;
	enum level	 start;
	const char	*hist;		/* answers already stored, at start */
	const char	*play;		/* answers given now */
	enum move	 moves[MAXPLAY];	/* the move after each */
	enum level	 level;		/* afterwards */
	bool		 hard_end;
	int		 nbound;
	enum level	 blevel;
	bool		 above;
	int		 detections;
	int		 at_step;	/* by the n-th answer; 0: unchecked */
};

static void
run_rules(const struct rule_case *c, size_t n)
{
	struct engine_state	 s;
	struct decision		 d;
	struct start		 st;
	size_t			 i, j;

	for (i = 0; i < n; i++) {
		print_message("case: %s\n", c[i].name);
		memset(&st, 0, sizeof(st));
		st.level = c[i].start;
		st.hist = c[i].hist;
		setup_state(&s, &st);
		for (j = 0; c[i].play[j] != '\0'; j++) {
			play(&s, "hooks", c[i].play[j], false, T0 + j + 1, &d);
			if (d.move != c[i].moves[j])
				fail_msg("%s: answer %zu: %s, expected %s",
				    c[i].name, j + 1, engine_move_name(d.move),
				    engine_move_name(c[i].moves[j]));
		}
		assert_string_equal(engine_level_name(s.level),
		    engine_level_name(c[i].level));
		assert_int_equal(s.hard_end, c[i].hard_end);
		assert_int_equal(s.nboundaries, c[i].nbound);
		assert_int_equal(s.detections, c[i].detections);
		assert_false(s.complete);
		if (c[i].nbound == 0)
			continue;
		assert_string_equal(s.boundaries[0].skill, "hooks");
		assert_string_equal(engine_level_name(s.boundaries[0].level),
		    engine_level_name(c[i].blevel));
		assert_int_equal(s.boundaries[0].above_expert, c[i].above);
		if (c[i].at_step > 0)
			assert_int_equal(s.boundaries[0].at, T0 + c[i].at_step);
	}
}

static void
test_engine_warmup_takes_two_answers_then_fundamental(void **state)
{
	static const struct rule_case c[] = {
		{ "two answers, then fundamental", LV_WARMUP, "", "SS",
		    { MV_STAY, MV_WARMUP_DONE }, LV_FUNDAMENTAL, .nbound = 0 },
		{ "weak answers move on all the same, nothing recorded",
		    LV_WARMUP, "", "PP", { MV_STAY, MV_WARMUP_DONE },
		    LV_FUNDAMENTAL, .nbound = 0 },
		{ "excellent answers skip nothing", LV_WARMUP, "", "EE",
		    { MV_STAY, MV_WARMUP_DONE }, LV_FUNDAMENTAL, .nbound = 0 },
		{ "the first answer after warmup looks back at warmup",
		    LV_WARMUP, "", "SSS", { MV_STAY, MV_WARMUP_DONE, MV_UP },
		    LV_INTERMEDIATE, .nbound = 0 },
		{ "three excellent including warmup: up to the hard end",
		    LV_WARMUP, "", "EEE",
		    { MV_STAY, MV_WARMUP_DONE, MV_UP_HARD }, LV_INTERMEDIATE,
		    true, .nbound = 0 },
		{ "weak after a weak warmup: fundamental is the floor",
		    LV_WARMUP, "", "PPP",
		    { MV_STAY, MV_WARMUP_DONE, MV_BOUNDARY }, LV_FUNDAMENTAL,
		    .nbound = 1, .blevel = LV_FUNDAMENTAL, .detections = 1,
		    .at_step = 3 },
	};

	(void)state;
	run_rules(c, sizeof(c) / sizeof(c[0]));
}

static void
test_engine_up_after_strong_answers(void **state)
{
	static const struct rule_case c[] = {
		{ "strong after strong: up", LV_FUNDAMENTAL, "SSS", "S",
		    { MV_UP }, LV_INTERMEDIATE, .nbound = 0 },
		{ "0.8 or less is not enough", LV_FUNDAMENTAL, "SSS", "G",
		    { MV_STAY }, LV_FUNDAMENTAL, .nbound = 0 },
		{ "advanced to expert", LV_ADVANCED, "SSS", "S", { MV_UP },
		    LV_EXPERT, .nbound = 0 },
		{ "one level per strong answer", LV_FUNDAMENTAL, "SSS", "SSS",
		    { MV_UP, MV_UP, MV_UP }, LV_EXPERT, .nbound = 0 },
		{ "fewer than 3 earlier answers: those there count",
		    LV_FUNDAMENTAL, "S", "S", { MV_UP }, LV_INTERMEDIATE,
		    .nbound = 0 },
		{ "fewer than 3 earlier answers, one not strong enough",
		    LV_FUNDAMENTAL, "L", "S", { MV_STAY }, LV_FUNDAMENTAL,
		    .nbound = 0 },
		{ "a plain up clears the hard end", LV_INTERMEDIATE, "EE", "ES",
		    { MV_UP_HARD, MV_UP }, LV_EXPERT, false, .nbound = 0 },
	};

	(void)state;
	run_rules(c, sizeof(c) / sizeof(c[0]));
}

static void
test_engine_up_needs_each_of_the_last_3_above_075(void **state)
{
	static const struct rule_case c[] = {
		{ "the newest of the 3 at 0.741 blocks", LV_FUNDAMENTAL,
		    "SSL", "S", { MV_STAY }, LV_FUNDAMENTAL, .nbound = 0 },
		{ "the middle one blocks", LV_FUNDAMENTAL, "SLS", "S",
		    { MV_STAY }, LV_FUNDAMENTAL, .nbound = 0 },
		{ "the oldest of the 3 blocks", LV_FUNDAMENTAL, "LSS", "S",
		    { MV_STAY }, LV_FUNDAMENTAL, .nbound = 0 },
		{ "4 answers back no longer counts", LV_FUNDAMENTAL, "LSSS",
		    "S", { MV_UP }, LV_INTERMEDIATE, .nbound = 0 },
		{ "0.795 is above 0.75", LV_FUNDAMENTAL, "GGG", "S", { MV_UP },
		    LV_INTERMEDIATE, .nbound = 0 },
		{ "a middling answer holds the level 3 answers more",
		    LV_FUNDAMENTAL, "SSS", "MSSSS",
		    { MV_STAY, MV_STAY, MV_STAY, MV_STAY, MV_UP },
		    LV_INTERMEDIATE, .nbound = 0 },
	};

	(void)state;
	run_rules(c, sizeof(c) / sizeof(c[0]));
}

static void
test_engine_three_excellent_go_up_to_the_hard_end(void **state)
{
	static const struct rule_case c[] = {
		{ "3 excellent: up, hard end", LV_INTERMEDIATE, "EE", "E",
		    { MV_UP_HARD }, LV_ADVANCED, true, .nbound = 0 },
		{ "excellent labels with middling scores", LV_INTERMEDIATE,
		    "XX", "X", { MV_UP_HARD }, LV_ADVANCED, true, .nbound = 0 },
		{ "a good answer breaks the run: plain up", LV_INTERMEDIATE,
		    "EG", "E", { MV_UP }, LV_ADVANCED, false, .nbound = 0 },
		{ "the run spans a level change", LV_FUNDAMENTAL, "E", "EE",
		    { MV_UP, MV_UP_HARD }, LV_ADVANCED, true, .nbound = 0 },
		{ "the hard end stays while the level does", LV_INTERMEDIATE,
		    "EE", "EM", { MV_UP_HARD, MV_STAY }, LV_ADVANCED, true,
		    .nbound = 0 },
	};

	(void)state;
	run_rules(c, sizeof(c) / sizeof(c[0]));
}

static void
test_engine_up_at_expert_marks_above_expert(void **state)
{
	static const struct rule_case c[] = {
		{ "strong at expert: mark, level kept", LV_EXPERT, "SSS", "S",
		    { MV_STAY }, LV_EXPERT, .nbound = 1, .blevel = LV_EXPERT,
		    .above = true, .detections = 1, .at_step = 1 },
		{ "3 excellent at expert: the same mark", LV_EXPERT, "EE", "E",
		    { MV_STAY }, LV_EXPERT, .nbound = 1, .blevel = LV_EXPERT,
		    .above = true, .detections = 1, .at_step = 1 },
		{ "middling at expert: no mark", LV_EXPERT, "SSS", "M",
		    { MV_STAY }, LV_EXPERT, .nbound = 0 },
		{ "a second mark is counted, the first kept", LV_EXPERT, "SSS",
		    "SS", { MV_STAY, MV_STAY }, LV_EXPERT, .nbound = 1,
		    .blevel = LV_EXPERT, .above = true, .detections = 2,
		    .at_step = 1 },
	};

	(void)state;
	run_rules(c, sizeof(c) / sizeof(c[0]));
}

static void
test_engine_down_records_a_boundary(void **state)
{
	static const struct rule_case c[] = {
		{ "weak after weak: down, boundary where it struggled",
		    LV_ADVANCED, "SSW", "W", { MV_DOWN }, LV_INTERMEDIATE,
		    .nbound = 1, .blevel = LV_ADVANCED, .detections = 1,
		    .at_step = 1 },
		{ "0.518 is not below 0.5", LV_ADVANCED, "WWW", "Z",
		    { MV_STAY }, LV_ADVANCED, .nbound = 0 },
		{ "below 0.5, but no recent one below 0.55", LV_ADVANCED,
		    "MMM", "Y", { MV_STAY }, LV_ADVANCED, .nbound = 0 },
		{ "0.545 counts as below 0.55", LV_ADVANCED, "MMN", "Y",
		    { MV_DOWN }, LV_INTERMEDIATE, .nbound = 1,
		    .blevel = LV_ADVANCED, .detections = 1 },
		{ "expert down to advanced", LV_EXPERT, "WW", "W", { MV_DOWN },
		    LV_ADVANCED, .nbound = 1, .blevel = LV_EXPERT,
		    .detections = 1 },
		{ "down clears the hard end", LV_INTERMEDIATE, "EE", "EWW",
		    { MV_UP_HARD, MV_STAY, MV_DOWN }, LV_INTERMEDIATE, false,
		    .nbound = 1, .blevel = LV_ADVANCED, .detections = 1,
		    .at_step = 3 },
	};

	(void)state;
	run_rules(c, sizeof(c) / sizeof(c[0]));
}

static void
test_engine_one_slip_after_strong_answers_does_not_drop(void **state)
{
	static const struct rule_case c[] = {
		{ "one poor answer after strong ones", LV_ADVANCED, "SSS", "P",
		    { MV_STAY }, LV_ADVANCED, .nbound = 0 },
		{ "one weak answer after strong ones", LV_ADVANCED, "SSS", "W",
		    { MV_STAY }, LV_ADVANCED, .nbound = 0 },
		{ "a second slip does drop", LV_ADVANCED, "SS", "WW",
		    { MV_STAY, MV_DOWN }, LV_INTERMEDIATE, .nbound = 1,
		    .blevel = LV_ADVANCED, .detections = 1, .at_step = 2 },
		{ "a slip, a recovery, a slip", LV_ADVANCED, "SSS", "WSW",
		    { MV_STAY, MV_STAY, MV_DOWN }, LV_INTERMEDIATE, .nbound = 1,
		    .blevel = LV_ADVANCED, .detections = 1, .at_step = 3 },
	};

	(void)state;
	run_rules(c, sizeof(c) / sizeof(c[0]));
}

static void
test_engine_down_at_fundamental_keeps_fundamental(void **state)
{
	static const struct rule_case c[] = {
		{ "weak at fundamental: boundary, level kept", LV_FUNDAMENTAL,
		    "WW", "W", { MV_BOUNDARY }, LV_FUNDAMENTAL, .nbound = 1,
		    .blevel = LV_FUNDAMENTAL, .detections = 1, .at_step = 1 },
		{ "weak and weak again: never warmup", LV_FUNDAMENTAL, "W",
		    "PPP", { MV_BOUNDARY, MV_BOUNDARY, MV_BOUNDARY },
		    LV_FUNDAMENTAL, .nbound = 1, .blevel = LV_FUNDAMENTAL,
		    .detections = 3, .at_step = 1 },
		{ "intermediate down to fundamental, then held there",
		    LV_INTERMEDIATE, "WW", "WW", { MV_DOWN, MV_BOUNDARY },
		    LV_FUNDAMENTAL, .nbound = 1, .blevel = LV_FUNDAMENTAL,
		    .detections = 2, .at_step = 2 },
	};

	(void)state;
	run_rules(c, sizeof(c) / sizeof(c[0]));
}

static void
test_engine_two_poor_at_one_level_record_a_boundary(void **state)
{
	static const struct rule_case c[] = {
		{ "two poor at one level: boundary, level kept",
		    LV_INTERMEDIATE, "Q", "Q", { MV_BOUNDARY }, LV_INTERMEDIATE,
		    .nbound = 1, .blevel = LV_INTERMEDIATE, .detections = 1,
		    .at_step = 1 },
		{ "one poor: stay", LV_INTERMEDIATE, "S", "Q", { MV_STAY },
		    LV_INTERMEDIATE, .nbound = 0 },
		{ "a good answer between: no boundary", LV_INTERMEDIATE, "QS",
		    "Q", { MV_STAY }, LV_INTERMEDIATE, .nbound = 0 },
		{ "poor at two levels: no boundary", LV_FUNDAMENTAL, "SS", "RQ",
		    { MV_UP, MV_STAY }, LV_INTERMEDIATE, .nbound = 0 },
		{ "down comes first, counted once", LV_INTERMEDIATE, "P", "P",
		    { MV_DOWN }, LV_FUNDAMENTAL, .nbound = 1,
		    .blevel = LV_INTERMEDIATE, .detections = 1 },
		{ "strong scores under poor labels still go up",
		    LV_FUNDAMENTAL, "RR", "R", { MV_UP }, LV_INTERMEDIATE,
		    .nbound = 0 },
	};

	(void)state;
	run_rules(c, sizeof(c) / sizeof(c[0]));
}

static void
test_engine_keeps_the_lower_boundary_on_repeat(void **state)
{
	static const struct rule_case c[] = {
		{ "a lower struggle replaces a higher one", LV_ADVANCED, "WW",
		    "WW", { MV_DOWN, MV_DOWN }, LV_FUNDAMENTAL, .nbound = 1,
		    .blevel = LV_INTERMEDIATE, .detections = 2, .at_step = 2 },
		{ "a higher struggle later keeps the lower", LV_INTERMEDIATE,
		    "WW", "WSSSSSWW", { MV_DOWN, MV_STAY, MV_STAY, MV_STAY,
		    MV_UP, MV_UP, MV_STAY, MV_DOWN }, LV_INTERMEDIATE,
		    .nbound = 1, .blevel = LV_INTERMEDIATE, .detections = 2,
		    .at_step = 1 },
		{ "the same level again keeps the first time", LV_FUNDAMENTAL,
		    "WW", "WW", { MV_BOUNDARY, MV_BOUNDARY }, LV_FUNDAMENTAL,
		    .nbound = 1, .blevel = LV_FUNDAMENTAL, .detections = 2,
		    .at_step = 1 },
		{ "a real boundary replaces an above-expert mark", LV_EXPERT,
		    "SSS", "SWW", { MV_STAY, MV_STAY, MV_DOWN }, LV_ADVANCED,
		    .nbound = 1, .blevel = LV_EXPERT, .above = false,
		    .detections = 2, .at_step = 3 },
		{ "a mark does not replace a real boundary", LV_EXPERT, "WW",
		    "WSSSSS", { MV_DOWN, MV_STAY, MV_STAY, MV_STAY, MV_UP,
		    MV_STAY }, LV_EXPERT, .nbound = 1, .blevel = LV_EXPERT,
		    .above = false, .detections = 2, .at_step = 1 },
	};

	(void)state;
	run_rules(c, sizeof(c) / sizeof(c[0]));
}

/* ---- the next skill ---- */

struct skill_case {
	const char	*name;
	struct start	 st;
	const char	*play;		/* in the skill the engine chose */
	const char	*next[MAXPLAY];	/* the skill chosen after each */
};

static void
test_engine_chooses_the_next_skill(void **state)
{
	static const struct skill_case c[] = {
		{ "one follow-up on a stay, then the next unexplored",
		    { LV_INTERMEDIATE, 0, NULL, NULL, "", 0, 0 }, "MMMMM",
		    { "hooks", "state", "state", "rendering", "rendering" } },
		{ "a level change moves on to the next unexplored",
		    { LV_FUNDAMENTAL, 0, NULL, NULL, "SSS", 0, 0 }, "S",
		    { "state" } },
		{ "a follow-up at the new level", { LV_FUNDAMENTAL, 0, NULL,
		    NULL, "SSS", 0, 0 }, "SM", { "state", "state" } },
		{ "a boundary moves on at once", { LV_INTERMEDIATE, 0, NULL,
		    NULL, "WW", 0, 0 }, "W", { "state" } },
		{ "two poor answers move on at once", { LV_INTERMEDIATE, 0,
		    NULL, NULL, "Q", 0, 0 }, "Q", { "state" } },
		{ "an above-expert mark moves on at once", { LV_ADVANCED, 0,
		    NULL, NULL, "SSS", 0, 0 }, "SS", { "state", "rendering" } },
		{ "warmup: one follow-up, then the next skill",
		    { LV_WARMUP, 0, NULL, NULL, "", 0, 0 }, "MM",
		    { "hooks", "state" } },
		{ "unexplored skills come before round-robin",
		    { LV_INTERMEDIATE, 0, "1101", NULL, "", 0, 0 }, "MM",
		    { "hooks", "rendering" } },
		{ "all explored: the next without a boundary",
		    { LV_INTERMEDIATE, 0, "1111", "0100", "", 0, 0 }, "MMMM",
		    { "hooks", "rendering", "rendering", "testing" } },
		{ "round-robin wraps after the last skill",
		    { LV_INTERMEDIATE, 2, "1111", "0001", "", 0, 0 }, "MM",
		    { "rendering", "hooks" } },
		{ "only the current skill lacks a boundary: it again",
		    { LV_INTERMEDIATE, 0, "1111", "0111", "", 0, 0 }, "MM",
		    { "hooks", "hooks" } },
		{ "every skill has a boundary: the current one",
		    { LV_INTERMEDIATE, 1, "1111", "1111", "", 0, 0 }, "MM",
		    { "state", "state" } },
	};
	struct engine_state	 s;
	struct decision		 d;
	size_t			 i, j;

	(void)state;
	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		print_message("case: %s\n", c[i].name);
		setup_state(&s, &c[i].st);
		for (j = 0; c[i].play[j] != '\0'; j++) {
			/* NULL: the answer is in the state's current skill. */
			play(&s, NULL, c[i].play[j], false, T0 + j + 1, &d);
			assert_string_equal(d.next_skill, c[i].next[j]);
		}
	}
}

static void
test_engine_marks_skills_explored_when_answered(void **state)
{
	struct engine_state	 s;
	struct decision		 d;
	struct start		 st = { LV_INTERMEDIATE, 0, NULL, NULL, "", 0,
	    0 };

	(void)state;
	setup_state(&s, &st);
	play(&s, "testing", 'M', false, T0, &d);
	assert_false(s.explored[0]);
	assert_true(s.explored[3]);
	assert_string_equal(s.turns[0].skill, "testing");
	/* A skill outside the role's key areas is recorded, not explored. */
	play(&s, "css", 'M', false, T0, &d);
	assert_string_equal(s.turns[1].skill, "css");
	assert_string_equal(d.next_skill, "css");
	play(&s, "css", 'W', false, T0, &d);
	assert_int_equal(d.move, MV_STAY);
	play(&s, "css", 'W', false, T0, &d);
	assert_int_equal(d.move, MV_DOWN);
	assert_string_equal(s.boundaries[0].skill, "css");
	assert_string_equal(d.next_skill, "hooks");	/* first unexplored */
}

/* ---- completion ---- */

struct done_case {
	const char	*name;
	struct start	 st;
	const char	*play;
	int		 time_at;	/* time up at the n-th; 0: never */
	int		 done_at;	/* complete after the n-th; 0: never */
	const char	*reason;
};

static void
test_engine_completes_when_covered_at_maximum_or_on_time(void **state)
{
	static const struct done_case c[] = {
		{ "every key skill has a boundary, min reached",
		    { LV_INTERMEDIATE, 0, NULL, "1111", "", 2, 10 }, "MMM", 0,
		    2, "covered" },
		{ "min_questions gates covered",
		    { LV_INTERMEDIATE, 0, NULL, "1111", "", 4, 10 }, "MMMMM", 0,
		    4, "covered" },
		{ "one skill without a boundary: on to the maximum",
		    { LV_INTERMEDIATE, 0, NULL, "1110", "", 1, 4 }, "MMMMM", 0,
		    4, "maximum" },
		{ "the last boundary found completes it",
		    { LV_INTERMEDIATE, 3, NULL, "1110", "WW", 1, 10 }, "W", 0,
		    1, "covered" },
		{ "an above-expert mark covers a skill",
		    { LV_EXPERT, 3, NULL, "1110", "SSS", 1, 10 }, "S", 0, 1,
		    "covered" },
		{ "a boundary found before min_questions waits for it",
		    { LV_INTERMEDIATE, 3, NULL, "1110", "WW", 5, 10 }, "WMMM",
		    0, 3, "covered" },
		{ "time up ends it", { LV_INTERMEDIATE, 0, NULL, NULL, "", 1,
		    10 }, "MMM", 2, 2, "time" },
		{ "time comes before maximum", { LV_INTERMEDIATE, 0, NULL,
		    NULL, "", 1, 2 }, "MM", 2, 2, "time" },
		{ "maximum comes before covered", { LV_INTERMEDIATE, 0, NULL,
		    "1111", "", 3, 3 }, "MMM", 0, 3, "maximum" },
		{ "maximum counts the answers already given",
		    { LV_INTERMEDIATE, 0, NULL, NULL, "MMM", 1, 4 }, "MM", 0, 1,
		    "maximum" },
		{ "middling answers, no boundary: not before the maximum",
		    { LV_INTERMEDIATE, 0, NULL, NULL, "", 1, 10 }, "MMMMMMMMM",
		    0, 0, "" },
	};
	struct engine_state	 s;
	struct decision		 d;
	size_t			 i, j;
	bool			 want;

	(void)state;
	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		print_message("case: %s\n", c[i].name);
		setup_state(&s, &c[i].st);
		for (j = 0; c[i].play[j] != '\0'; j++) {
			play(&s, NULL, c[i].play[j],
			    c[i].time_at == (int)j + 1, T0 + j + 1, &d);
			want = c[i].done_at > 0 && (int)j + 1 >= c[i].done_at;
			if (d.complete != want)
				fail_msg("answer %zu: complete %d", j + 1,
				    d.complete);
		}
		assert_int_equal(s.complete, c[i].done_at > 0);
		assert_string_equal(s.end_reason, c[i].reason);
	}
}

static void
assert_state_equal(const struct engine_state *a, const struct engine_state *b)
{
	int	 i;

	assert_int_equal(a->level, b->level);
	assert_int_equal(a->hard_end, b->hard_end);
	assert_int_equal(a->asked, b->asked);
	assert_int_equal(a->min_questions, b->min_questions);
	assert_int_equal(a->max_questions, b->max_questions);
	assert_string_equal(a->current_skill, b->current_skill);
	assert_int_equal(a->nskills, b->nskills);
	for (i = 0; i < a->nskills; i++) {
		assert_string_equal(a->skills[i], b->skills[i]);
		assert_int_equal(a->explored[i], b->explored[i]);
	}
	assert_int_equal(a->nboundaries, b->nboundaries);
	for (i = 0; i < a->nboundaries; i++) {
		assert_string_equal(a->boundaries[i].skill,
		    b->boundaries[i].skill);
		assert_int_equal(a->boundaries[i].level,
		    b->boundaries[i].level);
		assert_int_equal(a->boundaries[i].above_expert,
		    b->boundaries[i].above_expert);
		assert_int_equal(a->boundaries[i].at, b->boundaries[i].at);
	}
	assert_int_equal(a->nturns, b->nturns);
	for (i = 0; i < a->nturns; i++) {
		assert_string_equal(a->turns[i].skill, b->turns[i].skill);
		assert_int_equal(a->turns[i].level, b->turns[i].level);
		/* Exactly: the JSON must carry every bit of the double. */
		assert_true(a->turns[i].composite == b->turns[i].composite);
		assert_int_equal(a->turns[i].quality, b->turns[i].quality);
	}
	assert_int_equal(a->detections, b->detections);
	assert_int_equal(a->complete, b->complete);
	assert_string_equal(a->end_reason, b->end_reason);
}

static void
test_engine_refuses_answers_once_complete(void **state)
{
	struct engine_state	 s, before;
	struct decision		 d;
	struct start		 st = { LV_ADVANCED, 0, NULL, NULL, "SS", 1,
	    3 };

	(void)state;
	setup_state(&s, &st);
	play(&s, NULL, 'S', false, T0, &d);
	assert_true(d.complete);
	assert_string_equal(s.end_reason, "maximum");
	before = s;
	play(&s, "state", 'W', true, T0 + 1, &d);
	play(&s, NULL, 'E', false, T0 + 2, &d);
	assert_state_equal(&s, &before);
	assert_true(d.complete);
	assert_int_equal(d.move, MV_STAY);
	assert_false(d.boundary);
	assert_int_equal(d.next_level, LV_EXPERT);
	assert_string_equal(s.end_reason, "maximum");
}

/* The behavioural question, asked aside from the engine, counts towards the limits only. */
static void
test_engine_counts_a_question_aside_towards_the_limits(void **state)
{
	struct engine_state	 s, before;
	struct decision		 d;

	(void)state;
	engine_init(&s, skills, 4, 2, 4);
	play(&s, NULL, 'G', false, T0, &d);
	play(&s, NULL, 'G', false, T0 + 1, &d);
	before = s;
	engine_aside(&s);
	assert_int_equal(s.asked, 3);
	assert_int_equal(s.level, before.level);
	assert_int_equal(s.nturns, before.nturns);
	assert_string_equal(s.current_skill, before.current_skill);
	assert_false(s.complete);
	/* The fourth is the last the interviewer allowed. */
	play(&s, NULL, 'G', false, T0 + 2, &d);
	assert_true(d.complete);
	assert_string_equal(s.end_reason, "maximum");
	assert_int_equal(s.asked, 4);
	/* Aside at the maximum ends it too; once complete, nothing more. */
	engine_init(&s, skills, 1, 1, 1);
	engine_aside(&s);
	assert_true(s.complete);
	assert_string_equal(s.end_reason, "maximum");
	engine_aside(&s);
	assert_int_equal(s.asked, 1);
}

static void
test_engine_keeps_the_last_64_turns(void **state)
{
	struct engine_state	 s;
	struct decision		 d;
	struct evaluation	 ev;
	double			 c[70];
	int			 i;

	(void)state;
	engine_init(&s, skills, 4, 100, 100);
	for (i = 0; i < 70; i++) {
		/* 0.53 to 0.57: no rule fires, each answer recognisable. */
		ev.quality = Q_FAIR;
		ev.accuracy = 0.5 + i * 0.001;
		ev.clarity = 0.6;
		c[i] = engine_composite(&ev);
		engine_answer(&s, NULL, &ev, false, T0 + i, &d);
	}
	assert_int_equal(s.asked, 70);
	assert_int_equal(s.nturns, ENGINE_MAX_TURNS);
	assert_true(s.turns[0].composite == c[70 - ENGINE_MAX_TURNS]);
	assert_true(s.turns[ENGINE_MAX_TURNS - 1].composite == c[69]);
	/* The rules look at the stored turns: three strong answers go up. */
	ev.quality = Q_GOOD;
	ev.accuracy = ev.clarity = 0.9;
	for (i = 0; i < 4; i++)
		engine_answer(&s, NULL, &ev, false, T0 + 70 + i, &d);
	assert_int_equal(d.move, MV_UP);
	assert_int_equal(s.nturns, ENGINE_MAX_TURNS);
}

/* ---- init and names ---- */

static void
test_engine_init_starts_at_warmup_with_clean_skills(void **state)
{
	/* 59 ASCII bytes then a 2-byte character: 61 bytes, cut before it. */
	static const char long_skill[] =
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaa"		/* 29 */
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\xc3\xa9";	/* 30 + 2 */
	const char		*in[20] = { "hooks", NULL, "", "hooks",
	    long_skill, "state" };
	struct engine_state	 s;
	char			 name[16];
	int			 i;

	(void)state;
	engine_init(&s, in, 6, 8, 12);
	assert_int_equal(s.level, LV_WARMUP);
	assert_int_equal(s.asked, 0);
	assert_false(s.complete);
	assert_int_equal(s.nskills, 3);
	assert_string_equal(s.skills[0], "hooks");
	assert_int_equal(strlen(s.skills[1]), 59);
	assert_string_equal(s.skills[2], "state");
	assert_string_equal(s.current_skill, "hooks");
	assert_int_equal(s.min_questions, 8);
	assert_int_equal(s.max_questions, 12);

	for (i = 0; i < 20; i++) {
		snprintf(name, sizeof(name), "s%d", i);
		in[i] = strdup(name);
	}
	engine_init(&s, in, 20, 0, -5);
	assert_int_equal(s.nskills, ENGINE_MAX_SKILLS);
	assert_string_equal(s.skills[15], "s15");
	assert_int_equal(s.min_questions, 1);
	assert_int_equal(s.max_questions, 1);
	for (i = 0; i < 20; i++)
		free((char *)in[i]);

	engine_init(&s, NULL, 0, 5, 2000);
	assert_int_equal(s.nskills, 0);
	assert_string_equal(s.current_skill, "");
	assert_int_equal(s.max_questions, ENGINE_MAX_QUESTIONS);
}

static void
test_engine_names_parse_back(void **state)
{
	static const char *const bad[] = { "", "Expert", "expert ", "master",
	    "0", "excellent!" };
	enum level	 lv;
	enum quality	 q;
	int		 i;
	size_t		 j;

	(void)state;
	for (i = 0; i < LV__MAX; i++) {
		assert_int_equal(engine_level_parse(engine_level_name(i), &lv),
		    ST_OK);
		assert_int_equal(lv, i);
	}
	for (i = 0; i < Q__MAX; i++) {
		assert_int_equal(engine_quality_parse(engine_quality_name(i),
		    &q), ST_OK);
		assert_int_equal(q, i);
	}
	assert_string_equal(engine_level_name(LV_INTERMEDIATE),
	    "intermediate");
	assert_string_equal(engine_quality_name(Q_GOOD), "good");
	assert_string_equal(engine_move_name(MV_UP_HARD), "up_hard");
	assert_string_equal(engine_move_name(MV_WARMUP_DONE), "warmup_done");
	assert_string_equal(engine_level_name(LV__MAX), "unknown");
	assert_string_equal(engine_quality_name(Q__MAX), "unknown");
	assert_string_equal(engine_move_name(MV__MAX), "unknown");
	for (j = 0; j < sizeof(bad) / sizeof(bad[0]); j++) {
		assert_int_equal(engine_level_parse(bad[j], &lv), ST_INVALID);
		assert_int_equal(engine_quality_parse(bad[j], &q), ST_INVALID);
	}
	assert_int_equal(engine_level_parse(NULL, &lv), ST_INVALID);
	assert_int_equal(engine_quality_parse(NULL, &q), ST_INVALID);
}

/* ---- JSON ---- */

/* to_json, printed, parsed, from_json: the same state comes back. */
static void
assert_round_trip(const struct engine_state *s)
{
	struct json_object	*o, *back;
	struct engine_state	 t;
	char			*text;

	o = engine_to_json(s);
	text = strdup(json_object_to_json_string_ext(o,
	    JSON_C_TO_STRING_PLAIN));
	back = json_tokener_parse(text);
	assert_non_null(back);
	memset(&t, 0xa5, sizeof(t));
	assert_int_equal(engine_from_json(back, &t), ST_OK);
	assert_state_equal(s, &t);
	json_object_put(o);
	o = engine_to_json(&t);
	assert_string_equal(json_object_to_json_string_ext(o,
	    JSON_C_TO_STRING_PLAIN), text);
	json_object_put(o);
	json_object_put(back);
	free(text);
}

static void
test_engine_json_round_trips(void **state)
{
	static const char *const scripts[] = {
		"",			/* just started */
		"SS",			/* warmup done */
		"SSEEE",		/* up to the hard end */
		"SSWWPQQMSW",		/* boundaries at fundamental */
	};
	struct engine_state	 s;
	struct decision		 d;
	struct start		 st = { LV_EXPERT, 0, NULL, "0100", "SSS", 3,
	    40 };
	struct evaluation	 ev;
	size_t			 i, j;

	(void)state;
	for (i = 0; i < sizeof(scripts) / sizeof(scripts[0]); i++) {
		engine_init(&s, skills, 4, 8, 12);
		for (j = 0; scripts[i][j] != '\0'; j++)
			play(&s, NULL, scripts[i][j], false, T0 + j, &d);
		assert_round_trip(&s);
	}
	/* A mark, a real boundary, thirds that print long, then complete. */
	setup_state(&s, &st);
	play(&s, NULL, 'S', false, 1763800000LL, &d);
	ev.quality = Q_FAIR;
	ev.accuracy = 1.0 / 3;
	ev.clarity = 2.0 / 3;
	engine_answer(&s, NULL, &ev, false, T0, &d);
	assert_round_trip(&s);
	play(&s, NULL, 'M', true, T0, &d);
	assert_true(s.complete);
	assert_round_trip(&s);
	/* Full turns. */
	engine_init(&s, skills, 4, 100, 100);
	for (j = 0; j < 70; j++)
		play(&s, NULL, "MSWQ"[j % 4], false, T0 + j, &d);
	assert_int_equal(s.nturns, ENGINE_MAX_TURNS);
	assert_round_trip(&s);
}

static void
test_engine_json_is_readable(void **state)
{
	struct engine_state	 s;
	struct decision		 d;
	struct start		 st = { LV_ADVANCED, 0, NULL, NULL, "SSW", 0,
	    0 };
	struct json_object	*o, *v, *b;

	(void)state;
	setup_state(&s, &st);
	play(&s, NULL, 'W', false, 1763800000LL, &d);
	o = engine_to_json(&s);
	assert_true(json_object_object_get_ex(o, "level", &v));
	assert_string_equal(json_object_get_string(v), "intermediate");
	assert_true(json_object_object_get_ex(o, "asked", &v));
	assert_int_equal(json_object_get_int(v), 4);
	assert_true(json_object_object_get_ex(o, "boundaries", &v));
	b = json_object_array_get_idx(v, 0);
	assert_true(json_object_object_get_ex(b, "skill", &v));
	assert_string_equal(json_object_get_string(v), "hooks");
	assert_true(json_object_object_get_ex(b, "level", &v));
	assert_string_equal(json_object_get_string(v), "advanced");
	assert_true(json_object_object_get_ex(b, "at", &v));
	assert_int_equal(json_object_get_int64(v), 1763800000LL);
	assert_true(json_object_object_get_ex(o, "turns", &v));
	b = json_object_array_get_idx(v, 3);
	assert_true(json_object_object_get_ex(b, "quality", &v));
	assert_string_equal(json_object_get_string(v), "fair");
	json_object_put(o);
}

static void
test_engine_json_empty_object_is_not_started(void **state)
{
	struct json_object	*o = json_tokener_parse("{}");
	struct engine_state	 s;

	(void)state;
	assert_int_equal(engine_from_json(o, &s), ST_NOTFOUND);
	json_object_put(o);
	assert_int_equal(engine_from_json(NULL, &s), ST_INVALID);
}

/* A valid document: 2 boundaries (hooks real, state a mark), 5 turns. */
static struct json_object *
base_json(void)
{
	struct engine_state	 s;
	struct start		 st = { LV_ADVANCED, 0, "1100", NULL, "SSSWW",
	    3, 20 };
	struct boundary		*b;

	setup_state(&s, &st);
	b = &s.boundaries[s.nboundaries++];
	snprintf(b->skill, sizeof(b->skill), "hooks");
	b->level = LV_ADVANCED;
	b->at = 100;
	b = &s.boundaries[s.nboundaries++];
	snprintf(b->skill, sizeof(b->skill), "state");
	b->level = LV_EXPERT;
	b->above_expert = true;
	b->at = 200;
	s.detections = 2;
	return engine_to_json(&s);
}

/* One change to the base: a member set (or removed, value NULL). */
struct mutation {
	const char	*array;		/* NULL: the document itself */
	int		 idx;
	const char	*key;		/* NULL: the array element itself */
	const char	*value;		/* JSON text; NULL: remove */
};

static void
mutate(struct json_object *o, const struct mutation *m)
{
	struct json_object	*target = o, *v = NULL;

	if (m->value != NULL) {
		v = json_tokener_parse(m->value);
		assert_true(v != NULL || strcmp(m->value, "null") == 0);
	}
	if (m->array != NULL) {
		assert_true(json_object_object_get_ex(o, m->array, &target));
		if (m->key == NULL) {
			json_object_array_put_idx(target, m->idx, v);
			return;
		}
		target = json_object_array_get_idx(target, m->idx);
		assert_non_null(target);
	}
	if (m->value == NULL)
		json_object_object_del(target, m->key);
	else
		json_object_object_add(target, m->key, v);
}

static void
test_engine_json_refuses_malformed_state(void **state)
{
	static const struct mutation c[] = {
		{ NULL, 0, "level", "\"master\"" },
		{ NULL, 0, "level", "3" },
		{ NULL, 0, "level", NULL },
		{ NULL, 0, "hard_end", "1" },
		{ NULL, 0, "asked", "\"5\"" },
		{ NULL, 0, "asked", "5.0" },
		{ NULL, 0, "asked", "-1" },
		{ NULL, 0, "asked", "21" },		/* over max_questions */
		{ NULL, 0, "asked", "99999999999999999999" },
		{ NULL, 0, "asked", "4" },		/* under the turns */
		{ NULL, 0, "min_questions", "0" },
		{ NULL, 0, "max_questions", "2" },	/* under min */
		{ NULL, 0, "max_questions", "1001" },
		{ NULL, 0, "max_questions", "5" },	/* reached, yet not complete */
		{ NULL, 0, "current_skill",	/* 61 bytes */
		    "\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
		    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"" },
		{ NULL, 0, "current_skill", "\"a\\u0000b\"" },
		{ NULL, 0, "current_skill", "null" },
		{ NULL, 0, "detections", "-1" },
		{ NULL, 0, "detections", "1" },		/* under boundaries */
		{ NULL, 0, "detections", "6" },		/* more than answers */
		{ NULL, 0, "complete", "true" },	/* with no end_reason */
		{ NULL, 0, "end_reason", "\"time\"" },	/* not complete */
		{ NULL, 0, "end_reason", "\"bored\"" },
		{ NULL, 0, "skills", "{}" },
		{ NULL, 0, "skills",
		    "[\"hooks\", 7, \"rendering\", \"testing\"]" },
		{ NULL, 0, "skills",
		    "[\"hooks\", \"hooks\", \"rendering\", \"testing\"]" },
		{ NULL, 0, "skills",
		    "[\"\", \"state\", \"rendering\", \"testing\"]" },
		{ NULL, 0, "explored", "[true]" },
		{ NULL, 0, "explored", "[1, 0, 0, 0]" },
		{ NULL, 0, "turns", "{\"skill\": \"hooks\"}" },
		{ NULL, 0, "boundaries", NULL },
		{ "turns", 0, NULL, "\"hooks\"" },
		{ "turns", 0, NULL, "null" },
		{ "turns", 0, "quality", "\"superb\"" },
		{ "turns", 0, "composite", "1.5" },
		{ "turns", 0, "composite", "-0.1" },
		{ "turns", 0, "composite", "\"high\"" },
		{ "turns", 0, "composite", "NaN" },
		{ "turns", 0, "level", "\"legendary\"" },
		{ "turns", 0, "skill", NULL },
		{ "boundaries", 0, "level", "\"warmup\"" },
		{ "boundaries", 0, "above_expert", "true" },	/* advanced */
		{ "boundaries", 0, "above_expert", "\"no\"" },
		{ "boundaries", 0, "at", "\"yesterday\"" },
		{ "boundaries", 0, "at", "-5" },
		{ "boundaries", 1, "skill", "\"hooks\"" },	/* twice */
		{ "boundaries", 1, NULL, "[]" },
	};
	static const char *const docs[] = { "[]", "\"{}\"", "42", "true" };
	struct json_object	*o;
	struct engine_state	 s, untouched;
	size_t			 i;

	(void)state;
	o = base_json();
	assert_int_equal(engine_from_json(o, &s), ST_OK);
	json_object_put(o);
	memset(&untouched, 0xa5, sizeof(untouched));
	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		print_message("case %zu: %s[%d].%s = %s\n", i,
		    c[i].array ? c[i].array : "", c[i].idx,
		    c[i].key ? c[i].key : "", c[i].value ? c[i].value : "-");
		o = base_json();
		mutate(o, &c[i]);
		s = untouched;
		assert_int_equal(engine_from_json(o, &s), ST_INVALID);
		assert_memory_equal(&s, &untouched, sizeof(s));
		json_object_put(o);
	}
	for (i = 0; i < sizeof(docs) / sizeof(docs[0]); i++) {
		o = json_tokener_parse(docs[i]);
		assert_int_equal(engine_from_json(o, &s), ST_INVALID);
		json_object_put(o);
	}
}

/* Full arrays are taken; one more element, valid in itself, is refused. */
static void
test_engine_json_refuses_arrays_over_their_limits(void **state)
{
	static const char *const arrays[] = { "skills", "boundaries",
	    "turns" };
	static const char *const extra[] = { "\"s16\"",
	    "{\"skill\": \"css\", \"level\": \"advanced\","
	    " \"above_expert\": false, \"at\": 1}",
	    "{\"skill\": \"css\", \"level\": \"advanced\","
	    " \"composite\": 0.5, \"quality\": \"fair\"}" };
	const char		*names[ENGINE_MAX_SKILLS];
	char			 buf[ENGINE_MAX_SKILLS][16];
	struct engine_state	 s, t;
	struct json_object	*o, *v;
	size_t			 i;
	int			 j;

	(void)state;
	for (j = 0; j < ENGINE_MAX_SKILLS; j++) {
		snprintf(buf[j], sizeof(buf[j]), "s%d", j);
		names[j] = buf[j];
	}
	engine_init(&s, names, ENGINE_MAX_SKILLS, 1, 100);
	for (j = 0; j < ENGINE_MAX_SKILLS; j++) {
		snprintf(s.boundaries[j].skill, ENGINE_SKILL_LEN, "s%d", j);
		s.boundaries[j].level = LV_ADVANCED;
		s.boundaries[j].at = T0;
	}
	s.nboundaries = s.detections = ENGINE_MAX_SKILLS;
	for (j = 0; j < ENGINE_MAX_TURNS; j++) {
		snprintf(s.turns[j].skill, ENGINE_SKILL_LEN, "s%d", j % 16);
		s.turns[j].level = LV_ADVANCED;
		s.turns[j].composite = 0.5;
		s.turns[j].quality = Q_FAIR;
	}
	s.nturns = ENGINE_MAX_TURNS;
	s.asked = 80;
	o = engine_to_json(&s);
	assert_int_equal(engine_from_json(o, &t), ST_OK);
	assert_state_equal(&s, &t);
	json_object_put(o);
	for (i = 0; i < sizeof(arrays) / sizeof(arrays[0]); i++) {
		print_message("one more in %s\n", arrays[i]);
		o = engine_to_json(&s);
		assert_true(json_object_object_get_ex(o, arrays[i], &v));
		json_object_array_add(v, json_tokener_parse(extra[i]));
		/* Everything else stays consistent with the extra element. */
		assert_true(json_object_object_get_ex(o, "explored", &v));
		if (i == 0)
			json_object_array_add(v, json_object_new_boolean(0));
		json_object_object_add(o, "detections",
		    json_object_new_int(ENGINE_MAX_SKILLS + 1));
		assert_int_equal(engine_from_json(o, &t), ST_INVALID);
		json_object_put(o);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_engine_composite_weighs_accuracy_clarity_and_quality),
		cmocka_unit_test(test_engine_warmup_takes_two_answers_then_fundamental),
		cmocka_unit_test(test_engine_up_after_strong_answers),
		cmocka_unit_test(test_engine_up_needs_each_of_the_last_3_above_075),
		cmocka_unit_test(test_engine_three_excellent_go_up_to_the_hard_end),
		cmocka_unit_test(test_engine_up_at_expert_marks_above_expert),
		cmocka_unit_test(test_engine_down_records_a_boundary),
		cmocka_unit_test(test_engine_one_slip_after_strong_answers_does_not_drop),
		cmocka_unit_test(test_engine_down_at_fundamental_keeps_fundamental),
		cmocka_unit_test(test_engine_two_poor_at_one_level_record_a_boundary),
		cmocka_unit_test(test_engine_keeps_the_lower_boundary_on_repeat),
		cmocka_unit_test(test_engine_chooses_the_next_skill),
		cmocka_unit_test(test_engine_marks_skills_explored_when_answered),
		cmocka_unit_test(test_engine_completes_when_covered_at_maximum_or_on_time),
		cmocka_unit_test(test_engine_refuses_answers_once_complete),
		cmocka_unit_test(test_engine_counts_a_question_aside_towards_the_limits),
		cmocka_unit_test(test_engine_keeps_the_last_64_turns),
		cmocka_unit_test(test_engine_init_starts_at_warmup_with_clean_skills),
		cmocka_unit_test(test_engine_names_parse_back),
		cmocka_unit_test(test_engine_json_round_trips),
		cmocka_unit_test(test_engine_json_is_readable),
		cmocka_unit_test(test_engine_json_empty_object_is_not_started),
		cmocka_unit_test(test_engine_json_refuses_malformed_state),
		cmocka_unit_test(test_engine_json_refuses_arrays_over_their_limits),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
