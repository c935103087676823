//! The reply panel: pick a scenario (suggested from the buyer's situation), see the
//! reply in the buyer's language filled from the record and the order, fill what
//! only the rep knows, then *Copy and log* puts it on the clipboard and on the
//! timeline in one step (the toast offers Undo).

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::Utc;
use leptos::prelude::*;

use crate::domain::complaints::Temperament;
use crate::domain::contacts::ContactChannel;
use crate::domain::customers::Customer;
use crate::domain::orders::Order;
use crate::domain::replies::{
    acknowledgement_for, known_values, latest_order, situation, LanguagePack, Placeholder,
    ReplyFacts, Resolved, Signature, Template, ValueSource,
};
use crate::i18n::{
    channel_name, placeholder_name, reply_fallback_note, reply_missing, template_problem_message,
    ui_text, Key,
};
use crate::services::replies::ReplySent;
use crate::ui::context::{Backend, ServiceDesk, Shell, ToastKind};
use crate::ui::replies::picker::ScenarioPicker;
use crate::ui::replies::{language_options, text_direction, use_reply_library};
use crate::web::intl::{self, BuyerLocale, NameKind};

/// What the complaint wizard tells the panel: the complaint being handled and the
/// temperament judged so far (the acknowledgement follows it as it changes).
#[derive(Clone, Copy)]
pub struct ComplaintReply {
    pub complaint_id: StoredValue<String>,
    pub temperament: Signal<Option<Temperament>>,
    /// The order number typed in the wizard.
    pub order_ref: Signal<String>,
}

/// The shipped packs the current reply needs: its language and the English
/// fallback.
#[derive(Clone, Default, PartialEq)]
struct Packs {
    chosen: Option<Arc<LanguagePack>>,
    english: Option<Arc<LanguagePack>>,
}

impl Packs {
    fn get(&self, language: &str) -> Option<&LanguagePack> {
        [&self.chosen, &self.english]
            .into_iter()
            .flatten()
            .map(|p| &**p)
            .find(|p| p.language == language)
    }
}

#[component]
pub fn ReplyPanel(
    customer: Customer,
    orders: Signal<Option<Result<Vec<Order>, String>>>,
    /// The order the reply is about, when opened from an order row.
    #[prop(into)]
    order_id: Signal<Option<String>>,
    #[prop(optional)] complaint: Option<ComplaintReply>,
    /// What the rep typed into the fields, kept by the page so a re-render of the
    /// record (another tab saving this customer) does not throw it away.
    #[prop(optional)]
    typed: Option<RwSignal<BTreeMap<Placeholder, String>>>,
) -> impl IntoView {
    let shell = expect_context::<Shell>();
    let backend = expect_context::<Backend>();
    let desk = expect_context::<ServiceDesk>();
    let library = use_reply_library();
    let shop_read = LocalResource::new(move || async move { backend.shop_name().await });

    let chosen_scenario: RwSignal<Option<String>> = RwSignal::new(None);
    let chosen_language: RwSignal<Option<String>> = RwSignal::new(None);
    let chosen_order: RwSignal<Option<String>> = RwSignal::new(None);
    let filled = typed.unwrap_or_else(|| RwSignal::new(BTreeMap::new()));
    let shop_typed: RwSignal<Option<String>> = RwSignal::new(None);
    let channel = RwSignal::new(ContactChannel::PlatformMessage);

    let customer = StoredValue::new(customer);
    let order_list = Memo::new(move |_| {
        orders.with(|o| {
            o.as_ref()
                .and_then(|o| o.as_ref().ok())
                .cloned()
                .unwrap_or_default()
        })
    });
    // The order: the one picked in the panel, else the row it was opened from,
    // else the complaint's order number, else the latest ("" = no order).
    let order = Memo::new(move |_| {
        let list = order_list.get();
        let wanted = chosen_order.get().or_else(|| order_id.get()).or_else(|| {
            complaint.and_then(|c| {
                let number = c.order_ref.get();
                list.iter()
                    .find(|o| !number.trim().is_empty() && o.number == number.trim())
                    .map(|o| o.id.clone())
            })
        });
        // A complaint about an order number the records lack is about no stored
        // order (the typed number still fills the reply).
        let typed_ref = complaint.is_some_and(|c| !c.order_ref.get().trim().is_empty());
        match wanted.as_deref() {
            Some("") => None,
            Some(id) => list.iter().find(|o| o.id == id).cloned(),
            None if typed_ref => None,
            None => latest_order(&list).cloned(),
        }
    });
    // Values typed for one order's fields do not carry over to another order.
    Effect::new(move |previous: Option<Option<String>>| {
        let id = order.with(|o| o.as_ref().map(|o| o.id.clone()));
        if previous.is_some_and(|p| p != id) {
            filled.update(|f| f.retain(|p, _| p.source() != ValueSource::Order));
        }
        id
    });
    let buyer_today = move || {
        customer
            .with_value(|c| intl::local_date(&c.time_zone, shell.now.get()))
            .unwrap_or_else(|| Utc::now().date_naive())
    };
    let suggestion = Memo::new(move |_| {
        let order = order.get();
        customer.with_value(|c| {
            let mut open = desk.complaints.with(|all| {
                all.iter()
                    .filter(|k| k.customer_id == c.id && k.state.is_active())
                    .max_by_key(|k| k.opened_at)
                    .cloned()
            });
            if let Some(wizard) = complaint {
                if let Some(k) = open.as_mut() {
                    k.temperament = wizard.temperament.get();
                }
                if open.is_none() {
                    return acknowledgement_for(wizard.temperament.get());
                }
            }
            situation(c, order.as_ref(), open.as_ref(), buyer_today())
        })
    });
    let suggested_id = Memo::new(move |_| {
        library.with(|l| match l {
            Some(Ok(library)) => library.suggested(suggestion.get()),
            _ => None,
        })
    });
    let scenario_id = Memo::new(move |_| {
        chosen_scenario
            .get()
            .or_else(|| suggested_id.get())
            .or_else(|| {
                library.with(|l| match l {
                    Some(Ok(library)) => library
                        .scenarios()
                        .into_iter()
                        .find(|v| v.enabled)
                        .map(|v| v.scenario.id),
                    _ => None,
                })
            })
    });
    let language = Memo::new(move |_| {
        chosen_language.get().unwrap_or_else(|| {
            library.with(|l| match l {
                Some(Ok(library)) => customer.with_value(|c| library.language_for(&c.language)),
                _ => "en".to_owned(),
            })
        })
    });
    let packs_read = LocalResource::new(move || {
        let language = language.get();
        async move {
            let chosen = backend.reply_pack(&language).await?;
            let english = backend.reply_pack("en").await?;
            Ok::<_, crate::ui::context::LibraryLoadError>(Packs { chosen, english })
        }
    });
    let packs = Memo::new(move |_| {
        packs_read
            .get()
            .map(|read| read.map_err(|e| e.message(shell.lang.get())))
    });
    let resolved: Memo<Option<Resolved>> = Memo::new(move |_| {
        let scenario = scenario_id.get()?;
        let language = language.get();
        library.with(|l| {
            let Some(Ok(library)) = l else { return None };
            packs.with(|p| {
                let Some(Ok(packs)) = p else { return None };
                library.resolve(&scenario, &language, |lang| packs.get(lang))
            })
        })
    });
    // The buyer's own tag (de-AT) when the reply is in their language, so dates and
    // amounts follow their region; the reply's language otherwise.
    let locale = move || {
        let language = resolved
            .with(|r| r.as_ref().map(|r| r.language.clone()))
            .unwrap_or_else(|| language.get());
        customer.with_value(|c| {
            let tag = c.language.trim().replace('_', "-");
            if tag.to_lowercase().starts_with(&language) {
                tag
            } else {
                language
            }
        })
    };
    let signature = move || Signature {
        rep_name: desk.rep_name.get(),
        shop_name: shop_typed
            .get()
            .unwrap_or_else(|| shop_read.get().and_then(Result::ok).unwrap_or_default()),
    };
    let rendered = Memo::new(move |_| {
        let resolved = resolved.get()?;
        let template = match Template::parse(&resolved.text) {
            Ok(t) => t,
            Err(problem) => return Some(Err(problem)),
        };
        // What the rep typed for the order's own fields stands in for them, so a
        // typed tracking number also gives the tracking link.
        let order = order.get().map(|mut o| {
            filled.with(|typed| {
                let typed = |p: Placeholder| {
                    typed
                        .get(&p)
                        .map(|v| v.trim().to_owned())
                        .filter(|v| !v.is_empty())
                };
                if let Some(carrier) = typed(Placeholder::Carrier) {
                    o.details.carrier = carrier;
                }
                if let Some(number) = typed(Placeholder::TrackingNumber) {
                    o.details.tracking_number = number;
                }
            });
            o
        });
        let signature = signature();
        let mut values = customer.with_value(|c| {
            let facts = ReplyFacts {
                customer: c,
                order: order.as_ref(),
                signature: &signature,
                buyer_today: buyer_today(),
            };
            known_values(&facts, resolved.name_form, &BuyerLocale(locale()))
        });
        if let Some(wizard) = complaint {
            let typed = wizard.order_ref.get().trim().to_owned();
            if !typed.is_empty() && !values.contains_key(&Placeholder::OrderNumber) {
                values.insert(Placeholder::OrderNumber, typed);
            }
        }
        filled.with(|typed| {
            for (p, v) in typed {
                if !v.trim().is_empty() {
                    values.insert(*p, v.clone());
                }
            }
        });
        let used = template.placeholders();
        // The link follows the tracking number: not asked for on its own while the
        // number it comes from can still be typed.
        let link_follows = used.contains(&Placeholder::TrackingNumber)
            && !values.contains_key(&Placeholder::TrackingNumber);
        let fields: Vec<Placeholder> = used
            .into_iter()
            .filter(|p| *p != Placeholder::TrackingLink || !link_follows)
            .filter(|p| {
                p.source() == ValueSource::Rep
                    || filled.with(|typed| typed.contains_key(p))
                    || !values.contains_key(p)
            })
            .collect();
        let mut rendered = template.render(&values);
        if link_follows {
            rendered.missing.retain(|p| *p != Placeholder::TrackingLink);
        }
        Some(Ok((rendered, fields)))
    });

    let copy = Action::new_local(move |_: &()| async move {
        let Some(Some(Ok((reply, _)))) = rendered.try_get_untracked() else {
            return;
        };
        if !reply.ready() {
            return;
        }
        if intl::copy_to_clipboard(&reply.text).is_err() {
            shell.notify(ToastKind::Error, shell.t(Key::CopyFailed).into(), None);
            return;
        }
        if let Some(shop) = filled.with_untracked(|f| f.get(&Placeholder::ShopName).cloned()) {
            if let Err(e) = backend.save_shop_name(&shop).await {
                shell.notify_error(&e);
            }
            shop_typed.set(Some(shop));
        }
        let name = library.with_untracked(|l| {
            let lang = shell.lang.get_untracked();
            match (l, scenario_id.get_untracked()) {
                (Some(Ok(library)), Some(id)) => library
                    .scenario(&id)
                    .map(|v| ui_text(lang, &v.scenario.name).to_owned())
                    .unwrap_or(id),
                (_, id) => id.unwrap_or_default(),
            }
        });
        let customer = customer.get_value();
        let complaint_id = complaint.map(|c| c.complaint_id.get_value());
        let rep = filled
            .with_untracked(|f| f.get(&Placeholder::RepName).cloned())
            .filter(|typed| !typed.trim().is_empty())
            .unwrap_or_else(|| desk.rep_name.get_untracked());
        let sent = ReplySent {
            customer: &customer,
            channel: channel.get_untracked(),
            rep: &rep,
            scenario_name: &name,
            complaint_id: complaint_id.as_deref(),
        };
        match backend.log_reply(&sent).await {
            // Sent: the next reply starts from the record again.
            Ok(()) => filled.set(BTreeMap::new()),
            Err(e) => shell.notify_error(&e),
        }
    });

    let language_choices = move || {
        let languages = library.with(|l| match l {
            Some(Ok(library)) => library.languages(),
            _ => Vec::new(),
        });
        language_options(languages, &language.get())
    };
    let order_options = move || {
        let lang = shell.lang.get();
        let current = order.get().map(|o| o.id).unwrap_or_default();
        let mut options = vec![view! {
            <option value="" selected=current.is_empty()>{crate::i18n::text(lang, Key::NoOrderChosen)}</option>
        }];
        options.extend(order_list.get().into_iter().map(|o| {
            let label = format!(
                "{} · {} · {}",
                o.number,
                intl::format_date(o.placed_on, lang.code()),
                crate::i18n::order_status_name(lang, o.status)
            );
            view! { <option value=o.id.clone() selected=current == o.id>{label}</option> }
        }));
        options.collect_view()
    };
    let fallback_note = move || {
        resolved.get().filter(|r| r.fell_back).map(|_| {
            let lang = shell.lang.get();
            let wanted = language.get();
            let name = intl::display_name(NameKind::Language, &wanted, lang.code()).unwrap_or(wanted);
            view! { <p class="notice" role="status" data-testid="reply-fallback">{reply_fallback_note(lang, &name)}</p> }
        })
    };
    let fill_fields = move || {
        let fields = rendered.with(|r| match r {
            Some(Ok((_, fields))) => fields.clone(),
            _ => Vec::new(),
        });
        (!fields.is_empty()).then(|| view! {
            <fieldset class="reply-fill">
                <legend>{shell.tr(Key::ReplyFillIn)}</legend>
                {fields.into_iter().map(|p| {
                    let id = format!("reply-fill-{}", p.code());
                    view! {
                        <div class="field">
                            <label for=id.clone()>{move || placeholder_name(shell.lang.get(), p)}</label>
                            <input id=id type="text"
                                prop:value=move || filled.with(|f| f.get(&p).cloned().unwrap_or_default())
                                on:input=move |ev| {
                                    let value = event_target_value(&ev);
                                    filled.update(|f| { f.insert(p, value); });
                                }/>
                        </div>
                    }
                }).collect_view()}
                {move || {
                    let signature_asked = rendered.with(|r| matches!(r, Some(Ok((_, f))) if f.iter().any(|p| p.source() == ValueSource::Signature)));
                    signature_asked.then(|| view! { <p class="muted">{shell.t(Key::SignatureRemembered)}</p> })
                }}
            </fieldset>
        })
    };
    let preview = move || {
        match rendered.get() {
        None => {
            let message = library
                .with(|l| l.as_ref().and_then(|r| r.as_ref().err().cloned()))
                .or_else(|| packs.with(|p| p.as_ref().and_then(|r| r.as_ref().err().cloned())));
            match message {
                Some(message) => view! { <p class="error-panel" role="alert">{message}</p> }.into_any(),
                None if library.with(Option::is_none) || packs.with(Option::is_none) => {
                    view! { <p class="muted">{shell.t(Key::ReplyLoading)}</p> }.into_any()
                }
                None => view! { <p class="muted">{shell.t(Key::ReplyNoText)}</p> }.into_any(),
            }
        }
        Some(Err(problem)) => view! {
            <p class="error-panel" role="alert">{template_problem_message(shell.lang.get(), &problem)}</p>
        }
        .into_any(),
        Some(Ok((reply, _))) => {
            let language = resolved.with(|r| r.as_ref().map(|r| r.language.clone())).unwrap_or_default();
            let dir = text_direction(&language);
            let missing = reply.missing.clone();
            view! {
                <div class="reply-preview" role="region" aria-label=move || shell.t(Key::ReplyPreview)
                    lang=language dir=dir data-testid="reply-preview">{reply.text}</div>
                {(!missing.is_empty()).then(|| view! {
                    <p class="field-error" id="reply-missing" data-testid="reply-missing">{move || reply_missing(shell.lang.get(), &missing)}</p>
                })}
            }
            .into_any()
        }
    }
    };
    let ready = move || rendered.with(|r| matches!(r, Some(Ok((reply, _))) if reply.ready()));
    let purpose = move || {
        let lang = shell.lang.get();
        let id = scenario_id.get()?;
        library.with(|l| match l {
            Some(Ok(library)) => library
                .scenario(&id)
                .map(|v| ui_text(lang, &v.scenario.purpose).to_owned()),
            _ => None,
        })
    };

    view! {
        <div class="reply-panel">
            <ScenarioPicker library=library selected=scenario_id suggested=suggested_id autofocus=complaint.is_none()
                on_pick=Callback::new(move |id| chosen_scenario.set(Some(id)))/>
            <div class="reply-compose">
                <p class="muted">{purpose}</p>
                <div class="reply-options">
                    <div class="field">
                        <label for="reply-language">{shell.tr(Key::ReplyLanguage)}</label>
                        <select id="reply-language" on:change=move |ev| chosen_language.set(Some(event_target_value(&ev)))>
                            {language_choices}
                        </select>
                    </div>
                    <div class="field">
                        <label for="reply-order">{shell.tr(Key::ReplyOrder)}</label>
                        <select id="reply-order" on:change=move |ev| chosen_order.set(Some(event_target_value(&ev)))>
                            {order_options}
                        </select>
                    </div>
                    <div class="field">
                        <label for="reply-channel">{shell.tr(Key::ReplyChannel)}</label>
                        <select id="reply-channel" on:change=move |ev| {
                            if let Some(c) = ContactChannel::from_code(&event_target_value(&ev)) { channel.set(c); }
                        }>
                            {move || ContactChannel::ALL.into_iter().map(|c| view! {
                                <option value=c.code() selected=channel.get() == c>{channel_name(shell.lang.get(), c)}</option>
                            }).collect_view()}
                        </select>
                    </div>
                </div>
                {fallback_note}
                {fill_fields}
                {preview}
                <button type="button" class="primary" disabled=move || !ready() || copy.pending().get()
                    aria-describedby="reply-missing"
                    on:click=move |_| { copy.dispatch(()); }>{shell.tr(Key::CopyAndLog)}</button>
            </div>
        </div>
    }
}
