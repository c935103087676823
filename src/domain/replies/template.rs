//! Reply templates: text with typed placeholders such as `{tracking_number}`.
//!
//! A template is parsed once into text and slots. Parsing refuses a placeholder this
//! build does not know (with its line and column, so a team lead or translator can
//! find it), and rendering reports every slot that has no value instead of copying
//! a reply with a hole in it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use thiserror::Error;

coded_enum! {
    /// What a reply can quote. The code is the name written between braces.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum Placeholder {
        BuyerName = "buyer_name",
        OrderNumber = "order_number",
        Product = "product",
        Quantity = "quantity",
        Amount = "amount",
        OrderDate = "order_date",
        PromisedDate = "promised_date",
        Carrier = "carrier",
        TrackingNumber = "tracking_number",
        TrackingLink = "tracking_link",
        DelayDays = "delay_days",
        RepName = "rep_name",
        ShopName = "shop_name",
        Alternative = "alternative",
        Answer = "answer",
        ShippingCost = "shipping_cost",
    }
}

/// Where a placeholder's value comes from, which decides what the reply panel
/// can fill by itself and what it must ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueSource {
    /// The customer record.
    Customer,
    /// The order the reply is about.
    Order,
    /// The rep's signature (remembered on this device).
    Signature,
    /// Only the rep knows: an answer, an alternative product, a price quote.
    Rep,
}

impl Placeholder {
    pub fn source(self) -> ValueSource {
        use Placeholder::*;
        match self {
            BuyerName => ValueSource::Customer,
            OrderNumber | Product | Quantity | Amount | OrderDate | PromisedDate | Carrier
            | TrackingNumber | TrackingLink | DelayDays => ValueSource::Order,
            RepName | ShopName => ValueSource::Signature,
            Alternative | Answer | ShippingCost => ValueSource::Rep,
        }
    }
}

/// The longest template accepted: a reply, not a document.
pub const MAX_TEMPLATE_CHARS: usize = 4_000;

/// Why a template text cannot be used. Positions count from 1; the column counts
/// characters, not bytes.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum TemplateProblem {
    #[error("the text is empty")]
    Empty,
    #[error("the text has {chars} characters; at most {MAX_TEMPLATE_CHARS} fit")]
    TooLong { chars: usize },
    #[error("unknown placeholder {{{name}}} at line {line}, column {column}")]
    UnknownPlaceholder {
        name: String,
        line: usize,
        column: usize,
    },
    #[error("a '{{' at line {line}, column {column} is never closed")]
    Unclosed { line: usize, column: usize },
    #[error("a '}}' at line {line}, column {column} closes nothing")]
    StrayClose { line: usize, column: usize },
}

impl TemplateProblem {
    /// The line and column the problem is at, if it has one.
    pub fn position(&self) -> Option<(usize, usize)> {
        match self {
            Self::Empty | Self::TooLong { .. } => None,
            Self::UnknownPlaceholder { line, column, .. }
            | Self::Unclosed { line, column }
            | Self::StrayClose { line, column } => Some((*line, *column)),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Segment {
    Text(String),
    Slot(Placeholder),
}

/// A parsed template. `{{` and `}}` stand for literal braces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    segments: Vec<Segment>,
}

/// A template with the values filled in. `missing` lists, in order of first use,
/// the placeholders that had no value; their slots show as `{name}` in `text`,
/// so a preview points at the hole, and [`Rendered::ready`] is false.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub text: String,
    pub missing: Vec<Placeholder>,
}

impl Rendered {
    /// Whether the reply can go to the buyer as it is.
    pub fn ready(&self) -> bool {
        self.missing.is_empty()
    }
}

impl Template {
    pub fn parse(text: &str) -> Result<Self, TemplateProblem> {
        if text.trim().is_empty() {
            return Err(TemplateProblem::Empty);
        }
        let chars = text.chars().count();
        if chars > MAX_TEMPLATE_CHARS {
            return Err(TemplateProblem::TooLong { chars });
        }
        let mut segments = Vec::new();
        let mut literal = String::new();
        let mut it = text.chars().peekable();
        let (mut line, mut column) = (1usize, 0usize);
        while let Some(c) = it.next() {
            column += 1;
            match c {
                '\n' => {
                    literal.push(c);
                    line += 1;
                    column = 0;
                }
                '{' if it.peek() == Some(&'{') => {
                    it.next();
                    column += 1;
                    literal.push('{');
                }
                '}' if it.peek() == Some(&'}') => {
                    it.next();
                    column += 1;
                    literal.push('}');
                }
                '}' => return Err(TemplateProblem::StrayClose { line, column }),
                '{' => {
                    let (start_line, start_column) = (line, column);
                    let mut name = String::new();
                    loop {
                        match it.next() {
                            Some('}') => {
                                column += 1;
                                break;
                            }
                            // A brace left open runs into the next line or another
                            // brace: report where it was opened.
                            None | Some('\n') | Some('{') => {
                                return Err(TemplateProblem::Unclosed {
                                    line: start_line,
                                    column: start_column,
                                })
                            }
                            Some(n) => {
                                column += 1;
                                name.push(n);
                            }
                        }
                    }
                    let placeholder = Placeholder::from_code(name.trim()).ok_or_else(|| {
                        TemplateProblem::UnknownPlaceholder {
                            name: name.clone(),
                            line: start_line,
                            column: start_column,
                        }
                    })?;
                    if !literal.is_empty() {
                        segments.push(Segment::Text(std::mem::take(&mut literal)));
                    }
                    segments.push(Segment::Slot(placeholder));
                }
                _ => literal.push(c),
            }
        }
        if !literal.is_empty() {
            segments.push(Segment::Text(literal));
        }
        Ok(Self { segments })
    }

    /// Every placeholder used, in order of first use, each once.
    pub fn placeholders(&self) -> Vec<Placeholder> {
        let mut seen = Vec::new();
        for segment in &self.segments {
            if let Segment::Slot(p) = segment {
                if !seen.contains(p) {
                    seen.push(*p);
                }
            }
        }
        seen
    }

    /// Fills the slots from `values`; an empty or blank value counts as missing.
    pub fn render(&self, values: &BTreeMap<Placeholder, String>) -> Rendered {
        let mut text = String::new();
        let mut missing = Vec::new();
        for segment in &self.segments {
            match segment {
                Segment::Text(t) => text.push_str(t),
                Segment::Slot(p) => match values.get(p).map(|v| v.trim()) {
                    Some(value) if !value.is_empty() => text.push_str(value),
                    _ => {
                        text.push('{');
                        text.push_str(p.code());
                        text.push('}');
                        if !missing.contains(p) {
                            missing.push(*p);
                        }
                    }
                },
            }
        }
        Rendered { text, missing }
    }
}
