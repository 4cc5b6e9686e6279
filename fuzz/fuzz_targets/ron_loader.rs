//! The RON loader on any text: it reads a convention or refuses it with an error, never
//! panics or hangs; what it reads is saved without loss (the canonical text reads back as
//! the same convention and is a fixed point); every rule and the search index run over it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use revue::rules::{Config, check_convention};
use revue::search::Index;
use revue::storage::{from_ron_str, to_ron_string};

fuzz_target!(|data: &[u8]| {
    // `load_file` refuses invalid UTF-8 before parsing.
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(convention) = from_ron_str(text) else {
        return;
    };
    let saved = to_ron_string(&convention);
    let again = from_ron_str(&saved)
        .unwrap_or_else(|e| panic!("the canonical text does not read back: {e:?}\n{saved}"));
    assert_eq!(again, convention, "saving changed the convention:\n{saved}");
    assert_eq!(to_ron_string(&again), saved, "the canonical text is not a fixed point");

    let config = Config {
        current_year: 2026,
        ..Config::default()
    };
    let findings = check_convention(&convention, &config);
    let index = Index::build(std::iter::once((&convention, findings.as_slice())));
    for query in ["1", "fiche 1", "a e", "€"] {
        for hit in index.search(query, 20) {
            let label = index
                .label(hit.entry, &convention, &findings)
                .expect("a result has a text");
            let chars = label.chars().count();
            assert!(
                revue::search::highlight(query, &label)
                    .iter()
                    .all(|&c| c < chars)
            );
        }
    }
});
