/* json_strict.h: what json-c's strict mode lets by, found. */
#ifndef VIVA_JSON_STRICT_H
#define VIVA_JSON_STRICT_H

#include <stddef.h>

struct arena;
struct json_object;

/*
 * Why text (len bytes), which json-c parsed into o with
 * JSON_TOKENER_STRICT, is not RFC 8259 JSON, or NULL when it is: a
 * 'single-quoted' string, NaN, Infinity or 1., half a surrogate pair
 * escaped, a control character raw inside a string, or an object given a
 * member twice.  The reason is a sentence
 * for the client; static, or allocated in a.
 */
const char	*json_strict_problem(struct arena *, const char *text,
		    size_t len, struct json_object *o);

#endif
