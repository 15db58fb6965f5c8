/* engine_impl.h: helpers shared by engine.c and engine_json.c. */
#ifndef VIVA_ENGINE_IMPL_H
#define VIVA_ENGINE_IMPL_H

#include <stddef.h>

#include "core/engine.h"

/*
 * Copies src into dst, cut to size - 1 bytes at a UTF-8 character boundary.
 * The whole buffer is written, so equal states are equal byte for byte.
 */
void		 engine_copy_str(char *dst, size_t size, const char *src);
/* dst is an array, not a pointer. */
#define ENGINE_COPY(dst, src)	engine_copy_str((dst), sizeof(dst), (src))
/* The index of skill among the key skills, or -1. */
int		 engine_skill_index(const struct engine_state *, const char *);
/* The boundary or mark recorded for skill, or NULL. */
struct boundary	*engine_boundary_find(struct engine_state *, const char *);

#endif
