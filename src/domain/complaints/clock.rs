//! Response targets and the response clock: how long the customer has waited and by
//! when the next answer is due, and the targets form.

use super::*;
use crate::domain::value::ValueTier;
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

/// Response targets in hours: per marketplace (matched case-insensitively, trimmed), default otherwise; per tier (None = no tier-specific target).
/// The effective target is the MIN of the marketplace/default target and the tier target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ResponseTargets {
    pub default_hours: u32,
    pub by_marketplace: Vec<(String, u32)>,
    pub vip_hours: Option<u32>,
    pub major_hours: Option<u32>,
    pub ordinary_hours: Option<u32>,
    pub small_hours: Option<u32>,
}

impl Default for ResponseTargets {
    /// Key customers get priority and speed; marketplaces' own deadlines are for
    /// the rep to add.
    fn default() -> Self {
        Self {
            default_hours: 24,
            by_marketplace: Vec::new(),
            vip_hours: Some(4),
            major_hours: Some(8),
            ordinary_hours: None,
            small_hours: None,
        }
    }
}

/// A month: long enough for any marketplace's deadline, short enough to catch a typo.
const MAX_TARGET_HOURS: u32 = 720;

impl ResponseTargets {
    pub fn target_for(&self, marketplace: &str, tier: Option<ValueTier>) -> Duration {
        let marketplace = marketplace.trim().to_lowercase();
        let channel_hours = self
            .by_marketplace
            .iter()
            .find(|(name, _)| name.trim().to_lowercase() == marketplace)
            .map_or(self.default_hours, |(_, hours)| *hours);
        let tier_hours = tier.and_then(|tier| self.tier_hours(tier));
        let hours = tier_hours.map_or(channel_hours, |tier_hours| tier_hours.min(channel_hours));
        Duration::hours(i64::from(hours))
    }

    pub fn tier_hours(&self, tier: ValueTier) -> Option<u32> {
        match tier {
            ValueTier::Vip => self.vip_hours,
            ValueTier::Major => self.major_hours,
            ValueTier::Ordinary => self.ordinary_hours,
            ValueTier::Small => self.small_hours,
        }
    }

    /// Every hours value must lie in 1..=720; marketplace names must be non-empty
    /// and distinct (ignoring case), or one of two entries would silently never apply.
    pub fn validate(&self) -> Result<(), String> {
        let in_range = |hours: u32| (1..=MAX_TARGET_HOURS).contains(&hours);
        if !in_range(self.default_hours) {
            return Err(format!(
                "the default response target must be between 1 and {MAX_TARGET_HOURS} hours"
            ));
        }
        for (tier, hours) in ValueTier::ALL.map(|tier| (tier, self.tier_hours(tier))) {
            if let Some(hours) = hours {
                if !in_range(hours) {
                    return Err(format!(
                        "the {} response target must be between 1 and {MAX_TARGET_HOURS} hours",
                        tier.code()
                    ));
                }
            }
        }
        let mut seen: Vec<String> = Vec::new();
        for (name, hours) in &self.by_marketplace {
            let key = name.trim().to_lowercase();
            if key.is_empty() {
                return Err("a marketplace response target needs the marketplace's name".into());
            }
            if !in_range(*hours) {
                return Err(format!(
                    "the response target for {} must be between 1 and {MAX_TARGET_HOURS} hours",
                    name.trim()
                ));
            }
            if seen.contains(&key) {
                return Err(format!("{} has more than one response target", name.trim()));
            }
            seen.push(key);
        }
        Ok(())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ResponseClock {
    pub since_opened: Duration,
    pub since_customer_message: Duration,
    pub target: Duration,
    /// None when the clock is paused (AwaitingCustomer) or stopped (Resolved/Closed);
    /// negative when overdue.
    pub remaining: Option<Duration>,
    pub overdue: bool,
}

/// The clock runs from `last_customer_message_at` while the complaint waits on us.
pub fn response_clock(
    c: &Complaint,
    tier: Option<ValueTier>,
    targets: &ResponseTargets,
    now: DateTime<Utc>,
) -> ResponseClock {
    let since_customer_message = now - c.last_customer_message_at;
    let target = targets.target_for(&c.channel, tier);
    let running = c.state.is_active() && c.state != ComplaintState::AwaitingCustomer;
    let remaining = if running {
        target.checked_sub(&since_customer_message)
    } else {
        None
    };
    ResponseClock {
        since_opened: now - c.opened_at,
        since_customer_message,
        target,
        remaining,
        overdue: running && since_customer_message > target,
    }
}

/// What is wrong with the response-targets form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TargetsFormError {
    /// An hours field is not a whole number from 1 to 720 (or the default is empty).
    Hours,
    /// The marketplace list is not "name=hours, …" with each name once.
    Marketplaces,
}

/// What a Chinese input method types in place of ASCII (full-width ，；＝ and
/// digits, the enumeration comma 、, the ideographic space), as ASCII, so
/// "Amazon＝12，eBay＝24" reads like "Amazon=12,eBay=24".
fn half_width(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '，' | '、' => ',',
            '；' => ';',
            '＝' => '=',
            '\u{3000}' => ' ',
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            other => other,
        })
        .collect()
}

fn parse_target_hours(text: &str) -> Result<Option<u32>, TargetsFormError> {
    let text = half_width(text);
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    match text.parse::<u32>() {
        Ok(hours) if (1..=720).contains(&hours) => Ok(Some(hours)),
        _ => Err(TargetsFormError::Hours),
    }
}

impl ResponseTargets {
    /// Reads the targets form as typed: default hours (required), one field per tier
    /// (empty = no tier target) and "Amazon=12, eBay=24".
    pub fn from_form(
        default: &str,
        tiers: [&str; 4],
        marketplaces: &str,
    ) -> Result<ResponseTargets, TargetsFormError> {
        let default_hours = parse_target_hours(default)?.ok_or(TargetsFormError::Hours)?;
        let [vip_hours, major_hours, ordinary_hours, small_hours] = [
            parse_target_hours(tiers[0])?,
            parse_target_hours(tiers[1])?,
            parse_target_hours(tiers[2])?,
            parse_target_hours(tiers[3])?,
        ];
        let mut by_marketplace: Vec<(String, u32)> = Vec::new();
        let marketplaces = half_width(marketplaces);
        for part in marketplaces.split([',', ';', '\n']) {
            let part = part.trim();
            if part.is_empty() {
                continue;
            }
            let (name, hours) = part.split_once('=').ok_or(TargetsFormError::Marketplaces)?;
            let name = name.trim();
            let hours = parse_target_hours(hours).map_err(|_| TargetsFormError::Marketplaces)?;
            // A blank name or a marketplace named twice is refused by `validate` below.
            let hours = hours.ok_or(TargetsFormError::Marketplaces)?;
            by_marketplace.push((name.to_owned(), hours));
        }
        let targets = ResponseTargets {
            default_hours,
            by_marketplace,
            vip_hours,
            major_hours,
            ordinary_hours,
            small_hours,
        };
        // The domain's own rule has the last word.
        targets
            .validate()
            .map_err(|_| TargetsFormError::Marketplaces)?;
        Ok(targets)
    }
}
