//! The error every parser in core returns: which field was wrong and why, as a message key
//! the reader's language says (`crate::message`).

use crate::message::Message;

/// A value from outside did not parse. `field` names the input (as the form or JSON calls
/// it) and `message` says what is wrong with it.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{field}: {message}")]
pub struct Invalid {
    pub field: &'static str,
    pub message: Message,
}

impl Invalid {
    pub fn new(field: &'static str, message: impl Into<Message>) -> Self {
        Invalid {
            field,
            message: message.into(),
        }
    }
}
