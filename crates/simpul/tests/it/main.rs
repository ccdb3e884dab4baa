//! The one integration-test binary: every route through the router, in-process.
//! Runs on SQLite by default, on PostgreSQL when `SIMPUL_TEST_POSTGRES_URL` is set.

mod support;

mod access_matrix;
mod accounts;
mod api;
mod architecture;
mod aspirations;
mod bad_input;
mod categories;
mod cli;
mod cluster;
mod dashboard;
mod factcheck;
mod kim;
mod media;
mod news;
mod newsroom;
mod notices;
mod object_store;
mod opd;
mod open311;
mod regions;
mod schema;
mod search;
mod services;
mod shell;
mod skm;
mod staff;
mod training;
mod users;
mod zones;
