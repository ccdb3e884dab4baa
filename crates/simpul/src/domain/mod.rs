//! Pure domain types and rules: no I/O, unit-tested next to the code.

/// Codes (states, kinds, roles) read as their text where text is wanted: translation keys,
/// CSS classes and attribute values in templates.
macro_rules! code_as_text {
    ($($t:ty),* $(,)?) => {$(
        impl AsRef<str> for $t {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }
        impl std::fmt::Display for $t {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    )*};
}

pub mod access;
pub mod article;
pub mod aspiration;
pub mod category;
pub mod diff;
pub mod event;
pub mod factcheck;
pub mod figures;
pub mod ids;
pub mod kim;
pub mod opd;
pub mod region;
pub mod share;
pub mod site;
pub mod skm;
pub mod text;
pub mod time;
pub mod training;
pub mod user;
pub mod validation;
pub mod video;
pub mod workdays;
pub mod workflow;

/// Codes sent as their text in JSON (the API, audit entries).
macro_rules! serialize_as_code {
    ($($t:ty),* $(,)?) => {$(
        impl serde::Serialize for $t {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }
    )*};
}

serialize_as_code!(
    factcheck::Verdict,
    factcheck::ContentType,
    factcheck::ClusterState,
    factcheck::Channel,
    training::RegStatus,
    aspiration::Step,
    aspiration::Participant,
    aspiration::Source,
);

code_as_text!(
    aspiration::Kind,
    aspiration::Status,
    aspiration::RejectReason,
    aspiration::Action,
    aspiration::Step,
    aspiration::Participant,
    aspiration::Source,
    article::ArticleState,
    factcheck::Verdict,
    factcheck::ContentType,
    factcheck::ClusterState,
    factcheck::Channel,
    training::RegStatus,
    kim::KimLevel,
    region::RegionLevel,
    access::Role,
    access::TokenScope,
);
