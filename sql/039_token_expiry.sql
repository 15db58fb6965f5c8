-- 039_token_expiry.sql: an API token may expire; NULL is never (tokens made
-- before this keep working as they did).
ALTER TABLE api_tokens ADD COLUMN expires_at timestamptz;
