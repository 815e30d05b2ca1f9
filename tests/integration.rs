//! The integration test binary (`autotests = false`): one module per area.

mod bad_inputs;
mod diff;
mod fuzz;
mod report;
mod schema;
