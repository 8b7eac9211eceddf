//! What members are told and how often by mail: notification kinds, mail frequencies and
//! digests, each named once (`vocabulary::words!`). What each kind says, and its default
//! frequency, is the services' table (`services::notifications::KINDS`).

crate::vocabulary::words! {
    /// A kind of notification.
    NotificationKind,
    Reply = "reply",
    Mention = "mention",
    AnswerAccepted = "answer_accepted",
    IdeaStatus = "idea_status",
    NewTopic = "new_topic",
    WatchedReply = "watched_reply",
    EventPromoted = "event_promoted",
    EventCancelled = "event_cancelled",
    EventReminder = "event_reminder",
}

crate::vocabulary::words! {
    /// How often a member hears about a kind by mail.
    MailFrequency,
    Immediately = "immediately",
    Daily = "daily",
    Weekly = "weekly",
    Never = "never",
}

crate::vocabulary::words! {
    /// A digest: every waiting notification in one mail, daily or weekly.
    Digest,
    Daily = "daily",
    Weekly = "weekly",
}

impl MailFrequency {
    /// The digest this frequency collects into, if any.
    pub fn digest(self) -> Option<Digest> {
        match self {
            MailFrequency::Daily => Some(Digest::Daily),
            MailFrequency::Weekly => Some(Digest::Weekly),
            MailFrequency::Immediately | MailFrequency::Never => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Digest, MailFrequency, NotificationKind};

    #[test]
    fn words_round_trip() {
        for k in NotificationKind::ALL {
            assert_eq!(NotificationKind::parse(k.as_str()), Some(*k));
        }
        for f in MailFrequency::ALL {
            assert_eq!(MailFrequency::parse(f.as_str()), Some(*f));
        }
        assert_eq!(MailFrequency::Weekly.digest(), Some(Digest::Weekly));
        assert_eq!(Digest::parse("monthly"), None);
    }
}
