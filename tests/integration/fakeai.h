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

/*
 * Steps scripted with "gate": true answer only once the gate is open: while
 * the model "writes", the test does what it must, however slow the machine,
 * then opens it.  It stays open until the next fakeai_script.
 */
void			 fakeai_gate_open(void);
/* How many answers wait at the gate now. */
int			 fakeai_gate_waiting(void);
/* Waits until at least n answers wait at the gate (fails the test after 15 s). */
void			 fakeai_gate_await(int n);

#endif
