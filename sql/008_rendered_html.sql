-- 008_rendered_html.sql: Markdown rendered once, when it is written, not on every view.
-- NULL: rendered on read (rows older than this file, and challenges until first shown).
ALTER TABLE messages ADD COLUMN content_html text;
ALTER TABLE interviews ADD COLUMN challenge_html text;
