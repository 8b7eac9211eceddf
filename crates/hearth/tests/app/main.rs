//! Black-box tests: each starts Hearth on port 0 with a fresh database (SQLite, and
//! PostgreSQL when the test server is there) and talks to it over real HTTP.

mod api;
mod badges;
mod browser;
mod cli;
mod events;
mod feeds;
mod hostile;
mod i18n;
mod insights;
mod jobs;
mod locale;
mod mail;
mod membership;
mod moderation;
mod openapi;
mod pages;
mod parity;
mod people;
mod permissions;
mod points;
mod profiles;
mod prometheus;
mod search;
mod security;
mod smtp_sink;
mod stream;
mod support;
mod tidy;
mod tokens;
mod webhooks;
