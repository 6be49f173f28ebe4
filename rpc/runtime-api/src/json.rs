//! How the views look in JSON: INR units (and other `u128` figures) as decimal strings,
//! because they exceed JavaScript's safe integers (2^53); names and codes as UTF-8 text.

use alloc::{string::String, string::ToString};
use serde::Serializer;

/// An amount as a decimal string.
pub mod amount {
	use super::*;

	/// `value` as a decimal string.
	pub fn serialize<S: Serializer>(value: &u128, serializer: S) -> Result<S::Ok, S::Error> {
		serializer.serialize_str(&value.to_string())
	}
}

/// An optional amount as a decimal string or `null`.
pub mod opt_amount {
	use super::*;

	/// `Some(amount)` as a decimal string, `None` as `null`.
	pub fn serialize<S: Serializer>(
		value: &Option<u128>,
		serializer: S,
	) -> Result<S::Ok, S::Error> {
		match value {
			Some(v) => serializer.serialize_str(&v.to_string()),
			None => serializer.serialize_none(),
		}
	}
}

/// Bytes of UTF-8 text (a station's name) as a string; invalid sequences replaced.
pub mod text {
	use super::*;

	/// `bytes` as a string.
	pub fn serialize<S: Serializer>(bytes: &[u8], serializer: S) -> Result<S::Ok, S::Error> {
		serializer.serialize_str(&String::from_utf8_lossy(bytes))
	}
}
