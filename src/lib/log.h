/* log.h: one JSON object per line on stderr, tagged with the current request id. */
#ifndef VIVA_LOG_H
#define VIVA_LOG_H

struct json_object;

/* Names the program in every line ("viva.fcgi", "viva"). */
void	log_init(const char *prog);
/* Sets the request id carried by lines until the next call; NULL clears it. */
void	log_set_request(const char *id);
const char *log_request_id(void);
void	log_info(const char *, ...) __attribute__((format(printf, 1, 2)));
void	log_warn(const char *, ...) __attribute__((format(printf, 1, 2)));
void	log_error(const char *, ...) __attribute__((format(printf, 1, 2)));
/* Writes obj with "t", "level", "prog" and "req" added; takes ownership of obj. */
void	log_json(const char *level, struct json_object *obj);

#endif
