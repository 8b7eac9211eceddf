-- Security hardening (postgres). Keep in step with ../sqlite/0023_security.sql.
-- API tokens may carry an expiry; a member's tokens are listed and revoked by member.
ALTER TABLE api_tokens ADD COLUMN expires_at BIGINT;
CREATE INDEX api_tokens_member ON api_tokens (member_id, id);
