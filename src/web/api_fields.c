/*
 * api_fields.c: a JSON body's members checked by an HTML form's field table
 * (the same limits and messages as the form), with errors by member name.
 */
#include <json-c/json.h>
#include <string.h>

#include "handlers.h"

void
api_field_error(struct api_checked *c, const char *name, const char *msg)
{
	if (c->nerr < API_MAX_FIELD_ERRORS) {
		c->ename[c->nerr] = name;
		c->emsg[c->nerr++] = msg;
	}
}

static const struct api_name *
by_api(const struct api_name *n, const char *api)
{
	for (; n->api != NULL; n++)
		if (strcmp(n->api, api) == 0)
			return n;
	return NULL;
}

static const struct field *
by_form(const struct field *t, const char *form)
{
	for (; t->name != NULL; t++)
		if (strcmp(t->name, form) == 0)
			return t;
	return NULL;
}

/* As the form parsers accept text: no control characters but tab, CR, LF. */
static int
plain_text(const char *s, size_t len)
{
	size_t	i;

	for (i = 0; i < len; i++)
		if (((unsigned char)s[i] < 0x20 && s[i] != '\t' &&
		    s[i] != '\n' && s[i] != '\r') || s[i] == 0x7f)
			return 0;
	return 1;
}

/* A member's value as field text; NULL with a message for a wrong type. */
static const char *
member_text(struct req *r, const struct field *f, struct json_object *v,
    const char **err)
{
	const char	*s;
	size_t		 len;

	*err = NULL;
	if (f->type == F_INT) {
		if (json_object_is_type(v, json_type_int))
			return arena_printf(r->a, "%lld",
			    (long long)json_object_get_int64(v));
		*err = "Must be a whole number.";
		return NULL;
	}
	if (f->type == F_BOOL) {
		if (json_object_is_type(v, json_type_boolean))
			return json_object_get_boolean(v) ? "1" : "0";
		*err = "Must be true or false.";
		return NULL;
	}
	if (!json_object_is_type(v, json_type_string)) {
		*err = "Must be a string.";
		return NULL;
	}
	s = json_object_get_string(v);
	len = (size_t)json_object_get_string_len(v);
	if (strlen(s) != len || !plain_text(s, len)) {
		*err = "Must not hold control characters.";
		return NULL;
	}
	return arena_strndup(r->a, s, len);
}

static void
add_param(struct req *r, struct params *p, const char *name, const char *val)
{
	struct param	*v = arena_calloc(r->a, p->n + 1, sizeof(*v));

	if (p->n > 0)
		memcpy(v, p->v, p->n * sizeof(*v));
	v[p->n].name = name;
	v[p->n].val = val;
	v[p->n].vlen = strlen(val);
	p->v = v;
	p->n++;
}

/* The members of o as params named for the table; type errors go into c. */
static void
members(struct req *r, struct json_object *o, const struct api_name *names,
    struct params *p, struct api_checked *c)
{
	const struct api_name	*n;
	const struct field	*f;
	const char		*val, *err;

	json_object_object_foreach(o, key, v) {
		if ((n = by_api(names, key)) == NULL) {
			api_field_error(c, arena_strdup(r->a, key),
			    "Unknown field.");
			continue;
		}
		f = by_form(c->table, n->form);
		if (f == NULL || v == NULL)
			continue;	/* null: as if absent */
		if ((val = member_text(r, f, v, &err)) == NULL)
			api_field_error(c, n->api, err);
		else
			add_param(r, p, n->form, val);
	}
	for (n = names; n->api != NULL; n++)
		if (n->dflt != NULL && params_get(p, n->form) == NULL)
			add_param(r, p, n->form, n->dflt);
}

/* "a|b|c" or "a,b,c" as "a, b, c". */
static const char *
choices_listed(struct arena *a, const char *choices)
{
	struct buf	 b;
	const char	*c;

	buf_init(&b, a);
	for (c = choices; *c != '\0'; c++)
		if (*c == '|' || *c == ',')
			buf_puts(&b, ", ");
		else
			buf_putc(&b, *c);
	return b.p;
}

const char *
api_choices(struct arena *a, const char *choices)
{
	return arena_printf(a, "One of: %s.", choices_listed(a, choices));
}

const char *
api_field_message(struct arena *a, const struct field *table,
    const char *form, const char *err)
{
	const struct field	*f = by_form(table, form);

	if (f == NULL || f->type != F_ENUM || err != field_msg_choice)
		return err;
	return api_choices(a, f->choices);
}

int
api_names_have(const struct api_name *names, const char *api)
{
	return by_api(names, api) != NULL;
}

int
api_refused(const struct api_checked *c, const char *member)
{
	size_t	 i;

	for (i = 0; i < c->nerr; i++)
		if (strcmp(c->ename[i], member) == 0)
			return 1;
	return 0;
}

/* Runs the table over p and adds its messages to c, by API name. */
static void
check(struct req *r, const struct params *p, const struct api_name *names,
    struct api_checked *c)
{
	const struct api_name	*n;
	const struct field_val	*v;

	(void)fields_check(r->a, c->table, p, &c->f);
	for (n = names; n->api != NULL; n++) {
		v = fields_get(c->f, c->table, n->form);
		if (v != NULL && v->err != NULL)
			api_field_error(c, n->api, api_field_message(r->a,
			    c->table, n->form, v->err));
	}
}

void
api_object_fields(struct req *r, struct json_object *o,
    const struct field *table, const struct api_name *names,
    struct api_checked *c)
{
	struct params	p = { NULL, 0 };

	memset(c, 0, sizeof(*c));
	c->table = table;
	members(r, o, names, &p, c);
	check(r, &p, names, c);
}

enum status
api_read_fields(struct req *r, const struct field *table,
    const struct api_name *names, struct api_checked *c)
{
	struct json_object	*o;
	enum status		 st;

	memset(c, 0, sizeof(*c));
	if ((st = api_read_object(r, &o)) != ST_OK)
		return st;
	api_object_fields(r, o, table, names, c);
	json_object_put(o);
	return ST_OK;
}

const char *
api_member_of(const struct api_name *names, const char *form)
{
	for (; names->api != NULL; names++)
		if (strcmp(names->form, form) == 0)
			return names->api;
	return form;
}

long long
api_num(const struct api_checked *c, const char *form)
{
	return fields_get(c->f, c->table, form)->num;
}

const char *
api_text(const struct api_checked *c, const char *form)
{
	return fields_get(c->f, c->table, form)->text;
}

enum status
api_reply_checked(struct req *r, const struct api_checked *c)
{
	return api_reply_fields(r, c->ename, c->emsg, c->nerr);
}

