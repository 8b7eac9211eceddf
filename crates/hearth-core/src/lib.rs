//! Hearth's domain: the values every other crate trusts, and the rules that decide things.
//!
//! This crate is pure: no I/O, no async, no SQL, no HTTP. A value of a type from here is
//! valid by construction (parse, don't validate); the access module is the one place where
//! permission decisions are made. Nothing here derives `Serialize`: the wire shapes live in
//! the web layer.

#![forbid(unsafe_code)]

pub mod access;
pub mod activity;
pub mod audit;
pub mod condition;
pub mod condition_builder;
pub mod error;
pub mod events;
pub mod ical;
pub mod markdown;
pub mod message;
pub mod model;
pub mod notifications;
pub mod people;
pub mod points;
pub mod rng;
pub mod search;
pub mod spam;
pub mod trust;
pub mod values;
pub mod vocabulary;

pub use error::Invalid;
pub use message::{Arg, Message};
