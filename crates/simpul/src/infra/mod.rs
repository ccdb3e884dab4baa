//! Infrastructure: database, clock, crypto, mail, i18n, audit trail, job queue.

pub mod audit;
pub mod chat;
pub mod clock;
pub mod counters;
pub mod crypto;
pub mod db;
pub mod http;
pub mod i18n;
pub mod images;
pub mod jobs;
pub mod mail;
pub mod markdown;
pub mod memo;
pub mod outbox;
pub mod pdf;
pub mod search;
pub mod storage;
pub mod uploads;
pub mod xlsx;
