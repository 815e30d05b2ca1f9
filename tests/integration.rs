//! The integration test binary (`autotests = false`): one module per area.

mod util;

mod bad_inputs;
mod cli;
mod diff;
mod docs;
mod fuzz;
mod records;
mod report;
mod schema;
mod synth;
mod tables;
mod xlsx;
