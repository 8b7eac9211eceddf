-- Insights (sqlite). Keep in step with ../postgres/0025_insights.sql.
-- Who may open Insights besides admins and the owner: 'admin' (nobody else) or 'moderator'.
ALTER TABLE community ADD COLUMN insights_role TEXT NOT NULL DEFAULT 'admin';
