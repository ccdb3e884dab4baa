//! Pure domain types and rules: no I/O, unit-tested next to the code.

pub mod access;
pub mod article;
pub mod aspiration;
pub mod category;
pub mod diff;
pub mod event;
pub mod factcheck;
pub mod kim;
pub mod opd;
pub mod region;
pub mod share;
pub mod text;
pub mod time;
pub mod training;
pub mod user;
pub mod validation;
pub mod video;
pub mod workdays;
