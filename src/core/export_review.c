/*
 * export_review.c: the reviewers' words in the exports, for every kind of
 * interview: each reviewer's recommendation (and, one-way, rating) with
 * notes, as arrays, joined into single fields, and as Markdown lines.
 */
#include <json-c/json.h>
#include <string.h>

#include "export.h"

static struct json_object *
jstr(const char *s)
{
	return json_object_new_string(s != NULL ? s : "");
}

const char *
export_reviewers_joined(struct arena *a, const struct review *list, size_t n)
{
	struct buf	 b;
	size_t		 i;

	buf_init(&b, a);
	for (i = 0; i < n; i++)
		buf_printf(&b, "%s%s", i > 0 ? "; " : "",
		    *list[i].email ? list[i].email : "unrecorded reviewer");
	return b.p;
}

const char *
export_notes_joined(struct arena *a, const struct review *list, size_t n)
{
	struct buf	 b;
	size_t		 i;

	if (n == 1)
		return list[0].notes;
	buf_init(&b, a);
	for (i = 0; i < n; i++)
		if (*list[i].notes != '\0')
			buf_printf(&b, "%s%s: %s", b.len > 0 ? "\n\n" : "",
			    *list[i].email ? list[i].email :
			    "unrecorded reviewer", list[i].notes);
	return b.p;
}

const char *
export_values_joined(struct arena *a, const struct review *list, size_t n)
{
	struct buf	 b;
	size_t		 i;

	buf_init(&b, a);
	for (i = 0; i < n; i++) {
		buf_printf(&b, "%s%s: ", i > 0 ? "; " : "", *list[i].email ?
		    list[i].email : "unrecorded reviewer");
		if (list[i].rating > 0)
			buf_printf(&b, "%d", list[i].rating);
		else
			buf_puts(&b, list[i].recommendation);
	}
	return b.p;
}

void
export_md_review_tail(struct buf *b, const struct review *rv)
{
	char	 t[40];

	buf_puts(b, ", by ");
	export_md_text(b, recommend_reviewer(b->a, rv));
	buf_printf(b, ", %s", export_isotime(t, sizeof(t), rv->at));
	if (*rv->notes != '\0') {
		buf_puts(b, ": ");
		export_md_text(b, rv->notes);
	}
	buf_putc(b, '\n');
}

void
export_md_recommendations(struct buf *b, const struct review *recs, size_t n)
{
	size_t	 i;

	if (n == 0) {
		buf_puts(b, "- Recommendation: none yet\n");
		return;
	}
	if (n > 1) {
		buf_printf(b, "- Recommendations: %zu reviewers", n);
		buf_puts(b, strcmp(recommend_agreed(recs, n), "mixed") == 0 ?
		    ", mixed\n" : ", agreed\n");
	}
	for (i = 0; i < n; i++) {
		buf_printf(b, "%s- Recommendation: %s", n > 1 ? "  " : "",
		    recommend_label(recs[i].recommendation));
		export_md_review_tail(b, &recs[i]);
	}
}

struct json_object *
export_review_json(const struct review *rv)
{
	struct json_object	*o = json_object_new_object();
	char			 t[40];

	json_object_object_add(o, "reviewer", jstr(rv->email));
	json_object_object_add(o, "reviewer_name", jstr(rv->name));
	if (rv->rating > 0)
		json_object_object_add(o, "rating",
		    json_object_new_int(rv->rating));
	else
		json_object_object_add(o, "recommendation",
		    jstr(rv->recommendation));
	json_object_object_add(o, "notes", jstr(rv->notes));
	json_object_object_add(o, rv->rating > 0 ? "rated_at" :
	    "recommended_at", jstr(export_isotime(t, sizeof(t), rv->at)));
	return o;
}

struct json_object *
export_reviews_json(const struct review *list, size_t n)
{
	struct json_object	*arr = json_object_new_array();
	size_t			 i;

	for (i = 0; i < n; i++)
		json_object_array_add(arr, export_review_json(&list[i]));
	return arr;
}


struct json_object *
export_recommendation_json(struct arena *a, const struct review *recs,
    size_t n)
{
	struct json_object	*o = json_object_new_object();

	json_object_object_add(o, "recommendation", jstr(recommend_agreed(recs,
	    n)));
	json_object_object_add(o, "recommendation_notes",
	    jstr(export_notes_joined(a, recs, n)));
	json_object_object_add(o, "recommended_by",
	    jstr(export_reviewers_joined(a, recs, n)));
	json_object_object_add(o, "recommendations", export_reviews_json(recs,
	    n));
	return o;
}
