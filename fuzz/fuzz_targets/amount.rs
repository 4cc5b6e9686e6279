//! The amount parser on any text, and the French format of any decimal: an accepted amount
//! printed the French way reads back as the same number with the same scale; a refused one
//! never panics, and its likely reading (when offered) prints and reads back too.
#![no_main]

use libfuzzer_sys::fuzz_target;
use revue::model::{format_amount_fr, parse_amount};
use rust_decimal::Decimal;

fn round_trip(amount: Decimal) {
    let french = format_amount_fr(amount);
    for written in [french.clone(), format!("{french} €"), format!("{french}€")] {
        let back = parse_amount(&written)
            .unwrap_or_else(|e| panic!("{amount} printed as {written:?} is refused: {e}"));
        assert_eq!(back, amount, "{written:?}");
        assert_eq!(back.scale(), amount.scale(), "{written:?}");
    }
}

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        match parse_amount(text) {
            Ok(amount) => round_trip(amount),
            Err(refused) => {
                if let Some(likely) = refused.likely {
                    round_trip(likely);
                }
            }
        }
    }
    // Any decimal at all, from the first 13 bytes: 96-bit mantissa, sign, scale.
    if let Some(bytes) = data.get(..13) {
        let word = |i: usize| u32::from_le_bytes([bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]]);
        let flags = bytes[12];
        let amount = Decimal::from_parts(
            word(0),
            word(4),
            word(8),
            flags & 0x80 != 0,
            u32::from(flags & 0x7f) % (Decimal::MAX_SCALE + 1),
        );
        round_trip(amount);
    }
});
