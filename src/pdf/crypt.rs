//! An encrypted file's bytes → the same bytes readable without a password, when its encryption
//! covers only embedded files.
//!
//! PDF 32000-1:2008 7.6.5 (crypt filters): a security handler may leave strings and streams
//! unencrypted (`/StmF /Identity /StrF /Identity`) and encrypt only embedded files (`/EFF`,
//! with `/AuthEvent /EFOpen`), so that the document opens without a password and only its
//! attachments ask for one. hayro checks the user password before reading anything; such a
//! file is opened here with its trailer's `/Encrypt` entry renamed (same length, so no offset
//! moves), which leaves the unencrypted strings and streams to be read as they are.

/// Where `key` occurs as a whole name token.
fn name_positions<'a>(bytes: &'a [u8], key: &'a [u8]) -> impl Iterator<Item = usize> + 'a {
    bytes
        .windows(key.len())
        .enumerate()
        .filter(move |(i, w)| {
            *w == key
                && bytes
                    .get(i + key.len())
                    .is_none_or(|&c| c.is_ascii_whitespace() || b"<[/(".contains(&c))
        })
        .map(|(i, _)| i)
}

/// The text of the dictionary starting at `start` (at `<<`), nested ones included.
fn dict_at(bytes: &[u8], start: usize) -> Option<&[u8]> {
    let mut depth = 0i32;
    let mut i = start;
    while i + 1 < bytes.len() {
        match &bytes[i..i + 2] {
            b"<<" => {
                depth += 1;
                i += 2;
            }
            b">>" => {
                depth -= 1;
                i += 2;
                if depth == 0 {
                    return Some(&bytes[start..i]);
                }
            }
            _ => i += 1,
        }
        if i - start > 1 << 16 {
            return None;
        }
    }
    None
}

/// The encryption dictionary a trailer's `/Encrypt` at `pos` refers to (direct, or the last
/// definition of the referenced object).
fn encrypt_dict(bytes: &[u8], pos: usize) -> Option<&[u8]> {
    let rest = &bytes[pos + b"/Encrypt".len()..];
    let skip = rest.iter().take_while(|c| c.is_ascii_whitespace()).count();
    let rest = &rest[skip..];
    if rest.starts_with(b"<<") {
        return dict_at(bytes, pos + b"/Encrypt".len() + skip);
    }
    let text = std::str::from_utf8(&rest[..rest.len().min(32)])
        .ok()
        .or_else(|| {
            let n = rest.iter().take(32).take_while(|c| c.is_ascii()).count();
            std::str::from_utf8(&rest[..n]).ok()
        })?;
    let mut it = text.split_ascii_whitespace();
    let (num, gen_) = (it.next()?, it.next()?);
    if !num.bytes().all(|c| c.is_ascii_digit()) || !gen_.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let head = format!("{num} {gen_} obj");
    // The last definition of the object: the latest incremental update.
    let at = bytes
        .windows(head.len())
        .enumerate()
        .rev()
        .find(|(i, w)| *w == head.as_bytes() && (*i == 0 || !bytes[i - 1].is_ascii_digit()))
        .map(|(i, _)| i)?;
    let open = at + bytes[at..].windows(2).position(|w| w == b"<<")?;
    dict_at(bytes, open)
}

/// The value name of `key` in a dictionary's text, e.g. `Identity` for `/StmF /Identity`.
fn name_value<'a>(dict: &'a [u8], key: &[u8]) -> Option<&'a [u8]> {
    let at = name_positions(dict, key).next()?;
    let rest = &dict[at + key.len()..];
    let skip = rest.iter().take_while(|c| c.is_ascii_whitespace()).count();
    let rest = rest[skip..].strip_prefix(b"/")?;
    let n = rest
        .iter()
        .take_while(|c| !c.is_ascii_whitespace() && !b"/<>[]()".contains(c))
        .count();
    Some(&rest[..n])
}

/// The bytes with the encryption switched off, when it protects only embedded files.
pub fn open_attachments_only(bytes: &[u8]) -> Option<Vec<u8>> {
    let trailers: Vec<usize> = name_positions(bytes, b"/Encrypt").collect();
    let dict = trailers.iter().find_map(|&p| encrypt_dict(bytes, p))?;
    let v = name_positions(dict, b"/V").next().and_then(|at| {
        let rest = &dict[at + 2..];
        rest.iter()
            .find(|c| !c.is_ascii_whitespace())
            .filter(|c| c.is_ascii_digit())
            .map(|c| c - b'0')
    })?;
    // Crypt filters exist from V 4 on; StmF and StrF default to Identity (Table 20).
    let identity = |key: &[u8]| name_value(dict, key).is_none_or(|n| n == b"Identity");
    if v < 4 || !identity(b"/StmF") || !identity(b"/StrF") {
        return None;
    }
    let mut out = bytes.to_vec();
    for p in trailers {
        out[p + b"/Encrypt".len() - 1] = b'X';
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_identity_stream_and_string_filters_open() {
        let efopen = b"1 0 obj << /Type /Catalog >> endobj\n\
            9 0 obj << /Filter /Standard /V 4 /R 4 /CF << /StdCF << /CFM /AESV2 /AuthEvent /EFOpen >> >>\n\
            /StmF /Identity /StrF /Identity /EFF /StdCF /EncryptMetadata false >> endobj\n\
            trailer << /Root 1 0 R /Encrypt 9 0 R >>";
        let out = open_attachments_only(efopen).unwrap();
        assert!(String::from_utf8_lossy(&out).contains("/EncrypX 9 0 R"));
        assert!(String::from_utf8_lossy(&out).contains("/EncryptMetadata false"));
        assert_eq!(out.len(), efopen.len());
        let full = b"9 0 obj << /Filter /Standard /V 4 /R 4 /CF << /StdCF << /CFM /AESV2 >> >>\n\
            /StmF /StdCF /StrF /StdCF >> endobj\ntrailer << /Encrypt 9 0 R >>";
        assert!(open_attachments_only(full).is_none());
        let rc4 = b"trailer << /Encrypt << /Filter /Standard /V 2 /R 3 >> >>";
        assert!(open_attachments_only(rc4).is_none());
    }
}
