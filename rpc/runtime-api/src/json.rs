//! How the views look in JSON: INR units (and other `u128` figures) as decimal strings,
//! because they exceed JavaScript's safe integers (2^53); names and codes as UTF-8 text. Each
//! is read back as it is written.

use alloc::{string::String, string::ToString, vec::Vec};
use serde::{Deserialize, Deserializer, Serializer};

/// A decimal string as an amount.
fn parse<E: serde::de::Error>(text: &str) -> Result<u128, E> {
	text.parse().map_err(|_| E::custom("an amount is a decimal string of INR units"))
}

/// An amount as a decimal string.
pub mod amount {
	use super::*;

	/// `value` as a decimal string.
	pub fn serialize<S: Serializer>(value: &u128, serializer: S) -> Result<S::Ok, S::Error> {
		serializer.serialize_str(&value.to_string())
	}

	/// A decimal string as an amount.
	pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<u128, D::Error> {
		parse(&String::deserialize(deserializer)?)
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

	/// A decimal string as `Some(amount)`, `null` as `None`.
	pub fn deserialize<'de, D: Deserializer<'de>>(
		deserializer: D,
	) -> Result<Option<u128>, D::Error> {
		Option::<String>::deserialize(deserializer)?.map(|text| parse(&text)).transpose()
	}
}

/// Bytes of UTF-8 text (a station's name) as a string; invalid sequences replaced.
pub mod text {
	use super::*;

	/// `bytes` as a string.
	pub fn serialize<S: Serializer>(bytes: &[u8], serializer: S) -> Result<S::Ok, S::Error> {
		serializer.serialize_str(&String::from_utf8_lossy(bytes))
	}

	/// A string as its UTF-8 bytes.
	pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<u8>, D::Error> {
		Ok(String::deserialize(deserializer)?.into_bytes())
	}
}
