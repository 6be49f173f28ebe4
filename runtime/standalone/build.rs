//! Builds the runtime's wasm blob, and the upgrade rehearsal's: the same runtime with the next
//! `spec_version` (feature `upgrade-rehearsal`), which `scripts/upgrade-runtime.sh` and the
//! node's upgrade test submit to a running network. Both are skipped with `SKIP_WASM_BUILD=1`
//! (e.g. for pallet tests).
fn main() {
	#[cfg(feature = "std")]
	{
		substrate_wasm_builder::WasmBuilder::build_using_defaults();
		substrate_wasm_builder::WasmBuilder::init_with_defaults()
			.enable_feature("upgrade-rehearsal")
			.set_file_name("wasm_binary_upgrade_rehearsal.rs")
			.build();
	}
}
