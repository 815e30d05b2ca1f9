//! Participation marks of a matrix cell: ○ 〇 ◯ ● ◎.

/// Whether a (trimmed) cell is exactly one participation mark: ○ (U+25CB), 〇 (U+3007),
/// ◯ (U+25EF), ● (U+25CF) or ◎ (U+25CE).
pub fn is_mark(s: &str) -> bool {
    let mut cs = s.trim().chars();
    matches!(
        (cs.next(), cs.next()),
        (Some('○' | '〇' | '◯' | '●' | '◎'), None)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks() {
        for s in ["○", "〇", "◯", "●", "◎", " ○ "] {
            assert!(is_mark(s), "{s}");
        }
        for s in ["", "-", "—", "○○", "×", "△", "o", "O", "0", "◇"] {
            assert!(!is_mark(s), "{s}");
        }
    }
}
