//! Reading and writing amounts the way French documents print them.
//!
//! # The amount grammar
//!
//! One grammar, followed by the loader, the editor and the rules:
//!
//! 1. **Stored form** (a RON file: `Amount("1207650.75")`, `Number("9.8")`, claim operands):
//!    `-?[0-9]+(\.[0-9]+)?`, the dot being the decimal mark, and no more digits than a
//!    decimal holds exactly (28 significant digits, 29 below 7.9 × 10²⁸). A figure beyond that
//!    is refused at load ([`parse_stored`]), never rounded.
//! 2. **Printed or typed form** (the documents, the editor): see [`parse_amount`]. Space,
//!    no-break space and dot group thousands by three; the comma is the decimal mark, or a lone
//!    dot followed by one, two or more than three digits. A figure with more digits than a
//!    decimal holds is refused, never rounded.
//! 3. **Euros** have at most two decimals (cents). Typed, `130.254` is 130 254 (rule 2) and
//!    `1234,567` is refused with its likely reading 1 234 567 ([`parse_euro_amount`]); stored,
//!    `Amount("130.254")` is kept as the file states it (it is evidence) and the rules report it
//!    with the same likely reading ([`euro_likely_reading`]): three decimals are almost always a
//!    thousands separator copied from the document.

use std::str::FromStr;

use rust_decimal::Decimal;

/// No-break space: keeps `1 207 650,75 €` on one line when text wraps.
const GROUP_SEPARATOR: char = '\u{a0}';

/// Never shown as such: a caller says what the figure is in the user's language (`strings`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("amount not read: {input:?}")]
pub struct AmountParseError {
    pub input: String,
    /// What the figure most likely means when it is only malformed
    /// (`312.222.40 €` → 312 222,40), for a reviewer to confirm.
    pub likely: Option<Decimal>,
}

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}')
}

/// Parses an amount as written in the sources or typed by a user.
///
/// Accepts `442 998 €`, `1 207 650,75`, `1207650.75`, `1.207.650,75 €`, `-12,5`.
/// Space, no-break space and dot are thousands separators (in groups of three);
/// the comma is the decimal mark, or a lone dot followed by one, two or more than three digits.
/// Anything else is refused with, where one exists, the likely reading.
pub fn parse_amount(input: &str) -> Result<Decimal, AmountParseError> {
    let fail = |likely| AmountParseError {
        input: input.to_string(),
        likely,
    };
    let mut body = input.trim_matches(is_space);
    for suffix in ["€", "euros", "euro", "EUR"] {
        if let Some(rest) = body.strip_suffix(suffix) {
            body = rest.trim_end_matches(is_space);
            break;
        }
    }
    let (negative, body) = match body.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, body.strip_prefix('+').unwrap_or(body)),
    };
    if body.is_empty() || !body.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        return Err(fail(None));
    }
    if !body
        .chars()
        .all(|c| c.is_ascii_digit() || c == ',' || c == '.' || is_space(c))
    {
        return Err(fail(None));
    }
    let canonical = canonical_digits(body).ok_or_else(|| fail(likely_reading(body, negative)))?;
    let signed = if negative {
        format!("-{canonical}")
    } else {
        canonical
    };
    // `from_str` rounds a figure with more digits than a decimal holds; this refuses it.
    Decimal::from_str_exact(&signed).map_err(|_| fail(None))
}

/// Decimals a euro amount may have: cents.
/// An amount as typed by a person writing figures in `style`. French: every form a French
/// document uses ([`parse_amount`]). English: `1,207,650.75`, `€442,998`, `1207650.75` —
/// commas only between groups of three digits, one decimal point; anything else (`1,5`,
/// `1.207.650`) is refused rather than read another way.
pub fn parse_amount_in(input: &str, style: NumberStyle) -> Result<Decimal, AmountParseError> {
    match style {
        NumberStyle::French => parse_amount(input),
        NumberStyle::English => parse_english_amount(input),
    }
}

fn parse_english_amount(input: &str) -> Result<Decimal, AmountParseError> {
    let fail = || AmountParseError {
        input: input.to_string(),
        likely: None,
    };
    let mut body = input.trim_matches(is_space);
    let (negative, rest) = match body.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, body.strip_prefix('+').unwrap_or(body)),
    };
    body = rest.trim_start_matches(is_space);
    body = body
        .strip_prefix('€')
        .unwrap_or(body)
        .trim_start_matches(is_space);
    for suffix in ["€", "euros", "euro", "EUR"] {
        if let Some(rest) = body.strip_suffix(suffix) {
            body = rest.trim_end_matches(is_space);
            break;
        }
    }
    let (integer, fraction) = match body.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    let groups: Vec<&str> = integer.split(',').collect();
    let digits = |g: &str| !g.is_empty() && g.chars().all(|c| c.is_ascii_digit());
    let grouped =
        groups.len() == 1 || (groups[0].len() <= 3 && groups[1..].iter().all(|g| g.len() == 3));
    if !groups.iter().all(|g| digits(g)) || !grouped {
        return Err(fail());
    }
    let mut canonical = String::from(if negative { "-" } else { "" });
    canonical.push_str(&groups.concat());
    if let Some(fraction) = fraction {
        if !digits(fraction) {
            return Err(fail());
        }
        canonical.push('.');
        canonical.push_str(fraction);
    }
    Decimal::from_str_exact(&canonical).map_err(|_| fail())
}

pub const EURO_DECIMALS: u32 = 2;

/// A euro amount as printed or typed: [`parse_amount`], refusing more than two decimals
/// (`1234,567` → refused, likely 1 234 567). The editor's grammar for euros.
pub fn parse_euro_amount(input: &str) -> Result<Decimal, AmountParseError> {
    let amount = parse_amount(input)?;
    if amount.scale() > EURO_DECIMALS {
        return Err(AmountParseError {
            input: input.to_string(),
            likely: euro_likely_reading(amount),
        });
    }
    Ok(amount)
}

/// What a euro amount with more than two decimals most likely means: with exactly three, the
/// dot or comma was a thousands separator (`130.254` → 130 254); otherwise there is no likely
/// reading. `None` also for an amount that has at most two decimals.
pub fn euro_likely_reading(amount: Decimal) -> Option<Decimal> {
    if amount.scale() != EURO_DECIMALS + 1 {
        return None;
    }
    let mut whole = amount;
    whole.set_scale(0).ok()?;
    Some(whole)
}

/// Marks of a [`StoredFigureError`] in the text serde passes on: the loader reads them back
/// into a typed problem, which `strings` says in the user's language.
pub const MALFORMED_TAG: &str = "revue:stored-figure:malformed";
pub const TOO_PRECISE_TAG: &str = "revue:stored-figure:too-precise";

/// Why a stored figure is refused. Its text is a mark for the loader, not a message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StoredFigureError {
    #[error("{MALFORMED_TAG} {0}")]
    Malformed(String),
    #[error("{TOO_PRECISE_TAG} {0}")]
    TooPrecise(String),
}

/// A figure in the stored form (rule 1 of the grammar): exact, or refused.
pub fn parse_stored(text: &str) -> Result<Decimal, StoredFigureError> {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let (integer, fraction) = digits.split_once('.').unwrap_or((digits, "0"));
    let well_formed = !integer.is_empty()
        && !fraction.is_empty()
        && integer.bytes().all(|b| b.is_ascii_digit())
        && fraction.bytes().all(|b| b.is_ascii_digit());
    if !well_formed {
        return Err(StoredFigureError::Malformed(text.to_string()));
    }
    Decimal::from_str_exact(text).map_err(|_| StoredFigureError::TooPrecise(text.to_string()))
}

/// Serde for a stored figure: written as `Decimal` always was (its exact string), read with
/// [`parse_stored`] so that a file can never be rounded on its way in.
pub mod stored {
    use rust_decimal::Decimal;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(value: &Decimal, serializer: S) -> Result<S::Ok, S::Error> {
        Serialize::serialize(value, serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Decimal, D::Error> {
        let text = std::borrow::Cow::<str>::deserialize(deserializer)?;
        super::parse_stored(&text).map_err(serde::de::Error::custom)
    }

    /// The same for a list of figures (a claim's operands).
    pub mod list {
        use rust_decimal::Decimal;
        use serde::{Deserialize, Deserializer, Serialize, Serializer};

        pub fn serialize<S: Serializer>(
            values: &[Decimal],
            serializer: S,
        ) -> Result<S::Ok, S::Error> {
            Serialize::serialize(values, serializer)
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(
            deserializer: D,
        ) -> Result<Vec<Decimal>, D::Error> {
            #[derive(Deserialize)]
            #[serde(transparent)]
            struct Stored(#[serde(with = "super")] Decimal);
            let list = Vec::<Stored>::deserialize(deserializer)?;
            Ok(list.into_iter().map(|Stored(d)| d).collect())
        }
    }
}

/// Rewrites `1 207 650,75` to `1207650.75`, or `None` when the grouping is not regular.
fn canonical_digits(body: &str) -> Option<String> {
    let commas = body.matches(',').count();
    let dots = body.matches('.').count();
    let has_space = body.chars().any(is_space);
    let (integer, fraction) = match (commas, dots) {
        (0, 0) => (body, None),
        (1, _) => {
            let (i, f) = body.split_once(',')?;
            if has_space && dots > 0 {
                return None;
            }
            (i, Some(f))
        }
        (0, 1) => {
            let (i, f) = body.split_once('.')?;
            // `1.207` in a French document is one thousand two hundred and seven;
            // `1 207.650` could be read either way, so it is refused.
            if f.len() == 3 && has_space {
                return None;
            } else if f.len() == 3 && i.len() <= 3 {
                (body, None)
            } else {
                (i, Some(f))
            }
        }
        (0, _) => (body, None),
        _ => return None,
    };
    let digits = grouped_integer(integer)?;
    match fraction {
        None => Some(digits),
        Some(f) if !f.is_empty() && f.chars().all(|c| c.is_ascii_digit()) => {
            Some(format!("{digits}.{f}"))
        }
        Some(_) => None,
    }
}

/// `1 207 650` or `1.207.650` or `1207650` → `1207650`; irregular groups → `None`.
fn grouped_integer(integer: &str) -> Option<String> {
    let groups: Vec<&str> = integer.split(|c: char| is_space(c) || c == '.').collect();
    let separators: Vec<char> = integer
        .chars()
        .filter(|c| is_space(*c) || *c == '.')
        .collect();
    if separators.contains(&'.') && separators.iter().any(|c| is_space(*c)) {
        return None;
    }
    let (first, rest) = groups.split_first()?;
    let first_ok = !first.is_empty() && first.len() <= if rest.is_empty() { usize::MAX } else { 3 };
    let rest_ok = rest.iter().all(|g| g.len() == 3);
    let all_digits = groups.iter().all(|g| g.chars().all(|c| c.is_ascii_digit()));
    (first_ok && rest_ok && all_digits).then(|| groups.concat())
}

/// For a malformed figure such as `312.222.40`, the reading where the last separator
/// is the decimal mark and the others group thousands.
fn likely_reading(body: &str, negative: bool) -> Option<Decimal> {
    let last = body.rfind(['.', ','])?;
    let (integer, fraction) = (&body[..last], &body[last + 1..]);
    if fraction.is_empty() || fraction.len() > 2 || !fraction.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let digits: String = integer.chars().filter(|c| c.is_ascii_digit()).collect();
    if digits.is_empty() {
        return None;
    }
    let sign = if negative { "-" } else { "" };
    Decimal::from_str(&format!("{sign}{digits}.{fraction}")).ok()
}

/// The exact sum of figures: `None` when one is missing or when the sum is beyond what a
/// decimal holds (about 7.9 × 10²⁸): a hostile file must not bring the arithmetic down.
pub fn checked_sum(figures: impl IntoIterator<Item = Option<Decimal>>) -> Option<Decimal> {
    figures
        .into_iter()
        .try_fold(Decimal::ZERO, |sum, figure| sum.checked_add(figure?))
}

/// How figures are written for a reader: the model knows both conventions, `strings` picks
/// one for the user's language (the model does not know the languages).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NumberStyle {
    /// `1 207 650,75`, `442 998 €`, `12,5 %`: no-break space between thousands, decimal comma,
    /// a space before `€` and `%`.
    #[default]
    French,
    /// `1,207,650.75`, `€442,998`, `12.5%`: comma between thousands, decimal point, the euro
    /// sign before the figure (British and Irish usage), `%` glued to it.
    English,
}

impl NumberStyle {
    /// A figure without unit, keeping the scale as stored.
    pub fn amount(self, amount: Decimal) -> String {
        format_amount(amount, self)
    }

    /// Euros: `442 998 €` (an ordinary space, as the messages always wrote it) or `€442,998`.
    pub fn euros(self, amount: Decimal) -> String {
        self.euros_with(amount, ' ')
    }

    /// Euros whose sign must never wrap away from the figure: `442 998\u{a0}€` or `€442,998`.
    pub fn euros_unbroken(self, amount: Decimal) -> String {
        self.euros_with(amount, '\u{a0}')
    }

    fn euros_with(self, amount: Decimal, space: char) -> String {
        match self {
            NumberStyle::French => format!("{}{space}€", format_amount(amount, self)),
            NumberStyle::English => {
                let unsigned = format_amount(amount.abs(), self);
                let sign = if amount.is_sign_negative() && !amount.is_zero() {
                    "-"
                } else {
                    ""
                };
                format!("{sign}€{unsigned}")
            }
        }
    }

    /// A percentage: `12,5 %` or `12.5%`.
    pub fn percent(self, rate: Decimal) -> String {
        match self {
            NumberStyle::French => format!("{} %", format_amount(rate, self)),
            NumberStyle::English => format!("{}%", format_amount(rate, self)),
        }
    }
}

/// `1207650.75` → `1 207 650,75` (no-break spaces), keeping the scale as stored.
pub fn format_amount_fr(amount: Decimal) -> String {
    format_amount(amount, NumberStyle::French)
}

/// `1207650.75` → `1 207 650,75` (French) or `1,207,650.75` (English), keeping the scale as
/// stored.
pub fn format_amount(amount: Decimal, style: NumberStyle) -> String {
    let (group_separator, decimal_mark) = match style {
        NumberStyle::French => (GROUP_SEPARATOR, ','),
        NumberStyle::English => (',', '.'),
    };
    let text = amount.to_string();
    let (sign, unsigned) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text.as_str()),
    };
    let (integer, fraction) = match unsigned.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (unsigned, None),
    };
    let mut grouped = String::with_capacity(integer.len() + integer.len() / 3 * 2);
    for (index, digit) in integer.chars().enumerate() {
        if index > 0 && (integer.len() - index) % 3 == 0 {
            grouped.push(group_separator);
        }
        grouped.push(digit);
    }
    match fraction {
        Some(f) => format!("{sign}{grouped}{decimal_mark}{f}"),
        None => format!("{sign}{grouped}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn reads_the_forms_found_in_the_sources() {
        for (input, expected) in [
            ("442 998 €", "442998"),
            ("1.207.650,75 €", "1207650.75"),
            ("156.111,20 €", "156111.20"),
            ("2 574 959 €", "2574959"),
            ("1207650.75", "1207650.75"),
            ("1 207 650,75", "1207650.75"),
            ("835 580,45€", "835580.45"),
            ("9.8", "9.8"),
            ("39,5", "39.5"),
            ("0 €", "0"),
            ("1.207", "1207"),
            ("-12,5", "-12.5"),
            ("136 798,38", "136798.38"),
            ("120\u{a0}331\u{a0}€", "120331"),
        ] {
            assert_eq!(parse_amount(input), Ok(dec(expected)), "{input}");
        }
    }

    #[test]
    fn refuses_malformed_figures_with_their_likely_reading() {
        let err = parse_amount("312.222.40 €").unwrap_err();
        assert_eq!(err.likely, Some(dec("312222.40")));
        for input in [
            "",
            "€",
            "abc",
            "12 34",
            "1,2,3",
            "1 207.650",
            "1.2.3",
            "Oui.",
            "12,",
        ] {
            assert!(parse_amount(input).is_err(), "{input} should be refused");
        }
    }

    #[test]
    fn figures_a_decimal_cannot_hold_are_refused_not_rounded() {
        // 30 significant digits: `Decimal::from_str` would round this to 28.
        let too_precise = "1.23456789012345678901234567890";
        assert!(parse_amount(too_precise).is_err());
        assert!(parse_amount("123456789012345678901234567890").is_err());
        assert!(matches!(
            parse_stored(too_precise),
            Err(StoredFigureError::TooPrecise(_))
        ));
        assert!(matches!(
            parse_stored("0.00000000000000000000000000001"),
            Err(StoredFigureError::TooPrecise(_))
        ));
        assert_eq!(
            parse_stored("79228162514264337593543950335"),
            Ok(Decimal::MAX)
        );
        assert_eq!(parse_stored("-12.50"), Ok(dec("-12.50")));
        for malformed in ["", "1,5", "1e5", "1_000", " 1", ".5", "5.", "+1", "--1"] {
            assert!(
                matches!(
                    parse_stored(malformed),
                    Err(StoredFigureError::Malformed(_))
                ),
                "{malformed}"
            );
        }
    }

    #[test]
    fn euros_have_at_most_two_decimals() {
        assert_eq!(parse_euro_amount("130.254"), Ok(dec("130254")));
        assert_eq!(parse_euro_amount("130,25 €"), Ok(dec("130.25")));
        let refused = parse_euro_amount("1234,567").unwrap_err();
        assert_eq!(refused.likely, Some(dec("1234567")));
        assert_eq!(parse_euro_amount("1,2345").unwrap_err().likely, None);
        assert_eq!(euro_likely_reading(dec("130.254")), Some(dec("130254")));
        assert_eq!(euro_likely_reading(dec("130.25")), None);
        assert_eq!(euro_likely_reading(dec("1.2345")), None);
    }

    #[test]
    fn sums_that_a_decimal_cannot_hold_are_none() {
        assert_eq!(
            checked_sum([Some(dec("1.5")), Some(dec("2"))]),
            Some(dec("3.5"))
        );
        assert_eq!(checked_sum([Some(dec("1")), None]), None);
        assert_eq!(checked_sum([Some(Decimal::MAX), Some(Decimal::ONE)]), None);
        assert_eq!(checked_sum([]), Some(Decimal::ZERO));
    }

    #[test]
    fn formats_the_french_way() {
        assert_eq!(
            format_amount_fr(dec("1207650.75")),
            "1\u{a0}207\u{a0}650,75"
        );
        assert_eq!(format_amount_fr(dec("442998")), "442\u{a0}998");
        assert_eq!(format_amount_fr(dec("-1000")), "-1\u{a0}000");
        assert_eq!(format_amount_fr(dec("999")), "999");
        assert_eq!(format_amount_fr(dec("156111.20")), "156\u{a0}111,20");
    }
}
