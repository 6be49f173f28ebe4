//! Permissioned peers on every node of the consortium, whatever its role or flags.
//!
//! The runtime's node authorization pallet keeps the well-known nodes and, for each node, the
//! extra connections its owner allows. Its offchain worker, run on every new best block, sets
//! the node's reserved peers to the nodes it may talk to and accepts no others. This node
//! therefore always runs offchain workers (`--offchain-worker` cannot turn them off), and at
//! start, before any block is imported, it accepts only the peers the state it holds
//! authorizes (the genesis, on a fresh node) plus its boot nodes and `--reserved-nodes`: a
//! node the council authorized after genesis can then reach its boot nodes, which accept it
//! once their state names it, and sync; its offchain worker narrows it to the chain's set with
//! the first new block it imports. An unknown node reaches no one: every consortium node
//! refuses it.

use std::collections::{BTreeSet, HashSet};

use sc_client_api::StorageProvider;
use sc_network::{NetworkPeers, NetworkStateInfo, PeerId};
use sp_core::storage::StorageKey;
use sp_io::hashing::{blake2_128, twox_128};
use sp_runtime::codec::{Decode, Encode};

use crate::service::FullClient;

/// The storage key of node authorization's item `item`, and of its entry `key` (hashed with
/// BLAKE2-128 and the key appended) if it is a map.
fn storage_key(item: &[u8], key: Option<&[u8]>) -> StorageKey {
	let mut k = twox_128(b"NodeAuthorization").to_vec();
	k.extend(twox_128(item));
	if let Some(key) = key {
		k.extend(blake2_128(key));
		k.extend(key);
	}
	StorageKey(k)
}

/// The set of peer ids (SCALE-encoded `BTreeSet<OpaquePeerId>`) stored at `key` in the best
/// block's state; empty if none.
fn peer_set(client: &FullClient, key: &StorageKey) -> Result<BTreeSet<Vec<u8>>, String> {
	let best = sc_client_api::HeaderBackend::info(client).best_hash;
	let Some(data) = client.storage(best, key).map_err(|e| e.to_string())? else {
		return Ok(BTreeSet::new());
	};
	BTreeSet::<Vec<u8>>::decode(&mut &data.0[..]).map_err(|e| e.to_string())
}

/// The peers `local` may connect to in the best block's state, as the pallet's offchain worker
/// computes them: the connections its owner added, and the other well-known nodes if it is
/// one.
pub fn authorized_peers(client: &FullClient, local: &PeerId) -> Result<HashSet<PeerId>, String> {
	let me = local.to_bytes();
	let mut peers = peer_set(client, &storage_key(b"AdditionalConnections", Some(&me.encode())))?;
	let well_known = peer_set(client, &storage_key(b"WellKnownNodes", None))?;
	if well_known.contains(&me) {
		peers.extend(well_known.into_iter().filter(|peer| *peer != me));
	}
	Ok(peers.iter().filter_map(|peer| PeerId::from_bytes(peer).ok()).collect())
}

/// Restricts `network` at once to the peers the best block's state authorizes and `also` (the
/// node's boot and reserved nodes).
pub fn restrict<N: NetworkPeers + NetworkStateInfo + ?Sized>(
	client: &FullClient,
	network: &N,
	also: impl IntoIterator<Item = PeerId>,
) -> Result<usize, String> {
	let mut peers = authorized_peers(client, &network.local_peer_id())?;
	peers.extend(also);
	let count = peers.len();
	network.set_authorized_peers(peers);
	network.set_authorized_only(true);
	Ok(count)
}
