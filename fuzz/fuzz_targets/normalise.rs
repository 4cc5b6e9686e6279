//! The search normaliser on any text: every char of the key comes from a char of the label
//! (origins index into the label, in order), and the normalised key is the same with or
//! without origins. With it, the sanitiser every label goes through first: nothing that
//! drives a terminal survives it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use revue::search::{normalise, normalise_with_origin};
use revue::text::{sanitize_line, sanitize_multiline};

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}')
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for label in [text.to_string(), sanitize_line(text).into_owned()] {
        let (key, origin) = normalise_with_origin(&label);
        let chars = label.chars().count();
        assert_eq!(origin.len(), key.chars().count(), "one origin per key char");
        assert!(
            origin.iter().all(|&o| o < chars),
            "an origin beyond the label: {origin:?} for {chars} chars"
        );
        assert!(origin.windows(2).all(|w| w[0] <= w[1]), "origins out of order");
        assert_eq!(normalise(&label), key);
    }
    let line = sanitize_line(text);
    assert!(!line.chars().any(|c| c.is_control() || is_bidi_control(c)));
    let multiline = sanitize_multiline(text);
    assert!(
        !multiline
            .chars()
            .any(|c| (c.is_control() && c != '\n') || is_bidi_control(c))
    );
    // One char for one char: positions on screen match positions in the file.
    assert_eq!(line.chars().count(), text.chars().count());
    assert_eq!(multiline.chars().count(), text.chars().count());
    assert_eq!(multiline.matches('\n').count(), text.matches('\n').count());
});
