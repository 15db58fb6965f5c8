/*
 * questioner.c: the model writes the adaptive interview's questions.  The
 * reply must be one call of the tool named in the request; its arguments
 * are checked here field by field, since a model can break any schema,
 * and a generated rubric must also pass the bank's own rubric check.
 */
#include <json-c/json.h>
#include <string.h>

#include "evaluate.h"
#include "lib/log.h"
#include "question.h"
#include "questioner.h"

#define FOLLOW_TOOL	"ask_follow_up_question"
#define WRITE_TOOL	"write_interview_question"

#define MAX_POINTS	8	/* expected points of a generated rubric */
#define MAX_PHRASES	10	/* key phrases of one point */
#define MAX_POINT_TEXT	300
#define MAX_PHRASE	80

/*
 * Both tools give a question with its rubric and a sample answer: a
 * follow-up asks something else than its parent, and judged against the
 * parent's points a right answer to it was marked poor (2026-12-07).
 */
#define QUESTION_PARAMETERS "\"parameters\":{\"type\":\"object\"," \
    "\"additionalProperties\":false," \
    "\"required\":[\"question\",\"expected_points\",\"sample_answer\"]," \
    "\"properties\":{\"question\":{\"type\":\"string\"}," \
    "\"sample_answer\":{\"type\":\"string\"}," \
    "\"expected_points\":{\"type\":\"array\",\"items\":{\"type\":\"object\"," \
    "\"additionalProperties\":false,\"required\":[\"text\",\"weight\"," \
    "\"key_phrases\"],\"properties\":{\"text\":{\"type\":\"string\"}," \
    "\"weight\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":5}," \
    "\"key_phrases\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}}" \
    "}}}}}"

static const char follow_tools[] = "[{\"type\":\"function\",\"function\":{"
    "\"name\":\"" FOLLOW_TOOL "\",\"strict\":true,"
    "\"description\":\"Ask the candidate one follow-up question, with its"
    " rubric.\"," QUESTION_PARAMETERS "}}]";

static const char write_tools[] = "[{\"type\":\"function\",\"function\":{"
    "\"name\":\"" WRITE_TOOL "\",\"strict\":true,"
    "\"description\":\"Give the next interview question and its rubric.\","
    QUESTION_PARAMETERS "}}]";

/* What the rubric is, in both prompts. */
#define RUBRIC_ASK "its rubric: 2 to 5 expected points, each with a weight" \
    " from 1 to 5 and 1 to 6 short key phrases that a good answer would use"

static const char *
choice(struct arena *a, const char *tool)
{
	return arena_printf(a, "{\"type\":\"function\",\"function\":"
	    "{\"name\":\"%s\"}}", tool);
}

/* The stored follow-up prompts as one line the model can read. */
static const char *
prompts_line(struct arena *a, const struct qw_input *in)
{
	struct buf	 b;
	size_t		 i;

	if (in->nprompts == 0)
		return "(none)";
	buf_init(&b, a);
	for (i = 0; i < in->nprompts; i++)
		buf_printf(&b, "%s\"%s\"", i ? "; " : "", in->prompts[i]);
	buf_putc(&b, '\0');
	return b.p;
}

static const char *
follow_prompt(struct arena *a, const struct qw_input *in)
{
	return arena_printf(a, "You are the interviewer in a technical"
	    " interview for the role %s. The candidate has just answered the"
	    " last question (skill area %s, level %s). Ask one follow-up"
	    " question that probes deeper into the same skill area at the same"
	    " level, building on what the answer said or left out. The"
	    " question bank suggests these follow-ups: %s. Write only the"
	    " question, one to three sentences of Markdown, with no feedback"
	    " on the answer; " RUBRIC_ASK " (for this follow-up, not the last"
	    " question); and a strong sample answer to it (a short paragraph"
	    " that makes every expected point) for practice feedback. Call %s"
	    " exactly once.", in->role, in->skill, in->level,
	    prompts_line(a, in), FOLLOW_TOOL);
}

static const char *
write_prompt(struct arena *a, const struct qw_input *in)
{
	return arena_printf(a, "You write the next question of an adaptive"
	    " interview for the role %s: skill area %s, difficulty %s%s (the"
	    " levels are warmup, fundamental, intermediate, advanced,"
	    " expert). Do not repeat a question already asked in the"
	    " conversation. Give the question (Markdown, one to four"
	    " sentences) and " RUBRIC_ASK "; and a strong sample answer (a"
	    " short paragraph"
	    " that makes every expected point) for practice feedback. Call %s"
	    " exactly once.", in->role, in->skill,
	    in->level, in->hard_end ? ", from the hard end of that level" : "",
	    WRITE_TOOL);
}

/* A string member of o, 1..max bytes and not blank, or NULL. */
static const char *
text(struct json_object *o, const char *key, size_t max)
{
	struct json_object	*x;
	const char		*s;

	if (!json_object_object_get_ex(o, key, &x) ||
	    !json_object_is_type(x, json_type_string))
		return NULL;
	s = json_object_get_string(x);
	if ((size_t)json_object_get_string_len(x) > max ||
	    s[strspn(s, " \t\r\n")] == '\0')
		return NULL;
	return s;
}

/* One expected point, checked, as the bank stores it. */
static const char *
point(struct json_object *e, struct json_object **out)
{
	struct json_object	*w, *ph, *x, *list;
	const char		*t;
	size_t			 i, n;

	*out = NULL;
	if (!json_object_is_type(e, json_type_object) ||
	    (t = text(e, "text", MAX_POINT_TEXT)) == NULL)
		return "expected_points[].text is not a short text";
	if (!json_object_object_get_ex(e, "weight", &w) ||
	    !json_object_is_type(w, json_type_int) ||
	    json_object_get_int(w) < 1 || json_object_get_int(w) > 5)
		return "expected_points[].weight is not a whole number 1 to 5";
	if (!json_object_object_get_ex(e, "key_phrases", &ph) ||
	    !json_object_is_type(ph, json_type_array) ||
	    (n = json_object_array_length(ph)) < 1 || n > MAX_PHRASES)
		return "expected_points[].key_phrases is not a list of 1 to 10";
	list = json_object_new_array();
	for (i = 0; i < n; i++) {
		x = json_object_array_get_idx(ph, i);
		if (!json_object_is_type(x, json_type_string) ||
		    json_object_get_string_len(x) < 1 ||
		    json_object_get_string_len(x) > MAX_PHRASE) {
			json_object_put(list);
			return "expected_points[].key_phrases has a bad phrase";
		}
		json_object_array_add(list, json_object_get(x));
	}
	*out = json_object_new_object();
	json_object_object_add(*out, "text", json_object_new_string(t));
	json_object_object_add(*out, "weight", json_object_get(w));
	json_object_object_add(*out, "phrases", list);
	return NULL;
}

/* The expected points as rubric JSON text that the bank's check accepts. */
static const char *
rubric(struct arena *a, struct json_object *o, const char **json)
{
	struct json_object	*pts, *r, *list, *p;
	struct question_point	*qp;
	const char		*why = NULL;
	size_t			 i, n, nq;

	if (!json_object_object_get_ex(o, "expected_points", &pts) ||
	    !json_object_is_type(pts, json_type_array) ||
	    (n = json_object_array_length(pts)) < 1 || n > MAX_POINTS)
		return "expected_points is not a list of 1 to 8 points";
	list = json_object_new_array();
	for (i = 0; i < n && why == NULL; i++)
		if ((why = point(json_object_array_get_idx(pts, i), &p)) ==
		    NULL)
			json_object_array_add(list, p);
	r = json_object_new_object();
	json_object_object_add(r, "points", list);
	*json = arena_strdup(a, json_object_to_json_string_ext(r,
	    JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(r);
	if (why == NULL && question_rubric_parse(a, *json, &qp, &nq, &why) !=
	    ST_OK)
		why = arena_printf(a, "the rubric %s", why);
	return why;
}

/*
 * The sample answer: optional, since the question is worth asking without
 * one (practice mode then shows none), but a text when it is there.
 */
static enum status
sample(struct arena *a, struct json_object *o, const char **out,
    const char **why)
{
	const char	*s;

	*out = NULL;
	if (!json_object_object_get_ex(o, "sample_answer", NULL))
		return ST_OK;
	if ((s = text(o, "sample_answer", QUESTIONER_SAMPLE_MAX)) == NULL) {
		*why = "sample_answer is not a text of at most 4000 bytes";
		return ST_INVALID;
	}
	*out = arena_strdup(a, s);
	return ST_OK;
}

enum status
questioner_parse(struct arena *a, const char *args, int generated,
    struct qw_result *out, const char **why)
{
	struct json_object	*o;
	const char		*body;

	*why = NULL;
	if (args == NULL || (o = json_tokener_parse(args)) == NULL) {
		*why = "the arguments are not JSON";
		return ST_INVALID;
	}
	if (!json_object_is_type(o, json_type_object))
		*why = "the arguments are not a JSON object";
	else if ((body = text(o, "question", QUESTIONER_TEXT_MAX)) == NULL)
		*why = "question is not a text of at most 2000 bytes";
	else if (sample(a, o, &out->sample_answer, why) == ST_OK) {
		out->body = arena_strdup(a, body);
		/* A follow-up's points may be missing, not wrong. */
		if (generated || json_object_object_get_ex(o,
		    "expected_points", NULL))
			*why = rubric(a, o, &out->rubric);
	}
	json_object_put(o);
	return *why == NULL ? ST_OK : ST_INVALID;
}

/*
 * Text as compared for repeats: letters and digits lowercased, any other
 * run of bytes one space, none at the ends, so that Markdown, case and
 * punctuation do not make a question new ("Explain `useMemo` vs
 * useCallback?" is "explain usememo vs usecallback").  Bytes of UTF-8
 * letters stay as they are.
 */
static const char *
folded(struct arena *a, const char *s)
{
	char		*f = arena_alloc(a, strlen(s) + 1), *o = f;
	unsigned char	 c;

	for (; *s != '\0'; s++) {
		c = (unsigned char)*s;
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c >= 0x80)
			*o++ = (char)c;
		else if (c >= 'A' && c <= 'Z')
			*o++ = (char)(c - 'A' + 'a');
		else if (o > f && o[-1] != ' ')
			*o++ = ' ';
	}
	if (o > f && o[-1] == ' ')
		o--;
	*o = '\0';
	return f;
}

/*
 * The number of the question already asked in the interview that body
 * repeats, else 0: the history's questions (1, 2, ...), then the one just
 * answered.  A model asked for a new question may give an old one again
 * (a tester saw "Explain useMemo vs useCallback." as questions 1 and 2).
 */
static int
repeats(struct arena *a, const struct qw_input *in, const char *body)
{
	const char	*f = folded(a, body);
	size_t		 i;
	int		 n = 0;

	for (i = 0; i < in->nhistory; i++) {
		if (strcmp(in->history[i].role, "assistant") != 0)
			continue;
		n++;
		if (strcmp(folded(a, in->history[i].content), f) == 0)
			return n;
	}
	if (in->question != NULL && strcmp(folded(a, in->question), f) == 0)
		return n + 1;
	return 0;
}

/*
 * The forced tool call, asked once more when malformed or, for a whole
 * question, when it repeats one already asked in the interview.
 */
static enum status
call(struct arena *a, struct provider *p, struct chat_req *req,
    const char *tool, const struct qw_input *in, int generated,
    struct qw_result *out)
{
	struct chat_res	 res;
	const char	*why = NULL;
	int		 attempt, k, repeated = 0;

	req->tool_choice = choice(a, tool);
	req->max_completion_tokens = 800;	/* a question, its rubric, a sample */
	for (attempt = 0; attempt < 2; attempt++) {
		if (provider_chat(a, p, req, &res) != ST_OK) {
			out->failure = arena_printf(a, "the model did not answer"
			    " (%s)", res.error_code != NULL ? res.error_code :
			    "invalid request");
			return ST_UNAVAILABLE;
		}
		out->prompt_tokens += res.prompt_tokens;
		out->completion_tokens += res.completion_tokens;
		if (res.tool_name == NULL || strcmp(res.tool_name, tool) != 0)
			why = arena_printf(a, "the reply called no %s", tool);
		else if (questioner_parse(a, res.tool_args, generated, out,
		    &why) == ST_OK) {
			if (!generated || (k = repeats(a, in, out->body)) == 0)
				return ST_OK;
			why = arena_printf(a, "it repeats question %d", k);
			repeated = 1;
		}
		log_warn("%s attempt %d: %s", tool, attempt + 1, why);
	}
	out->body = out->rubric = out->sample_answer = NULL;
	out->failure = arena_printf(a, "the model's question was %s twice: %s",
	    repeated ? "unusable" : "malformed", why);
	return ST_INVALID;
}

enum status
questioner_follow_up(struct arena *a, struct provider *p,
    const struct qw_input *in, struct qw_result *out)
{
	struct chat_req	 req;

	memset(out, 0, sizeof(*out));
	memset(&req, 0, sizeof(req));
	req.model = in->model;
	req.msgs = evaluate_window(a, follow_prompt(a, in), in->history,
	    in->nhistory, in->question, in->answer, &req.n, &out->truncated);
	req.tools = follow_tools;
	return call(a, p, &req, FOLLOW_TOOL, in, 0, out);
}

enum status
questioner_generate(struct arena *a, struct provider *p,
    const struct qw_input *in, struct qw_result *out)
{
	struct chat_req	 req;

	memset(out, 0, sizeof(*out));
	memset(&req, 0, sizeof(req));
	req.model = in->model;
	/* The request ends on the candidate's side: the last answer, or a cue. */
	req.msgs = evaluate_window(a, write_prompt(a, in), in->history,
	    in->nhistory, in->question, in->answer != NULL ? in->answer :
	    "(The interview begins: write the first question.)", &req.n,
	    &out->truncated);
	req.tools = write_tools;
	return call(a, p, &req, WRITE_TOOL, in, 1, out);
}
