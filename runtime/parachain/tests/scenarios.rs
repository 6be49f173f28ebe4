//! The runtime scenario tests of the standalone chain (`runtime/standalone/tests`), unchanged,
//! against the parachain runtime: the same stories, attacks, billing rules and fuzzing, through
//! the same calls and hooks. They name the runtime `ppa_runtime`; here that is this crate.
//! What only the standalone runtime has (GRANDPA's session keys in governance, its presets,
//! its migrations, the state-size load test) stays there.

// Each scenario file is a test crate of its own in the standalone runtime, with its own copy
// of the harness (`mod common;`); here they are modules of one crate, each with its copy.
#![allow(clippy::duplicate_mod)]

extern crate ppa_parachain_runtime as ppa_runtime;

#[path = "../../standalone/tests/billing_rules.rs"]
mod billing_rules;
#[path = "../../standalone/tests/clock_start.rs"]
mod clock_start;
#[path = "../../standalone/tests/defaults.rs"]
mod defaults;
#[path = "../../standalone/tests/escrow.rs"]
mod escrow;
#[path = "../../standalone/tests/fuzz.rs"]
mod fuzz;
#[path = "../../standalone/tests/registry.rs"]
mod registry;
#[path = "../../standalone/tests/resale.rs"]
mod resale;
#[path = "../../standalone/tests/scheduling.rs"]
mod scheduling;
#[path = "../../standalone/tests/settlement.rs"]
mod settlement;
#[path = "../../standalone/tests/trust.rs"]
mod trust;
