/*
 * fuzz_json_strict.c: the strict reading of JSON bodies (lib/json_strict.c)
 * never reads outside the text, and agrees with itself: what it accepts,
 * written out again by json-c, it accepts too, and a member given twice is
 * always refused.
 */
#include <assert.h>
#include <json-c/json.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lib/arena.h"
#include "lib/json_strict.h"

int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Parsed as api_read_object parses a body; NULL unless one whole value. */
static struct json_object *
parse(const char *s, size_t len)
{
	struct json_tokener	*tok = json_tokener_new();
	struct json_object	*o;

	json_tokener_set_flags(tok, JSON_TOKENER_STRICT |
	    JSON_TOKENER_VALIDATE_UTF8);
	o = json_tokener_parse_ex(tok, s, (int)len);
	if (json_tokener_get_error(tok) != json_tokener_success ||
	    json_tokener_get_parse_end(tok) != len) {
		json_object_put(o);
		o = NULL;
	}
	json_tokener_free(tok);
	return o;
}

/* s (len bytes, copied without its NUL) checked as the API checks a body. */
static const char *
check(struct arena *a, const char *s, size_t len, struct json_object **o)
{
	char	*copy = malloc(len + 1);	/* a tight buffer for ASan */
	const char *why;

	memcpy(copy, s, len);
	*o = parse(copy, len);
	why = *o == NULL ? "unparsed" :
	    json_strict_problem(a, copy, len, *o);
	free(copy);
	return why;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena		*a;
	struct json_object	*o, *again;
	const char		*why, *out;
	char			*twice;
	size_t			 n;

	if (size > 1 << 16)
		return 0;
	a = arena_new();
	why = check(a, (const char *)data, size, &o);
	/*
	 * Objects and arrays only, which end by themselves: json-c waits for
	 * more after a lone number ("22" could go on), as a body never ends.
	 */
	if (why == NULL && (json_object_is_type(o, json_type_object) ||
	    json_object_is_type(o, json_type_array))) {
		out = json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN);
		assert(check(a, out, strlen(out), &again) == NULL);
		json_object_put(again);
		/* An object with a member given once more: refused. */
		n = strlen(out);
		if (json_object_is_type(o, json_type_object) &&
		    json_object_object_length(o) > 0) {
			twice = arena_alloc(a, 2 * n);
			memcpy(twice, out, n - 1);
			twice[n - 1] = ',';
			memcpy(twice + n, out + 1, n - 1);	/* "k":v...} */
			assert(check(a, twice, 2 * n - 1, &again) != NULL);
			json_object_put(again);
		}
	}
	json_object_put(o);
	arena_free(a);
	return 0;
}
