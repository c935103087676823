//! The quick-log line ("call in: asked about samples").

use super::*;

/// "Add a contact in two keystrokes": a quick-log line such as
/// "e> asked about tracking" or "p< called about refund".
///
/// The first char picks the channel (e=email, p=phone, s=sms, m=platform message,
/// c=chat, l=letter, v=visit, g=gift, o=other; either case), the second the
/// direction (> outbound, < inbound), then the summary. Returns None when the line
/// does not have that shape or the summary is empty.
pub fn parse_quick_log(line: &str) -> Option<(ContactChannel, Direction, String)> {
    let mut chars = line.trim_start().chars();
    let channel = ContactChannel::from_quick_key(chars.next()?)?;
    let direction = Direction::from_quick_mark(chars.next()?)?;
    let summary = chars.as_str().trim();
    if summary.is_empty() {
        return None;
    }
    Some((channel, direction, summary.to_owned()))
}
