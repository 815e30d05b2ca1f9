//! Text comparison helpers: equality that ignores layout white space, character spans from
//! `similar`, list diffs (added/removed items) and similarity ratios.
//!
//! Input: two strings or two lists of bullets → [`Span`]s, added/removed items, a ratio.

use super::change::{Span, SpanOp};
use similar::{Algorithm, ChangeTag, DiffOp, TextDiff};

/// Largest character diff computed exactly, as the product of the two lengths. Myers' diff costs
/// O((N+M)·D); card paragraphs are a few hundred characters (products around 10⁵), so this only
/// bounds pathological input — by its size, not by a clock, so that the output never depends
/// on the machine. Beyond it, [`ratio`] counts shared characters and [`char_spans`] keeps the
/// common prefix and suffix and replaces the middle.
pub const MAX_DIFF_CELLS: usize = 4_000_000;

/// The text without white space. Extraction keeps printed spaces (`13 者`) and the truth was
/// written with the same rules, but a pure spacing difference between two renderings is layout,
/// not a change of wording (the scorer compares the same way).
pub use crate::normalize::squash;
use crate::normalize::unspaced;

/// Whether a character diff of `a` and `b` is within [`MAX_DIFF_CELLS`].
fn exact(a: &str, b: &str) -> bool {
    a.chars().count().saturating_mul(b.chars().count()) <= MAX_DIFF_CELLS
}

/// Similarity from which two replaced bullets are diffed character by character.
pub const INLINE_RATIO: f64 = 0.5;

/// Equal up to white space.
pub fn same(a: &str, b: &str) -> bool {
    unspaced(a).eq(unspaced(b))
}

/// Equal lists up to white space inside items.
pub fn same_lines(a: &[String], b: &[String]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same(x, y))
}

/// Similarity in 0..=1 of two texts, compared character by character (white space ignored):
/// twice the characters the diff keeps over both lengths. Beyond [`MAX_DIFF_CELLS`], twice the
/// characters the two texts share as multisets (an upper bound of the diff's value) over both
/// lengths.
pub fn ratio(a: &str, b: &str) -> f64 {
    let (a, b) = (squash(a), squash(b));
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    if !exact(&a, &b) {
        return shared_ratio(&a, &b);
    }
    f64::from(
        TextDiff::configure()
            .algorithm(Algorithm::Myers)
            .diff_chars(&a, &b)
            .ratio(),
    )
}

/// `2·|A ∩ B| / (|A| + |B|)` over the characters as multisets, in linear time.
fn shared_ratio(a: &str, b: &str) -> f64 {
    let mut counts: std::collections::HashMap<char, isize> = std::collections::HashMap::new();
    for c in a.chars() {
        *counts.entry(c).or_default() += 1;
    }
    let mut shared = 0usize;
    for c in b.chars() {
        if let Some(n) = counts.get_mut(&c)
            && *n > 0
        {
            *n -= 1;
            shared += 1;
        }
    }
    let total = a.chars().count() + b.chars().count();
    (2 * shared) as f64 / total as f64
}

fn push(spans: &mut Vec<Span>, op: SpanOp, text: &str) {
    if text.is_empty() {
        return;
    }
    match spans.last_mut() {
        Some(last) if last.op == op => last.text.push_str(text),
        _ => spans.push(Span {
            op,
            text: text.to_string(),
        }),
    }
}

/// Character spans turning `from` into `to`, adjacent runs of one operation merged.
pub fn char_spans(from: &str, to: &str) -> Vec<Span> {
    let mut spans = Vec::new();
    append_char_spans(&mut spans, from, to);
    spans
}

fn append_char_spans(spans: &mut Vec<Span>, from: &str, to: &str) {
    if !exact(from, to) {
        // The common prefix and suffix stay; the rest is shown replaced.
        let prefix: usize = from
            .chars()
            .zip(to.chars())
            .take_while(|(a, b)| a == b)
            .map(|(a, _)| a.len_utf8())
            .sum();
        let (f, t) = (&from[prefix..], &to[prefix..]);
        let suffix: usize = f
            .chars()
            .rev()
            .zip(t.chars().rev())
            .take_while(|(a, b)| a == b)
            .map(|(a, _)| a.len_utf8())
            .sum();
        push(spans, SpanOp::Equal, &from[..prefix]);
        push(spans, SpanOp::Delete, &f[..f.len() - suffix]);
        push(spans, SpanOp::Insert, &t[..t.len() - suffix]);
        push(spans, SpanOp::Equal, &f[f.len() - suffix..]);
        return;
    }
    let diff = TextDiff::configure()
        .algorithm(Algorithm::Myers)
        .diff_chars(from, to);
    for change in diff.iter_all_changes() {
        let op = match change.tag() {
            ChangeTag::Equal => SpanOp::Equal,
            ChangeTag::Insert => SpanOp::Insert,
            ChangeTag::Delete => SpanOp::Delete,
        };
        push(spans, op, change.value());
    }
}

/// Spans of a list change: items are first aligned as wholes (so an inserted bullet is one
/// insert span, not characters scattered over its neighbours); replaced items are then diffed
/// character by character, pairwise. Every item is followed by `\n` in the span of its side.
pub fn list_spans(from: &[String], to: &[String]) -> Vec<Span> {
    let a: Vec<String> = from.iter().map(|s| squash(s)).collect();
    let b: Vec<String> = to.iter().map(|s| squash(s)).collect();
    let mut spans = Vec::new();
    for op in similar::capture_diff_slices(Algorithm::Myers, &a, &b) {
        match op {
            DiffOp::Equal { new_index, len, .. } => {
                for item in &to[new_index..new_index + len] {
                    push(&mut spans, SpanOp::Equal, item);
                    push(&mut spans, SpanOp::Equal, "\n");
                }
            }
            DiffOp::Delete {
                old_index, old_len, ..
            } => {
                for item in &from[old_index..old_index + old_len] {
                    push(&mut spans, SpanOp::Delete, item);
                    push(&mut spans, SpanOp::Delete, "\n");
                }
            }
            DiffOp::Insert {
                new_index, new_len, ..
            } => {
                for item in &to[new_index..new_index + new_len] {
                    push(&mut spans, SpanOp::Insert, item);
                    push(&mut spans, SpanOp::Insert, "\n");
                }
            }
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                let paired = old_len.min(new_len);
                for k in 0..paired {
                    let (f, t) = (&from[old_index + k], &to[new_index + k]);
                    // An edited bullet is shown inline; a bullet replaced by an unrelated one
                    // reads better as one line removed and one added.
                    if ratio(f, t) >= INLINE_RATIO {
                        append_char_spans(&mut spans, f, t);
                        push(&mut spans, SpanOp::Equal, "\n");
                    } else {
                        push(&mut spans, SpanOp::Delete, f);
                        push(&mut spans, SpanOp::Delete, "\n");
                        push(&mut spans, SpanOp::Insert, t);
                        push(&mut spans, SpanOp::Insert, "\n");
                    }
                }
                for item in &from[old_index + paired..old_index + old_len] {
                    push(&mut spans, SpanOp::Delete, item);
                    push(&mut spans, SpanOp::Delete, "\n");
                }
                for item in &to[new_index + paired..new_index + new_len] {
                    push(&mut spans, SpanOp::Insert, item);
                    push(&mut spans, SpanOp::Insert, "\n");
                }
            }
        }
    }
    spans
}

/// Items of `to` that are not in `from` and items of `from` not in `to` (multiset difference,
/// white space ignored), each in its list's order.
pub fn added_removed(from: &[String], to: &[String]) -> (Vec<String>, Vec<String>) {
    fn minus(xs: &[String], ys: &[String]) -> Vec<String> {
        let mut pool: Vec<Option<String>> = ys.iter().map(|y| Some(squash(y))).collect();
        let mut out = Vec::new();
        for x in xs {
            let key = squash(x);
            match pool.iter_mut().find(|p| p.as_deref() == Some(key.as_str())) {
                Some(slot) => *slot = None,
                None => out.push(x.clone()),
            }
        }
        out
    }
    (minus(to, from), minus(from, to))
}

/// The revised side of spans as characters without white space, each flagged `true` when it
/// was inserted. Used to see whether an underlined span covers new text.
pub fn revised_chars(spans: &[Span]) -> Vec<(char, bool)> {
    spans
        .iter()
        .filter(|s| s.op != SpanOp::Delete)
        .flat_map(|s| s.text.chars().map(move |c| (c, s.op == SpanOp::Insert)))
        .filter(|(c, _)| !c.is_whitespace())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(xs: &[&str]) -> Vec<String> {
        xs.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn spaces_do_not_count() {
        assert!(same("13 者", "13者"));
        assert!(!same("13者", "14者"));
        assert!(same_lines(&v(&["a b"]), &v(&["ab"])));
    }

    #[test]
    fn char_spans_mark_the_inserted_words() {
        let s = char_spans("人材確保支援", "人材や後継者確保支援");
        assert_eq!(
            s,
            vec![
                Span {
                    op: SpanOp::Equal,
                    text: "人材".into()
                },
                Span {
                    op: SpanOp::Insert,
                    text: "や後継者".into()
                },
                Span {
                    op: SpanOp::Equal,
                    text: "確保支援".into()
                },
            ]
        );
    }

    #[test]
    fn inserted_bullet_is_one_span() {
        let s = list_spans(&v(&["a1", "c3"]), &v(&["a1", "b2", "c3"]));
        assert_eq!(
            s,
            vec![
                Span {
                    op: SpanOp::Equal,
                    text: "a1\n".into()
                },
                Span {
                    op: SpanOp::Insert,
                    text: "b2\n".into()
                },
                Span {
                    op: SpanOp::Equal,
                    text: "c3\n".into()
                },
            ]
        );
    }

    #[test]
    fn replaced_bullet_is_diffed_inline() {
        let s = list_spans(&v(&["夜間中学の整備"]), &v(&["夜間中学の整備・運営"]));
        assert_eq!(
            s,
            vec![
                Span {
                    op: SpanOp::Equal,
                    text: "夜間中学の整備".into()
                },
                Span {
                    op: SpanOp::Insert,
                    text: "・運営".into()
                },
                Span {
                    op: SpanOp::Equal,
                    text: "\n".into()
                },
            ]
        );
    }

    #[test]
    fn unrelated_replacement_is_delete_then_insert() {
        let s = list_spans(&v(&["xyz"]), &v(&["abc"]));
        assert_eq!(
            s,
            vec![
                Span {
                    op: SpanOp::Delete,
                    text: "xyz\n".into()
                },
                Span {
                    op: SpanOp::Insert,
                    text: "abc\n".into()
                }
            ]
        );
    }

    #[test]
    fn added_and_removed_items() {
        let (a, r) = added_removed(&v(&["x", "y", "z"]), &v(&["x", "z", "w"]));
        assert_eq!(a, v(&["w"]));
        assert_eq!(r, v(&["y"]));
        let (a, r) = added_removed(&v(&["x", "x"]), &v(&["x"]));
        assert!(a.is_empty());
        assert_eq!(r, v(&["x"]));
    }

    #[test]
    fn huge_texts_are_compared_by_size_bound_not_by_time() {
        // 3,000 × 3,000 characters is beyond the bound: linear fallbacks, same result always.
        let a: String = "あいう".repeat(1000);
        let mut b = a.clone();
        b.replace_range(0..3, "か");
        assert!(!exact(&a, &b));
        let r = ratio(&a, &b);
        assert!((r - 2.0 * 2999.0 / 6000.0).abs() < 1e-9, "{r}");
        assert_eq!(r, ratio(&a, &b));
        let s = char_spans(&format!("x{a}y"), &format!("x{b}y"));
        assert_eq!(
            s[0],
            Span {
                op: SpanOp::Equal,
                text: "x".into()
            }
        );
        assert_eq!(
            s[1],
            Span {
                op: SpanOp::Delete,
                text: "あ".into()
            }
        );
        assert_eq!(
            s[2],
            Span {
                op: SpanOp::Insert,
                text: "か".into()
            }
        );
        assert_eq!(s[3].op, SpanOp::Equal);
        assert!(s[3].text.ends_with("いうy"));
        assert_eq!(s.len(), 4);
    }

    #[test]
    fn ratio_and_revised_chars() {
        assert!((ratio("abcd", "abcd") - 1.0).abs() < 1e-9);
        assert!((ratio("ab", "cd")).abs() < 1e-9);
        let rc = revised_chars(&char_spans("a c", "a bc"));
        let flags: String = rc
            .iter()
            .map(|(c, f)| if *f { c.to_ascii_uppercase() } else { *c })
            .collect();
        assert_eq!(flags, "aBc");
    }
}
