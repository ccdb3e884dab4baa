//! Capabilities. Each folder has the same shape: `mod.rs` (routes), `service.rs` (permission
//! check → validate → repo calls in one transaction → audit), `repo.rs` (the only SQL),
//! `html.rs` (page handlers) and, where there is one, `api.rs` (JSON handlers).

pub mod accounts;
pub mod admin;
pub mod aspirations;
pub mod audit;
pub mod categories;
pub mod factcheck;
pub mod holidays;
pub mod home;
pub mod kim;
pub mod media;
pub mod news;
pub mod opd;
pub mod regions;
pub mod search;
pub mod tokens;
pub mod training;
pub mod users;
