/* form.h: parsers for query strings, urlencoded and multipart bodies, cookies. */
#ifndef VIVA_FORM_H
#define VIVA_FORM_H

#include <stddef.h>

#include "arena.h"
#include "status.h"

/* One decoded name=value pair.  val is NUL-terminated and may hold no NUL. */
struct param {
	const char	*name;
	const char	*val;
	size_t		 vlen;
	const char	*filename;	/* multipart file parts only, else NULL */
	const char	*ctype;		/* multipart part Content-Type, else NULL */
};

struct params {
	struct param	*v;
	size_t		 n;
};

struct form_limits {
	size_t		 max_fields;	/* pairs in one input */
	size_t		 max_name;	/* bytes in one name */
	size_t		 max_value;	/* bytes in one decoded value */
	size_t		 max_total;	/* bytes of the whole encoded input */
};

/* 64 fields, 64-byte names, 512 KiB values, 2 MiB total (the body limit). */
extern const struct form_limits form_limits_default;

/*
 * Each parser decodes into arena memory and on failure returns ST_INVALID
 * (malformed, bad UTF-8, NUL or control characters in a value) or ST_TOOLARGE
 * (a limit passed), with *why set to a static human-readable reason.
 * Names must be [A-Za-z0-9_.-]; values must be valid UTF-8 with no control
 * characters but tab, CR and LF (file parts of multipart are exempt and may hold
 * any bytes).  Empty input yields zero params.
 */
enum status	 form_parse_query(struct arena *, const char *, size_t,
		    const struct form_limits *, struct params *, const char **why);
enum status	 form_parse_urlencoded(struct arena *, const char *, size_t,
		    const struct form_limits *, struct params *, const char **why);
/* content_type is the whole header value, holding the boundary parameter. */
enum status	 form_parse_multipart(struct arena *, const char *content_type,
		    const char *, size_t, const struct form_limits *,
		    struct params *, const char **why);
/* Cookie header "a=1; b=2"; malformed pairs are skipped, not fatal (browsers send junk). */
enum status	 form_parse_cookies(struct arena *, const char *, size_t,
		    const struct form_limits *, struct params *, const char **why);

/* First param with that name, or NULL. */
const struct param *params_get(const struct params *, const char *);
/* Its value, or NULL. */
const char	*params_val(const struct params *, const char *);

/* 1 if s[0..len) is well-formed UTF-8 (no overlongs, surrogates or > U+10FFFF). */
int		 utf8_valid(const char *, size_t);
/* Number of code points in valid UTF-8. */
size_t		 utf8_len(const char *, size_t);
/*
 * In valid, NUL-terminated UTF-8, cut before s: past what still belongs to
 * the character before s (accents typed apart, an emoji's joined parts and
 * skin tone), so that a cut there splits no character a reader sees.
 */
const char	*utf8_char_end(const char *s);

/* Field tables: what a handler accepts, checked before it runs (STYLE.md section 8). */
enum field_type {
	F_TEXT,		/* multi-line text; min/max are code points */
	F_LINE,		/* one line of text: no CR or LF; min/max code points */
	F_EMAIL,	/* one address, local@domain, min/max bytes */
	F_INT,		/* decimal integer, min/max are the value range */
	F_BOOL,		/* checkbox: absent = 0, "on"/"1"/"true" = 1 */
	F_PASSWORD,	/* like F_LINE but never echoed back into a form */
	F_ENUM,		/* one of the '|'-separated words in choices */
	F__MAX
};

#define FIELD_REQUIRED	0x01

/* An F_ENUM value that is none of its choices: the page shows them. */
extern const char	field_msg_choice[];

struct field {
	const char	*name;
	enum field_type	 type;
	long long	 min;
	long long	 max;
	unsigned	 flags;
	const char	*choices;	/* F_ENUM only: "admin|interviewer" */
};

/* One checked field, in table order. */
struct field_val {
	const char	*name;
	int		 present;	/* sent and non-empty */
	const char	*text;		/* trimmed text ("" when absent); for F_INT the raw text */
	long long	 num;		/* F_INT value, F_BOOL 0/1 */
	const char	*err;		/* NULL, or a message to show beside the field */
};

/*
 * Checks in against the table (terminated by a NULL name) and fills *out with
 * one field_val per row.  Params not in the table are ignored.  Returns ST_OK
 * when every field is valid, ST_INVALID when any has an err.
 */
enum status	 fields_check(struct arena *, const struct field *,
		    const struct params *, struct field_val **out);
/* The checked value of a field by name, or NULL if not in the table. */
const struct field_val *fields_get(const struct field_val *, const struct field *,
		    const char *);

#endif
