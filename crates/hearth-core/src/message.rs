//! What the system says to a person, as a key and its arguments rather than as words: a
//! validation error, a refusal, a notice. The words live in the binary's Fluent files
//! (`locales/{lang}/*.ftl`, one message per key); a page says a message in its reader's
//! language, and the API and the command line say it in English from the same key.
//!
//! This crate cannot read the Fluent files (it does no I/O), so `Display` asks the one
//! renderer the binary installs at start-up ([`install_renderer`]) and, before that (in
//! this crate's own tests), writes the key and its arguments.

use std::fmt;
use std::sync::OnceLock;

/// A value a message fills in: text as it is, or a number the language formats.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    Text(String),
    Number(f64),
}

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Text(s.to_string())
    }
}

impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Text(s)
    }
}

impl From<&String> for Arg {
    fn from(s: &String) -> Self {
        Arg::Text(s.clone())
    }
}

macro_rules! numbers {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Self {
                Arg::Number(n as f64)
            }
        }
    )*};
}
numbers!(i32, i64, u8, u16, u32, u64, usize, f64);

impl fmt::Display for Arg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Arg::Text(s) => f.write_str(s),
            Arg::Number(n) => write!(f, "{n}"),
        }
    }
}

/// A message: its Fluent key and the arguments the key's text names.
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    pub key: &'static str,
    pub args: Vec<(&'static str, Arg)>,
}

impl Message {
    /// A message without arguments.
    pub const fn new(key: &'static str) -> Self {
        Message {
            key,
            args: Vec::new(),
        }
    }

    /// The message with one more argument.
    pub fn with(mut self, name: &'static str, value: impl Into<Arg>) -> Self {
        self.args.push((name, value.into()));
        self
    }

    /// The argument called `name`, if the message has one.
    pub fn arg(&self, name: &str) -> Option<&Arg> {
        self.args.iter().find(|(n, _)| *n == name).map(|(_, v)| v)
    }
}

impl From<&'static str> for Message {
    fn from(key: &'static str) -> Self {
        Message::new(key)
    }
}

/// `message!("err-at-most-characters", max = 60)`: a [`Message`] with its arguments.
#[macro_export]
macro_rules! message {
    ($key:expr $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::message::Message::new($key)$(.with(stringify!($name), $value))*
    };
}

/// Says a message in English; installed once by the binary.
pub type Renderer = fn(&Message) -> String;

static RENDERER: OnceLock<Renderer> = OnceLock::new();

/// Installs the renderer `Display` uses. The first call wins; later ones change nothing.
pub fn install_renderer(renderer: Renderer) {
    let _ = RENDERER.set(renderer);
}

impl fmt::Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(render) = RENDERER.get() {
            return f.write_str(&render(self));
        }
        f.write_str(self.key)?;
        for (i, (name, value)) in self.args.iter().enumerate() {
            let sep = if i == 0 { " (" } else { ", " };
            write!(f, "{sep}{name}: {value}")?;
        }
        if !self.args.is_empty() {
            f.write_str(")")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_keeps_its_key_and_arguments_in_order() {
        let m = message!("err-at-most-characters", max = 60, field = "title");
        assert_eq!(m.key, "err-at-most-characters");
        assert_eq!(m.arg("max"), Some(&Arg::Number(60.0)));
        assert_eq!(m.arg("field"), Some(&Arg::Text("title".into())));
        assert_eq!(m.arg("min"), None);
        assert_eq!(Message::from("err-required").args, vec![]);
    }
}
