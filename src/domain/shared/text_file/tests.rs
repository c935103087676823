use super::*;
use proptest::prelude::*;

/// The WHATWG decoders, as the browser's `TextDecoder` has them.
pub(crate) struct StandardDecoder;

impl Decode for StandardDecoder {
    fn decode(&self, encoding: TextEncoding, bytes: &[u8], fatal: bool) -> Option<String> {
        let codec = encoding_rs::Encoding::for_label(encoding.label().as_bytes())?;
        if fatal {
            codec
                .decode_without_bom_handling_and_without_replacement(bytes)
                .map(|text| text.into_owned())
        } else {
            Some(codec.decode_without_bom_handling(bytes).0.into_owned())
        }
    }
}

fn fixture(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/tests/fixtures/encodings/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn detect(name: &str) -> DecodedText {
    decode_detected(&fixture(name), &StandardDecoder).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn every_label_is_a_standard_label() {
    for encoding in TextEncoding::ALL {
        assert!(
            encoding_rs::Encoding::for_label(encoding.label().as_bytes()).is_some(),
            "{encoding:?}"
        );
        assert_eq!(TextEncoding::from_label(encoding.label()), Some(encoding));
    }
    assert_eq!(TextEncoding::from_label("latin-9"), None);
}

#[test]
fn real_files_are_decoded_in_the_encoding_they_were_saved_in() {
    let cases = [
        (
            "orders-utf8.csv",
            TextEncoding::Utf8,
            Detection::ValidUtf8,
            "订单号,买家ID",
        ),
        (
            "orders-utf8-bom.csv",
            TextEncoding::Utf8,
            Detection::ByteOrderMark,
            "订单号,买家ID",
        ),
        (
            "orders-gbk.csv",
            TextEncoding::Gb18030,
            Detection::Guessed,
            "订单号,买家ID",
        ),
        (
            "orders-gb18030.csv",
            TextEncoding::Gb18030,
            Detection::Guessed,
            "王芳😀",
        ),
        (
            "customers-gbk.csv",
            TextEncoding::Gb18030,
            Detection::Guessed,
            "老客户，喜欢红色包装",
        ),
        (
            "orders-shift_jis.csv",
            TextEncoding::ShiftJis,
            Detection::Guessed,
            "注文番号,購入者ID",
        ),
        (
            "orders-windows-1252.csv",
            TextEncoding::Windows1252,
            Detection::Guessed,
            "Jürgen Müller",
        ),
        (
            "orders-utf16le-bom.txt",
            TextEncoding::Utf16Le,
            Detection::ByteOrderMark,
            "订单号\t买家ID",
        ),
        (
            "orders-utf16be-bom.txt",
            TextEncoding::Utf16Be,
            Detection::ByteOrderMark,
            "订单号\t买家ID",
        ),
    ];
    for (name, encoding, detection, expected) in cases {
        let decoded = detect(name);
        assert_eq!(
            (decoded.encoding, decoded.detection),
            (encoding, detection),
            "{name}"
        );
        assert!(decoded.text.contains(expected), "{name}: {}", decoded.text);
        assert!(!decoded.text.starts_with('\u{feff}'), "{name}: BOM kept");
        assert_eq!(decoded.unreadable, 0, "{name}");
    }
}

#[test]
fn short_kanji_only_japanese_is_not_mistaken_for_chinese() {
    // Every byte pair here is also legal GBK; only the rows tell them apart.
    let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode("注文番号,数量\n");
    let decoded = decode_detected(&bytes, &StandardDecoder).map(|d| d.encoding);
    assert_eq!(decoded, Ok(TextEncoding::ShiftJis));
    let (bytes, _, _) = encoding_rs::GBK.encode("订单号,数量\n");
    let decoded = decode_detected(&bytes, &StandardDecoder).map(|d| d.encoding);
    assert_eq!(decoded, Ok(TextEncoding::Gb18030));
}

#[test]
fn a_chosen_encoding_counts_what_it_cannot_read() {
    let bytes = fixture("orders-gbk.csv");
    let as_utf8 = decode_as(&bytes, TextEncoding::Utf8, &StandardDecoder).map(|d| d.unreadable);
    assert!(matches!(as_utf8, Ok(n) if n > 10), "{as_utf8:?}");
    let as_gbk = decode_as(&bytes, TextEncoding::Gb18030, &StandardDecoder);
    assert!(
        matches!(&as_gbk, Ok(d) if d.unreadable == 0 && d.detection == Detection::Chosen && d.text.starts_with("订单号"))
    );
    // A BOM of the chosen encoding is not part of the text; another encoding's is.
    let with_bom = fixture("orders-utf8-bom.csv");
    let text = decode_as(&with_bom, TextEncoding::Utf8, &StandardDecoder).map(|d| d.text);
    assert!(matches!(&text, Ok(t) if t.starts_with("订单号")));
}

#[test]
fn binary_files_are_refused_by_kind() {
    let cases = [
        ("orders.xlsx", BinaryKind::ZipOrXlsx),
        ("scan.png", BinaryKind::Image),
        ("report.pdf", BinaryKind::Pdf),
    ];
    for (name, kind) in cases {
        let bytes = fixture(name);
        assert_eq!(
            decode_detected(&bytes, &StandardDecoder),
            Err(TextFileError::NotText(kind)),
            "{name}"
        );
        assert_eq!(
            decode_as(&bytes, TextEncoding::Utf8, &StandardDecoder),
            Err(TextFileError::NotText(kind)),
            "{name}"
        );
    }
    let old_excel = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest".to_vec();
    assert_eq!(binary_kind(&old_excel), Some(BinaryKind::OldOffice));
    assert_eq!(
        binary_kind(b"\x1F\x8B\x08\x00"),
        Some(BinaryKind::Compressed)
    );
    assert_eq!(
        binary_kind(b"name,email\nA\0B,c\n"),
        Some(BinaryKind::Other)
    );
    // A few stray control bytes in text are tolerated; many are not.
    let mut text = "name,note\n".repeat(50).into_bytes();
    text[15] = 0x07;
    assert_eq!(binary_kind(&text), None);
    let noisy: Vec<u8> = (0..400)
        .map(|i| if i % 20 == 0 { 0x02 } else { b'a' })
        .collect();
    assert_eq!(binary_kind(&noisy), Some(BinaryKind::Other));
}

#[test]
fn utf16_without_a_bom_is_recognised_by_its_nuls() {
    let le: Vec<u8> = "name\temail\nAna\ta@x.example\n"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    let be: Vec<u8> = "name\temail\n"
        .encode_utf16()
        .flat_map(u16::to_be_bytes)
        .collect();
    assert_eq!(binary_kind(&le), None);
    let decoded = decode_detected(&le, &StandardDecoder);
    assert!(
        matches!(&decoded, Ok(d) if d.encoding == TextEncoding::Utf16Le && d.text.starts_with("name\temail"))
    );
    let decoded = decode_detected(&be, &StandardDecoder).map(|d| d.encoding);
    assert_eq!(decoded, Ok(TextEncoding::Utf16Be));
}

#[test]
fn size_limits_name_the_size_and_the_limit() {
    assert_eq!(check_size(0, 10), Err(TextFileError::Empty));
    assert_eq!(check_size(10, 10), Ok(()));
    assert_eq!(
        check_size(11, 10),
        Err(TextFileError::TooLarge {
            bytes: 11,
            limit: 10
        })
    );
    assert_eq!(
        decode_detected(b"", &StandardDecoder),
        Err(TextFileError::Empty)
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Any text of Chinese, Japanese or accented Latin words, saved in its usual
    /// legacy encoding, comes back exactly.
    #[test]
    fn legacy_files_round_trip(
        rows in prop::collection::vec(
            prop::collection::vec(prop::sample::select(vec![
                "订单", "买家", "国家", "金额", "已发货", "张伟", "退款", "数量",
            ]), 2..6),
            2..8,
        ),
        script in 0usize..3,
    ) {
        let (words, encoding): (&[&str], _) = match script {
            0 => (&[], encoding_rs::GBK),
            1 => (&["注文", "お届け", "ステータス", "購入者", "発送済み"], encoding_rs::SHIFT_JIS),
            _ => (&["Müller", "Société", "Straße", "Jürgen", "Größe"], encoding_rs::WINDOWS_1252),
        };
        let text: String = rows
            .iter()
            .enumerate()
            .map(|(r, row)| {
                row.iter()
                    .enumerate()
                    .map(|(c, w)| if words.is_empty() { (*w).to_owned() } else { words[(r + c) % words.len()].to_owned() })
                    .collect::<Vec<_>>()
                    .join(",")
                    + "\n"
            })
            .collect();
        let (bytes, _, unmappable) = encoding.encode(&text);
        prop_assert!(!unmappable);
        let decoded = decode_detected(&bytes, &StandardDecoder);
        prop_assert!(matches!(&decoded, Ok(d) if d.text == text), "{:?} for {:?}", decoded.map(|d| d.encoding), text);
    }

    /// Whatever the bytes, detection ends in text or a refusal, never a panic, and
    /// valid UTF-8 is always taken as it is.
    #[test]
    fn any_bytes_end_in_text_or_a_refusal(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        match decode_detected(&bytes, &StandardDecoder) {
            Ok(d) => {
                if let Ok(s) = std::str::from_utf8(&bytes) {
                    if !bytes.starts_with(b"\xEF\xBB\xBF") && binary_kind(&bytes).is_none() && utf16_without_bom(&bytes).is_none() {
                        prop_assert_eq!(d.text, s);
                    }
                }
            }
            Err(TextFileError::Empty) => prop_assert!(bytes.is_empty()),
            Err(TextFileError::NotText(_)) => prop_assert!(binary_kind(&bytes).is_some()),
            Err(e @ TextFileError::TooLarge { .. }) => prop_assert!(false, "{e}"),
        }
    }
}

/// The limits a rep is told about are the ones enforced (the README states them).
#[test]
fn size_limits_are_the_ones_the_readme_states() {
    let readme = include_str!("../../../../README.md");
    let mb = |bytes: u64| bytes / (1024 * 1024);
    let backup = crate::domain::exchange::backup::MAX_BACKUP_BYTES;
    assert_eq!(
        (MAX_IMPORT_BYTES % (1024 * 1024), backup % (1024 * 1024)),
        (0, 0)
    );
    let claim = format!(
        "over {} MB (CSV) or {} MB (backup)",
        mb(MAX_IMPORT_BYTES),
        mb(backup)
    );
    assert!(readme.contains(&claim), "README does not say: {claim}");
    assert_eq!(check_size(MAX_IMPORT_BYTES, MAX_IMPORT_BYTES), Ok(()));
    assert!(check_size(MAX_IMPORT_BYTES + 1, MAX_IMPORT_BYTES).is_err());
}

/// When two legacy encodings fit equally well, the commonest export wins: GB18030,
/// then Shift_JIS, then Windows-1252. Every short input on which the best fit is
/// shared is checked against that order.
#[test]
fn ties_go_to_the_commonest_export() {
    const ORDER: [TextEncoding; 3] = [
        TextEncoding::Gb18030,
        TextEncoding::ShiftJis,
        TextEncoding::Windows1252,
    ];
    let mut ties = 0;
    for lead in 0x80u8..=0xFF {
        for trail in 0x40u8..=0xFF {
            let bytes = [b'a', lead, trail, b'z'];
            if std::str::from_utf8(&bytes).is_ok() {
                continue;
            }
            let fits: Vec<(TextEncoding, i64)> = ORDER
                .into_iter()
                .filter(|&e| StandardDecoder.decode(e, &bytes, true).is_some())
                .map(|e| (e, fit(e, &bytes)))
                .collect();
            let Some(best) = fits.iter().map(|&(_, score)| score).max() else {
                continue;
            };
            let mut at_best = fits.iter().filter(|&&(_, score)| score == best);
            let Some(&(first, _)) = at_best.next() else {
                continue;
            };
            if at_best.next().is_none() {
                continue;
            }
            ties += 1;
            let detected = decode_detected(&bytes, &StandardDecoder).expect("decodes");
            assert_eq!(detected.encoding, first, "{bytes:02x?}");
        }
    }
    assert!(ties > 0, "no tie found: the check above checked nothing");
}

/// Bytes that Windows-1252 leaves unassigned count against it, three points each;
/// accented letters inside Latin words count for it.
#[test]
fn windows_1252_fit_penalises_unassigned_bytes() {
    assert_eq!(fit(TextEncoding::Windows1252, b"ab\x81cd"), -3);
    assert_eq!(fit(TextEncoding::Windows1252, b"a\x81 \x8d b"), -6);
    assert!(fit(TextEncoding::Windows1252, b"M\xfcller") > 0);
}
