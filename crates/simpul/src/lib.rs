//! Simpul: the platform for Indonesia's Kelompok Informasi Masyarakat (KIM).
//!
//! Layers, top to bottom: `web` (routes, extractors, pages) → `features` (one folder per
//! capability: routes, service, repo, pages) → `domain` (pure rules) → `infra` (database,
//! mail, jobs, i18n, audit). See DESIGN.md.

pub mod app;
pub mod cli;
pub mod config;
pub mod demo;
pub mod domain;
pub mod error;
pub mod features;
pub mod infra;
pub mod registry;
pub mod web;
