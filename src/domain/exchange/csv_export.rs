//! Writing CSV that spreadsheets open safely: UTF-8 with BOM (so Excel shows Chinese
//! correctly), every cell quoted, and cells that a spreadsheet would run as a formula
//! neutralised. The documents themselves (localized headers and names) are built in
//! `services::exchange::csv_export`, above the i18n layer.

/// One quoted cell. Text starting with `=`, `+`, `-`, `@`, tab or carriage return is
/// prefixed with `'`, so it shows as text instead of running as a formula.
pub fn csv_cell(value: &str) -> String {
    let inert = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_owned()
    };
    format!("\"{}\"", inert.replace('"', "\"\""))
}

/// Appends one CRLF-terminated row of [`csv_cell`]s.
pub fn push_row(out: &mut String, cells: &[&str]) {
    let row: Vec<String> = cells.iter().map(|c| csv_cell(c)).collect();
    out.push_str(&row.join(","));
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_quotes_doubled() {
        assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_cell("+34 612"), "\"'+34 612\"");
        assert_eq!(csv_cell("-5"), "\"'-5\"");
        assert_eq!(csv_cell("@SUM(A1)"), "\"'@SUM(A1)\"");
        // TAB and CR also start formulas in some spreadsheets.
        assert_eq!(csv_cell("\t=1+1"), "\"'\t=1+1\"");
        assert_eq!(csv_cell("\r=1+1"), "\"'\r=1+1\"");
        // Only a leading character counts.
        assert_eq!(csv_cell("a=b"), "\"a=b\"");
        assert_eq!(csv_cell("plain, with comma"), "\"plain, with comma\"");
        assert_eq!(csv_cell("李雷"), "\"李雷\"");
        assert_eq!(csv_cell(""), "\"\"");
    }
}
