//! Recorded glyph runs, each linked (where [`super::walk`] could) to its font dictionary → the
//! text of every glyph by the fallback chain of [`super::font`], and a tally of what could not
//! be mapped, was guessed, or came from a font hayro could not load — the page's warnings.

use super::device::{RawGlyph, Recorder, is_substitute};
use super::font::charset::Charset;
use super::font::program::Program;
use super::font::{FontInfo, FontTable, Source};
use crate::error::{Warning, WarningKind};
use std::collections::BTreeMap;
use std::rc::Rc;

/// Counts per font name, for the page's warnings.
#[derive(Debug, Default)]
pub struct Tally {
    /// Glyphs left as U+FFFD, per font.
    pub unmapped: BTreeMap<String, usize>,
    /// Glyphs whose text is a guess, per font, with what was guessed.
    pub guessed: BTreeMap<String, (usize, String)>,
    /// Glyphs of fonts hayro could not load, per font, with the reason.
    pub not_loaded: BTreeMap<String, (usize, String)>,
}

impl Tally {
    /// The page's warnings.
    pub fn warnings(&self, page: usize) -> Vec<Warning> {
        let mut out = Vec::new();
        for (font, (n, reason)) in &self.not_loaded {
            out.push(
                Warning::new(
                    WarningKind::FontNotLoaded,
                    format!(
                        "page {page}: font {font} could not be loaded ({reason}); {n} glyph{} drawn with it read only where its ToUnicode maps them",
                        plural(*n)
                    ),
                )
                .at_page(page),
            );
        }
        let total: usize = self.unmapped.values().sum();
        if total > 0 {
            let fonts: Vec<String> = self
                .unmapped
                .iter()
                .map(|(f, n)| format!("{f} ({n})"))
                .collect();
            out.push(
                Warning::new(
                    WarningKind::UnmappedGlyphs,
                    format!(
                        "page {page}: {total} glyph{} could not be mapped to text (shown as U+FFFD), in font {}",
                        plural(total),
                        fonts.join(", ")
                    ),
                )
                .at_page(page),
            );
        }
        for (font, (n, what)) in &self.guessed {
            out.push(
                Warning::new(
                    WarningKind::CharsetGuessed,
                    format!(
                        "page {page}: {n} glyph{} of font {font} read {what}",
                        plural(*n)
                    ),
                )
                .at_page(page),
            );
        }
        out
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// One glyph's text by the chain; `g.text`/`g.mapped` hold hayro's reading.
fn glyph_text(
    g: &RawGlyph,
    info: Option<&FontInfo>,
    program: &dyn Fn() -> Option<Rc<Program>>,
) -> (String, Source) {
    if let Some(i) = info
        && let Some(t) = i.declared_text(g.code)
    {
        return (t, Source::Fallback);
    }
    if info.is_some_and(|i| i.broken.is_some()) {
        return ("\u{FFFD}".into(), Source::Unmapped);
    }
    if g.mapped {
        return (g.text.clone(), Source::Hayro);
    }
    let program = program();
    if let (Some(p), Some(gid)) = (&program, g.gid)
        && let Some(t) = p.text(gid)
    {
        return (t, Source::Fallback);
    }
    if let Some(i) = info {
        let cid = program.as_ref().zip(g.gid).and_then(|(p, gid)| p.cid(gid));
        if let Some(t) = i.ordering_text(g.code, cid) {
            return (t, Source::Fallback);
        }
        if let Some((t, guessed)) = i.numbered_text(g.code) {
            return (
                t,
                if guessed {
                    Source::Guessed
                } else {
                    Source::Fallback
                },
            );
        }
    }
    ("\u{FFFD}".into(), Source::Unmapped)
}

/// Decodes a run of a simple font whose bytes are a CJK code page: `Some` texts per glyph
/// (`None` for the trail byte of a pair, merged into its lead) when every byte ≥ 0x80 of the
/// run falls into a valid character, `None` otherwise (the run is then read as its encoding
/// says: a stray byte means the font is used for Latin text here).
fn decode_run(cs: Charset, codes: &[u32]) -> Option<Vec<Option<String>>> {
    let mut out = Vec::with_capacity(codes.len());
    let mut pairs = 0;
    let mut i = 0;
    while i < codes.len() {
        let b = u8::try_from(codes[i]).ok()?;
        if cs.is_lead(b) {
            let t = u8::try_from(*codes.get(i + 1)?).ok()?;
            out.push(Some(cs.decode(&[b, t])?));
            out.push(None);
            pairs += 1;
            i += 2;
        } else {
            out.push(Some(cs.decode(&[b])?));
            i += 1;
        }
    }
    (pairs > 0).then_some(out)
}

/// Maps every glyph of the page to text. `links[k]` is the font of run `k`, where known.
/// Glyphs merged into a double-byte character are removed.
pub fn resolve(rec: &mut Recorder, links: &[Option<Rc<FontInfo>>], fonts: &FontTable) -> Tally {
    let mut tally = Tally::default();
    let mut removed = vec![false; rec.glyphs.len()];
    for (k, run) in rec.runs.iter().enumerate() {
        let info = links.get(k).and_then(|l| l.as_deref());
        // Read the program's tables only when a glyph needs them.
        let program = std::cell::OnceCell::new();
        let program = || {
            program
                .get_or_init(|| {
                    run.program
                        .and_then(|key| rec.programs.get(&key).map(|d| (key, d)))
                        .filter(|(_, d)| !is_substitute((***d).as_ref()))
                        .and_then(|(key, d)| fonts.program(key, d))
                })
                .clone()
        };
        let name = |g: &RawGlyph| match info {
            Some(i) => i.name.clone(),
            None => rec.fonts.get(g.font as usize).cloned().unwrap_or_default(),
        };
        if let Some(i) = info
            && let Some((cs, why)) = i.charset
        {
            let codes: Vec<u32> = rec.glyphs[run.start..run.end]
                .iter()
                .map(|g| g.code)
                .collect();
            if let Some(texts) = decode_run(cs, &codes) {
                let mut n = 0;
                for (j, t) in texts.into_iter().enumerate() {
                    let gi = run.start + j;
                    match t {
                        Some(t) => {
                            let g = &mut rec.glyphs[gi];
                            if t != g.text {
                                n += 1;
                            }
                            g.text = t;
                            g.mapped = true;
                        }
                        None => {
                            removed[gi] = true;
                            let tail = rec.glyphs[gi].bbox;
                            let lead = &mut rec.glyphs[gi - 1];
                            lead.bbox = lead.bbox.union(&tail);
                        }
                    }
                }
                if n > 0 {
                    let e = tally
                        .guessed
                        .entry(i.name.clone())
                        .or_insert((0, format!("as {} (chosen by {why})", cs.name())));
                    e.0 += n;
                }
                continue;
            }
        }
        for gi in run.start..run.end {
            // hayro's reading stands where no linked font has a say: nothing to do.
            if info.is_none() && rec.glyphs[gi].mapped {
                continue;
            }
            let (text, source) = glyph_text(&rec.glyphs[gi], info, &program);
            if source == Source::Hayro {
                continue;
            }
            let font = name(&rec.glyphs[gi]);
            match source {
                Source::Unmapped => *tally.unmapped.entry(font.clone()).or_default() += 1,
                Source::Guessed => {
                    let what = info
                        .and_then(|i| i.guess)
                        .map(|g| {
                            format!(
                                "by their character codes in the {} layout (its glyph names only number the codes)",
                                g.name()
                            )
                        })
                        .unwrap_or_else(|| {
                            "as Latin-1 by the decimal numbers in their glyph names (/MT51 = \"3\")"
                                .to_string()
                        });
                    tally.guessed.entry(font.clone()).or_insert((0, what)).0 += 1;
                }
                _ => {}
            }
            if let Some(reason) = info.and_then(|i| i.broken.clone()) {
                tally.not_loaded.entry(font).or_insert((0, reason)).0 += 1;
            }
            let g = &mut rec.glyphs[gi];
            g.mapped = source != Source::Unmapped;
            g.text = text;
        }
    }
    if removed.iter().any(|&r| r) {
        let mut i = 0;
        rec.glyphs.retain(|_| {
            i += 1;
            !removed[i - 1]
        });
    }
    tally
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn double_byte_runs_decode_only_when_every_high_byte_pairs() {
        let codes: Vec<u32> = b"\xc4\xbf\xa1\xa1A".iter().map(|&b| b as u32).collect();
        let t = decode_run(Charset::Gbk, &codes).unwrap();
        assert_eq!(
            t,
            vec![
                Some("目".to_string()),
                None,
                Some("\u{3000}".to_string()),
                None,
                Some("A".to_string())
            ]
        );
        // "…" (0x85) then a space: Latin text in a Japanese font, left alone.
        let codes: Vec<u32> = b"Go\x85 ".iter().map(|&b| b as u32).collect();
        assert_eq!(decode_run(Charset::ShiftJis, &codes), None);
        // Only ASCII: nothing to decode.
        assert_eq!(decode_run(Charset::Gbk, &[0x41, 0x42]), None);
    }
}
