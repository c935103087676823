//! Charts drawn as SVG. Each has a title and description for screen readers and a
//! toggle that shows the same numbers as a table.

use leptos::prelude::*;

use crate::domain::value::{AbcClass, AbcCounts, ParetoBar, TierSummary, ValueTier};
use crate::i18n::{
    abc_class_button, abc_name, pareto_description, pyramid_description, tier_name,
    whale_peak_text, Key,
};
use crate::ui::context::Shell;

const W: f64 = 360.0;

fn pct(x: f64) -> String {
    format!("{x:.1}%")
}

/// Keyboard and mouse activation for a chart element that acts as a button.
fn activate_on_key(ev: &leptos::ev::KeyboardEvent) -> bool {
    matches!(ev.key().as_str(), "Enter" | " ")
}

#[component]
fn DataToggle(shown: RwSignal<bool>) -> impl IntoView {
    let shell = expect_context::<Shell>();
    view! {
        <button type="button" class="ghost" aria-pressed=move || shown.get().to_string() on:click=move |_| shown.update(|s| *s = !*s)>
            {move || if shown.get() { shell.t(Key::HideTable) } else { shell.t(Key::ShowTable) }}
        </button>
    }
}

/// The customer-count pyramid beside the inverted profit pyramid.
#[component]
pub fn PyramidChart(summary: Vec<TierSummary>, on_tier: Callback<ValueTier>) -> impl IntoView {
    let shell = expect_context::<Shell>();
    let shown = RwSignal::new(false);
    let lang = shell.lang.get_untracked();
    let row_h = 46.0;
    let half = W / 2.0 - 10.0;
    let layer = |i: usize, share: f64, x_center: f64, tier: ValueTier, label: String| {
        // Minimum width keeps the 1 % VIP layer visible and clickable.
        let w = (share / 100.0 * half * 1.9).clamp(14.0, half);
        let y = 24.0 + i as f64 * row_h;
        let aria = label.clone();
        view! {
            <g>
                <rect class=format!("tier-hit tier-{}", tier.code()) x=x_center - w / 2.0 y=y width=w height=row_h - 6.0 rx="3"
                    tabindex="0" role="button" aria-label=aria
                    on:click=move |_| on_tier.run(tier)
                    on:keydown=move |ev| if activate_on_key(&ev) { ev.prevent_default(); on_tier.run(tier) }/>
                <text x=x_center y=y + row_h / 2.0 text-anchor="middle" dominant-baseline="middle" pointer-events="none">{label}</text>
            </g>
        }
    };
    let left = W / 4.0;
    let right = 3.0 * W / 4.0;
    let height = 24.0 + 4.0 * row_h + 10.0;
    let desc = pyramid_description(lang, &summary);
    let rows = summary.clone();
    view! {
        <figure class="chart">
            <h3 id="pyramid-title">{shell.t(Key::PyramidTitle)}</h3>
            // A group, not an image: its tier layers are buttons, and an image's
            // children are hidden from assistive technology.
            <svg viewBox=format!("0 0 {W} {height}") role="group" aria-labelledby="pyramid-svg-title" aria-describedby="pyramid-svg-desc">
                <title id="pyramid-svg-title">{shell.t(Key::PyramidTitle)}</title>
                <desc id="pyramid-svg-desc">{desc}</desc>
                <text x=left y="12" text-anchor="middle">{shell.t(Key::ShareOfCustomers)}</text>
                <text x=right y="12" text-anchor="middle">{shell.t(Key::ShareOfProfit)}</text>
                {summary.iter().enumerate().map(|(i, s)| view! {
                    {layer(i, s.customer_share, left, s.tier, format!("{} {}", tier_name(lang, s.tier), pct(s.customer_share)))}
                    {layer(i, s.profit_share.max(0.0), right, s.tier, format!("{} {}", tier_name(lang, s.tier), pct(s.profit_share)))}
                }).collect_view()}
            </svg>
            <DataToggle shown/>
            <Show when=move || shown.get()>
                <table>
                    <thead><tr>
                        <th scope="col">{shell.t(Key::Tier)}</th><th scope="col" class="num">{shell.t(Key::CustomerCount)}</th>
                        <th scope="col" class="num">{shell.t(Key::ShareOfCustomers)}</th><th scope="col" class="num">{shell.t(Key::Profit)}</th>
                        <th scope="col" class="num">{shell.t(Key::ShareOfProfit)}</th>
                    </tr></thead>
                    <tbody>
                        {rows.iter().map(|s| view! {
                            <tr><th scope="row">{tier_name(lang, s.tier)}</th><td class="num">{s.customers}</td>
                            <td class="num">{pct(s.customer_share)}</td><td class="num">{s.profit}</td><td class="num">{pct(s.profit_share)}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </Show>
        </figure>
    }
}

#[component]
pub fn ParetoChart(
    bars: Vec<ParetoBar>,
    counts: AbcCounts,
    a_percent: u32,
    b_percent: u32,
    on_class: Callback<AbcClass>,
) -> impl IntoView {
    let shell = expect_context::<Shell>();
    let shown = RwSignal::new(false);
    let (h, top, bottom) = (220.0, 10.0, 200.0);
    let plot_h = bottom - top;
    let max = bars.iter().map(|b| b.revenue).max().unwrap_or(1).max(1) as f64;
    let bw = W / bars.len().max(1) as f64;
    let y_of = |percent: f64| bottom - percent.clamp(0.0, 100.0) / 100.0 * plot_h;
    let curve = bars
        .iter()
        .enumerate()
        .map(|(i, b)| {
            format!(
                "{:.1},{:.1}",
                (i as f64 + 1.0) * bw,
                y_of(b.cumulative_percent)
            )
        })
        .collect::<Vec<_>>()
        .join(" ");
    let desc = pareto_description(shell.lang.get_untracked(), &counts, a_percent, b_percent);
    view! {
        <figure class="chart">
            <h3>{shell.t(Key::ParetoTitle)}</h3>
            <svg viewBox=format!("0 0 {W} {h}") role="img" aria-labelledby="pareto-svg-title pareto-svg-desc">
                <title id="pareto-svg-title">{shell.t(Key::ParetoTitle)}</title>
                <desc id="pareto-svg-desc">{desc}</desc>
                {bars.iter().enumerate().map(|(i, b)| {
                    let bh = (b.revenue.max(0) as f64 / max * plot_h).max(0.5);
                    view! { <rect class=format!("class-{}", abc_name(b.class).to_lowercase()) x=i as f64 * bw y=bottom - bh width=(bw - 0.5).max(0.5) height=bh/> }
                }).collect_view()}
                <line class="guide" x1="0" x2=W y1=y_of(a_percent as f64) y2=y_of(a_percent as f64)/>
                <line class="guide" x1="0" x2=W y1=y_of(b_percent as f64) y2=y_of(b_percent as f64)/>
                <text x=W - 2.0 y=y_of(a_percent as f64) - 3.0 text-anchor="end">{format!("{a_percent}%")}</text>
                <text x=W - 2.0 y=y_of(b_percent as f64) - 3.0 text-anchor="end">{format!("{b_percent}%")}</text>
                <polyline class="curve" points=curve/>
                <line class="axis" x1="0" x2=W y1=bottom y2=bottom/>
            </svg>
            <div class="class-buttons">
                {[AbcClass::A, AbcClass::B, AbcClass::C].into_iter().map(|c| view! {
                    <button type="button" on:click=move |_| on_class.run(c)>
                        {move || abc_class_button(shell.lang.get(), c, counts.get(c))}
                    </button>
                }).collect_view()}
            </div>
            <DataToggle shown/>
            <Show when=move || shown.get()>
                <table>
                    <thead><tr><th scope="col">{shell.t(Key::AbcClassLabel)}</th><th scope="col" class="num">{shell.t(Key::CustomerCount)}</th></tr></thead>
                    <tbody>
                        {[AbcClass::A, AbcClass::B, AbcClass::C].into_iter().map(|c| view! {
                            <tr><th scope="row">{abc_name(c)}</th><td class="num">{counts.get(c)}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </Show>
        </figure>
    }
}

/// Cumulative profit by rank; where the curve rises above 100 %, loss-making
/// customers at the tail are eating profit the best customers made.
#[component]
pub fn WhaleChart(
    points: Vec<(f64, f64)>,
    peak_rank_percent: f64,
    peak_percent: f64,
) -> impl IntoView {
    let shell = expect_context::<Shell>();
    let shown = RwSignal::new(false);
    let (h, top, bottom) = (220.0, 10.0, 200.0);
    let max_y = points.iter().map(|p| p.1).fold(100.0_f64, f64::max) * 1.05;
    let min_y = points.iter().map(|p| p.1).fold(0.0_f64, f64::min);
    let y_of = |v: f64| bottom - (v - min_y) / (max_y - min_y).max(1.0) * (bottom - top);
    let line = points
        .iter()
        .map(|(x, y)| format!("{:.1},{:.1}", x / 100.0 * W, y_of(*y)))
        .collect::<Vec<_>>()
        .join(" ");
    let desc = whale_peak_text(shell.lang.get_untracked(), peak_rank_percent, peak_percent);
    let table_rows: Vec<(f64, f64)> = points
        .iter()
        .copied()
        .step_by((points.len() / 10).max(1))
        .collect();
    view! {
        <figure class="chart">
            <h3>{shell.t(Key::WhaleTitle)}</h3>
            <svg viewBox=format!("0 0 {W} {h}") role="img" aria-labelledby="whale-svg-title whale-svg-desc">
                <title id="whale-svg-title">{shell.t(Key::WhaleTitle)}</title>
                <desc id="whale-svg-desc">{desc.clone()}</desc>
                <line class="guide" x1="0" x2=W y1=y_of(100.0) y2=y_of(100.0)/>
                <text x="2" y=y_of(100.0) - 3.0>"100%"</text>
                <line class="axis" x1="0" x2=W y1=y_of(0.0) y2=y_of(0.0)/>
                <polyline class="curve" points=line/>
                <circle cx=peak_rank_percent / 100.0 * W cy=y_of(peak_percent) r="4" fill="#b3261e"/>
                <text x=(peak_rank_percent / 100.0 * W + 6.0).min(W - 90.0) y=y_of(peak_percent) - 6.0>{format!("{peak_percent:.0}%")}</text>
            </svg>
            <p class="muted">{desc}</p>
            <DataToggle shown/>
            <Show when=move || shown.get()>
                <table>
                    <thead><tr><th scope="col" class="num">{shell.t(Key::ShareOfCustomers)}</th><th scope="col" class="num">{shell.t(Key::CumulativeProfit)}</th></tr></thead>
                    <tbody>
                        {table_rows.iter().map(|(x, y)| view! { <tr><td class="num">{pct(*x)}</td><td class="num">{pct(*y)}</td></tr> }).collect_view()}
                    </tbody>
                </table>
            </Show>
        </figure>
    }
}
