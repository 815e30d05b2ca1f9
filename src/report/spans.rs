//! Span helpers shared by the Markdown writer and the 新旧対照表 rows ([`super::taisho`]):
//! split spans into lines and show a value of an event as text.

use crate::diff::{Span, SpanOp};
use crate::records::ThousandYen;

/// The spans of one line of a text change.
pub(crate) type Line = Vec<Span>;

/// Split spans at `\n` into lines (a trailing newline does not start an empty line).
pub(crate) fn lines(spans: &[Span]) -> Vec<Line> {
    let mut out: Vec<Line> = vec![Vec::new()];
    for s in spans {
        let mut parts = s.text.split('\n').peekable();
        while let Some(part) = parts.next() {
            if !part.is_empty()
                && let Some(line) = out.last_mut()
            {
                line.push(Span {
                    op: s.op,
                    text: part.to_string(),
                });
            }
            if parts.peek().is_some() {
                out.push(Vec::new());
            }
        }
    }
    if out.last().is_some_and(Vec::is_empty) {
        out.pop();
    }
    out
}

/// True when the line exists only on the revised side.
pub(crate) fn only(line: &Line, op: SpanOp) -> bool {
    !line.is_empty() && line.iter().all(|s| s.op == op)
}

/// True when the line has some change.
pub(crate) fn changed(line: &Line) -> bool {
    line.iter().any(|s| s.op != SpanOp::Equal)
}

/// An amount for people: `12,000千円`, `—` for none.
pub(crate) fn yen(a: Option<ThousandYen>) -> String {
    a.map_or_else(|| "—".to_string(), |a| a.to_string())
}

/// The difference of two amounts, `(+3,000千円)`, empty unless both exist.
pub(crate) fn yen_delta(from: Option<ThousandYen>, to: Option<ThousandYen>) -> String {
    match (from, to) {
        (Some(f), Some(t)) => {
            let d = t.0 - f.0;
            // △ is how Japanese budget documents print a decrease.
            let sign = if d > 0 {
                "+"
            } else if d < 0 {
                "△"
            } else {
                "±"
            };
            format!(" ({sign}{}千円)", crate::records::group_digits(d.abs()))
        }
        _ => String::new(),
    }
}

/// An optional label for people, `—` for none.
pub(crate) fn opt(s: Option<&str>) -> &str {
    s.unwrap_or("—")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sp(op: SpanOp, t: &str) -> Span {
        Span { op, text: t.into() }
    }

    #[test]
    fn lines_split_at_newlines() {
        let l = lines(&[sp(SpanOp::Equal, "a\nb"), sp(SpanOp::Insert, "c\nd\n")]);
        assert_eq!(
            l,
            vec![
                vec![sp(SpanOp::Equal, "a")],
                vec![sp(SpanOp::Equal, "b"), sp(SpanOp::Insert, "c")],
                vec![sp(SpanOp::Insert, "d")]
            ]
        );
        assert!(only(&l[2], SpanOp::Insert));
        assert!(!changed(&l[0]));
    }

    #[test]
    fn amounts_and_differences() {
        assert_eq!(yen(Some(ThousandYen(12000))), "12,000千円");
        assert_eq!(yen(None), "—");
        assert_eq!(
            yen_delta(Some(ThousandYen(12000)), Some(ThousandYen(15000))),
            " (+3,000千円)"
        );
        assert_eq!(
            yen_delta(Some(ThousandYen(5000)), Some(ThousandYen(3000))),
            " (△2,000千円)"
        );
        assert_eq!(yen_delta(None, Some(ThousandYen(1))), "");
    }
}
