//! Hearth: the community hub a small business runs itself, and the instrument that tells
//! the owner what its community is worth. This crate is the binary's library: configuration,
//! the command line, services, the web layer, the job worker and the demo generator.

#![forbid(unsafe_code)]

pub mod app;
pub mod cli;
pub mod config;
pub mod connections;
pub mod demo;
pub mod i18n;
pub mod import;
pub mod insights;
pub mod jobs;
pub mod ledger;
pub mod mail;
pub mod metrics;
pub mod outbound;
pub mod render;
pub mod services;
pub mod stream;
pub mod web;

pub use app::{AppState, serve};
