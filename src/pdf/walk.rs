//! A page's content streams → the text-showing operations in drawing order, each with the font
//! dictionary it used and its character codes; and those operations lined up with the glyph
//! runs hayro drew.
//!
//! hayro hands the device glyphs but not the font dictionary they came from, and the fallbacks
//! of [`super::font`] need it (a CIDFont's character collection, a ToUnicode hayro could not
//! read, a simple font's code page). This walk follows only what selects fonts — `q`/`Q`, `Tf`,
//! `gs` with a Font entry, form XObjects and annotation appearances (drawn after the page, as
//! hayro draws them, PDF 32000-1:2008 12.5.5) — and the text operators. A run is matched to an
//! operation only when their character codes are equal, so content hayro skipped (hidden
//! optional content, forms nested too deep) leaves a run unmatched rather than mismatched.

use super::font::{FontInfo, FontTable};
use hayro_interpret::hayro_syntax::content::TypedIter;
use hayro_interpret::hayro_syntax::content::ops::TypedInstruction;
use hayro_interpret::hayro_syntax::object::{Array, Dict, Name, Object, Stream};
use hayro_interpret::hayro_syntax::page::{Page, Resources};
use std::rc::Rc;

/// Form XObjects nested deeper than this are not followed (hayro stops earlier).
const MAX_DEPTH: usize = 64;

/// One text-showing operation.
pub struct ShowOp {
    /// The font it used (`None`: no font set, or a name the resources do not hold; hayro then
    /// draws with Helvetica).
    pub font: Option<Rc<FontInfo>>,
    /// Its character codes.
    pub codes: Vec<u32>,
}

fn codes_of(font: &Option<Rc<FontInfo>>, bytes: &[u8], out: &mut Vec<u32>) {
    let mut i = 0;
    while i < bytes.len() {
        let (code, len) = match font {
            Some(f) => f.read_code(bytes, i),
            None => (bytes[i] as u32, 1),
        };
        out.push(code);
        i += len.max(1);
    }
}

struct Walker<'t> {
    fonts: &'t FontTable,
    ops: Vec<ShowOp>,
    /// Object numbers of the forms being drawn (a form drawing itself is not followed).
    forms: Vec<u64>,
}

impl Walker<'_> {
    fn run(&mut self, content: &[u8], resources: &Resources<'_>, depth: usize) {
        let mut font: Option<Rc<FontInfo>> = None;
        let mut saved: Vec<Option<Rc<FontInfo>>> = Vec::new();
        let mut ops = TypedIter::new(content);
        while let Some(op) = ops.next() {
            match op {
                TypedInstruction::SaveState(_) => saved.push(font.clone()),
                TypedInstruction::RestoreState(_) => {
                    if let Some(f) = saved.pop() {
                        font = f;
                    }
                }
                TypedInstruction::TextFont(t) => {
                    font = resources.get_font(t.0).map(|d| self.fonts.info(&d));
                }
                TypedInstruction::SetGraphicsState(gs) => {
                    if let Some(d) = resources
                        .get_ext_g_state(gs.0)
                        .and_then(|g| g.get::<Array<'_>>(b"Font"))
                        .and_then(|a| a.iter::<Dict<'_>>().next())
                    {
                        font = Some(self.fonts.info(&d));
                    }
                }
                TypedInstruction::ShowText(s) => self.show(&font, s.0.as_bytes()),
                TypedInstruction::NextLineAndShowText(s) => self.show(&font, s.0.as_bytes()),
                TypedInstruction::ShowTextWithParameters(t) => self.show(&font, t.2.as_bytes()),
                TypedInstruction::ShowTexts(a) => {
                    let mut codes = Vec::new();
                    for o in a.0.iter::<Object<'_>>() {
                        if let Object::String(s) = o {
                            codes_of(&font, s.as_bytes(), &mut codes);
                        }
                    }
                    self.push(&font, codes);
                }
                TypedInstruction::XObject(x) => {
                    if let Some(s) = resources.get_x_object(x.0) {
                        self.form(&s, resources, depth);
                    }
                }
                _ => {}
            }
        }
    }

    fn show(&mut self, font: &Option<Rc<FontInfo>>, bytes: &[u8]) {
        let mut codes = Vec::new();
        codes_of(font, bytes, &mut codes);
        self.push(font, codes);
    }

    fn push(&mut self, font: &Option<Rc<FontInfo>>, codes: Vec<u32>) {
        if !codes.is_empty() {
            self.ops.push(ShowOp {
                font: font.clone(),
                codes,
            });
        }
    }

    fn form(&mut self, s: &Stream<'_>, parent: &Resources<'_>, depth: usize) {
        let dict = s.dict();
        if dict.get::<Name<'_>>(b"Subtype").as_deref() != Some(b"Form".as_slice())
            || depth >= MAX_DEPTH
        {
            return;
        }
        let id = s.obj_id().obj_number as u64;
        if self.forms.contains(&id) {
            return;
        }
        let Ok(content) = s.decoded_data() else {
            return;
        };
        let own = dict.get::<Dict<'_>>(b"Resources").map(Resources::new);
        self.forms.push(id);
        self.run(&content, own.as_ref().unwrap_or(parent), depth + 1);
        self.forms.pop();
    }
}

/// The text-showing operations of a page, in the order hayro draws them.
pub fn show_ops(page: &Page<'_>, fonts: &FontTable) -> Vec<ShowOp> {
    let mut w = Walker {
        fonts,
        ops: Vec::new(),
        forms: Vec::new(),
    };
    if let Some(content) = page.page_stream() {
        w.run(content, page.resources(), 0);
    }
    // Annotation appearances, as hayro's `interpret_page` draws them (hidden ones skipped).
    if let Some(annots) = page.raw().get::<Array<'_>>(b"Annots") {
        for annot in annots.iter::<Dict<'_>>() {
            let flags = annot.get::<u32>(b"F").unwrap_or(0);
            if flags & (1 << 1 | 1 << 5) != 0 {
                continue;
            }
            let Some(ap) = annot
                .get::<Dict<'_>>(b"AP")
                .and_then(|ap| ap.get::<Object<'_>>(b"N"))
            else {
                continue;
            };
            let stream = match ap {
                Object::Stream(s) => Some(s),
                Object::Dict(states) => annot
                    .get::<Name<'_>>(b"AS")
                    .and_then(|st| states.get::<Stream<'_>>(st.as_ref()))
                    .or_else(|| states.get::<Stream<'_>>(b"Off")),
                _ => None,
            };
            if let Some(s) = stream {
                w.form(&s, page.resources(), 0);
            }
        }
    }
    w.ops
}

/// Whether a page draws with any font that needs its dictionary linked to its glyphs: the
/// fonts of its resources, of the forms it uses and of its annotations' appearances.
pub fn page_needs_links(page: &Page<'_>, fonts: &FontTable) -> bool {
    fn res_needs(res: &Resources<'_>, fonts: &FontTable, depth: usize) -> bool {
        // Fonts and forms are shared between pages by reference: their verdicts are looked up
        // by object number before anything is parsed.
        for name in res.fonts.keys() {
            if let Some(r) = res.fonts.get_ref(name.as_ref())
                && let Some(needy) = fonts.known_needy(super::font::ref_key(r))
            {
                if needy {
                    return true;
                }
                continue;
            }
            if let Some(d) = res.fonts.get::<Dict<'_>>(name.as_ref())
                && fonts.info(&d).needy
            {
                return true;
            }
        }
        if depth >= 8 {
            return false;
        }
        for name in res.x_objects.keys() {
            let known = res.x_objects.get_ref(name.as_ref()).and_then(|r| {
                fonts
                    .plain_forms
                    .borrow()
                    .get(&(r.obj_number as u64))
                    .copied()
            });
            if let Some(needs) = known {
                if needs {
                    return true;
                }
                continue;
            }
            let Some(s) = res.x_objects.get::<Stream<'_>>(name.as_ref()) else {
                continue;
            };
            let id = s.obj_id().obj_number as u64;
            if s.dict().get::<Name<'_>>(b"Subtype").as_deref() != Some(b"Form".as_slice()) {
                fonts.plain_forms.borrow_mut().insert(id, false);
                continue;
            }
            // Mark first: a form that draws itself ends here.
            fonts.plain_forms.borrow_mut().insert(id, false);
            let needs = s
                .dict()
                .get::<Dict<'_>>(b"Resources")
                .map(Resources::new)
                .is_some_and(|r| res_needs(&r, fonts, depth + 1));
            fonts.plain_forms.borrow_mut().insert(id, needs);
            if needs {
                return true;
            }
        }
        false
    }
    if res_needs(page.resources(), fonts, 0) {
        return true;
    }
    page.raw()
        .get::<Array<'_>>(b"Annots")
        .is_some_and(|annots| {
            annots.iter::<Dict<'_>>().any(|a| {
                a.get::<Dict<'_>>(b"AP")
                    .and_then(|ap| ap.get::<Stream<'_>>(b"N"))
                    .and_then(|s| s.dict().get::<Dict<'_>>(b"Resources"))
                    .map(Resources::new)
                    .is_some_and(|r| res_needs(&r, fonts, 1))
            })
        })
}

/// Lines runs (their codes) up with operations: for each run, the operation it drew, matched by
/// equal codes, in order. A run that matches nothing near is left unlinked; a run drawn twice
/// (fill then stroke, render mode 2) links to the same operation.
pub fn align<'c>(runs: impl Iterator<Item = &'c [u32]>, ops: &[ShowOp]) -> Vec<Option<usize>> {
    const LOOKAHEAD: usize = 64;
    let mut next = 0usize;
    let mut out = Vec::new();
    for codes in runs {
        let found = if ops.get(next).is_some_and(|o| o.codes == codes) {
            Some(next)
        } else if next > 0 && ops[next - 1].codes == codes {
            Some(next - 1)
        } else {
            (next..ops.len().min(next + LOOKAHEAD)).find(|&k| ops[k].codes == codes)
        };
        if let Some(k) = found {
            next = next.max(k + 1);
        }
        out.push(found);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn op(codes: &[u32]) -> ShowOp {
        ShowOp {
            font: None,
            codes: codes.to_vec(),
        }
    }

    #[test]
    fn runs_align_with_operations_by_their_codes() {
        let ops = vec![op(&[1, 2]), op(&[3]), op(&[4, 5]), op(&[6])];
        // [3] was hidden (no run); [4, 5] drawn twice; [9] matches nothing.
        let runs: Vec<&[u32]> = vec![&[1, 2], &[4, 5], &[4, 5], &[9], &[6]];
        assert_eq!(
            align(runs.into_iter(), &ops),
            vec![Some(0), Some(2), Some(2), None, Some(3)]
        );
    }
}
