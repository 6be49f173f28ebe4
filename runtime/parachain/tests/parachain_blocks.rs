//! The parachain runtime driven natively as a collator drives it: every block is initialized
//! with an Aura slot, carries the real `parachainSystem.setValidationData` inherent (a relay
//! chain state proof built by cumulus's own builder, with the relay slot, the included parent
//! and the para id) and the timestamp inherent, then signed transactions, and is finalized by
//! the executive. A real-time PPA is set up, scheduled, metered and paid from the advance,
//! and every fee is accounted for.

// The scenario tests' harness names the runtime `ppa_runtime`.
extern crate ppa_parachain_runtime as ppa_runtime;

#[path = "../../standalone/tests/common/mod.rs"]
mod common;

use codec::Encode;
use cumulus_primitives_core::{relay_chain::HeadData, PersistedValidationData};
use cumulus_primitives_parachain_inherent::{ParachainInherentData, INHERENT_IDENTIFIER};
use cumulus_test_relay_sproof_builder::RelayStateSproofBuilder;
use frame_support::{inherent::ProvideInherent, traits::fungible::Inspect, BoundedVec};
use ppa_parachain_runtime::{
	configs::MAX_BLOCK_PROOF_SIZE, genesis::PARA_ID, Balances, Executive, GridClock, Header,
	ParachainSystem, Runtime, RuntimeCall, RuntimeEvent, SignedPayload, System, Timestamp,
	TxExtension, UncheckedExtrinsic, SLOT_DURATION,
};
use ppa_primitives::{money::inr, BillingPeriod, GridInstant, GridTime, Role, TimeBlock};
use sp_consensus_aura::{Slot, AURA_ENGINE_ID};
use sp_genesis_builder::DEV_RUNTIME_PRESET;
use sp_keyring::Sr25519Keyring::{self, Alice, Bob, Charlie, Ferdie};
use sp_runtime::{
	generic::{Digest, DigestItem, Era},
	traits::Header as _,
	MultiAddress, MultiSignature,
};

/// 2026-11-24T00:00+05:30, as an Aura slot: the first block's.
const FIRST_SLOT: u64 = common::NOV_24_IST_MIDNIGHT / SLOT_DURATION;

/// A parachain with one collator, as its blocks are built: the last block's header, and the
/// relay chain's block number its next block is built on.
struct Collator {
	parent: Header,
	relay_parent_number: u32,
	/// The fees every transaction paid, INR units: burned, so total issuance falls by them.
	fees: u128,
}

impl Collator {
	fn new() -> Self {
		let genesis = Header::new(
			0,
			Default::default(),
			Default::default(),
			Default::default(),
			Default::default(),
		);
		Collator { parent: genesis, relay_parent_number: 100, fees: 0 }
	}

	/// Builds, executes and finalizes the block of Aura slot `slot`: its inherents (the
	/// timestamp of the slot, and the validation data of a relay chain whose slot is the
	/// same and which has included the parent), then `calls`, each signed by its sender.
	/// Every transaction must succeed. Returns the block's events.
	fn block(&mut self, slot: u64, calls: Vec<(Sr25519Keyring, RuntimeCall)>) -> Vec<RuntimeEvent> {
		let number = self.parent.number + 1;
		let pre_digest = DigestItem::PreRuntime(AURA_ENGINE_ID, Slot::from(slot).encode());
		let header = Header::new(
			number,
			Default::default(),
			Default::default(),
			self.parent.hash(),
			Digest { logs: vec![pre_digest] },
		);
		Executive::initialize_block(&header);

		let parent_head = HeadData(self.parent.encode());
		let sproof = RelayStateSproofBuilder {
			para_id: PARA_ID.into(),
			current_slot: Slot::from(slot),
			included_para_head: Some(parent_head.clone()),
			..Default::default()
		};
		let (relay_parent_storage_root, relay_chain_state) = sproof.into_state_root_and_proof();
		self.relay_parent_number += 1;
		let validation = ParachainInherentData {
			validation_data: PersistedValidationData {
				parent_head,
				relay_parent_number: self.relay_parent_number,
				relay_parent_storage_root,
				max_pov_size: MAX_BLOCK_PROOF_SIZE as u32,
			},
			relay_chain_state,
			downward_messages: vec![],
			horizontal_messages: Default::default(),
			relay_parent_descendants: vec![],
			collator_peer_id: None,
		};
		let mut data = sp_inherents::InherentData::new();
		data.put_data(sp_timestamp::INHERENT_IDENTIFIER, &(slot * SLOT_DURATION)).unwrap();
		data.put_data(INHERENT_IDENTIFIER, &validation).unwrap();
		let inherents = inherents(&data);
		assert!(
			inherents.iter().any(|xt| matches!(
				xt.function,
				RuntimeCall::ParachainSystem(
					cumulus_pallet_parachain_system::Call::set_validation_data { .. }
				)
			)),
			"the parachain system's inherent is among the block's"
		);
		for xt in inherents {
			assert_eq!(Executive::apply_extrinsic(xt), Ok(Ok(())), "an inherent applies");
		}
		for (who, call) in calls {
			let xt = signed(who, call.clone());
			assert_eq!(Executive::apply_extrinsic(xt), Ok(Ok(())), "{who:?} made {call:?}");
		}
		let events: Vec<RuntimeEvent> = System::events().into_iter().map(|r| r.event).collect();
		self.fees += events
			.iter()
			.filter_map(|e| match e {
				RuntimeEvent::TransactionPayment(
					pallet_transaction_payment::Event::TransactionFeePaid { actual_fee, .. },
				) => Some(*actual_fee),
				_ => None,
			})
			.sum::<u128>();
		self.parent = Executive::finalize_block();
		assert_eq!(self.parent.number, number);
		ppa_parachain_runtime::invariants::do_try_state().expect("cross-pallet invariants hold");
		events
	}
}

/// The block's inherents from `data`, as the block builder makes them: the pallets that
/// provide one (the timestamp and the parachain system) in the runtime's order.
fn inherents(data: &sp_inherents::InherentData) -> Vec<UncheckedExtrinsic> {
	let calls: [Option<RuntimeCall>; 2] = [
		<ParachainSystem as ProvideInherent>::create_inherent(data).map(Into::into),
		<Timestamp as ProvideInherent>::create_inherent(data).map(Into::into),
	];
	calls.into_iter().flatten().map(UncheckedExtrinsic::new_bare).collect()
}

/// `call` as `who` signs it, with its next nonce, immortal, no tip.
fn signed(who: Sr25519Keyring, call: RuntimeCall) -> UncheckedExtrinsic {
	let account = who.to_account_id();
	let extension: TxExtension = cumulus_pallet_weight_reclaim::StorageWeightReclaim::new((
		frame_system::CheckNonZeroSender::new(),
		frame_system::CheckSpecVersion::new(),
		frame_system::CheckTxVersion::new(),
		frame_system::CheckGenesis::new(),
		frame_system::CheckEra::from(Era::Immortal),
		frame_system::CheckNonce::from(System::account_nonce(&account)),
		frame_system::CheckWeight::new(),
		pallet_transaction_payment::ChargeTransactionPayment::from(0),
	));
	let payload = SignedPayload::new(call.clone(), extension.clone()).expect("a valid payload");
	let signature = payload.using_encoded(|bytes| who.sign(bytes));
	UncheckedExtrinsic::new_signed(
		call,
		MultiAddress::Id(account),
		MultiSignature::Sr25519(signature),
		extension,
	)
}

fn register(who: Sr25519Keyring, role: Role, name: &str) -> (Sr25519Keyring, RuntimeCall) {
	let register = pallet_registry::Call::<Runtime>::register_participant {
		who: who.to_account_id(),
		roles: BoundedVec::truncate_from(vec![role]),
		name: BoundedVec::truncate_from(name.as_bytes().to_vec()),
		legal_id_hash: [1u8; 32].into(),
	};
	(Alice, pallet_sudo::Call::sudo { call: Box::new(register.into()) }.into())
}

#[test]
fn a_real_time_ppa_is_settled_in_parachain_blocks_with_real_validation_data() {
	common::genesis_storage(DEV_RUNTIME_PRESET).execute_with(|| {
		let mut collator = Collator::new();
		let issuance = Balances::total_issuance();

		// Slot 1 of the day: the participants registered (by the dev chain's sudo).
		collator.block(
			FIRST_SLOT,
			vec![
				register(Bob, Role::Generator, "NTPC Singrauli"),
				register(Charlie, Role::Buyer, "MSEDCL"),
				register(Ferdie, Role::LoadDespatchCentre, "NRLDC"),
			],
		);
		let today = GridClock::today();
		let mut terms = common::terms(today, today + 365, 2_000_000);
		terms.billing_period = BillingPeriod::PerTimeBlock;
		terms.payment_security.lc_percent_of_monthly_billing = 0;
		let propose = pallet_registry::Call::<Runtime>::propose_ppa {
			seller: Bob.to_account_id(),
			buyer: Charlie.to_account_id(),
			ldc: Ferdie.to_account_id(),
			terms,
		};
		collator.block(FIRST_SLOT + 1, vec![(Bob, propose.into())]);
		let terms_hash = ppa_parachain_runtime::Registry::proposal_hash(0).expect("proposed");
		let tomorrow = today + 1;
		collator.block(
			FIRST_SLOT + 2,
			vec![
				(Charlie, pallet_registry::Call::<Runtime>::sign_ppa { ppa: 0, terms_hash }.into()),
				(
					Charlie,
					pallet_escrow::Call::<Runtime>::deposit_advance {
						ppa: 0,
						amount: inr(5_000_000),
					}
					.into(),
				),
				(
					Charlie,
					pallet_scheduling::Call::<Runtime>::requisition {
						ppa: 0,
						day: tomorrow,
						kw: BoundedVec::truncate_from(vec![10_000; 96]),
					}
					.into(),
				),
			],
		);
		// After the 10:00 gate (a time block a slot on the dev chain), the LDC finalizes.
		collator.block(
			FIRST_SLOT + 41,
			vec![(
				Ferdie,
				pallet_scheduling::Call::<Runtime>::finalize_schedules {
					day: tomorrow,
					ppas: BoundedVec::truncate_from(vec![0]),
				}
				.into(),
			)],
		);
		let (bob, charlie) = (Balances::total_balance(&Bob.to_account_id()), {
			Balances::total_balance(&Charlie.to_account_id())
		});
		// Tomorrow 00:15: block 0 has ended; the LDC meters it, and it is billed and paid
		// from the advance in the same transaction, with the 1.5 % rebate.
		let events = collator.block(
			FIRST_SLOT + 96 + 1,
			vec![(
				Ferdie,
				pallet_scheduling::Call::<Runtime>::submit_meter_readings {
					day: tomorrow,
					block: TimeBlock::FIRST,
					readings: BoundedVec::truncate_from(vec![(0, 2_500_000)]),
				}
				.into(),
			)],
		);
		// 2,500 kWh at INR 2.00 and a 250 MW share's capacity charge at INR 900/kW-month
		// (November, 30 days): INR 5,000 + 78,125; less 1.5 %: the advance pays 81,878.125.
		let paid = 81_878_125_000;
		assert!(events.contains(&RuntimeEvent::Settlement(
			pallet_settlement::Event::BlockSettled {
				ppa: 0,
				at: GridInstant::new(tomorrow, TimeBlock::FIRST),
				seller: Bob.to_account_id(),
				buyer: Charlie.to_account_id(),
				energy_wh: 2_500_000,
				energy_charge: 5_000_000_000,
				capacity_charge: 78_125_000_000,
				paid,
				rebate: 1_246_875_000,
			}
		)));
		assert_eq!(Balances::total_balance(&Bob.to_account_id()), bob + paid);
		assert!(Balances::total_balance(&Charlie.to_account_id()) == charlie - paid);
		assert_eq!(
			pallet_escrow::Advances::<Runtime>::get(0).map(|a| a.held),
			Some(inr(5_000_000) - paid)
		);
		// Money is never created or lost: the fees burned are all that left the issuance.
		assert!(collator.fees > 0);
		assert_eq!(Balances::total_issuance(), issuance - collator.fees);
		// The relay chain's view was set in every block and cleared after it.
		assert_eq!(collator.parent.number, 5);
		assert_eq!(
			cumulus_pallet_parachain_system::LastRelayChainBlockNumber::<Runtime>::get(),
			105
		);
	});
}

#[test]
fn a_block_without_validation_data_is_refused() {
	common::genesis_storage(DEV_RUNTIME_PRESET).execute_with(|| {
		let header = Header::new(
			1,
			Default::default(),
			Default::default(),
			Default::default(),
			Digest {
				logs: vec![DigestItem::PreRuntime(AURA_ENGINE_ID, Slot::from(FIRST_SLOT).encode())],
			},
		);
		Executive::initialize_block(&header);
		let mut data = sp_inherents::InherentData::new();
		data.put_data(sp_timestamp::INHERENT_IDENTIFIER, &(FIRST_SLOT * SLOT_DURATION)).unwrap();
		for xt in inherents(&data) {
			assert_eq!(Executive::apply_extrinsic(xt), Ok(Ok(())));
		}
		// A collator that leaves out the relay chain's view cannot finalize its block.
		let finalized = std::panic::catch_unwind(Executive::finalize_block);
		assert!(finalized.is_err(), "a parablock must carry the validation data");
	});
}
