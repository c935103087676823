use proptest::prelude::*;

use super::*;

/// Reads `text` `step` records at a time, checking that progress only moves forward.
fn in_steps(text: &str, step: usize) -> Result<ParsedFile, FileError> {
    let mut parser = CsvParser::new(text)?;
    let mut last = parser.progress();
    assert_eq!(last.0, 0);
    loop {
        let done = parser.read_rows(step)?;
        let now = parser.progress();
        assert!(now.0 >= last.0 && now.1 == last.1, "{last:?} then {now:?}");
        last = now;
        if done {
            break;
        }
    }
    parser.finish()
}

const SAMPLES: &[&str] = &[
    "\u{feff}Order ID,Buyer\r\nA-1,Ana\r\n\r\nA-2,\"Bo, Jr.\"\r\n",
    "id;name;note\n1;Ana;\"two\nlines\"\n\n\n2;Bo;x\n\n",
    "id\tname\n1\tAna\n",
    "only,a,header\n",
    "   \n\t\n",
    "a,b\n1,\"unterminated\n2,3\n",
    "a,b\n1,2\n,\n,\n",
];

#[test]
fn reading_in_steps_gives_the_same_file_and_errors() {
    let mut wide = String::from("h\n");
    wide.push_str(&"x,".repeat(MAX_COLUMNS + 1));
    wide.push('\n');
    let mut samples: Vec<String> = SAMPLES.iter().map(|s| (*s).to_owned()).collect();
    samples.push(wide);
    for text in &samples {
        let whole = parse_csv(text);
        for step in [1, 2, 3, 64] {
            assert_eq!(in_steps(text, step), whole, "{text:?} in steps of {step}");
        }
    }
}

#[test]
fn progress_reaches_the_end_of_the_file() {
    let text = "id,name\n1,Ana\n2,Bo\n3,Cy\n";
    let mut parser = CsvParser::new(text).unwrap();
    assert!(!parser.read_rows(2).unwrap());
    let (read, total) = parser.progress();
    assert!(read > 0 && read < total, "{read} of {total}");
    while !parser.read_rows(2).unwrap() {}
    assert_eq!(parser.progress(), (text.len(), text.len()));
    assert_eq!(parser.finish().unwrap().rows.len(), 3);
}

proptest! {
    #[test]
    fn any_text_reads_the_same_in_steps(
        cells in proptest::collection::vec("[a-c,;\"\n\r ]{0,6}", 1..40),
        step in 1usize..9,
    ) {
        let text = cells.join(",");
        prop_assert_eq!(in_steps(&text, step), parse_csv(&text));
    }
}
