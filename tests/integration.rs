//! The integration test binary (`autotests = false`): one module per area.

mod util;

mod cli;
mod diff;
mod records;
mod report;
mod synth;
mod tables;
