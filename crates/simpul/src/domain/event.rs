//! Domain events: what one capability tells the others it did, so they can react without the
//! first knowing them. An event is published inside the transaction that makes the change, and
//! the subscribers run in that same transaction: their reaction commits with the change or not
//! at all, and a subscriber's refusal undoes the change.

/// Something that happened, as other capabilities need to know it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DomainEvent {
    /// A news draft was created. `practice_session`: written as that training session's
    /// practice assignment (training refuses the draft when the author has no seat there).
    ArticleDrafted { article_id: i64, author_id: Option<i64>, practice_session: Option<i64> },
    /// An article was published (by an editor now, or by the schedule).
    ArticlePublished { article_id: i64, author_id: Option<i64>, practice_session: Option<i64> },
    /// Holidays were added or removed: working-day deadlines may move.
    HolidaysChanged,
    /// An OPD was created or renamed (the survey keeps a unit for each).
    OpdSaved { opd_id: i64, slug: String, name: String },
    /// A person's password changed (by them, or through a reset link).
    PasswordChanged { user_id: i64 },
}
