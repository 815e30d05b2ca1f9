//! The integration test binary (`autotests = false`): one module per area.

mod diff;
mod report;
