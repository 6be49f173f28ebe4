//! Storage proof sizes for weights added by hand to a benchmarked one, on a path the benchmark
//! did not take: a parachain's blocks are bounded by their proof as much as by their compute.

use sp_weights::Weight;

/// What one read of an item adds to a proof besides the item itself, as frame-benchmarking
/// estimates it (`MaxEncodedLen` mode): at each of five trie levels, 15 sibling hashes of 33
/// bytes.
pub const TRIE_PATH_PROOF: u64 = 5 * 15 * 33;

/// The proof of reading one item of a storage map whose items encode (key and value) in at most
/// `max_size` bytes (its `StorageInfo::max_size`).
pub fn map_read_proof(max_size: Option<u32>) -> Weight {
	Weight::from_parts(0, u64::from(max_size.unwrap_or(0)).saturating_add(TRIE_PATH_PROOF))
}

#[cfg(test)]
mod tests {
	use super::*;

	/// The figure frame-benchmarking prints as "added" for a map item of 40 bytes.
	#[test]
	fn a_map_read_proof_is_the_item_and_its_trie_path() {
		assert_eq!(map_read_proof(Some(40)).proof_size(), 2_515);
		assert_eq!(map_read_proof(None).ref_time(), 0);
	}
}
