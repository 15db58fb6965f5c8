/* fakeai.h: tests/fakeai/server.mjs run beside a test stack, and scripted. */
#ifndef VIVA_TEST_FAKEAI_H
#define VIVA_TEST_FAKEAI_H

#include <json-c/json.h>

/* Starts the fake on a free port; 0 on success.  fakeai_base() is its URL. */
int			 fakeai_start(void);
/* fakeai_start, and VIVA_AI_BASE_URL and VIVA_AI_API_KEY pointed at it for the stack. */
int			 fakeai_start_as_provider(const char *api_key);
/*
 * Starts it serving HTTPS and WSS with the PEM certificate and key given
 * (fakeai_base() is then https://127.0.0.1:PORT), else as fakeai_start.
 */
int			 fakeai_start_tls(const char *cert, const char *key);
void			 fakeai_stop(void);
const char		*fakeai_base(void);	/* http[s]://127.0.0.1:PORT */
/* Empties its queue and request log, then queues script (a JSON array) unless NULL. */
void			 fakeai_script(const char *script);
/* GET (body NULL) or POST JSON to the fake's controls; its body (malloc'd). */
char			*fakeai_call(const char *path, const char *body);
/* How many times s occurs in its request log since the last reset. */
long long		 fakeai_count(const char *s);
/* The chat requests it received since the last reset (a JSON array the caller puts). */
struct json_object	*fakeai_requests(void);

#endif
