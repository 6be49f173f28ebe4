//! Builds the parachain runtime's wasm blob (skipped with `SKIP_WASM_BUILD=1`), which the node's
//! `parachain-dev` chain specs and `polkadot-omni-node` run.
fn main() {
	#[cfg(feature = "std")]
	substrate_wasm_builder::WasmBuilder::build_using_defaults();
}
