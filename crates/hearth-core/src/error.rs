//! The error every parser in core returns: which field was wrong and why, in words a user
//! can act on.

/// A value from outside did not parse. `field` names the input (as the form or JSON calls
/// it) and `message` says what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {message}")]
pub struct Invalid {
    pub field: &'static str,
    pub message: String,
}

impl Invalid {
    pub fn new(field: &'static str, message: impl Into<String>) -> Self {
        Invalid {
            field,
            message: message.into(),
        }
    }
}
