//! Labelled form fields shared by every form: a label tied to its control, the
//! field's error below it announced through `aria-describedby`, and
//! `aria-invalid` while there is one. Tests find controls by these labels.

use leptos::prelude::*;

/// The control of a text field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextKind {
    /// `<input type=…>`: "text", "date", "datetime-local", "email"…
    Input(&'static str),
    /// `<textarea rows=…>`.
    Area(u32),
}

#[component]
pub fn TextField(
    /// The control's DOM id; the error line is `{id}-error`.
    id: String,
    #[prop(into)] label: Signal<String>,
    #[prop(into)] value: Signal<String>,
    on_input: Callback<String>,
    #[prop(into)] error: Signal<Option<String>>,
    #[prop(default = TextKind::Input("text"))] kind: TextKind,
    #[prop(optional)] required: bool,
    #[prop(default = None)] list: Option<&'static str>,
    #[prop(default = None)] placeholder: Option<&'static str>,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    let invalid = move || error.with(Option::is_some).to_string();
    let control = match kind {
        TextKind::Area(rows) => view! {
            <textarea id=id.clone() rows=rows prop:value=value aria-invalid=invalid
                aria-describedby=error_id.clone()
                on:input=move |ev| on_input.run(event_target_value(&ev))></textarea>
        }
        .into_any(),
        TextKind::Input(input_type) => view! {
            <input id=id.clone() type=input_type prop:value=value list=list placeholder=placeholder
                required=required aria-invalid=invalid aria-describedby=error_id.clone()
                on:input=move |ev| on_input.run(event_target_value(&ev)) />
        }
        .into_any(),
    };
    view! {
        <div class="field" class:has-error=move || error.with(Option::is_some)>
            <div class="label-row">
                <label for=id>{label}</label>
                {required.then(|| view! { <span class="required-mark" aria-hidden="true">"*"</span> })}
            </div>
            {control}
            <p id=error_id class="field-error">{error}</p>
        </div>
    }
}

/// One option of a [`SelectField`]: its code and its name in the UI language.
pub type SelectOption = (String, Signal<String>);

#[component]
pub fn SelectField(
    id: String,
    #[prop(into)] label: Signal<String>,
    #[prop(into)] value: Signal<String>,
    on_change: Callback<String>,
    #[prop(into)] error: Signal<Option<String>>,
    /// The empty first option ("Choose…"); none when the field always has a value.
    #[prop(optional, into)]
    placeholder: Option<Signal<String>>,
    options: Vec<SelectOption>,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    view! {
        <div class="field" class:has-error=move || error.with(Option::is_some)>
            <label for=id.clone()>{label}</label>
            <select id=id prop:value=value
                aria-invalid=move || error.with(Option::is_some).to_string()
                aria-describedby=error_id.clone()
                on:change=move |ev| on_change.run(event_target_value(&ev))>
                {placeholder.map(|text| view! { <option value="">{text}</option> })}
                {options.into_iter().map(|(code, name)| view! {
                    <option value=code>{name}</option>
                }).collect_view()}
            </select>
            <p id=error_id class="field-error">{error}</p>
        </div>
    }
}
