//! Grid days (IST calendar days counted from 1970-01-01, day 0) and ISO dates `YYYY-MM-DD`,
//! by the proleptic Gregorian calendar (Howard Hinnant's `days_from_civil`).

/// The grid day of an ISO date `YYYY-MM-DD`, or of a plain day number.
pub fn parse_day(text: &str) -> Result<u32, String> {
	if let Ok(day) = text.parse::<u32>() {
		return Ok(day);
	}
	let parts: Vec<&str> = text.split('-').collect();
	let [y, m, d] = parts[..] else {
		return Err(format!("`{text}` is neither a grid day number nor a date YYYY-MM-DD"));
	};
	let (y, m, d): (i64, i64, i64) = match (y.parse(), m.parse(), d.parse()) {
		(Ok(y), Ok(m), Ok(d)) if (1..=12).contains(&m) && (1..=31).contains(&d) => (y, m, d),
		_ => return Err(format!("`{text}` is not a date YYYY-MM-DD")),
	};
	let days = days_from_civil(y, m, d);
	if iso_date(u32::try_from(days).map_err(|_| format!("`{text}` is before 1970"))?) != text {
		return Err(format!("`{text}` is not a calendar date"));
	}
	u32::try_from(days).map_err(|_| format!("`{text}` is before 1970"))
}

/// The ISO date `YYYY-MM-DD` of a grid day.
pub fn iso_date(day: u32) -> String {
	let (y, m, d) = civil_from_days(i64::from(day));
	format!("{y:04}-{m:02}-{d:02}")
}

fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
	let y = if m <= 2 { y - 1 } else { y };
	let era = y.div_euclid(400);
	let yoe = y - era * 400;
	let mp = (m + 9) % 12;
	let doy = (153 * mp + 2) / 5 + d - 1;
	let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
	let z = z + 719_468;
	let era = z.div_euclid(146_097);
	let doe = z - era * 146_097;
	let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
	let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	let mp = (5 * doy + 2) / 153;
	let d = doy - (153 * mp + 2) / 5 + 1;
	let m = if mp < 10 { mp + 3 } else { mp - 9 };
	(if m <= 2 { yoe + era * 400 + 1 } else { yoe + era * 400 }, m, d)
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn dates_round_trip() {
		assert_eq!(iso_date(0), "1970-01-01");
		assert_eq!(parse_day("2026-11-24"), Ok(20_781));
		assert_eq!(iso_date(20_781), "2026-11-24");
		assert_eq!(parse_day("2024-02-29").map(iso_date), Ok("2024-02-29".into()));
		assert_eq!(parse_day("20781"), Ok(20_781));
		assert!(parse_day("2025-02-29").is_err());
		assert!(parse_day("2026-13-01").is_err());
		assert!(parse_day("yesterday").is_err());
	}
}
