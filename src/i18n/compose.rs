//! The punctuation that joins pieces of a sentence, per language. Views never
//! write `format!("{}: {}")` or `"({})"` themselves: English takes half-width
//! marks with a space after, Chinese full-width marks with none (GLOSSARY.md).
//! Sentences whose word order differs between the languages get a function of
//! their own in the context's file; these are the shared joints.

use super::Lang;

/// "Label: value" / "标签：值".
pub fn labelled(lang: Lang, label: &str, value: &str) -> String {
    match lang {
        Lang::En => format!("{label}: {value}"),
        Lang::Zh => format!("{label}：{value}"),
    }
}

/// `text` followed by a remark in brackets: "Name (detail)" / "名称（说明）".
pub fn with_remark(lang: Lang, text: &str, remark: &str) -> String {
    match lang {
        Lang::En => format!("{text} ({remark})"),
        Lang::Zh => format!("{text}（{remark}）"),
    }
}

/// Items of a list that are clauses of their own: "a; b" / "a；b".
pub fn clauses(lang: Lang, items: &[String]) -> String {
    items.join(match lang {
        Lang::En => "; ",
        Lang::Zh => "；",
    })
}

/// Items of an enumeration: "a, b" / "a、b".
pub fn enumeration(lang: Lang, items: &[String]) -> String {
    items.join(match lang {
        Lang::En => ", ",
        Lang::Zh => "、",
    })
}

/// Sentences one after another: "One. Two." / "一。二。" (each sentence already
/// ends with its own stop).
pub fn sentences(lang: Lang, items: &[String]) -> String {
    items.join(match lang {
        Lang::En => " ",
        Lang::Zh => "",
    })
}

/// A percentage with one decimal: "45.0%" in both languages (no space before %,
/// GLOSSARY.md; English style guides agree).
pub fn percent(value: f64) -> String {
    format!("{value:.1}%")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_language_gets_its_own_marks() {
        assert_eq!(labelled(Lang::En, "Name", "Ana"), "Name: Ana");
        assert_eq!(labelled(Lang::Zh, "姓名", "张三"), "姓名：张三");
        assert_eq!(
            with_remark(Lang::En, "Row 3", "same email"),
            "Row 3 (same email)"
        );
        assert_eq!(
            with_remark(Lang::Zh, "第 3 行", "邮箱相同"),
            "第 3 行（邮箱相同）"
        );
        let two = ["a".to_owned(), "b".to_owned()];
        assert_eq!(clauses(Lang::En, &two), "a; b");
        assert_eq!(clauses(Lang::Zh, &two), "a；b");
        assert_eq!(enumeration(Lang::En, &two), "a, b");
        assert_eq!(enumeration(Lang::Zh, &two), "a、b");
        assert_eq!(
            sentences(Lang::En, &["One.".into(), "Two.".into()]),
            "One. Two."
        );
        assert_eq!(
            sentences(Lang::Zh, &["一。".into(), "二。".into()]),
            "一。二。"
        );
        assert_eq!(percent(45.04), "45.0%");
    }
}
