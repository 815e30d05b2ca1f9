//! The README documents what the library defines: every warning kind is in its warning table.

use kaitei::WarningKind;

#[test]
fn readme_lists_every_warning_kind() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README readable");
    let missing: Vec<&str> = WarningKind::ALL
        .iter()
        .map(|k| k.as_str())
        .filter(|k| !readme.contains(&format!("| `{k}` |")))
        .collect();
    assert!(
        missing.is_empty(),
        "README's warning table lacks {missing:?}"
    );
}

/// The README's warning table gives each kind's Japanese sentence, as the reports show it.
#[test]
fn readme_gives_the_japanese_sentence_of_every_warning_kind() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README readable");
    let missing: Vec<&str> = WarningKind::ALL
        .iter()
        .filter(|k| {
            !readme.lines().any(|l| {
                l.starts_with(&format!("| `{}` |", k.as_str()))
                    && l.ends_with(&format!("| {} |", k.message_ja()))
            })
        })
        .map(|k| k.as_str())
        .collect();
    assert!(
        missing.is_empty(),
        "README's warning table lacks the Japanese sentence of {missing:?}"
    );
}
