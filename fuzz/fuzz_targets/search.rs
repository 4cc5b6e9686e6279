//! The search on any labels and any query: the first line is the query, every other line a
//! fiche title (and, all together, a long description). A hit is an entry of the index, best
//! first, and the characters its label highlights are in the label.
#![no_main]

use libfuzzer_sys::fuzz_target;
use revue::model::{Axe, Block, Convention, Fiche, Partners};
use revue::search::Index;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut lines = text.split('\n');
    let query = lines.next().unwrap_or_default();
    let labels: Vec<&str> = lines.take(64).collect();
    let fiches = labels
        .iter()
        .enumerate()
        .map(|(i, label)| Fiche {
            id: if i % 2 == 0 { format!("{i}") } else { label.to_string() },
            title: label.to_string(),
            description: Some(Block {
                text: labels.join(" "),
                ..Block::default()
            }),
            partners: Some(Partners {
                names: vec![label.chars().rev().collect()],
                ..Partners::default()
            }),
            ..Fiche::default()
        })
        .collect();
    let convention = Convention {
        axes: vec![Axe {
            id: "1".into(),
            title: query.to_string(),
            fiches,
            ..Axe::default()
        }],
        ..Convention::default()
    };
    let index = Index::build(std::iter::once((&convention, &[][..])));
    let hits = index.search(query, 25);
    assert!(hits.len() <= 25);
    assert!(hits.windows(2).all(|w| w[0].score >= w[1].score), "best first");
    for hit in &hits {
        let label = index
            .label(hit.entry, &convention, &[])
            .expect("a result has a text");
        let highlighted = revue::search::highlight(query, &label);
        let chars = label.chars().count();
        assert!(
            highlighted.iter().all(|&c| c < chars),
            "{highlighted:?} beyond {label:?}"
        );
        assert!(highlighted.windows(2).all(|w| w[0] < w[1]));
    }
});
