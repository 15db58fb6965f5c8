-- 026_rerender_aligned_cells.sql: Markdown tables rendered before the
-- renderer gave aligned cells class="align-..." (src/lib/markdown.c) kept
-- cmark-gfm's align="...", which HTML5 dropped, in their stored HTML.
-- Forgotten (NULL), they are rendered again on their next view.
UPDATE messages SET content_html = NULL
	WHERE content_html LIKE '%<td align="%' OR content_html LIKE '%<th align="%';
UPDATE interviews SET challenge_html = NULL
	WHERE challenge_html LIKE '%<td align="%' OR challenge_html LIKE '%<th align="%';
