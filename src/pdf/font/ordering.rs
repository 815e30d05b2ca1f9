//! A CID of one of the four Adobe CJK character collections → its Unicode, by the collection's
//! predefined `Adobe-<Ordering>-UCS2` CMap (PDF 32000-1:2008 9.10.2, method (e) for CIDFonts
//! without ToUnicode), the way hayro already reads non-embedded CIDFonts.

use hayro_interpret::hayro_cmap::{BfString, CMap, CMapName, CidFamily, load_embedded};
use std::sync::OnceLock;

/// One of the Adobe CJK character collections.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ordering {
    /// Adobe-Japan1.
    Japan1,
    /// Adobe-GB1.
    Gb1,
    /// Adobe-CNS1.
    Cns1,
    /// Adobe-Korea1.
    Korea1,
}

impl Ordering {
    /// The collection named by a CIDSystemInfo's Registry and Ordering.
    pub fn from_names(registry: &[u8], ordering: &[u8]) -> Option<Ordering> {
        match CidFamily::from_registry_ordering(registry, ordering) {
            CidFamily::AdobeJapan1 => Some(Ordering::Japan1),
            CidFamily::AdobeGB1 => Some(Ordering::Gb1),
            CidFamily::AdobeCNS1 => Some(Ordering::Cns1),
            CidFamily::AdobeKorea1 => Some(Ordering::Korea1),
            _ => None,
        }
    }

    fn map(self) -> Option<&'static CMap> {
        static MAPS: [OnceLock<Option<CMap>>; 4] = [
            OnceLock::new(),
            OnceLock::new(),
            OnceLock::new(),
            OnceLock::new(),
        ];
        let (i, name) = match self {
            Ordering::Japan1 => (0, CMapName::AdobeJapan1Ucs2),
            Ordering::Gb1 => (1, CMapName::AdobeGb1Ucs2),
            Ordering::Cns1 => (2, CMapName::AdobeCns1Ucs2),
            Ordering::Korea1 => (3, CMapName::AdobeKorea1Ucs2),
        };
        MAPS[i]
            .get_or_init(|| CMap::parse(load_embedded(name)?, load_embedded))
            .as_ref()
    }

    /// The text of a CID.
    pub fn text(self, cid: u32) -> Option<String> {
        match self.map()?.lookup_bf_string(cid)? {
            BfString::Char(c) => Some(c.to_string()),
            BfString::String(s) => Some(s),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn japan1_cids_map_to_unicode() {
        // Adobe-Japan1: CID 34 is A, CID 1 a space, CID 843 あ.
        assert_eq!(Ordering::Japan1.text(34).as_deref(), Some("A"));
        assert_eq!(Ordering::Japan1.text(1).as_deref(), Some(" "));
        assert_eq!(Ordering::Japan1.text(843).as_deref(), Some("あ"));
        assert_eq!(Ordering::from_names(b"Adobe", b"GB1"), Some(Ordering::Gb1));
        assert_eq!(Ordering::from_names(b"Adobe", b"Identity"), None);
    }
}
