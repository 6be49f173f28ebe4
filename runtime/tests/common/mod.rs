//! Genesis storage from a preset, as the node's genesis builder makes it.

#![allow(dead_code)]

use frame_support::genesis_builder_helper::build_state;
use ppa_runtime::{genesis, RuntimeGenesisConfig};
use serde_json::Value;
use sp_genesis_builder::PresetId;

/// Merges `patch` into `base` the way the node does: objects key by key, anything else
/// replaced.
pub fn merge(base: &mut Value, patch: Value) {
	match (base, patch) {
		(Value::Object(base), Value::Object(patch)) => {
			for (key, value) in patch {
				merge(base.entry(key).or_insert(Value::Null), value);
			}
		},
		(base, patch) => *base = patch,
	}
}

/// The storage that the preset `name` builds, as the node's genesis builder would.
pub fn genesis_storage(name: &str) -> sp_io::TestExternalities {
	let patch = genesis::preset(&PresetId::from(name)).expect("the preset exists");
	let patch: Value = serde_json::from_slice(&patch).expect("a preset is JSON");
	let mut config = serde_json::to_value(RuntimeGenesisConfig::default()).unwrap();
	merge(&mut config, patch);
	let mut ext = sp_io::TestExternalities::new_empty();
	ext.execute_with(|| {
		build_state::<RuntimeGenesisConfig>(serde_json::to_vec(&config).unwrap())
			.expect("the preset builds")
	});
	ext
}
