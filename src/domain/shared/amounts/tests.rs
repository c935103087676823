use super::*;

// ----- amounts ----------------------------------------------------------------

#[test]
fn amounts_in_point_style() {
    let p = DecimalStyle::Point;
    assert_eq!(parse_amount("1234.56", p, 2), Ok(123_456));
    assert_eq!(parse_amount("1,234.56", p, 2), Ok(123_456));
    assert_eq!(parse_amount("1,234,567.8", p, 2), Ok(123_456_780));
    assert_eq!(parse_amount("1 234.56", p, 2), Ok(123_456));
    assert_eq!(parse_amount("1'234.56", p, 2), Ok(123_456));
    assert_eq!(parse_amount("1234", p, 2), Ok(123_400));
    assert_eq!(parse_amount("1.234", p, 3), Ok(1_234));
    assert_eq!(parse_amount(".5", p, 2), Ok(50));
    assert_eq!(parse_amount("0.05", p, 2), Ok(5));
    assert_eq!(parse_amount("12,5", p, 2), Err(AmountProblem::Unreadable));
    assert_eq!(
        parse_amount("1.234,56", p, 2),
        Err(AmountProblem::Unreadable)
    );
    assert_eq!(parse_amount("1.2.3", p, 2), Err(AmountProblem::Unreadable));
}

#[test]
fn amounts_in_comma_style() {
    let c = DecimalStyle::Comma;
    assert_eq!(parse_amount("1.234,56", c, 2), Ok(123_456));
    assert_eq!(parse_amount("1 234,56", c, 2), Ok(123_456));
    assert_eq!(parse_amount("1\u{a0}234,56", c, 2), Ok(123_456));
    assert_eq!(parse_amount("12,5", c, 2), Ok(1_250));
    assert_eq!(parse_amount("1.234", c, 2), Ok(123_400));
    assert_eq!(parse_amount("1234", c, 2), Ok(123_400));
    assert_eq!(
        parse_amount("1,234.56", c, 2),
        Err(AmountProblem::Unreadable)
    );
}

#[test]
fn amounts_in_auto_style() {
    let a = DecimalStyle::Auto;
    assert_eq!(parse_amount("1234.56", a, 2), Ok(123_456));
    assert_eq!(parse_amount("1.234,56", a, 2), Ok(123_456));
    assert_eq!(parse_amount("1,234.56", a, 2), Ok(123_456));
    assert_eq!(parse_amount("1 234,56", a, 2), Ok(123_456));
    assert_eq!(parse_amount("1234", a, 2), Ok(123_400));
    assert_eq!(parse_amount("12,5", a, 2), Ok(1_250));
    assert_eq!(parse_amount("12.5", a, 2), Ok(1_250));
    assert_eq!(parse_amount("12,50", a, 2), Ok(1_250));
    assert_eq!(parse_amount("1.234.567,89", a, 2), Ok(123_456_789));
    assert_eq!(parse_amount("1,234,567", a, 2), Ok(123_456_700));
    assert_eq!(parse_amount("1.234.567", a, 2), Ok(123_456_700));
    assert_eq!(
        parse_amount("1,23,456", a, 2),
        Err(AmountProblem::Unreadable)
    );
    assert_eq!(
        parse_amount("1,234.56.7", a, 2),
        Err(AmountProblem::Unreadable)
    );
    assert_eq!(parse_amount("12 34", a, 2), Err(AmountProblem::Unreadable));
    assert_eq!(parse_amount("1,,234", a, 2), Err(AmountProblem::Unreadable));
}

#[test]
fn a_lone_separator_before_three_digits_means_thousands() {
    let a = DecimalStyle::Auto;
    assert_eq!(parse_amount("1,234", a, 2), Ok(123_400));
    assert_eq!(parse_amount("1.234", a, 2), Ok(123_400));
    assert_eq!(parse_amount("123,456", a, 2), Ok(12_345_600));
    assert_eq!(parse_amount("1 234,567", a, 2), Ok(123_456_700));
    // Not thousands: other digit counts, a leading zero, or a 4-digit head.
    assert_eq!(parse_amount("1,23", a, 2), Ok(123));
    assert_eq!(parse_amount("1,2345", a, 4), Ok(12_345));
    assert_eq!(parse_amount("0,125", a, 3), Ok(125));
    assert_eq!(parse_amount(".125", a, 3), Ok(125));
    assert_eq!(parse_amount("1234,567", a, 3), Ok(1_234_567));
    assert_eq!(
        parse_amount("1234,567", a, 2),
        Err(AmountProblem::TooManyDecimals { allowed: 2 })
    );
    // Explicit styles remove the ambiguity.
    assert_eq!(parse_amount("1,234", DecimalStyle::Comma, 3), Ok(1_234));
    assert_eq!(parse_amount("1.234", DecimalStyle::Point, 3), Ok(1_234));
}

#[test]
fn amounts_for_zero_and_three_digit_currencies() {
    let a = DecimalStyle::Auto;
    // JPY
    assert_eq!(parse_amount("1500", a, 0), Ok(1_500));
    assert_eq!(parse_amount("¥1,500", a, 0), Ok(1_500));
    assert_eq!(parse_amount("1500.00", a, 0), Ok(1_500));
    assert_eq!(
        parse_amount("1500.5", a, 0),
        Err(AmountProblem::TooManyDecimals { allowed: 0 })
    );
    // KWD
    assert_eq!(parse_amount("1.234", DecimalStyle::Point, 3), Ok(1_234));
    assert_eq!(parse_amount("12.5", a, 3), Ok(12_500));
    assert_eq!(parse_amount("0.125", a, 3), Ok(125));
    assert_eq!(
        parse_amount("1.2345", a, 3),
        Err(AmountProblem::TooManyDecimals { allowed: 3 })
    );
    assert_eq!(parse_amount("1.2340", a, 3), Ok(1_234));
    // Auto reads a lone "1.234" as thousands even for KWD: the mapping's style decides.
    assert_eq!(parse_amount("1.234", a, 3), Ok(1_234_000));
}

#[test]
fn currency_symbols_and_codes_are_stripped() {
    let a = DecimalStyle::Auto;
    assert_eq!(parse_amount("€12,50", a, 2), Ok(1_250));
    assert_eq!(parse_amount("12,50 €", a, 2), Ok(1_250));
    assert_eq!(parse_amount("12.50 USD", a, 2), Ok(1_250));
    assert_eq!(parse_amount("US$ 3.10", a, 2), Ok(310));
    assert_eq!(parse_amount("R$ 1.234,56", a, 2), Ok(123_456));
    assert_eq!(parse_amount("£0.99", a, 2), Ok(99));
    assert_eq!(parse_amount("￥88.00", a, 2), Ok(8_800));
    assert_eq!(parse_amount("88元", a, 2), Ok(8_800));
    assert_eq!(parse_amount("CHF 1'234.50", a, 2), Ok(123_450));
    assert_eq!(parse_amount("  42  ", a, 2), Ok(4_200));
    assert_eq!(parse_amount("+5", a, 2), Ok(500));
}

#[test]
fn negatives_by_sign_or_parentheses() {
    let a = DecimalStyle::Auto;
    assert_eq!(parse_amount("-12.50", a, 2), Ok(-1_250));
    assert_eq!(parse_amount("(12.50)", a, 2), Ok(-1_250));
    assert_eq!(parse_amount("-€12,50", a, 2), Ok(-1_250));
    assert_eq!(parse_amount("€-12,50", a, 2), Ok(-1_250));
    assert_eq!(parse_amount("(€1,234.00)", a, 2), Ok(-123_400));
    assert_eq!(parse_amount("USD (3)", a, 2), Ok(-300));
    assert_eq!(parse_amount("-0", a, 2), Ok(0));
    assert_eq!(parse_amount("--5", a, 2), Err(AmountProblem::Unreadable));
    assert_eq!(parse_amount("(5", a, 2), Err(AmountProblem::Unreadable));
    assert_eq!(parse_amount("-(5)", a, 2), Err(AmountProblem::Unreadable));
    assert_eq!(parse_amount("5-", a, 2), Err(AmountProblem::Unreadable));
    // A sign or an opening parenthesis only counts before the number; parentheses
    // and a sign together are one sign too many.
    assert_eq!(parse_amount("5+", a, 2), Err(AmountProblem::Unreadable));
    assert_eq!(parse_amount("12)(", a, 2), Err(AmountProblem::Unreadable));
    assert_eq!(parse_amount("(+12)", a, 2), Err(AmountProblem::Unreadable));
    assert_eq!(parse_amount("(-12)", a, 2), Err(AmountProblem::Unreadable));
}

#[test]
fn too_many_decimals_unless_extra_zeros() {
    let a = DecimalStyle::Auto;
    assert_eq!(parse_amount("12.345", a, 2), Ok(1_234_500)); // thousands (Auto)
    assert_eq!(
        parse_amount("12.345", DecimalStyle::Point, 2),
        Err(AmountProblem::TooManyDecimals { allowed: 2 })
    );
    assert_eq!(
        parse_amount("0.001", a, 2),
        Err(AmountProblem::TooManyDecimals { allowed: 2 })
    );
    assert_eq!(parse_amount("1.5000", a, 2), Ok(150));
    assert_eq!(parse_amount("1,5000", a, 2), Ok(150));
}

#[test]
fn garbage_is_a_bad_amount() {
    for garbage in [
        "",
        "   ",
        "abc",
        "-",
        "()",
        "12abc34",
        "1e5",
        "10%",
        "12 apples",
        "N/A",
        "1..2",
        "1,.2",
        "USD",
        "€",
        "12 3",
        "#12",
        "1/2",
        "99999999999999999999999",
    ] {
        assert_eq!(
            parse_amount(garbage, DecimalStyle::Auto, 2),
            Err(AmountProblem::Unreadable),
            "{garbage:?}"
        );
    }
    assert_eq!(
        parse_amount("92233720368547758.07", DecimalStyle::Point, 2),
        Ok(i64::MAX)
    );
    assert_eq!(
        parse_amount("-92233720368547758.08", DecimalStyle::Point, 2),
        Ok(i64::MIN)
    );
    assert_eq!(
        parse_amount("92233720368547758.08", DecimalStyle::Point, 2),
        Err(AmountProblem::Unreadable)
    );
    assert_eq!(
        parse_amount("1", DecimalStyle::Point, 60),
        Err(AmountProblem::Unreadable)
    );
}
