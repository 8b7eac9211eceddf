//! Hearth's analytics engine: a compact columnar copy of the activity log, kept in memory
//! and fed from the activity stream, and the community's numbers computed from it (active
//! members, cohorts, growth, support, contributors).
//!
//! This crate is pure compute: no I/O, no async, no SQL. The binary feeds it (a full build
//! at start, then each new activity as the stream brings it) and asks it questions; the
//! definitions of every number are written once, in [`definitions::METRICS`], from which
//! `docs/METRICS.md` and each chart's definition line are made.

#![forbid(unsafe_code)]

pub mod calendar;
pub mod churn;
pub mod definitions;
pub mod experiment;
pub mod graph;
pub mod health;
pub mod levels;
pub mod log;
pub mod network;
pub mod personas;
pub mod query;
pub mod sentiment;
pub mod trending;
pub mod value;

pub use calendar::{Day, Period, Zone};
pub use log::{Facts, Input, Log};
pub use query::{Filter, Scope};
