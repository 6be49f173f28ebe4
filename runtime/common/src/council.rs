//! The consortium's council: its size and how an absent member's vote counts.

/// The fewest members the council may be given (`council.set_members`): two thirds of three
/// is two, so no one member governs alone, and the council cannot dissolve itself (a chain
/// without root would have no governance left).
pub const MIN_COUNCIL_MEMBERS: usize = 3;
/// The most members the council may have: one per grid operator, and room to spare.
pub const MAX_COUNCIL_MEMBERS: u32 = 64;

/// The consortium's council (`pallet_collective`'s first instance).
pub type CouncilCollective = pallet_collective::Instance1;

/// A motion closed after its duration counts absent members as nay (not as the prime voted:
/// a prime's aye must not carry a motion that the others never voted for).
pub struct AbsentVoteNay;
impl pallet_collective::DefaultVote for AbsentVoteNay {
	fn default_vote(_prime: Option<bool>, _yes: u32, _no: u32, _len: u32) -> bool {
		false
	}
}
