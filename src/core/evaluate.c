/*
 * evaluate.c: the model as evaluator.  The reply must be one call of
 * evaluate_candidate_answer whose arguments follow the schema below; each
 * field is checked here as well, since a model can break any schema.
 */
#include <json-c/json.h>
#include <math.h>
#include <string.h>

#include "evaluate.h"
#include "lib/log.h"

#define TOOL_NAME	"evaluate_candidate_answer"

/* strict: every property required, nothing else allowed. */
static const char tools_json[] = "[{\"type\":\"function\",\"function\":{"
    "\"name\":\"" TOOL_NAME "\",\"strict\":true,"
    "\"description\":\"Record the evaluation of the candidate's answer to the"
    " current question.\",\"parameters\":{\"type\":\"object\","
    "\"additionalProperties\":false,\"required\":[\"answer_quality\","
    "\"technical_accuracy\",\"explanation_clarity\",\"identified_skills\","
    "\"skill_boundaries_detected\",\"star\",\"reasons\"],\"properties\":{"
    "\"answer_quality\":{\"type\":\"string\",\"enum\":[\"excellent\",\"good\","
    "\"fair\",\"poor\"]},"
    "\"technical_accuracy\":{\"type\":\"number\",\"minimum\":0,\"maximum\":1},"
    "\"explanation_clarity\":{\"type\":\"number\",\"minimum\":0,\"maximum\":1},"
    "\"identified_skills\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}},"
    "\"skill_boundaries_detected\":{\"type\":\"array\",\"items\":"
    "{\"type\":\"string\"}},"
    "\"star\":{\"type\":\"object\",\"additionalProperties\":false,"
    "\"required\":[\"situation\",\"task\",\"action\",\"result\"],"
    "\"properties\":{\"situation\":{\"type\":\"boolean\"},\"task\":{\"type\":"
    "\"boolean\"},\"action\":{\"type\":\"boolean\"},\"result\":{\"type\":"
    "\"boolean\"}}},"
    "\"reasons\":{\"type\":\"string\"}}}}}]";

static const char tool_choice_json[] = "{\"type\":\"function\",\"function\":"
    "{\"name\":\"" TOOL_NAME "\"}}";

#define MAX_LIST	20	/* identified skills, boundaries */
#define MAX_TEXT	2000	/* reasons, each list item */

static const char *
system_prompt(struct arena *a, const struct eval_input *in)
{
	return arena_printf(a, "You evaluate one answer in a technical interview"
	    " for the role %s. The current question is at the %s level, skill"
	    " area %s, category %s. Judge only the candidate's last answer"
	    " against the rubric (expected points with weights): technical"
	    " accuracy and explanation clarity from 0 to 1, an overall quality,"
	    " the skills it shows, any skill boundary it reveals, and for"
	    " behavioral questions which STAR parts are present (else all"
	    " false). Give short reasons a hiring manager can read. Call %s"
	    " exactly once.\n\nRubric: %s", in->role, in->level, in->skill,
	    in->category, TOOL_NAME, in->rubric != NULL && *in->rubric != '\0' ?
	    in->rubric : "none was written for this question: judge the"
	    " answer against what the question asks.");
}

const struct chat_msg *
evaluate_window(struct arena *a, const char *system,
    const struct chat_msg *history, size_t nhistory, const char *question,
    const char *answer, size_t *n, int *truncated)
{
	struct chat_msg	*m;
	size_t		 i, k = 0, keep = EVALUATE_KEEP_FIRST + EVALUATE_KEEP_LAST;

	m = arena_calloc(a, keep + 3, sizeof(*m));
	m[k].role = "system";
	m[k++].content = system;
	*truncated = nhistory > keep ? (int)(nhistory - keep) : 0;
	for (i = 0; i < nhistory; i++)
		if (*truncated == 0 || i < EVALUATE_KEEP_FIRST ||
		    i >= nhistory - EVALUATE_KEEP_LAST)
			m[k++] = history[i];
	if (question != NULL) {
		m[k].role = "assistant";
		m[k++].content = question;
	}
	if (answer != NULL) {
		m[k].role = "user";
		m[k++].content = answer;
	}
	*n = k;
	return m;
}

const struct chat_msg *
evaluate_messages(struct arena *a, const struct eval_input *in, size_t *n,
    int *truncated)
{
	return evaluate_window(a, system_prompt(a, in), in->history,
	    in->nhistory, in->question, in->answer, n, truncated);
}

static int
unit(struct json_object *o, const char *key, double *v)
{
	struct json_object	*x;

	if (!json_object_object_get_ex(o, key, &x) ||
	    !(json_object_is_type(x, json_type_double) ||
	    json_object_is_type(x, json_type_int)))
		return -1;
	*v = json_object_get_double(x);
	return isfinite(*v) && *v >= 0 && *v <= 1 ? 0 : -1;
}

static int
strings(struct json_object *o, const char *key)
{
	struct json_object	*x, *e;
	size_t			 i;

	if (!json_object_object_get_ex(o, key, &x) ||
	    !json_object_is_type(x, json_type_array) ||
	    json_object_array_length(x) > MAX_LIST)
		return -1;
	for (i = 0; i < json_object_array_length(x); i++) {
		e = json_object_array_get_idx(x, i);
		if (!json_object_is_type(e, json_type_string) ||
		    json_object_get_string_len(e) > MAX_TEXT)
			return -1;
	}
	return 0;
}

static int
star_ok(struct json_object *o)
{
	static const char *const parts[] = { "situation", "task", "action",
				    "result" };
	struct json_object	*s, *x;
	size_t			 i;

	if (!json_object_object_get_ex(o, "star", &s) ||
	    !json_object_is_type(s, json_type_object))
		return -1;
	for (i = 0; i < sizeof(parts) / sizeof(parts[0]); i++)
		if (!json_object_object_get_ex(s, parts[i], &x) ||
		    !json_object_is_type(x, json_type_boolean))
			return -1;
	return 0;
}

static const char *
check(struct json_object *o, struct evaluation *ev)
{
	struct json_object	*x;

	if (!json_object_is_type(o, json_type_object))
		return "the arguments are not a JSON object";
	if (!json_object_object_get_ex(o, "answer_quality", &x) ||
	    !json_object_is_type(x, json_type_string) ||
	    engine_quality_parse(json_object_get_string(x), &ev->quality) !=
	    ST_OK)
		return "answer_quality is not excellent, good, fair or poor";
	if (unit(o, "technical_accuracy", &ev->accuracy) != 0)
		return "technical_accuracy is not a number from 0 to 1";
	if (unit(o, "explanation_clarity", &ev->clarity) != 0)
		return "explanation_clarity is not a number from 0 to 1";
	if (strings(o, "identified_skills") != 0)
		return "identified_skills is not a list of strings";
	if (strings(o, "skill_boundaries_detected") != 0)
		return "skill_boundaries_detected is not a list of strings";
	if (star_ok(o) != 0)
		return "star is not an object of four booleans";
	if (!json_object_object_get_ex(o, "reasons", &x) ||
	    !json_object_is_type(x, json_type_string) ||
	    json_object_get_string_len(x) > MAX_TEXT)
		return "reasons is not a string";
	return NULL;
}

enum status
evaluate_parse(struct arena *a, const char *args, int behavioral,
    struct eval_result *out, const char **why)
{
	struct json_object	*o, *keep;
	static const char *const copied[] = { "answer_quality",
		"identified_skills", "skill_boundaries_detected", "reasons" };
	size_t			 i;

	if (args == NULL || (o = json_tokener_parse(args)) == NULL) {
		*why = "the arguments are not JSON";
		return ST_INVALID;
	}
	if ((*why = check(o, &out->eval)) != NULL) {
		json_object_put(o);
		return ST_INVALID;
	}
	/* Stored in the scorer's shape, so that pages read either alike. */
	keep = json_object_new_object();
	json_object_object_add(keep, "quality", json_object_get(
	    json_object_object_get(o, "answer_quality")));
	json_object_object_add(keep, "technical_accuracy",
	    json_object_new_double(out->eval.accuracy));
	json_object_object_add(keep, "explanation_clarity",
	    json_object_new_double(out->eval.clarity));
	json_object_object_add(keep, "composite",
	    json_object_new_double(engine_composite(&out->eval)));
	json_object_object_add(keep, "scorer", json_object_new_string("model"));
	for (i = 1; i < sizeof(copied) / sizeof(copied[0]); i++)
		json_object_object_add(keep, copied[i], json_object_get(
		    json_object_object_get(o, copied[i])));
	if (behavioral)
		json_object_object_add(keep, "star", json_object_get(
		    json_object_object_get(o, "star")));
	json_object_object_add(keep, "memory_truncated",
	    json_object_new_int(out->truncated));
	out->json = arena_strdup(a, json_object_to_json_string_ext(keep,
	    JSON_C_TO_STRING_PLAIN));
	json_object_put(keep);
	json_object_put(o);
	return ST_OK;
}

enum status
evaluate_answer(struct arena *a, struct provider *p,
    const struct eval_input *in, struct eval_result *out)
{
	struct chat_req	 req;
	struct chat_res	 res;
	const char	*why = NULL;
	int		 attempt;

	memset(out, 0, sizeof(*out));
	memset(&req, 0, sizeof(req));
	req.model = in->model;
	req.msgs = evaluate_messages(a, in, &req.n, &out->truncated);
	req.tools = tools_json;
	req.tool_choice = tool_choice_json;
	req.max_completion_tokens = 600;
	/* A malformed call is asked once more, then given up. */
	for (attempt = 0; attempt < 2; attempt++) {
		if (provider_chat(a, p, &req, &res) != ST_OK) {
			out->failure = arena_printf(a, "no answer from the AI"
			    " service: %s", res.error_code != NULL ?
			    res.error_code : "invalid request");
			return ST_UNAVAILABLE;
		}
		out->prompt_tokens += res.prompt_tokens;
		out->completion_tokens += res.completion_tokens;
		if (res.tool_name == NULL || strcmp(res.tool_name, TOOL_NAME) != 0)
			why = "the reply called no evaluate_candidate_answer";
		else if (evaluate_parse(a, res.tool_args,
		    strcmp(in->category, "behavioral") == 0, out, &why) == ST_OK)
			return ST_OK;
		log_warn("evaluation attempt %d: %s", attempt + 1, why);
	}
	out->failure = arena_printf(a, "malformed twice: %s", why);
	return ST_INVALID;
}
