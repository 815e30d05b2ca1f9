//! The integration test binary (`autotests = false`): one module per area.

mod util;

mod bad_inputs;
mod cli;
mod counts;
mod diff;
mod docs;
mod fuzz;
mod pagelayer;
mod records;
mod report;
mod schema;
mod snapshots;
mod stream;
mod synth;
mod tables;
mod variants;
mod xlsx;
