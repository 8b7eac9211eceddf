-- API token scopes and rate limits (sqlite). Keep in step with ../postgres/0031_token_scopes.sql.
-- scopes: a comma list (read,write,moderate,admin,ingest); NULL for a token made before
-- scopes, which keeps the member's full rights. rate_per_minute: NULL for the default.
ALTER TABLE api_tokens ADD COLUMN scopes TEXT;
ALTER TABLE api_tokens ADD COLUMN rate_per_minute INTEGER;
