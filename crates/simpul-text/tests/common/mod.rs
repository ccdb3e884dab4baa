//! Shared by the integration tests, the claim benchmark and the latency example.

pub mod legacy;
pub mod synth;
