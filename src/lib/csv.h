#ifndef VIVA_LIB_CSV_H
#define VIVA_LIB_CSV_H

#include "arena.h"

/*
 * The byte-order mark that opens every CSV viva writes: without it Excel
 * reads UTF-8 as the machine's old code page, so "Zoë" comes out "ZoÃ«" and
 * is saved back that way.  Readers that know UTF-8 skip it (viva's own
 * import does).
 */
#define CSV_BOM		"\xef\xbb\xbf"
/* First characters a spreadsheet reads as the start of a formula. */
#define CSV_FORMULA	"=+-@\t\r"

/*
 * One RFC 4180 cell: quoted when it must be, and when s starts with one of
 * guard (CSV_FORMULA, say) prefixed with ' inside the quotes, so that a
 * spreadsheet shows the text instead of evaluating it.  NULL is empty.
 */
void	csv_cell(struct buf *, const char *s, const char *guard);

#endif
